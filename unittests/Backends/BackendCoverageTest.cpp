// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- BackendCoverageTest.cpp - every qint op on every backend -----------===//
//
// A qint op reaches the backends through external models: the interpreter's
// (InterpretableOpInterface), the loop lowering's that the LLVM path takes
// (LoopKernelOpInterface) and the C backend's (CKernelOpInterface). A new op
// that forgets one fails here, not in a user's compile.
//
//===----------------------------------------------------------------------===//

#include "qat/Conversion/QIntToLoops/LoopKernels.h"
#include "qat/Dialect/QInt/IR/QIntDialect.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/InitAllDialects.h"
#include "qat/Interpreter/Interpreter.h"
#include "qat/Target/C/CKernels.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"

#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::qat;

namespace {
struct Coverage {
  SmallVector<std::string> ops, missing;
};

Coverage coverage() {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerCKernels(registry);
  MLIRContext context(registry);
  auto *dialect = context.getOrLoadDialect<qint::QIntDialect>();
  Coverage c;
  for (RegisteredOperationName name : context.getRegisteredOperations()) {
    if (&name.getDialect() != dialect)
      continue;
    std::string op = name.getStringRef().str();
    c.ops.push_back(op);
    // A reshape moves no data: every backend aliases its result to its
    // input, so it has an interpreter kernel and no other.
    // An op that a qint pass expands before any compiled backend runs only
    // in the interpreter.
    bool alias = name.getStringRef() == qint::ReshapeOp::getOperationName() ||
                 name.hasTrait<OpTrait::qint::ExpandedBeforeBackends>();
    auto expect = [&](bool has, bool want, StringRef what) {
      if (has != want)
        c.missing.push_back(op + (want ? " lacks " : " should not have ") +
                            what.str());
    };
    expect(name.hasInterface<InterpretableOpInterface>(), true,
           "an interpreter kernel");
    expect(name.hasInterface<LoopKernelOpInterface>(), !alias,
           "a loop lowering");
    expect(name.hasInterface<CKernelOpInterface>(), !alias, "a C call");
    expect(name.hasInterface<qint::KernelOpInterface>(), !alias,
           "KernelOpInterface");
  }
  return c;
}

TEST(BackendCoverage, EveryQIntOpHasEveryBackend) {
  Coverage c = coverage();
  EXPECT_TRUE(c.missing.empty()) << llvm::join(c.missing, "\n");
}

TEST(BackendCoverage, SeesTheWholeDialect) {
  Coverage c = coverage();
  for (StringRef op : {"qint.conv2d", "qint.softmax", "qint.reshape",
                       "qint.quantize", "qint.concat"})
    EXPECT_TRUE(llvm::is_contained(c.ops, op)) << op.str();
}
} // namespace
