# Shared compile settings and the one function every layer uses to declare itself.

add_library(txsim_settings INTERFACE)
add_library(txsim::settings ALIAS txsim_settings)
target_compile_features(txsim_settings INTERFACE cxx_std_20)
target_include_directories(txsim_settings INTERFACE $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>)
# Bit-identical floating point across builds: no fused multiply-add contraction.
target_compile_options(txsim_settings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-ffp-contract=off -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>)
if(TXSIM_VALIDATE)
  target_compile_definitions(txsim_settings INTERFACE TXSIM_VALIDATE=1)
endif()
if(TXSIM_SANITIZE)
  target_compile_options(txsim_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(txsim_settings INTERFACE -fsanitize=address,undefined)
endif()
if(TXSIM_WERROR)
  target_compile_options(txsim_settings INTERFACE -Werror)
endif()
if(TXSIM_FUZZ)
  # Coverage feedback from every layer; float-cast-overflow is not part of "undefined".
  set(fuzz_sanitizers address,undefined,float-cast-overflow)
  target_compile_options(txsim_settings INTERFACE -fsanitize=fuzzer-no-link,${fuzz_sanitizers}
                                                  -fno-sanitize-recover=all -fno-omit-frame-pointer -gline-tables-only)
  target_link_options(txsim_settings INTERFACE -fsanitize=${fuzz_sanitizers})
endif()
install(TARGETS txsim_settings EXPORT txsimTargets)

set(TXSIM_LAYERS "" CACHE INTERNAL "")

# txsim_add_layer(<name> SOURCES ... DEPS ... [PRIVATE_DEPS ...])
# Declares the library target txsim_<name> with the alias txsim::<name>. Layers with no
# sources are header-only INTERFACE libraries.
function(txsim_add_layer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  set(target txsim_${name})
  if(ARG_SOURCES)
    add_library(${target} STATIC ${ARG_SOURCES})
    target_include_directories(${target}
      PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>
      PRIVATE ${PROJECT_SOURCE_DIR}/sim)
    target_link_libraries(${target} PUBLIC txsim::settings ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    set_target_properties(${target} PROPERTIES EXPORT_NAME ${name} POSITION_INDEPENDENT_CODE ON)
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target}
      INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
    target_link_libraries(${target} INTERFACE txsim::settings ${ARG_DEPS})
    set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  endif()
  add_library(txsim::${name} ALIAS ${target})
  set(TXSIM_LAYERS ${TXSIM_LAYERS} ${target} CACHE INTERNAL "")
endfunction()
