// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- qat-npy-fuzzer.cpp - libFuzzer over .npy files and qat-run ---------===//
//
// The input is a .npy file: read as qat-run reads it, checked against a
// small model's input, and run through the interpreter at both levels (the
// fake-quant graph and a qint program), as qat-run would. Any input may be
// refused; none may crash, leak or trip a sanitizer.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "qat/InitAllDialects.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Interpreter/Npy.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

using namespace mlir;

static const char kModel[] = R"mlir(
func.func @graph(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  %y = qat.relu %xq : tensor<1x4xf32>
  %yq = qat.fake_quant %y {min = array<f64: -1.0>, max = array<f64: 1.0>} : tensor<1x4xf32>
  return %yq : tensor<1x4xf32>
}
func.func @program(%x: tensor<1x4xi8>) -> tensor<1x4xi8> {
  %y = qint.requantize %x {input_zp = 3, output_zp = -5, multiplier = array<i32: 1518500250>, shift = array<i32: -1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<1x4xi8> -> tensor<1x4xi8>
  return %y : tensor<1x4xi8>
}
)mlir";

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The reader takes a path, as qat-run does.
  llvm::SmallString<64> path;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("qat-npy-fuzz", "npy", fd, path))
    return 0;
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os.write(reinterpret_cast<const char *>(data), size);
  }
  llvm::Expected<qat::Tensor> tensor = qat::readNpy(path);
  llvm::sys::fs::remove(path);
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return 0;
  }

  DialectRegistry registry;
  qat::registerAllDialects(registry);
  MLIRContext context(registry);
  ScopedDiagnosticHandler silence(&context, [](Diagnostic &) {});
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kModel, &context);
  if (!module)
    __builtin_trap(); // The model above is valid: a failure is a bug.
  for (auto func : module->getOps<func::FuncOp>()) {
    if (qat::checkInputs(func, {*tensor}))
      continue;
    (void)qat::runFunction(func, {*tensor});
  }
  return 0;
}
