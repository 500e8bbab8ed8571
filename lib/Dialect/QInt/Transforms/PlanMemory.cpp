// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- PlanMemory.cpp - static arena offsets from tensor lifetimes --------===//
//
// The `qint-plan-memory` pass; Passes.td states the model and the rule.
//
//===----------------------------------------------------------------------===//

#include "qat/Dialect/QInt/IR/QIntOps.h"
#include "qat/Dialect/QInt/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <limits>
#include <optional>

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
  // Written by a windowed kernel over its input's buffer `parent`, starting
  // `shift` bytes below it (windowShift). Such buffers form chains placed as
  // one: `chain` is the chain's first buffer and `rel` this buffer's offset
  // from it.
  int64_t parent = -1, shift = 0, chain = -1, rel = 0;
};

int64_t bytes(Value v) { return storageBytes(v.getType()); }

/// Element-wise kernels (the ElementwiseInPlace trait) read each element of
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
    if (!op.hasTrait<OpTrait::qint::ElementwiseInPlace>())
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

/// How many bytes below its input's start a windowed kernel's output must
/// start so that writing it over the input is exact, or nothing for a
/// kernel that is not windowed. Every backend's windowed kernel
/// (WindowOpInterface) computes output pixels in
/// order (batch, row, column), each from its window alone, and may write a
/// pixel's channels while it still reads that pixel's window; so pixel p's
/// output bytes must end at or before the first input byte that pixel p or
/// any later pixel reads. That byte is at least the window's top-left tap
/// clamped into the image (padding reads no input).
std::optional<int64_t> windowShift(Operation *op) {
  auto window = dyn_cast<WindowOpInterface>(op);
  if (!window)
    return std::nullopt;
  auto in = cast<RankedTensorType>(op->getOperand(0).getType());
  auto out = cast<RankedTensorType>(op->getResult(0).getType());
  ArrayRef<int64_t> pad = window.getWindowPad();
  ArrayRef<int64_t> strides = window.getWindowStrides();
  // Mixed precision: the output's elements may be wider or narrower.
  const int64_t inPixel =
                    in.getDimSize(3) * ((in.getElementTypeBitWidth() + 7) / 8),
                outPixel = out.getDimSize(3) *
                           ((out.getElementTypeBitWidth() + 7) / 8);
  const int64_t batches = out.getDimSize(0), outH = out.getDimSize(1),
                outW = out.getDimSize(2), inH = in.getDimSize(1),
                inW = in.getDimSize(2);
  // The first byte read by pixel p, then by p and every later pixel.
  std::vector<int64_t> firstRead(batches * outH * outW);
  for (int64_t n = 0, p = 0; n < batches; ++n)
    for (int64_t y = 0; y < outH; ++y)
      for (int64_t x = 0; x < outW; ++x, ++p) {
        int64_t iy = std::max<int64_t>(0, y * strides[0] - pad[0]);
        int64_t ix = std::max<int64_t>(0, x * strides[1] - pad[2]);
        firstRead[p] = ((n * inH + iy) * inW + ix) * inPixel;
      }
  int64_t shift = std::numeric_limits<int64_t>::min();
  for (int64_t p = static_cast<int64_t>(firstRead.size()) - 1,
               later = std::numeric_limits<int64_t>::max();
       p >= 0; --p) {
    later = std::min(later, firstRead[p]);
    shift = std::max(shift, (p + 1) * outPixel - later);
  }
  return shift;
}

/// The bytes live at each op: every arena buffer live there, less what a
/// windowed kernel's output shares with its input at that kernel (the only
/// op where two buffers of a chain are both live).
std::vector<int64_t> liveBytes(ArrayRef<Buffer> buffers, int64_t numOps) {
  std::vector<int64_t> delta(numOps + 1, 0);
  for (const Buffer &b : buffers) {
    delta[b.first] += b.size;
    delta[b.last + 1] -= b.size;
    if (b.parent < 0)
      continue;
    // The output spans [-shift, -shift + size) from its input's start.
    int64_t shared = std::min(buffers[b.parent].size, b.size - b.shift) -
                     std::max<int64_t>(0, -b.shift);
    delta[b.first] -= std::max<int64_t>(0, shared);
    delta[b.first + 1] += std::max<int64_t>(0, shared);
  }
  std::vector<int64_t> live(numOps);
  for (int64_t t = 0, sum = 0; t < numOps; ++t)
    live[t] = sum += delta[t];
  return live;
}

/// The most bytes live at one op, and the first op where they are.
std::pair<int64_t, int64_t> peakOf(const std::vector<int64_t> &live) {
  auto at = std::max_element(live.begin(), live.end());
  return {*at, at - live.begin()};
}

/// The buffers `isArena` accepts, in order, parents renumbered among them.
template <typename IsArena>
SmallVector<Buffer> arenaBuffers(ArrayRef<Buffer> all, IsArena isArena) {
  SmallVector<Buffer> kept;
  std::vector<int64_t> index(all.size(), -1);
  for (auto [i, b] : llvm::enumerate(all))
    if (isArena(b)) {
      index[i] = kept.size();
      kept.push_back(b);
    }
  for (Buffer &b : kept)
    if (b.parent >= 0)
      b.parent = index[b.parent];
  return kept;
}

/// Each buffer's chain and offset in it, in definition order (a parent
/// precedes its child).
void formChains(MutableArrayRef<Buffer> buffers) {
  for (auto [i, b] : llvm::enumerate(buffers)) {
    if (b.parent < 0) {
      b.chain = i;
      b.rel = 0;
      continue;
    }
    const Buffer &p = buffers[b.parent];
    b.chain = p.chain;
    b.rel = p.rel - b.shift;
  }
}

/// Places the buffers (arena buffers only, chains already formed), each
/// chain as one: greedy by decreasing size (then definition order), at the
/// lowest offset (a multiple of the alignment) where no member overlaps a
/// placed buffer whose lifetime intersects its own. Returns the arena size.
int64_t placeGreedily(SmallVector<Buffer> &buffers, int64_t numOps,
                      int64_t alignment) {
  auto alignUp = [&](int64_t x) {
    return llvm::divideCeilSigned(x, alignment) * alignment;
  };
  DenseMap<int64_t, SmallVector<Buffer *, 1>> members;
  SmallVector<int64_t> chains;
  for (Buffer &b : buffers) {
    auto [it, fresh] = members.try_emplace(b.chain);
    if (fresh)
      chains.push_back(b.chain);
    it->second.push_back(&b);
  }
  auto largest = [&](int64_t chain) {
    int64_t size = 0;
    for (Buffer *b : members[chain])
      size = std::max(size, b->size);
    return size;
  };
  DenseMap<int64_t, int64_t> sizeOf;
  for (int64_t chain : chains)
    sizeOf[chain] = largest(chain);
  llvm::sort(chains, [&](int64_t a, int64_t b) {
    return sizeOf[a] != sizeOf[b] ? sizeOf[a] > sizeOf[b] : a < b;
  });
  // Placed buffers by the ops they are live at, so that each placement
  // looks only at the buffers its lifetime overlaps: linear in the program
  // for the short lifetimes of real networks, where a scan of every placed
  // buffer made 20,000 ops take seconds.
  std::vector<SmallVector<Buffer *, 2>> liveAt(numOps);
  DenseSet<Buffer *> overlapping;
  int64_t arena = 0;
  for (int64_t chain : chains) {
    // Offsets of the chain's start that some member cannot take,
    // [first, last] each.
    SmallVector<std::pair<int64_t, int64_t>> taken;
    int64_t lowest = 0;
    for (Buffer *m : members[chain]) {
      lowest = std::max(lowest, -m->rel);
      overlapping.clear();
      for (int64_t t = m->first; t <= m->last; ++t)
        for (Buffer *p : liveAt[t])
          if (overlapping.insert(p).second)
            taken.push_back({p->offset - m->rel - m->size + 1,
                             p->offset + p->size - m->rel - 1});
    }
    llvm::sort(taken);
    int64_t start = alignUp(lowest);
    for (auto [first, last] : taken) {
      if (start < first)
        break;
      if (start <= last)
        start = alignUp(last + 1);
    }
    for (Buffer *m : members[chain]) {
      m->offset = start + m->rel;
      arena = std::max(arena, m->offset + m->size);
      for (int64_t t = m->first; t <= m->last; ++t)
        liveAt[t].push_back(m);
    }
  }
  return arena;
}

/// The arena's buffers (`isArena`) placed: chains formed, then
/// placeGreedily; `arena` is set to the arena size.
template <typename IsArena>
SmallVector<Buffer> arenaPlan(ArrayRef<Buffer> all, IsArena isArena,
                              int64_t numOps, int64_t alignment,
                              int64_t &arena) {
  SmallVector<Buffer> buffers = arenaBuffers(all, isArena);
  formChains(buffers);
  arena = placeGreedily(buffers, numOps, alignment);
  return buffers;
}

/// Windowed kernels whose input dies at them write their output over it,
/// shifted down by windowShift (rounded up to the alignment), at the ops
/// where that lowers the most bytes live at once: each round takes every
/// such kernel at the current peak, until no kernel at the peak can. Other
/// kernels keep a buffer of their own, because a backend may run a kernel
/// faster when its output is apart (the C runtime's two-pixel
/// convolutions keep their working columns in the output's last bytes).
/// Returns the kernels that write over their input.
template <typename Root, typename IsArena>
int64_t writeOverWindows(Block &block, SmallVector<Buffer> &buffers,
                         DenseMap<Value, size_t> &bufferOf,
                         const DenseSet<Value> &external, Root root,
                         DenseMap<Operation *, int64_t> &position,
                         int64_t numOps, IsArena isArena, int64_t alignment) {
  struct Window {
    size_t in, out;
    int64_t shift, at;
  };
  SmallVector<Window> windows;
  for (Operation &op : block) {
    std::optional<int64_t> shift = windowShift(&op);
    if (!shift)
      continue;
    auto out = bufferOf.find(op.getResult(0));
    auto in = bufferOf.find(root(op.getOperand(0)));
    if (out == bufferOf.end() || in == bufferOf.end() ||
        external.count(op.getResult(0)))
      continue;
    const Buffer &from = buffers[in->second], &to = buffers[out->second];
    int64_t aligned = llvm::divideCeilSigned(*shift, alignment) * alignment;
    // Only where the output shares bytes with the input.
    if (!isArena(from) || !isArena(to) || from.last != position[&op] ||
        aligned >= to.size || aligned <= -from.size)
      continue;
    windows.push_back({in->second, out->second, aligned, position[&op]});
  }
  int64_t taken = 0;
  // The placed arena with every kernel apart, which the peak rounds must
  // beat: an output wider than its input (a conv writing int16 over int8)
  // starts far below it, and its chain can span more than both apart.
  int64_t apart = 0;
  arenaPlan(buffers, isArena, numOps, alignment, apart);
  SmallVector<std::pair<Window *, int64_t>> atPeak;
  // A round per peak; a bound on rounds keeps planning linear.
  for (int round = 0; round < 64; ++round) {
    std::vector<int64_t> live =
        liveBytes(arenaBuffers(buffers, isArena), numOps);
    int64_t peak = peakOf(live).first;
    int64_t before = taken;
    for (Window &w : windows) {
      if (w.at < 0 || live[w.at] != peak)
        continue;
      buffers[w.out].parent = w.in;
      buffers[w.out].shift = w.shift;
      atPeak.push_back({&w, w.at});
      w.at = -1;
      ++taken;
    }
    if (taken == before)
      break;
  }
  // The bound is not the arena: chains step down by their shifts, and
  // placement leaves gaps. So also take the kernels at the ops where the
  // placed arena reaches its top, while that makes the arena smaller.
  int64_t arena = 0;
  SmallVector<Buffer> placed =
      arenaPlan(buffers, isArena, numOps, alignment, arena);
  if (arena > apart) {
    for (auto [w, at] : atPeak) {
      buffers[w->out].parent = -1;
      w->at = at;
    }
    taken = 0;
    placed = arenaPlan(buffers, isArena, numOps, alignment, arena);
  }
  for (int round = 0; round < 16; ++round) {
    std::vector<bool> atTop(numOps, false);
    for (const Buffer &b : placed)
      if (b.offset + b.size == arena)
        for (int64_t t = b.first; t <= b.last; ++t)
          atTop[t] = true;
    SmallVector<Window *> tried;
    for (Window &w : windows) {
      if (w.at < 0 || !atTop[w.at])
        continue;
      buffers[w.out].parent = w.in;
      buffers[w.out].shift = w.shift;
      tried.push_back(&w);
    }
    if (tried.empty())
      break;
    int64_t smaller = 0;
    SmallVector<Buffer> again =
        arenaPlan(buffers, isArena, numOps, alignment, smaller);
    if (smaller >= arena) {
      for (Window *w : tried)
        buffers[w->out].parent = -1;
      break;
    }
    for (Window *w : tried)
      w->at = -1;
    taken += tried.size();
    arena = smaller;
    placed = std::move(again);
  }
  return taken;
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
    // Every tensor at a multiple of its element size too: kernels read
    // int16 tensors as int16_t.
    int64_t align = alignment;
    func.walk([&](Operation *op) {
      if (!isa<QIntDialect>(op->getDialect()))
        return;
      for (Type t : op->getResultTypes())
        if (auto tensor = dyn_cast<RankedTensorType>(t))
          align = std::max<int64_t>(align,
                                    (tensor.getElementTypeBitWidth() + 7) / 8);
    });
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
    auto [outOfPlaceBound, outOfPlaceAt] =
        peakOf(liveBytes(arenaBuffers(buffers, isArena), numOps));
    int64_t elementwiseKernels =
        inPlace
            ? writeInPlace(block, buffers, bufferOf, external, root, position)
            : 0;
    int64_t windowedKernels =
        inPlace && inPlaceWindows
            ? writeOverWindows(block, buffers, bufferOf, external, root,
                               position, numOps, isArena, align)
            : 0;
    int64_t arena = 0;
    SmallVector<Buffer> placed =
        arenaPlan(buffers, isArena, numOps, align, arena);
    auto [bound, boundAt] = peakOf(liveBytes(placed, numOps));

    Builder builder(&getContext());
    for (const Buffer &b : placed) {
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
    // The widest chain of kernels writing over their input: each output
    // starts below its input, so a chain can span more than any one op's
    // live bytes (a buffer alone never does).
    DenseMap<int64_t, std::pair<int64_t, int64_t>> extent; // [low, high)
    int64_t widest = 0;
    for (const Buffer &b : placed) {
      auto it = extent.try_emplace(b.chain, b.offset, b.offset + b.size).first;
      it->second.first = std::min(it->second.first, b.offset);
      it->second.second = std::max(it->second.second, b.offset + b.size);
      widest = std::max(widest, it->second.second - it->second.first);
    }
    if (arena > bound) {
      os << "; " << arena - bound << " bytes above the bound: ";
      if (widest > bound)
        os << "a chain of kernels writing over their input spans " << widest
           << " bytes (each output starts below its input)";
      else
        os << "greedy placement left a gap that no later buffer fits"
           << (align > 1 ? ", or alignment padding" : "");
    }
    if (elementwiseKernels + windowedKernels > 0)
      os << "; " << elementwiseKernels + windowedKernels
         << " kernel(s) write in place (" << windowedKernels
         << " over their window's input): out-of-place bound "
         << outOfPlaceBound << " bytes (at op " << outOfPlaceAt << ")";
    os << "\n  buffer (producer @ op)                    bytes  lifetime  "
          "offset";
    for (const Buffer &b : placed) {
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
