// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntDialect.cpp - qint dialect registration --------------*- C++ -*-===//

#include "qat/Dialect/QInt/IR/QIntDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "qat/Dialect/Common/BoundaryAttributes.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::qint;

#include "qat/Dialect/QInt/IR/QIntOpsDialect.cpp.inc"

#include "qat/Dialect/QInt/IR/QIntEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "qat/Dialect/QInt/IR/QIntAttrs.cpp.inc"

void QIntDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "qat/Dialect/QInt/IR/QIntOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "qat/Dialect/QInt/IR/QIntAttrs.cpp.inc"
      >();
}

LogicalResult QIntDialect::verifyRegionArgAttribute(Operation *op, unsigned,
                                                    unsigned argIndex,
                                                    NamedAttribute attribute) {
  return mlir::qat::verifyBoundaryAttribute(op, "argument", argIndex,
                                            attribute);
}

LogicalResult QIntDialect::verifyRegionResultAttribute(
    Operation *op, unsigned, unsigned resultIndex, NamedAttribute attribute) {
  return mlir::qat::verifyBoundaryAttribute(op, "result", resultIndex,
                                            attribute);
}
