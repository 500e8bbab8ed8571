// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- QIntToLoops.cpp - qint kernels to loops over memrefs ---------------===//
//
// The `qint-to-loops` pass; Passes.td states the entry point it builds.
// Every tensor becomes a flat memref<N x iK> (row-major), so reshape is free
// and each kernel computes linear indices. All requantization arithmetic is
// the generic numerics (qat/Numerics/Generic.h) instantiated with arith ops.
//
//===----------------------------------------------------------------------===//

#include "qat/Conversion/Passes.h"

#include "ArithDomain.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Numerics/Generic.h"
#include "qat/Numerics/Softmax.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::qat {
#define GEN_PASS_DEF_QINTTOLOOPSPASS
#include "qat/Conversion/Passes.h.inc"
} // namespace mlir::qat

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;

namespace {
ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

/// Builds the loop nests of one function's kernels.
class KernelBuilder {
public:
  KernelBuilder(ModuleOp module, OpBuilder &builder, StringRef prefix,
                Location loc)
      : module(module), b(builder), prefix(prefix.str()), loc(loc) {}

  Value buffer(Value value) { return buffers.lookup(value); }
  void bind(Value value, Value buf) { buffers[value] = buf; }
  LogicalResult lower(Operation *op, Value out);
  Value alloc(Type tensorType) {
    auto t = cast<RankedTensorType>(tensorType);
    return memref::AllocaOp::create(
        b, loc, MemRefType::get({t.getNumElements()}, t.getElementType()));
  }
  /// A flat buffer at a byte offset in the arena.
  Value view(Value arena, int64_t offset, Type tensorType) {
    auto t = cast<RankedTensorType>(tensorType);
    return memref::ViewOp::create(
        b, loc, MemRefType::get({t.getNumElements()}, t.getElementType()),
        arena, index(offset), ValueRange{});
  }
  void copy(Value from, Value to, int64_t n) {
    loops({n}, [&](ValueRange i) { store(load(from, i[0]), to, i[0]); });
  }

  /// A constant flat buffer in a private constant memref.global.
  Value global(DenseElementsAttr data);

private:
  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value i16Table(ArrayRef<int16_t> values) {
    auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                      b.getIntegerType(16));
    return global(DenseElementsAttr::get(type, values));
  }
  Value i32Table(ArrayRef<int32_t> values) {
    auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                      b.getI32Type());
    return global(DenseElementsAttr::get(type, values));
  }
  /// An element widened to i32 (i64 elements stay i64).
  Value load(Value buf, Value i) {
    Value v = memref::LoadOp::create(b, loc, buf, ValueRange{i});
    unsigned width = v.getType().getIntOrFloatBitWidth();
    return width >= 32 ? v : arith::ExtSIOp::create(b, loc, b.getI32Type(), v);
  }
  void store(Value v, Value buf, Value i) {
    Type elem = cast<MemRefType>(buf.getType()).getElementType();
    if (!elem.isInteger(32))
      v = arith::TruncIOp::create(b, loc, elem, v);
    memref::StoreOp::create(b, loc, v, buf, ValueRange{i});
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value linear(ArrayRef<Value> idx, ArrayRef<int64_t> shape) {
    Value l = idx[0];
    for (size_t d = 1; d < idx.size(); ++d)
      l = add(mul(l, index(shape[d])), idx[d]);
    return l;
  }
  void loops(ArrayRef<int64_t> bounds, function_ref<void(ValueRange)> body);
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
              int64_t hi, qint::Rounding r) {
    Stage st{Value(), Value(), m,  s,
             zp,      lo,      hi, r == qint::Rounding::single_round};
    if (m.size() > 1) {
      st.multipliers = i32Table(m);
      st.shifts = i32Table(s);
    }
    return st;
  }
  Value apply(const Stage &st, Value acc, Value channel) {
    ArithDomain d(b, loc);
    Value m = st.multipliers ? load(st.multipliers, channel) : d.c32(st.m[0]);
    Value s = st.shifts ? load(st.shifts, channel) : d.c32(st.s[0]);
    Value scaled = st.int64Accumulator ? gen::mbqm64(d, acc, m, s)
                                       : gen::mbqm(d, acc, m, s, st.single);
    Value r = d.add(scaled, d.c32(st.zp));
    return gen::clamp(d, r, d.c32(st.lo), d.c32(st.hi));
  }

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

  template <typename ConvOp>
  LogicalResult conv(ConvOp op, bool depthwise, Value out);
  LogicalResult fullyConnected(qint::FullyConnectedOp op, Value out);
  template <typename PoolOp>
  LogicalResult pool(PoolOp op, bool isMax, Value out);
  LogicalResult addOrMul(Operation *op, Value out);
  LogicalResult requantize(qint::RequantizeOp op, Value out);
  LogicalResult mean(qint::MeanOp op, Value out);
  LogicalResult pad(qint::PadOp op, Value out);
  LogicalResult concat(qint::ConcatOp op, Value out);
  LogicalResult softmax(qint::SoftmaxOp op, Value out);
  LogicalResult lookup(qint::LookupOp op, Value out);
  LogicalResult transpose(qint::TransposeOp op, Value out);

  ModuleOp module;
  OpBuilder &b;
  std::string prefix;
  Location loc;
  llvm::DenseMap<Value, Value> buffers;
  unsigned globals = 0;
};

void KernelBuilder::loops(ArrayRef<int64_t> bounds,
                          function_ref<void(ValueRange)> body) {
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t n : bounds) {
    lbs.push_back(index(0));
    ubs.push_back(index(n));
    steps.push_back(index(1));
  }
  scf::buildLoopNest(b, loc, lbs, ubs, steps,
                     [&](OpBuilder &nested, Location, ValueRange ivs) {
                       OpBuilder::InsertionGuard guard(b);
                       b.setInsertionPoint(nested.getInsertionBlock(),
                                           nested.getInsertionPoint());
                       body(ivs);
                     });
}

Value KernelBuilder::reduce(ArrayRef<int64_t> bounds, Value init,
                            function_ref<Value(ValueRange, Value)> body) {
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t n : bounds) {
    lbs.push_back(index(0));
    ubs.push_back(index(n));
    steps.push_back(index(1));
  }
  scf::LoopNest nest =
      scf::buildLoopNest(b, loc, lbs, ubs, steps, ValueRange{init},
                         [&](OpBuilder &nested, Location, ValueRange ivs,
                             ValueRange acc) -> scf::ValueVector {
                           OpBuilder::InsertionGuard guard(b);
                           b.setInsertionPoint(nested.getInsertionBlock(),
                                               nested.getInsertionPoint());
                           return {body(ivs, acc[0])};
                         });
  return nest.results[0];
}

Value KernelBuilder::global(DenseElementsAttr data) {
  auto flatType =
      RankedTensorType::get({data.getNumElements()}, data.getElementType());
  auto type = MemRefType::get({data.getNumElements()}, data.getElementType());
  std::string name = prefix + "_const" + std::to_string(globals++);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    memref::GlobalOp::create(b, loc, name, b.getStringAttr("private"), type,
                             data.reshape(flatType), /*constant=*/true,
                             /*alignment=*/IntegerAttr());
  }
  return memref::GetGlobalOp::create(
      b, loc, type, FlatSymbolRefAttr::get(b.getContext(), name));
}

/// The window position of kernel tap k for output o: o * stride + k *
/// dilation - pad, and whether it lies inside [0, size).
std::pair<Value, Value> tap(OpBuilder &b, Location loc, Value o, Value k,
                            int64_t stride, int64_t dilation, int64_t pad,
                            int64_t size) {
  auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  Value pos = arith::SubIOp::create(
      b, loc,
      arith::AddIOp::create(b, loc, arith::MulIOp::create(b, loc, o, c(stride)),
                            arith::MulIOp::create(b, loc, k, c(dilation))),
      c(pad));
  Value inside = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, pos, c(0)),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, pos, c(size)));
  return {pos, inside};
}

template <typename ConvOp>
LogicalResult KernelBuilder::conv(ConvOp op, bool depthwise, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), w = shapeOf(op.getFilter()),
                    os = shapeOf(op.getOutput());
  ArrayRef<int64_t> strides = op.getStrides(), dilations = op.getDilations(),
                    pad = op.getPad();
  Value input = buffer(op.getInput()), filter = buffer(op.getFilter());
  Value bias = op.getBias() ? buffer(op.getBias()) : Value();
  Stage st = layerStage(op, op.getInput(), op.getBias());
  const int64_t mult = depthwise ? os[3] / in[3] : 1;
  ArithDomain d(b, loc);
  Value zp = d.c32(op.getInputZp()), zero = accumulatorZero(d, st);
  loops({os[0], os[1], os[2], os[3]}, [&](ValueRange o) {
    Value acc0 = bias ? load(bias, o[3]) : zero;
    SmallVector<int64_t> taps = {w[1], w[2], depthwise ? 1 : in[3]};
    Value acc = reduce(taps, acc0, [&](ValueRange k, Value acc) {
      auto [iy, insideY] =
          tap(b, loc, o[1], k[0], strides[0], dilations[0], pad[0], in[1]);
      auto [ix, insideX] =
          tap(b, loc, o[2], k[1], strides[1], dilations[1], pad[2], in[2]);
      Value inside = arith::AndIOp::create(b, loc, insideY, insideX);
      Value y = arith::SelectOp::create(b, loc, inside, iy, index(0));
      Value x = arith::SelectOp::create(b, loc, inside, ix, index(0));
      Value channel = depthwise
                          ? arith::DivUIOp::create(b, loc, o[3], index(mult))
                          : Value(k[2]);
      Value xv = load(input, linear({o[0], y, x, channel}, in));
      Value wv = depthwise
                     ? load(filter, linear({index(0), k[0], k[1], o[3]}, w))
                     : load(filter, linear({o[3], k[0], k[1], k[2]}, w));
      Value term = widen(d, st, d.mul(d.sub(xv, zp), wv));
      return accumulate(d, st, acc, d.select(inside, term, zero));
    });
    store(apply(st, acc, o[3]), out, linear({o[0], o[1], o[2], o[3]}, os));
  });
  return success();
}

LogicalResult KernelBuilder::fullyConnected(qint::FullyConnectedOp op,
                                            Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  Value input = buffer(op.getInput()), weights = buffer(op.getWeights());
  Value bias = op.getBias() ? buffer(op.getBias()) : Value();
  Stage st = layerStage(op, op.getInput(), op.getBias());
  ArithDomain d(b, loc);
  Value zp = d.c32(op.getInputZp());
  loops({os[0], os[1]}, [&](ValueRange o) {
    Value acc0 = bias ? load(bias, o[1]) : accumulatorZero(d, st);
    Value acc = reduce({in[1]}, acc0, [&](ValueRange k, Value acc) {
      Value xv = load(input, linear({o[0], k[0]}, in));
      Value wv = load(weights, linear({o[1], k[0]}, {os[1], in[1]}));
      return accumulate(d, st, acc, widen(d, st, d.mul(d.sub(xv, zp), wv)));
    });
    store(apply(st, acc, o[1]), out, linear({o[0], o[1]}, os));
  });
  return success();
}

template <typename PoolOp>
LogicalResult KernelBuilder::pool(PoolOp op, bool isMax, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> kernel = op.getKernel(), strides = op.getStrides(),
                    pad = op.getPad();
  Value input = buffer(op.getInput());
  ArithDomain d(b, loc);
  loops({os[0], os[1], os[2], os[3]}, [&](ValueRange o) {
    Value init = d.c32(isMax ? gen::kInt32Min : 0);
    Value acc =
        reduce({kernel[0], kernel[1]}, init, [&](ValueRange k, Value acc) {
          auto [iy, insideY] =
              tap(b, loc, o[1], k[0], strides[0], 1, pad[0], in[1]);
          auto [ix, insideX] =
              tap(b, loc, o[2], k[1], strides[1], 1, pad[2], in[2]);
          Value inside = arith::AndIOp::create(b, loc, insideY, insideX);
          Value y = arith::SelectOp::create(b, loc, inside, iy, index(0));
          Value x = arith::SelectOp::create(b, loc, inside, ix, index(0));
          Value v = load(input, linear({o[0], y, x, o[3]}, in));
          Value next = isMax ? d.select(d.sgt(v, acc), v, acc) : d.add(acc, v);
          return d.select(inside, next, acc);
        });
    if (!isMax) {
      // The number of real (unpadded) taps, per dimension.
      auto count = [&](Value o, int64_t stride, int64_t p, int64_t k,
                       int64_t size) {
        Value start =
            d.sub(d.mul(arith::IndexCastOp::create(b, loc, b.getI32Type(), o),
                        d.c32(stride)),
                  d.c32(p));
        Value end = d.add(start, d.c32(k));
        Value lo = d.select(d.slt(start, d.c32(0)), d.c32(0), start);
        Value hi = d.select(d.sgt(end, d.c32(size)), d.c32(size), end);
        return d.sub(hi, lo);
      };
      Value n = d.mul(count(o[1], strides[0], pad[0], kernel[0], in[1]),
                      count(o[2], strides[1], pad[2], kernel[1], in[2]));
      acc = gen::roundedDivide(d, acc, n);
    }
    acc = gen::clamp(d, acc, d.c32(op.getActMin()), d.c32(op.getActMax()));
    store(acc, out, linear({o[0], o[1], o[2], o[3]}, os));
  });
  return success();
}

LogicalResult KernelBuilder::addOrMul(Operation *op, Value out) {
  Value lhsV = op->getOperand(0), rhsV = op->getOperand(1);
  Value lhs = buffer(lhsV), rhs = buffer(rhsV);
  int64_t total =
      cast<RankedTensorType>(op->getResult(0).getType()).getNumElements();
  auto channelOf = [&](Value v, Value i) -> Value {
    ArrayRef<int64_t> s = shapeOf(v);
    return s.size() == 1 && s[0] != total
               ? Value(arith::RemUIOp::create(b, loc, i, index(s[0])))
               : i;
  };
  ArithDomain d(b, loc);
  bool single;
  loops({total}, [&](ValueRange i) {
    Value x = load(lhs, channelOf(lhsV, i[0]));
    Value y = load(rhs, channelOf(rhsV, i[0]));
    Value r;
    int64_t lo, hi;
    if (auto a = dyn_cast<qint::AddOp>(op)) {
      single = a.getRounding() == qint::Rounding::single_round;
      Value ls = d.c32(a.getLeftShift());
      Value sa = gen::mbqmSmallerThanOne(
          d, d.shl(d.sub(x, d.c32(a.getLhsZp())), ls),
          d.c32(a.getLhsMultiplier()), d.c32(a.getLhsShift()), single);
      Value sb = gen::mbqmSmallerThanOne(
          d, d.shl(d.sub(y, d.c32(a.getRhsZp())), ls),
          d.c32(a.getRhsMultiplier()), d.c32(a.getRhsShift()), single);
      r = d.add(gen::mbqmSmallerThanOne(d, d.add(sa, sb),
                                        d.c32(a.getOutputMultiplier()),
                                        d.c32(a.getOutputShift()), single),
                d.c32(a.getOutputZp()));
      lo = a.getActMin();
      hi = a.getActMax();
    } else {
      auto m = cast<qint::MulOp>(op);
      single = m.getRounding() == qint::Rounding::single_round;
      Value product =
          d.mul(d.sub(x, d.c32(m.getLhsZp())), d.sub(y, d.c32(m.getRhsZp())));
      r = d.add(gen::mbqm(d, product, d.c32(m.getOutputMultiplier()),
                          d.c32(m.getOutputShift()), single),
                d.c32(m.getOutputZp()));
      lo = m.getActMin();
      hi = m.getActMax();
    }
    store(gen::clamp(d, r, d.c32(lo), d.c32(hi)), out, i[0]);
  });
  return success();
}

LogicalResult KernelBuilder::requantize(qint::RequantizeOp op, Value out) {
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  int64_t total = cast<RankedTensorType>(op.getType()).getNumElements();
  int64_t stride = 1, channels = 1;
  if (std::optional<int64_t> axis = op.getAxis()) {
    channels = shape[*axis];
    for (size_t d = *axis + 1; d < shape.size(); ++d)
      stride *= shape[d];
  }
  Stage st = stage(op.getMultiplier(), op.getShift(), op.getOutputZp(),
                   op.getActMin(), op.getActMax(), op.getRounding());
  Value input = buffer(op.getInput());
  ArithDomain d(b, loc);
  loops({total}, [&](ValueRange i) {
    Value channel = arith::RemUIOp::create(
        b, loc, arith::DivUIOp::create(b, loc, i[0], index(stride)),
        index(channels));
    Value x = d.sub(load(input, i[0]), d.c32(op.getInputZp()));
    store(apply(st, x, channel), out, i[0]);
  });
  return success();
}

LogicalResult KernelBuilder::mean(qint::MeanOp op, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput());
  Value input = buffer(op.getInput());
  const int64_t area = in[1] * in[2];
  ArithDomain d(b, loc);
  bool single = op.getRounding() == qint::Rounding::single_round;
  loops({in[0], in[3]}, [&](ValueRange o) {
    Value sum = reduce({area}, d.c32(0), [&](ValueRange p, Value acc) {
      Value i = add(mul(add(mul(o[0], index(area)), p[0]), index(in[3])), o[1]);
      return d.add(acc, d.sub(load(input, i), d.c32(op.getInputZp())));
    });
    Value scaled = gen::mbqm(d, sum, d.c32(op.getMultiplier()),
                             d.c32(op.getShift()), single);
    Value r = d.add(gen::roundedDivide(d, scaled, d.c32(area)),
                    d.c32(op.getOutputZp()));
    store(gen::clamp(d, r, d.c32(-128), d.c32(127)), out,
          add(mul(o[0], index(in[3])), o[1]));
  });
  return success();
}

LogicalResult KernelBuilder::pad(qint::PadOp op, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> padding = op.getPadding();
  ArithDomain d(b, loc);
  Value input = buffer(op.getInput());
  loops({cast<RankedTensorType>(op.getType()).getNumElements()},
        [&](ValueRange i) { store(d.c32(op.getValue()), out, i[0]); });
  loops(in, [&](ValueRange idx) {
    SmallVector<Value> target;
    for (auto [dim, v] : llvm::enumerate(idx))
      target.push_back(add(v, index(padding[2 * dim])));
    store(load(input, linear(SmallVector<Value>(idx), in)), out,
          linear(target, os));
  });
  return success();
}

LogicalResult KernelBuilder::concat(qint::ConcatOp op, Value out) {
  ArrayRef<int64_t> os = shapeOf(op.getOutput());
  int64_t offset = 0, axis = op.getAxis();
  for (Value v : op.getInputs()) {
    ArrayRef<int64_t> in = shapeOf(v);
    Value input = buffer(v);
    loops(in, [&](ValueRange idx) {
      SmallVector<Value> target(idx);
      target[axis] = add(target[axis], index(offset));
      store(load(input, linear(SmallVector<Value>(idx), in)), out,
            linear(target, os));
    });
    offset += in[axis];
  }
  return success();
}

LogicalResult KernelBuilder::softmax(qint::SoftmaxOp op, Value out) {
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  const int64_t depth = shape.back();
  const int64_t rows =
      cast<RankedTensorType>(op.getType()).getNumElements() / depth;
  const bool int16 =
      cast<RankedTensorType>(op.getType()).getElementType().isInteger(16);
  Value input = buffer(op.getInput());
  ArithDomain d(b, loc);
  const bool single = op.getRounding() == qint::Rounding::single_round;
  Value multiplier = d.c32(op.getInputMultiplier());
  Value shift = d.c32(op.getInputLeftShift());
  // int16: TFLite's two tables, as constant globals.
  Value expTable, reciprocalTable;
  if (int16) {
    expTable = i16Table(numerics::softmaxInt16ExpTable());
    reciprocalTable = i16Table(numerics::softmaxInt16ReciprocalTable());
  }
  auto reader = [&](Value table) {
    return [this, table](Value i) {
      return load(table,
                  arith::IndexCastOp::create(b, loc, b.getIndexType(), i));
    };
  };
  Value diffMin = d.c32(op.getDiffMin());
  loops({rows}, [&](ValueRange r) {
    Value base = mul(r[0], index(depth));
    Value max = reduce({depth}, d.c32(int16 ? -32768 : -128),
                       [&](ValueRange i, Value acc) {
                         Value v = load(input, add(base, i[0]));
                         return d.select(d.sgt(v, acc), v, acc);
                       });
    auto diffAt = [&](Value i) {
      return d.sub(load(input, add(base, i)), max);
    };
    if (int16) {
      auto expAt = [&](Value i) {
        return gen::softmaxInt16Exp(d, diffAt(i), multiplier, shift, single,
                                    reader(expTable));
      };
      Value sum = reduce({depth}, d.c32(0), [&](ValueRange i, Value acc) {
        return d.add(acc, expAt(i[0]));
      });
      auto [reciprocal, rightShift] =
          gen::softmaxInt16Reciprocal(d, sum, reader(reciprocalTable));
      loops({depth}, [&](ValueRange i) {
        store(gen::softmaxInt16Output(d, expAt(i[0]), reciprocal, rightShift),
              out, add(base, i[0]));
      });
      return;
    }
    Value sum = reduce({depth}, d.c32(0), [&](ValueRange i, Value acc) {
      Value diff = diffAt(i[0]);
      Value term = gen::softmaxAccumulate(
          d, gen::softmaxExp(d, diff, multiplier, shift, single));
      return d.select(d.slt(diff, diffMin), acc, d.add(acc, term));
    });
    std::pair<Value, Value> reciprocal = gen::softmaxReciprocal(d, sum);
    Value shiftedScale = reciprocal.first, exponent = reciprocal.second;
    loops({depth}, [&](ValueRange i) {
      Value diff = diffAt(i[0]);
      Value value = gen::softmaxOutput(
          d, shiftedScale, gen::softmaxExp(d, diff, multiplier, shift, single),
          exponent);
      store(d.select(d.slt(diff, diffMin), d.c32(-128), value), out,
            add(base, i[0]));
    });
  });
  return success();
}

LogicalResult KernelBuilder::lookup(qint::LookupOp op, Value out) {
  auto tableType = RankedTensorType::get({256}, b.getI8Type());
  Value table = global(DenseElementsAttr::get(tableType, op.getTable()));
  Value input = buffer(op.getInput());
  ArithDomain d(b, loc);
  loops({cast<RankedTensorType>(op.getType()).getNumElements()},
        [&](ValueRange i) {
          Value entry = arith::IndexCastOp::create(
              b, loc, b.getIndexType(), d.add(load(input, i[0]), d.c32(128)));
          store(load(table, entry), out, i[0]);
        });
  return success();
}

LogicalResult KernelBuilder::transpose(qint::TransposeOp op, Value out) {
  ArrayRef<int64_t> in = shapeOf(op.getInput()), os = shapeOf(op.getOutput());
  ArrayRef<int64_t> permutation = op.getPermutation();
  Value input = buffer(op.getInput());
  loops(os, [&](ValueRange idx) {
    // Output dimension d walks input dimension permutation[d].
    SmallVector<Value> source(in.size());
    for (auto [d, v] : llvm::enumerate(idx))
      source[permutation[d]] = v;
    store(load(input, linear(source, in)), out,
          linear(SmallVector<Value>(idx), os));
  });
  return success();
}

LogicalResult KernelBuilder::lower(Operation *op, Value out) {
  loc = op->getLoc();
  return llvm::TypeSwitch<Operation *, LogicalResult>(op)
      .Case([&](qint::Conv2DOp c) { return conv(c, false, out); })
      .Case([&](qint::DepthwiseConv2DOp c) { return conv(c, true, out); })
      .Case([&](qint::FullyConnectedOp f) { return fullyConnected(f, out); })
      .Case([&](qint::MaxPool2DOp p) { return pool(p, true, out); })
      .Case([&](qint::AvgPool2DOp p) { return pool(p, false, out); })
      .Case<qint::AddOp, qint::MulOp>(
          [&](Operation *e) { return addOrMul(e, out); })
      .Case([&](qint::RequantizeOp r) { return requantize(r, out); })
      .Case([&](qint::MeanOp m) { return mean(m, out); })
      .Case([&](qint::PadOp p) { return pad(p, out); })
      .Case([&](qint::ConcatOp c) { return concat(c, out); })
      .Case([&](qint::SoftmaxOp m) { return softmax(m, out); })
      .Case([&](qint::LookupOp l) { return lookup(l, out); })
      .Case([&](qint::TransposeOp t) { return transpose(t, out); })
      .Case<qint::QuantizeOp, qint::DequantizeOp>([&](Operation *q) {
        return q->emitOpError()
               << "converts float at the boundary; the native entry point "
                  "takes int8 or int16 tensors (compile with qat-to-int8 "
                  "int8-io)";
      })
      .Default([&](Operation *other) {
        return other->emitOpError() << "has no loop lowering";
      });
}

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
  KernelBuilder kernels(module, builder, entry, func.getLoc());

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
      if (failed(kernels.lower(&op, kernelBody->getArguments().back())))
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
