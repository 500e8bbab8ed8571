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

LogicalResult QATDialect::verifyOperationAttribute(Operation *op,
                                                   NamedAttribute attribute) {
  StringRef name = attribute.getName().strref();
  Attribute value = attribute.getValue();
  if (name != kRecordedRounding && name != kRecordedDefaultRange &&
      name != kRecordedInt16Activations && name != kRecordedPackFourBitWeights)
    return success();
  if (!isa<ModuleOp>(op))
    return op->emitError() << "'" << name
                           << "' records a compile option of a module; it "
                              "belongs on the builtin.module";
  auto text = dyn_cast<StringAttr>(value);
  auto range = dyn_cast<DenseF64ArrayAttr>(value);
  auto layers = dyn_cast<ArrayAttr>(value);
  bool valid =
      name == kRecordedRounding
          ? text && (text.getValue() == "double" || text.getValue() == "single")
      : name == kRecordedDefaultRange
          ? range && range.size() == 2 && range[0] < range[1]
      : name == kRecordedInt16Activations
          ? layers && llvm::all_of(layers, llvm::IsaPred<StringAttr>)
          : isa<UnitAttr>(value);
  if (valid)
    return success();
  StringRef form =
      name == kRecordedRounding       ? "\"double\" or \"single\""
      : name == kRecordedDefaultRange ? "array<f64: min, max> with min < max"
      : name == kRecordedInt16Activations ? "an array of layer names (strings)"
                                          : "a unit attribute";
  return op->emitError() << "'" << name << "' must be " << form << ", not "
                         << value;
}
