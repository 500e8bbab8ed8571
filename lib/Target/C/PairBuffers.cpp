//===- PairBuffers.cpp - arena room for the two-pixel convolutions --------===//
//
// qat_rt_conv2d_pairs widens two output pixels' columns into a buffer so
// that the DSP kernels load each weight once for both pixels. The buffer is
// live during its convolution only, so it fits, at no cost, wherever that
// op's live tensors leave a gap in the planned arena; beyond that it costs
// arena, which a budget allows.
//
//===----------------------------------------------------------------------===//

#include "RuntimeLayout.h"

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Target/C/EmitC.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <algorithm>
#include <functional>
#include <map>

using namespace mlir;
using namespace mlir::qat;

namespace {
/// Arena bytes [begin, end) in use from op `first` to op `last`.
struct Interval {
  int64_t begin, end, first, last;
};
} // namespace

/// Bytes of an arena tensor.
static int64_t tensorBytes(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  return type.getNumElements() *
         ((type.getElementType().getIntOrFloatBitWidth() + 7) / 8);
}

/// Every planned arena range with the ops it spans: tensors from their
/// producer to their last reader (through reshapes, which share storage),
/// scratch during its op.
static SmallVector<Interval>
plannedIntervals(Block &block, DenseMap<Operation *, int64_t> &position) {
  SmallVector<Interval> intervals;
  std::function<int64_t(Value)> lastUse = [&](Value v) {
    int64_t last = position[v.getDefiningOp()];
    for (Operation *user : v.getUsers()) {
      last = std::max(last, position[user]);
      if (auto reshape = dyn_cast<qint::ReshapeOp>(user))
        last = std::max(last, lastUse(reshape.getResult()));
    }
    return last;
  };
  for (Operation &op : block) {
    int64_t at = position[&op];
    if (auto offset = op.getAttrOfType<IntegerAttr>("qint.offset"))
      intervals.push_back({offset.getInt(),
                           offset.getInt() + tensorBytes(op.getResult(0)), at,
                           lastUse(op.getResult(0))});
    auto scratch = op.getAttrOfType<IntegerAttr>("qint.scratch");
    auto scratchOffset = op.getAttrOfType<IntegerAttr>("qint.scratch_offset");
    if (scratch && scratchOffset)
      intervals.push_back({scratchOffset.getInt(),
                           scratchOffset.getInt() + scratch.getInt(), at, at});
  }
  return intervals;
}

LogicalResult mlir::qat::placePairBuffers(func::FuncOp func, int64_t budget) {
  auto arenaAttr = func->getAttrOfType<IntegerAttr>("qint.arena_size");
  if (!arenaAttr)
    return func.emitError("has no planned arena (qint.arena_size)");
  Block &block = func.getBody().front();
  DenseMap<Operation *, int64_t> position;
  for (auto [i, op] : llvm::enumerate(block))
    position[&op] = static_cast<int64_t>(i);
  SmallVector<Interval> intervals = plannedIntervals(block, position);
  llvm::sort(intervals, [](const Interval &a, const Interval &b) {
    return a.first < b.first;
  });
  const int64_t limit = arenaAttr.getInt() + std::max<int64_t>(budget, 0);
  int64_t arena = arenaAttr.getInt();
  Builder builder(func.getContext());
  // A sweep in program order: `live` holds the ranges of the intervals that
  // have begun, ordered by where they begin; ended ones leave as met.
  std::multimap<int64_t, const Interval *> live;
  const Interval *next = intervals.begin();
  for (Operation &op : block) {
    int64_t need = c_runtime::pairBufferBytes(&op);
    if (need == 0)
      continue;
    int64_t at = position[&op];
    for (; next != intervals.end() && next->first <= at; ++next)
      live.insert({next->begin, next});
    // The lowest word-aligned gap.
    int64_t candidate = 0;
    for (auto it = live.begin(); it != live.end();) {
      const Interval &busy = *it->second;
      if (busy.last < at) {
        it = live.erase(it);
        continue;
      }
      if (candidate + need <= busy.begin)
        break;
      candidate = std::max(candidate, (busy.end + 3) / 4 * 4);
      ++it;
    }
    if (candidate + need > limit)
      continue;
    // The buffer lives during this op only, so later ops need not see it.
    op.setAttr("qint.pairs_offset", builder.getI64IntegerAttr(candidate));
    arena = std::max(arena, candidate + need);
  }
  func->setAttr("qint.arena_size", builder.getI64IntegerAttr(arena));
  return success();
}
