// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QATDialect.cpp - qat dialect registration ----------------*- C++ -*-===//

#include "qat/Dialect/QAT/IR/QATDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "qat/Dialect/Common/BoundaryAttributes.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::qat;

#include "qat/Dialect/QAT/IR/QATOpsDialect.cpp.inc"

#include "qat/Dialect/QAT/IR/QATEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "qat/Dialect/QAT/IR/QATAttrs.cpp.inc"

void QATDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "qat/Dialect/QAT/IR/QATOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "qat/Dialect/QAT/IR/QATAttrs.cpp.inc"
      >();
}

void mlir::qat::registerQATDialect(DialectRegistry &registry) {
  registry.insert<QATDialect>();
}

LogicalResult QATDialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                   unsigned argIndex,
                                                   NamedAttribute attribute) {
  return mlir::qat::verifyBoundaryAttribute(op, "argument", argIndex,
                                            attribute);
}

LogicalResult QATDialect::verifyRegionResultAttribute(
    Operation *op, unsigned, unsigned resultIndex, NamedAttribute attribute) {
  return mlir::qat::verifyBoundaryAttribute(op, "result", resultIndex,
                                            attribute);
}
