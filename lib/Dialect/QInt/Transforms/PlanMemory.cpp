//===- PlanMemory.cpp - static arena offsets from tensor lifetimes --------===//
//
// The `qint-plan-memory` pass; Passes.td states the model and the rule.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace mlir::qint {
#define GEN_PASS_DEF_QINTPLANMEMORYPASS
#include "qat/Dialect/QInt/Transforms/Passes.h.inc"
} // namespace mlir::qint

using namespace mlir;
using namespace mlir::qint;

namespace {
struct Buffer {
  Value root;                     // the tensor that owns the bytes
  Operation *scratchOf = nullptr; // or: the op whose working memory it is
  SmallVector<Value> aliases;     // root and its reshapes
  int64_t size = 0;               // bytes
  int64_t first = 0, last = 0;    // op indices, inclusive
  int64_t offset = -1;
  bool merged = false; // written in place into another buffer
};

int64_t bytes(Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  return t.getNumElements() * ((t.getElementTypeBitWidth() + 7) / 8);
}

/// The liveness lower bound of the buffers `counts` accepts: the most bytes
/// live at one op, by a sweep over the lifetimes' ends; and that op.
template <typename Counts>
std::pair<int64_t, int64_t> liveBound(ArrayRef<Buffer> buffers, int64_t numOps,
                                      Counts counts) {
  std::vector<int64_t> delta(numOps + 1, 0);
  for (const Buffer &b : buffers) {
    if (!counts(b))
      continue;
    delta[b.first] += b.size;
    delta[b.last + 1] -= b.size;
  }
  int64_t bound = 0, boundAt = 0, live = 0;
  for (int64_t t = 0; t < numOps; ++t) {
    live += delta[t];
    if (live > bound) {
      bound = live;
      boundAt = t;
    }
  }
  return {bound, boundAt};
}

/// Element-wise kernels (add, mul, requantize, lookup) read each element of
/// a same-sized operand before they write the same element of their output,
/// so where that operand's buffer dies at the kernel the output can take
/// it: the output's buffer merges into the operand's (in program order, so
/// chains of such kernels share one buffer). Returns the kernels merged.
template <typename Root>
int64_t writeInPlace(Block &block, SmallVector<Buffer> &buffers,
                     DenseMap<Value, size_t> &bufferOf,
                     const DenseSet<Value> &external, Root root,
                     DenseMap<Operation *, int64_t> &position) {
  int64_t merged = 0;
  for (Operation &op : block) {
    if (!isa<AddOp, MulOp, RequantizeOp, LookupOp>(op))
      continue;
    Value result = op.getResult(0);
    auto out = bufferOf.find(result);
    if (out == bufferOf.end() || external.count(result))
      continue;
    for (Value operand : op.getOperands()) {
      Value r = root(operand);
      auto in = bufferOf.find(r);
      if (in == bufferOf.end() || external.count(r) ||
          in->second == out->second)
        continue;
      Buffer &from = buffers[in->second], &to = buffers[out->second];
      if (from.merged || from.size != to.size ||
          cast<RankedTensorType>(operand.getType()).getNumElements() !=
              cast<RankedTensorType>(result.getType()).getNumElements() ||
          from.last != position[&op])
        continue;
      for (Value alias : to.aliases) {
        from.aliases.push_back(alias);
        bufferOf[alias] = in->second;
      }
      from.last = std::max(from.last, to.last);
      to.merged = true;
      ++merged;
      break;
    }
  }
  return merged;
}

struct PlanMemoryPass : qint::impl::QIntPlanMemoryPassBase<PlanMemoryPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (alignment < 1) {
      func.emitError() << "alignment must be at least 1, not "
                       << static_cast<int64_t>(alignment);
      return signalPassFailure();
    }
    if (!func.getBody().hasOneBlock())
      return;
    Block &block = func.getBody().front();
    DenseMap<Operation *, int64_t> position;
    for (auto [i, op] : llvm::enumerate(block))
      position[&op] = i;

    // The buffer that holds each tensor: a reshape aliases its input.
    DenseMap<Value, Value> rootOf;
    auto root = [&](Value v) {
      auto it = rootOf.find(v);
      return it == rootOf.end() ? v : it->second;
    };
    SmallVector<Buffer> buffers;
    DenseMap<Value, size_t> bufferOf;
    DenseSet<Value> external;
    for (BlockArgument arg : func.getArguments())
      external.insert(arg);
    for (Operation &op : block) {
      if (auto scratch = op.getAttrOfType<IntegerAttr>("qint.scratch")) {
        if (scratch.getInt() < 0) {
          op.emitError() << "qint.scratch must be a byte count >= 0, not "
                         << scratch.getInt();
          return signalPassFailure();
        }
        if (scratch.getInt() > 0) {
          Buffer b;
          b.scratchOf = &op;
          b.size = scratch.getInt();
          b.first = b.last = position[&op];
          buffers.push_back(b);
        }
      }
      if (!isa<QIntDialect>(op.getDialect()) || op.getNumResults() != 1)
        continue;
      Value result = op.getResult(0);
      if (auto reshape = dyn_cast<ReshapeOp>(op)) {
        Value r = root(reshape.getInput());
        rootOf[result] = r;
        if (bufferOf.count(r))
          buffers[bufferOf[r]].aliases.push_back(result);
        continue;
      }
      if (!isa<RankedTensorType>(result.getType()) ||
          !cast<RankedTensorType>(result.getType())
               .getElementType()
               .isIntOrIndex())
        continue;
      bufferOf[result] = buffers.size();
      Buffer b;
      b.root = result;
      b.aliases.push_back(result);
      b.size = bytes(result);
      b.first = b.last = position[&op];
      buffers.push_back(b);
    }
    // Returned tensors (through any reshape) are the caller's.
    Operation *terminator = block.getTerminator();
    for (Value v : terminator->getOperands())
      external.insert(root(v));
    // Lifetimes: to the last reader of any alias.
    for (Buffer &b : buffers)
      for (Value alias : b.aliases)
        for (Operation *user : alias.getUsers())
          if (user != terminator)
            b.last = std::max(b.last, position[user]);
    int64_t numOps = static_cast<int64_t>(block.getOperations().size());
    auto isArena = [&](const Buffer &b) {
      return !b.merged && (b.scratchOf || !external.count(b.root));
    };
    auto [outOfPlaceBound, outOfPlaceAt] = liveBound(buffers, numOps, isArena);
    int64_t inPlaceKernels = inPlace ? writeInPlace(block, buffers, bufferOf,
                                                    external, root, position)
                                     : 0;
    llvm::erase_if(buffers, [&](const Buffer &b) { return !isArena(b); });

    // Greedy by decreasing size (then definition order).
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    llvm::sort(order, [](const Buffer *a, const Buffer *b) {
      return a->size != b->size ? a->size > b->size : a->first < b->first;
    });
    auto alignUp = [&](int64_t x) {
      return (x + alignment - 1) / alignment * alignment;
    };
    // Placed buffers by the ops they are live at, so that each placement
    // looks only at the buffers its lifetime overlaps: linear in the program
    // for the short lifetimes of real networks, where a scan of every placed
    // buffer made 20,000 ops take seconds. The offsets are the same.
    std::vector<SmallVector<Buffer *, 2>> liveAt(numOps);
    DenseSet<Buffer *> overlapping;
    int64_t arena = 0;
    for (Buffer *b : order) {
      overlapping.clear();
      SmallVector<std::pair<int64_t, int64_t>> busy; // [start, end)
      for (int64_t t = b->first; t <= b->last; ++t)
        for (Buffer *p : liveAt[t])
          if (overlapping.insert(p).second)
            busy.push_back({p->offset, p->offset + p->size});
      llvm::sort(busy);
      int64_t offset = 0;
      for (auto [start, end] : busy) {
        if (offset + b->size <= start)
          break;
        offset = std::max(offset, alignUp(end));
      }
      b->offset = offset;
      arena = std::max(arena, offset + b->size);
      for (int64_t t = b->first; t <= b->last; ++t)
        liveAt[t].push_back(b);
    }

    auto [bound, boundAt] =
        liveBound(buffers, numOps, [](const Buffer &) { return true; });

    Builder builder(&getContext());
    for (const Buffer &b : buffers) {
      if (b.scratchOf)
        b.scratchOf->setAttr("qint.scratch_offset",
                             builder.getI64IntegerAttr(b.offset));
      for (Value alias : b.aliases)
        alias.getDefiningOp()->setAttr("qint.offset",
                                       builder.getI64IntegerAttr(b.offset));
    }
    func->setAttr("qint.arena_size", builder.getI64IntegerAttr(arena));

    if (!report)
      return;
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "memory plan: arena " << arena << " bytes, liveness lower bound "
       << bound << " bytes (at op " << boundAt << ")";
    if (arena > bound)
      os << "; " << arena - bound
         << " bytes above the bound: greedy placement left a gap that no "
            "later buffer fits"
         << (alignment > 1 ? ", or alignment padding" : "");
    if (inPlaceKernels > 0)
      os << "; " << inPlaceKernels << " kernel(s) write in place: "
         << "out-of-place bound " << outOfPlaceBound << " bytes (at op "
         << outOfPlaceAt << ")";
    os << "\n  buffer (producer @ op)                    bytes  lifetime  "
          "offset";
    for (const Buffer &b : buffers) {
      std::string producer;
      llvm::raw_string_ostream ps(producer);
      Operation *owner = b.scratchOf ? b.scratchOf : b.root.getDefiningOp();
      ps << (b.scratchOf ? "scratch of " : "") << owner->getName() << " @ "
         << b.first;
      os << "\n  " << llvm::left_justify(producer, 40)
         << llvm::right_justify(std::to_string(b.size), 6) << "  "
         << llvm::right_justify(
                (std::to_string(b.first) + ".." + std::to_string(b.last)), 8)
         << "  " << llvm::right_justify(std::to_string(b.offset), 6);
    }
    func.emitRemark() << text;
  }
};
} // namespace
