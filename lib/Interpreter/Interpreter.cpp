// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Interpreter.cpp - the reference interpreter of qat and qint --------===//

#include "qat/Interpreter/Interpreter.h"

#include "Kernels.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntDialect.h"
#include "qat/Support/Location.h"
#include "qat/Support/Memory.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mlir::qat;

std::optional<std::string> mlir::qat::checkInputs(func::FuncOp func,
                                                  ArrayRef<Tensor> inputs) {
  ArrayRef<Type> argTypes = func.getFunctionType().getInputs();
  if (argTypes.size() != inputs.size())
    return ("@" + func.getSymName() + " takes " + Twine(argTypes.size()) +
            " input(s), but " + Twine(inputs.size()) + " were given")
        .str();
  for (auto [index, pair] : llvm::enumerate(llvm::zip(argTypes, inputs))) {
    auto [type, tensor] = pair;
    auto ranked = dyn_cast<RankedTensorType>(type);
    std::optional<ElementKind> kind =
        ranked ? elementKindOf(ranked.getElementType()) : std::nullopt;
    if (!ranked || !ranked.hasStaticShape() || !kind)
      return ("argument " + Twine(index) + " of @" + func.getSymName() +
              " has type that qat-run cannot feed")
          .str();
    if (*kind != tensor.kind || ranked.getShape() != ArrayRef(tensor.shape)) {
      std::string expected;
      llvm::raw_string_ostream os(expected);
      os << ranked;
      return ("input " + Twine(index) + " must be " + expected + ", but is " +
              tensor.typeString())
          .str();
    }
  }
  return std::nullopt;
}

/// The tensor of an arith.constant.
static FailureOr<Tensor> constantTensor(arith::ConstantOp op) {
  auto dense = dyn_cast<DenseElementsAttr>(op.getValue());
  auto type = dyn_cast<RankedTensorType>(op.getType());
  // 4-bit weights are int8 values in [-8, 7] to the kernels.
  std::optional<ElementKind> kind =
      type && type.getElementType().isInteger(4)
          ? ElementKind::I8
          : (type ? elementKindOf(type.getElementType()) : std::nullopt);
  if (!dense || !kind)
    return op.emitOpError()
           << "qat-run executes dense f32, i4, i8, i16, i32 and i64 tensor "
              "constants only";
  Tensor t = Tensor::zeros(*kind, type.getShape());
  if (*kind == ElementKind::F32) {
    llvm::copy(dense.getValues<float>(), t.floats.begin());
  } else {
    int64_t i = 0;
    for (const APInt &v : dense.getValues<APInt>())
      t.ints[i++] = v.getSExtValue();
  }
  return t;
}

/// Bytes the interpreter stores for a value of `type` (it holds f32 as float
/// and integers as int64_t). Types are verified within Limits.h's bounds, so
/// this cannot overflow.
uint64_t mlir::qat::defaultInterpreterMemoryLimit() {
  return std::min(kDefaultInterpreterMemoryLimit, allocatableBytes() / 2);
}

static uint64_t storedBytes(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return 0;
  return uint64_t(ranked.getNumElements()) *
         (ranked.getElementType().isF32() ? 4 : 8);
}

FailureOr<SmallVector<Tensor>>
mlir::qat::runFunction(func::FuncOp func, ArrayRef<Tensor> inputs,
                       const RunOptions &options) {
  if (!func.getBody().hasOneBlock())
    return func.emitOpError() << "qat-run executes single-block functions only";
  if (failed(verifyTensorSizes(func)))
    return failure();
  // The out-of-memory context names this function's ops: cleared on return.
  struct ClearContext {
    ~ClearContext() { setOutOfMemoryContext(nullptr); }
  } clearContext;
  llvm::DenseMap<Value, Tensor> values;
  uint64_t liveBytes = 0;
  for (auto [arg, tensor] : llvm::zip(func.getArguments(), inputs)) {
    values[arg] = tensor;
    liveBytes += storedBytes(arg.getType());
  }
  // A value dies after its last user; dropping it keeps the memory bound a
  // bound on what is alive, not on the whole graph.
  llvm::DenseMap<Operation *, SmallVector<Value>> dying;
  {
    llvm::DenseMap<Value, Operation *> lastUser;
    for (Operation &op : func.getBody().front())
      for (Value v : op.getOperands())
        lastUser[v] = &op;
    for (auto [value, user] : lastUser)
      dying[user].push_back(value);
  }

  for (Operation &op : func.getBody().front()) {
    if (op.getNumResults() == 1 &&
        isa<RankedTensorType>(op.getResult(0).getType())) {
      uint64_t bytes = storedBytes(op.getResult(0).getType());
      if (liveBytes + bytes > options.memoryLimit)
        return op.emitOpError()
               << "result " << op.getResult(0).getType() << " needs " << bytes
               << " bytes, which would bring the interpreter's tensors to "
               << liveBytes + bytes << " bytes, above its limit of "
               << options.memoryLimit
               << " bytes (qat-run --max-memory; by default 4 GiB, or half "
                  "of what the process may still allocate)";
      liveBytes += bytes;
      // Should the host still run out, the tool names what it computed.
      setOutOfMemoryContext([&op, bytes] {
        std::string text;
        llvm::raw_string_ostream os(text);
        os << "'" << op.getName() << "' at " << describeLocation(op.getLoc())
           << " (its result " << op.getResult(0).getType() << " needs " << bytes
           << " bytes)";
        return text;
      });
    }
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      SmallVector<Tensor> results;
      for (Value v : ret.getOperands())
        results.push_back(values.lookup(v));
      return results;
    }
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      FailureOr<Tensor> t = constantTensor(constant);
      if (failed(t))
        return failure();
      values[constant.getResult()] = std::move(*t);
      continue;
    }
    SmallVector<const Tensor *> operands;
    for (Value v : op.getOperands())
      operands.push_back(&values.find(v)->second);
    FailureOr<Tensor> result;
    if (!options.fakeQuant && isa<FakeQuantOp>(op))
      result = *operands[0];
    else if (auto kernel = dyn_cast<InterpretableOpInterface>(op))
      result = kernel.interpret(operands);
    else
      return op.emitOpError() << "cannot be executed by qat-run (it runs the "
                                 "qat and qint dialects, arith.constant and "
                                 "func.return)";
    if (failed(result))
      return failure();
    if (options.observe)
      options.observe(&op, operands, *result);
    values[op.getResult(0)] = std::move(*result);
    for (Value v : dying.lookup(&op)) {
      liveBytes -= storedBytes(v.getType());
      values.erase(v);
    }
  }
  return func.emitOpError() << "has no func.return";
}
