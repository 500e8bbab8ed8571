# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#===- QATFirmware.cmake - a qat model in a firmware build -----*- cmake -*-===//
#
#   qat_add_model(<target> MODEL <model.onnx|model.mlir> [NAME <name>]
#                 [OPTIONS <qat-compile options>...])
#
# Runs qat-compile (--emit=c) at build time, whenever the model changes, and
# adds NAME.c to <target>, NAME.h (and NAME.json) to its include path, and
# the C runtime, built with the target's own compiler and flags. Works in a
# cross build (arm-none-eabi): qat-compile runs on the host.
# QAT_COMPILE names qat-compile (QATConfig.cmake sets it); QAT_RUNTIME_DIR
# the runtime's sources.
#
#===----------------------------------------------------------------------===//

function(qat_add_model target)
  cmake_parse_arguments(ARG "" "MODEL;NAME" "OPTIONS" ${ARGN})
  if(NOT ARG_MODEL)
    message(FATAL_ERROR "qat_add_model(${target}): MODEL is required")
  endif()
  if(NOT QAT_COMPILE OR NOT QAT_RUNTIME_DIR)
    message(FATAL_ERROR "qat_add_model: set QAT_COMPILE and QAT_RUNTIME_DIR "
                        "(find_package(QAT) does)")
  endif()
  get_filename_component(model "${ARG_MODEL}" ABSOLUTE)
  if(NOT ARG_NAME)
    get_filename_component(ARG_NAME "${model}" NAME_WE)
    string(MAKE_C_IDENTIFIER "${ARG_NAME}" ARG_NAME)
  endif()
  set(out "${CMAKE_CURRENT_BINARY_DIR}/qat/${ARG_NAME}")
  add_custom_command(
    OUTPUT "${out}/${ARG_NAME}.c" "${out}/${ARG_NAME}.h"
           "${out}/${ARG_NAME}.json"
    COMMAND "${QAT_COMPILE}" "${model}" --emit=c --name ${ARG_NAME}
            -o "${out}" ${ARG_OPTIONS}
    DEPENDS "${model}" "${QAT_COMPILE}"
    COMMENT "qat-compile ${ARG_MODEL} -> ${ARG_NAME}.c"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}/${ARG_NAME}.c")
  target_include_directories(${target} PRIVATE "${out}")
  if(NOT TARGET qat_firmware_runtime)
    file(GLOB sources "${QAT_RUNTIME_DIR}/src/*.c")
    add_library(qat_firmware_runtime STATIC ${sources})
    target_include_directories(qat_firmware_runtime
                               PUBLIC "${QAT_RUNTIME_DIR}/include")
    set_target_properties(qat_firmware_runtime PROPERTIES C_STANDARD 99)
  endif()
  target_link_libraries(${target} PRIVATE qat_firmware_runtime)
endfunction()
