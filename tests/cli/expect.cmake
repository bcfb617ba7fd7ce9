# Runs one command and checks its exit code and what it printed.
#   cmake -DCOMMAND="a|b|c" -DEXPECT_CODE=2 [-DEXPECT_STDOUT=regex] [-DEXPECT_STDERR=regex]
#         [-DGOLDEN=file] -P expect.cmake
# GOLDEN compares standard output byte for byte with a file.
string(REPLACE "|" ";" COMMAND "${COMMAND}")
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code STREQUAL EXPECT_CODE)
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_CODE}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match /${EXPECT_STDOUT}/:\n${out}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match /${EXPECT_STDERR}/:\n${err}")
endif()
if(DEFINED GOLDEN)
  file(READ "${GOLDEN}" expected)
  if(NOT out STREQUAL expected)
    string(REPLACE ";" " " shown "${COMMAND}")
    file(WRITE "${GOLDEN}.actual" "${out}")
    message(FATAL_ERROR "output differs from ${GOLDEN} (actual output in ${GOLDEN}.actual).\n"
                        "If the change is intended, regenerate it with:\n  ${shown} > ${GOLDEN}")
  endif()
endif()
