# Runs one command and checks that it succeeds and that no line of its standard output is wider
# than MAX_WIDTH columns.
#   cmake -DCOMMAND="a|b|c" -DMAX_WIDTH=120 -P line_width.cmake
cmake_policy(SET CMP0007 NEW)
string(REPLACE "|" ";" COMMAND "${COMMAND}")
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "exit code ${code}\nstdout:\n${out}\nstderr:\n${err}")
endif()
# string(LENGTH) counts bytes: the tables' three characters outside ASCII are one column each.
# Brackets and semicolons would confuse CMake's list splitting.
set(text "${out}")
string(REPLACE "Δ" "D" text "${text}")
string(REPLACE "±" "+" text "${text}")
string(REPLACE "…" "." text "${text}")
string(REPLACE "[" "(" text "${text}")
string(REPLACE "]" ")" text "${text}")
string(REPLACE ";" "," text "${text}")
string(REPLACE "\n" ";" lines "${text}")
list(LENGTH lines count)
if(count LESS 10)
  message(FATAL_ERROR "only ${count} lines:\n${out}")
endif()
foreach(line IN LISTS lines)
  string(LENGTH "${line}" width)
  if(width GREATER MAX_WIDTH)
    message(FATAL_ERROR "a line is ${width} columns wide, more than ${MAX_WIDTH}:\n${line}\n\nwhole output:\n${out}")
  endif()
endforeach()
