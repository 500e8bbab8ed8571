// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntToLoops.cpp - qint kernels to loops over memrefs ---------------===//
//
// The `qint-to-loops` pass; Passes.td states the entry point it builds.
// Every tensor becomes a flat memref<N x iK> (row-major), so reshape is free;
// each other op builds its loops through LoopKernelOpInterface, whose models
// live in the *Loops.cpp family files.
//
//===----------------------------------------------------------------------===//

#include "qat/Conversion/Passes.h"

#include "LoopBuilder.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"

namespace mlir::qat {
#define GEN_PASS_DEF_QINTTOLOOPSPASS
#include "qat/Conversion/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;

namespace {
LogicalResult lowerFunction(ModuleOp module, func::FuncOp func,
                            StringRef name) {
  if (failed(verifyTensorSizes(func)))
    return failure();
  for (Type t : llvm::concat<const Type>(func.getArgumentTypes(),
                                         func.getResultTypes())) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !(tensor.getElementType().isInteger(8) ||
                     tensor.getElementType().isInteger(16)))
      return func.emitOpError()
             << "takes or returns " << t
             << "; the native entry point takes int8 or int16 tensors "
                "(compile with qat-to-int8 int8-io)";
  }
  OpBuilder builder(func);
  auto flat = [&](Type t) {
    auto tensor = cast<RankedTensorType>(t);
    return MemRefType::get({tensor.getNumElements()}, tensor.getElementType());
  };
  SmallVector<Type> args;
  for (Type t : func.getArgumentTypes())
    args.push_back(flat(t));
  for (Type t : func.getResultTypes())
    args.push_back(flat(t));
  // The arena: the planned size when qint-plan-memory ran (its tensors live
  // there), else a placeholder (they live on the stack).
  auto planned = func->getAttrOfType<IntegerAttr>("qint.arena_size");
  int64_t arenaBytes = planned ? std::max<int64_t>(planned.getInt(), 1) : 1;
  args.push_back(MemRefType::get({arenaBytes}, builder.getI8Type()));
  std::string entry = ("qat_" + name + "_run").str();
  auto run = func::FuncOp::create(
      builder, func.getLoc(), entry,
      builder.getFunctionType(args, {builder.getI32Type()}));
  Block *body = run.addEntryBlock();
  builder.setInsertionPointToStart(body);
  LoopBuilder kernels(module, builder, entry, func.getLoc());

  unsigned numInputs = func.getNumArguments();
  for (auto [i, arg] : llvm::enumerate(func.getArguments()))
    kernels.bind(arg, body->getArgument(i));
  auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  // A kernel whose result is returned writes straight into the output.
  llvm::DenseMap<Value, Value> outputOf;
  for (auto [i, v] : llvm::enumerate(ret.getOperands()))
    outputOf.try_emplace(v, body->getArgument(numInputs + i));

  unsigned numKernels = 0;
  for (Operation &op : func.getBody().front().without_terminator()) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      auto data = dyn_cast<DenseElementsAttr>(constant.getValue());
      if (!data)
        return constant.emitOpError() << "is not a dense constant";
      kernels.bind(constant.getResult(), kernels.global(data));
      continue;
    }
    if (auto reshape = dyn_cast<qint::ReshapeOp>(op)) {
      // Flat buffers make a reshape free.
      kernels.bind(reshape.getResult(), kernels.buffer(reshape.getInput()));
      continue;
    }
    if (!isa<qint::QIntDialect>(op.getDialect()))
      return op.emitOpError() << "has no loop lowering";
    Value result = op.getResult(0);
    Value out = outputOf.lookup(result);
    if (!out) {
      auto offset = op.getAttrOfType<IntegerAttr>("qint.offset");
      out = offset ? kernels.view(body->getArguments().back(), offset.getInt(),
                                  result.getType())
                   : kernels.alloc(result.getType());
    }
    // Each kernel is a private function the entry point calls: lowering to
    // LLVM splits blocks, at a cost of the block's length, so one function
    // holding every loop nest made long programs quadratic to compile.
    SmallVector<Value> operands;
    for (Value v : op.getOperands())
      operands.push_back(kernels.buffer(v));
    operands.push_back(out);
    SmallVector<Type> types(ValueRange(operands).getTypes());
    func::FuncOp kernel;
    {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPoint(run);
      kernel = func::FuncOp::create(
          builder, op.getLoc(), (entry + "_kernel" + Twine(++numKernels)).str(),
          builder.getFunctionType(types, {}));
      kernel.setPrivate();
      Block *kernelBody = kernel.addEntryBlock();
      builder.setInsertionPointToStart(kernelBody);
      for (auto [operand, arg] :
           llvm::zip(op.getOperands(), kernelBody->getArguments()))
        kernels.bind(operand, arg);
      auto loopKernel = dyn_cast<LoopKernelOpInterface>(&op);
      if (!loopKernel)
        return op.emitOpError() << "has no loop lowering";
      kernels.setLocation(op.getLoc());
      if (failed(loopKernel.lowerToLoops(kernels,
                                         kernelBody->getArguments().back())))
        return failure();
      func::ReturnOp::create(builder, op.getLoc());
      for (auto [operand, buffer] : llvm::zip(op.getOperands(), operands))
        kernels.bind(operand, buffer);
    }
    func::CallOp::create(builder, op.getLoc(), kernel, operands);
    kernels.bind(result, out);
  }
  // Results not written in place (a reshape, or an input returned as is).
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    Value out = body->getArgument(numInputs + i);
    if (kernels.buffer(v) != out)
      kernels.copy(kernels.buffer(v), out,
                   cast<RankedTensorType>(v.getType()).getNumElements());
  }
  func::ReturnOp::create(builder, func.getLoc(),
                         ValueRange{arith::ConstantIntOp::create(
                             builder, func.getLoc(), builder.getI32Type(), 0)});
  func.erase();
  return success();
}

struct QIntToLoopsPass : qat::impl::QIntToLoopsPassBase<QIntToLoopsPass> {
  using Base::Base;
  void getDependentDialects(DialectRegistry &registry) const override {
    Base::getDependentDialects(registry);
    // The ops' loop lowerings, for a pipeline built without
    // registerAllDialects.
    registerLoopKernels(registry);
  }
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    if (!modelName.empty() && funcs.size() != 1) {
      module.emitError() << "name applies to a module with one function, "
                            "but this one has "
                         << funcs.size();
      return signalPassFailure();
    }
    for (func::FuncOp func : funcs) {
      std::string name =
          modelName.empty() ? func.getSymName().str() : modelName.getValue();
      if (failed(lowerFunction(module, func, name)))
        return signalPassFailure();
    }
  }
};
} // namespace
