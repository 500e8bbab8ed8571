//===- Interpreter.cpp - the reference interpreter of qat and qint --------===//

#include "qat/Interpreter/Interpreter.h"

#include "Kernels.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "qat/Dialect/QAT/IR/QATOps.h"
#include "qat/Dialect/QInt/IR/QIntDialect.h"
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
  std::optional<ElementKind> kind =
      type ? elementKindOf(type.getElementType()) : std::nullopt;
  if (!dense || !kind)
    return op.emitOpError()
           << "qat-run executes dense f32, i8 and i32 tensor constants only";
  Tensor t = Tensor::zeros(*kind, type.getShape());
  if (*kind == ElementKind::F32) {
    llvm::copy(dense.getValues<float>(), t.floats.begin());
  } else {
    int64_t i = 0;
    for (const APInt &v : dense.getValues<APInt>())
      t.ints[i++] = static_cast<int32_t>(v.getSExtValue());
  }
  return t;
}

FailureOr<SmallVector<Tensor>>
mlir::qat::runFunction(func::FuncOp func, ArrayRef<Tensor> inputs,
                       const RunOptions &options) {
  if (!func.getBody().hasOneBlock())
    return func.emitOpError() << "qat-run executes single-block functions only";
  llvm::DenseMap<Value, Tensor> values;
  for (auto [arg, tensor] : llvm::zip(func.getArguments(), inputs))
    values[arg] = tensor;

  for (Operation &op : func.getBody().front()) {
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
    else if (isa<QATDialect>(op.getDialect()))
      result = runQATOp(&op, operands);
    else if (isa<qint::QIntDialect>(op.getDialect()))
      result = runQIntOp(&op, operands);
    else
      return op.emitOpError() << "cannot be executed by qat-run (it runs the "
                                 "qat and qint dialects, arith.constant and "
                                 "func.return)";
    if (failed(result))
      return failure();
    if (options.observe)
      options.observe(&op, operands, *result);
    values[op.getResult(0)] = std::move(*result);
  }
  return func.emitOpError() << "has no func.return";
}
