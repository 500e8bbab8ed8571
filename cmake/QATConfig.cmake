# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#===- QATConfig.cmake - qat as an installed CMake package -----*- cmake -*-===//
#
#   find_package(QAT CONFIG REQUIRED)     # with CMAKE_PREFIX_PATH=<prefix>
#
# Imported targets (static libraries over Debian's libMLIR.so):
#   QAT::QATDialect QAT::QIntDialect     the dialects
#   QAT::QATTransforms QAT::QIntTransforms QAT::QATToQInt QAT::QIntToLoops
#                                         passes
#   QAT::QATPipelines QAT::QATRegistration (qat::registerAllDialects,
#                                         registerAllPasses)
#   QAT::QATCompiler                     the driver (Compilation, reports,
#                                         calibration)
#   QAT::QATTargetC QAT::QATTargetONNX   the C emitter, the ONNX importer
#   QAT::QATTargetTFLite                 the TFLite importer
#   QAT::QATTargetModelFile              parseModelFile: .onnx, .tflite, .mlir
#   QAT::QATInterpreter QAT::QATNumerics the reference interpreter
#   QAT::qat_runtime                     the C runtime, built for the host
# Variables: QAT_INCLUDE_DIRS, QAT_TOOLS_DIR, QAT_RUNTIME_DIR, QAT_COMPILE.
# Functions: qat_add_model (QATFirmware.cmake), for firmware builds.
#
#===----------------------------------------------------------------------===//

get_filename_component(QAT_PREFIX "${CMAKE_CURRENT_LIST_DIR}/../../.."
                       ABSOLUTE)
set(QAT_INCLUDE_DIRS "${QAT_PREFIX}/include")
set(QAT_TOOLS_DIR "${QAT_PREFIX}/bin")
set(QAT_RUNTIME_DIR "${QAT_PREFIX}/share/qat/runtime")
set(QAT_COMPILE "${QAT_TOOLS_DIR}/qat-compile")

# The C++ libraries need MLIR; a firmware build (a cross compiler, no MLIR)
# only needs qat_add_model and the runtime's sources.
if(NOT CMAKE_CROSSCOMPILING)
  include(CMakeFindDependencyMacro)
  if(NOT MLIR_DIR AND EXISTS /usr/lib/llvm-22/lib/cmake/mlir)
    set(MLIR_DIR /usr/lib/llvm-22/lib/cmake/mlir)
  endif()
  find_dependency(MLIR CONFIG)
  find_dependency(Protobuf)     # protobuf::libprotobuf, which onnx_proto uses
  find_dependency(ONNX CONFIG)  # onnx_proto, for QAT::QATTargetONNX
  include("${CMAKE_CURRENT_LIST_DIR}/QATTargets.cmake")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/QATFirmware.cmake")
