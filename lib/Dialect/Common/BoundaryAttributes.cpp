// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- BoundaryAttributes.cpp - attributes on a model's ports -------------===//

#include "qat/Dialect/Common/BoundaryAttributes.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <cmath>

using namespace mlir;

bool qat::isBoundaryLayout(StringRef layout) {
  return layout == "NHWC" || layout == "NCHW" || layout == "NCL";
}

LogicalResult qat::verifyBoundaryAttribute(Operation *op, StringRef kind,
                                           unsigned index,
                                           NamedAttribute attribute) {
  StringRef name = attribute.getName().getValue();
  Attribute value = attribute.getValue();
  // port_c1 (qat); qint_port_c1, qint_port_c2, qint_port_c3 (qint).
  StringRef prefix = name.starts_with("qint.") ? "qint_port" : "port";
  if (name == "qat.layout" || name == "qint.layout" ||
      name == "qat.source_layout" || name == "qint.source_layout") {
    auto layout = dyn_cast<StringAttr>(value);
    if (layout && isBoundaryLayout(layout.getValue()))
      return success();
    return op->emitOpError()
           << kind << " " << index << " has " << name << " " << value
           << "; a layout is \"NHWC\", \"NCHW\" or \"NCL\" [" << prefix
           << "_c1]";
  }
  if (name == "qint.scale") {
    auto scale = dyn_cast<FloatAttr>(value);
    if (scale && std::isfinite(scale.getValueAsDouble()) &&
        scale.getValueAsDouble() > 0)
      return success();
    return op->emitOpError()
           << kind << " " << index << " has " << name << " " << value
           << "; a scale is a finite positive float [" << prefix << "_c2]";
  }
  if (name == "qint.zero_point") {
    auto zeroPoint = dyn_cast<IntegerAttr>(value);
    if (zeroPoint && zeroPoint.getValue().getSignificantBits() <= 16)
      return success();
    return op->emitOpError()
           << kind << " " << index << " has " << name << " " << value
           << "; a zero point is an integer of an int8 or "
              "int16 port ["
           << prefix << "_c3]";
  }
  return success();
}
