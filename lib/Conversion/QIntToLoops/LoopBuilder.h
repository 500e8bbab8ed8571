// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LoopBuilder.h - what the loop kernel families share ------*- C++ -*-===//
//
// Private to lib/Conversion/QIntToLoops. Each *Loops.cpp holds one op
// family's loop nests and attaches them as external models of
// LoopKernelOpInterface; this header holds the builder they share. Every
// tensor is a flat memref<N x iK> (row-major), so each kernel computes
// linear indices, and all requantization arithmetic is the generic numerics
// (qat/Numerics/Generic.h) instantiated with arith ops.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_LIB_CONVERSION_QINTTOLOOPS_LOOPBUILDER_H
#define QAT_LIB_CONVERSION_QINTTOLOOPS_LOOPBUILDER_H

#include "ArithDomain.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "qat/Conversion/QIntToLoops/LoopKernels.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Generic.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::qat {

/// The kernel of `Op`: `Fn` builds its loops.
template <typename Op, LogicalResult (*Fn)(Op, LoopBuilder &, Value)>
struct LoopKernelModel
    : LoopKernelOpInterface::ExternalModel<LoopKernelModel<Op, Fn>, Op> {
  LogicalResult lowerToLoops(Operation *op, LoopBuilder &builder,
                             Value out) const {
    return Fn(cast<Op>(op), builder, out);
  }
};

/// Attaches `Fn` as `Op`'s loop lowering.
template <typename Op, LogicalResult (*Fn)(Op, LoopBuilder &, Value)>
void attachLoopKernel(MLIRContext *context) {
  Op::template attachInterface<LoopKernelModel<Op, Fn>>(*context);
}

// The families (one file each).
void registerLayerLoops(DialectRegistry &registry);
void registerElementwiseLoops(DialectRegistry &registry);
void registerPoolingLoops(DialectRegistry &registry);
void registerSoftmaxLoops(DialectRegistry &registry);
void registerDataMovementLoops(DialectRegistry &registry);
void registerRecurrentLoops(DialectRegistry &registry);
void registerMatMulLoops(DialectRegistry &registry);
void registerNormalizationLoops(DialectRegistry &registry);

inline ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

inline int64_t numElementsOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getNumElements();
}

class LoopBuilder {
public:
  LoopBuilder(ModuleOp module, OpBuilder &builder, StringRef prefix,
              Location loc)
      : module(module), b(builder), prefix(prefix.str()), loc(loc) {}

  OpBuilder &builder() { return b; }
  Location location() const { return loc; }
  /// The location of the ops built from here on.
  void setLocation(Location l) { loc = l; }
  /// The numerics domain at the insertion point.
  ArithDomain domain() { return ArithDomain(b, loc); }

  /// The buffer holding `value`.
  Value buffer(Value value) { return buffers.lookup(value); }
  void bind(Value value, Value buf) { buffers[value] = buf; }

  /// A flat buffer on the stack.
  Value alloc(Type tensorType);
  /// A flat buffer at a byte offset in the arena.
  Value view(Value arena, int64_t offset, Type tensorType);
  void copy(Value from, Value to, int64_t n) {
    loops({n}, [&](ValueRange i) { store(load(from, i[0]), to, i[0]); });
  }
  /// A constant flat buffer in a private constant memref.global.
  Value global(DenseElementsAttr data);
  Value i16Table(ArrayRef<int16_t> values);
  Value i32Table(ArrayRef<int32_t> values);

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  /// An element widened to i32 (i64 elements stay i64).
  Value load(Value buf, Value i);
  /// `v` narrowed to the buffer's element type.
  void store(Value v, Value buf, Value i);
  /// Index arithmetic.
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value linear(ArrayRef<Value> idx, ArrayRef<int64_t> shape);
  /// The window position of kernel tap k for output o: o * stride + k *
  /// dilation - pad, and whether it lies inside [0, size).
  std::pair<Value, Value> tap(Value o, Value k, int64_t stride,
                              int64_t dilation, int64_t pad, int64_t size);

  /// A loop nest over `bounds`; body gets the induction variables.
  void loops(ArrayRef<int64_t> bounds, function_ref<void(ValueRange)> body);
  /// A loop nest carrying one value from `init`; body returns the next.
  Value reduce(ArrayRef<int64_t> bounds, Value init,
               function_ref<Value(ValueRange, Value)> body);

  /// Per-channel (table) or per-tensor (constant) output stage.
  struct Stage {
    Value multipliers, shifts;
    ArrayRef<int32_t> m, s;
    int64_t zp, lo, hi;
    bool single;
    /// int16 layers without an i32 bias: an i64 accumulator and TFLite's
    /// 64-bit rescale.
    bool int64Accumulator = false;
  };
  Stage stage(ArrayRef<int32_t> m, ArrayRef<int32_t> s, int64_t zp, int64_t lo,
              int64_t hi, qint::Rounding r);
  /// The output for accumulator `acc` of output channel `channel`.
  Value apply(const Stage &st, Value acc, Value channel);
  /// A layer's output stage, its accumulator known from the input and bias
  /// types.
  template <typename Op>
  Stage layerStage(Op op, Value input, Value bias) {
    Stage st = stage(op.getMultiplier(), op.getShift(), op.getOutputZp(),
                     op.getActMin(), op.getActMax(), op.getRounding());
    st.int64Accumulator = qint::hasInt64Accumulator(input, bias);
    return st;
  }
  Value accumulatorZero(ArithDomain &d, const Stage &st) {
    return st.int64Accumulator ? d.c64(0) : d.c32(0);
  }
  /// A product (exact in int32: int16 x int8) in the accumulator's width.
  Value widen(ArithDomain &d, const Stage &st, Value product) {
    return st.int64Accumulator ? d.ext(product) : product;
  }
  Value accumulate(ArithDomain &d, const Stage &st, Value acc, Value term) {
    return st.int64Accumulator ? d.add64(acc, term) : d.add(acc, term);
  }

private:
  ModuleOp module;
  OpBuilder &b;
  std::string prefix;
  Location loc;
  llvm::DenseMap<Value, Value> buffers;
  unsigned globals = 0;
};

} // namespace mlir::qat

#endif // QAT_LIB_CONVERSION_QINTTOLOOPS_LOOPBUILDER_H
