// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InitAllDialects.cpp - every dialect qat tools load -------*- C++ -*-===//

#include "qat/InitAllDialects.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "qat/Conversion/QIntToLoops/LoopKernels.h"
#include "qat/Dialect/QAT/IR/QATDialect.h"
#include "qat/Dialect/QInt/IR/QIntDialect.h"
#include "qat/Interpreter/Interpreter.h"

void mlir::qat::registerAllDialects(DialectRegistry &registry) {
  registerQATDialect(registry);
  registry.insert<qint::QIntDialect>();
  registry.insert<arith::ArithDialect, func::FuncDialect, linalg::LinalgDialect,
                  quant::QuantDialect, tensor::TensorDialect>();
  // Each backend's side of the ops, attached as external models.
  registerInterpreterKernels(registry);
  registerLoopKernels(registry);
}
