// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Location.cpp - locations in the user's terms -----------------------===//

#include "qat/Support/Location.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

std::string mlir::qat::describeLocation(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    std::string text = file.getFilename().str();
    if (file.getLine() != 0)
      text += ":" + std::to_string(file.getLine()) + ":" +
              std::to_string(file.getColumn());
    return text;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    std::string text;
    for (Location part : fused.getLocations()) {
      std::string each = describeLocation(part);
      if (!each.empty())
        text += (text.empty() ? "" : ", ") + each;
    }
    return text;
  }
  if (auto call = dyn_cast<CallSiteLoc>(loc))
    return describeLocation(call.getCallee());
  return "";
}
