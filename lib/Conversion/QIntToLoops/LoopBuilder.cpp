// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- LoopBuilder.cpp - what the loop kernel families share --------------===//

#include "LoopBuilder.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::qat;
namespace gen = mlir::qat::numerics::generic;

Value LoopBuilder::alloc(Type tensorType) {
  auto t = cast<RankedTensorType>(tensorType);
  return memref::AllocaOp::create(
      b, loc, MemRefType::get({t.getNumElements()}, t.getElementType()));
}

Value LoopBuilder::view(Value arena, int64_t offset, Type tensorType) {
  auto t = cast<RankedTensorType>(tensorType);
  return memref::ViewOp::create(
      b, loc, MemRefType::get({t.getNumElements()}, t.getElementType()), arena,
      index(offset), ValueRange{});
}

Value LoopBuilder::global(DenseElementsAttr data) {
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

Value LoopBuilder::i16Table(ArrayRef<int16_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getIntegerType(16));
  return global(DenseElementsAttr::get(type, values));
}

Value LoopBuilder::i32Table(ArrayRef<int32_t> values) {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    b.getI32Type());
  return global(DenseElementsAttr::get(type, values));
}

Value LoopBuilder::load(Value buf, Value i) {
  Value v = memref::LoadOp::create(b, loc, buf, ValueRange{i});
  unsigned width = v.getType().getIntOrFloatBitWidth();
  return width >= 32 ? v : arith::ExtSIOp::create(b, loc, b.getI32Type(), v);
}

void LoopBuilder::store(Value v, Value buf, Value i) {
  Type elem = cast<MemRefType>(buf.getType()).getElementType();
  if (!elem.isInteger(32))
    v = arith::TruncIOp::create(b, loc, elem, v);
  memref::StoreOp::create(b, loc, v, buf, ValueRange{i});
}

Value LoopBuilder::linear(ArrayRef<Value> idx, ArrayRef<int64_t> shape) {
  Value l = idx[0];
  for (size_t d = 1; d < idx.size(); ++d)
    l = add(mul(l, index(shape[d])), idx[d]);
  return l;
}

std::pair<Value, Value> LoopBuilder::tap(Value o, Value k, int64_t stride,
                                         int64_t dilation, int64_t pad,
                                         int64_t size) {
  Value pos = arith::SubIOp::create(
      b, loc, add(mul(o, index(stride)), mul(k, index(dilation))), index(pad));
  Value inside = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, pos, index(0)),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, pos,
                            index(size)));
  return {pos, inside};
}

void LoopBuilder::loops(ArrayRef<int64_t> bounds,
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

Value LoopBuilder::reduce(ArrayRef<int64_t> bounds, Value init,
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

LoopBuilder::Stage LoopBuilder::stage(ArrayRef<int32_t> m, ArrayRef<int32_t> s,
                                      int64_t zp, int64_t lo, int64_t hi,
                                      qint::Rounding r) {
  Stage st{Value(), Value(), m,  s,
           zp,      lo,      hi, r == qint::Rounding::single_round};
  if (m.size() > 1) {
    st.multipliers = i32Table(m);
    st.shifts = i32Table(s);
  }
  return st;
}

Value LoopBuilder::apply(const Stage &st, Value acc, Value channel) {
  ArithDomain d(b, loc);
  Value m = st.multipliers ? load(st.multipliers, channel) : d.c32(st.m[0]);
  Value s = st.shifts ? load(st.shifts, channel) : d.c32(st.s[0]);
  Value scaled = st.int64Accumulator ? gen::mbqm64(d, acc, m, s)
                                     : gen::mbqm(d, acc, m, s, st.single);
  Value r = d.add(scaled, d.c32(st.zp));
  return gen::clamp(d, r, d.c32(st.lo), d.c32(st.hi));
}

void mlir::qat::registerLoopKernels(DialectRegistry &registry) {
  registerLayerLoops(registry);
  registerElementwiseLoops(registry);
  registerPoolingLoops(registry);
  registerSoftmaxLoops(registry);
  registerDataMovementLoops(registry);
  registerRecurrentLoops(registry);
  registerMatMulLoops(registry);
  registerNormalizationLoops(registry);
}

#include "qat/Conversion/QIntToLoops/LoopKernelInterface.cpp.inc"
