// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Memory.h - what the process may allocate, and running out -*- C++ -*-=//
//
// The interpreter bounds the tensors it holds by what the process can
// really allocate (a `ulimit -v`, a container's limit, the machine's RAM),
// so a model too large for the host is an error naming the tensor. What
// still runs out of memory ends with one error line and exit status 1,
// never LLVM's abort.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_SUPPORT_MEMORY_H
#define QAT_SUPPORT_MEMORY_H

#include <cstdint>
#include <functional>
#include <string>

namespace mlir::qat {

/// Bytes this process may still allocate: the smallest of the headroom
/// under its address-space and data limits (RLIMIT_AS, RLIMIT_DATA, less
/// what it already maps) and the machine's physical memory; UINT64_MAX when
/// none is known.
uint64_t allocatableBytes();

/// Makes an allocation failure in a tool print `tool: error: out of memory`
/// (with what `describe`, when set, says was being computed) and exit with
/// status 1, instead of LLVM's abort. For tools, after llvm::InitLLVM.
void installOutOfMemoryHandler(const char *tool);

/// What the current thread is computing, for the out-of-memory message
/// (the interpreter sets it per op); empty when nothing is set.
void setOutOfMemoryContext(std::function<std::string()> describe);

} // namespace mlir::qat

#endif // QAT_SUPPORT_MEMORY_H
