// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Passes.h - level-changing passes -------------------------*- C++ -*-===//

#ifndef QAT_CONVERSION_PASSES_H
#define QAT_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Pass/Pass.h"
#include "qat/Dialect/QInt/IR/QIntDialect.h"

namespace mlir::qat {
#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "qat/Conversion/Passes.h.inc"
} // namespace mlir::qat

#endif // QAT_CONVERSION_PASSES_H
