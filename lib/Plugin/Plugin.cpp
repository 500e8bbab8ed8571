// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Plugin.cpp - qat as a plugin of upstream mlir-opt ------------------===//
//
// One shared library for both of mlir-opt's plugin kinds:
//   mlir-opt-22 --load-dialect-plugin=libQATPlugin.so \
//               --load-pass-plugin=libQATPlugin.so model.mlir --qat-to-int8
// It links the same libMLIR.so as mlir-opt, so the dialects and passes it
// registers land in mlir-opt's own registries.
//
//===----------------------------------------------------------------------===//

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "qat/InitAllDialects.h"
#include "qat/InitAllPasses.h"
#include "llvm/Config/llvm-config.h"

using namespace mlir;

extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {
      MLIR_PLUGIN_API_VERSION, "qat", LLVM_VERSION_STRING,
      [](DialectRegistry *registry) { qat::registerAllDialects(*registry); }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "qat", LLVM_VERSION_STRING,
          []() { qat::registerAllPasses(); }};
}
