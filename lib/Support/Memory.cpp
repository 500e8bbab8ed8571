// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Memory.cpp - what the process may allocate, and running out --------===//

#include "qat/Support/Memory.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sys/resource.h>
#include <unistd.h>

using namespace mlir;

namespace {
/// Bytes of address space the process maps now (/proc/self/statm's first
/// field, in pages), or 0 when unknown.
uint64_t mappedBytes() {
  std::FILE *statm = std::fopen("/proc/self/statm", "r");
  if (!statm)
    return 0;
  unsigned long long pages = 0;
  const bool read = std::fscanf(statm, "%llu", &pages) == 1;
  std::fclose(statm);
  return read ? pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE)) : 0;
}

uint64_t headroomUnder(int resource, uint64_t used) {
  struct rlimit limit;
  if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return std::numeric_limits<uint64_t>::max();
  const uint64_t cap = limit.rlim_cur;
  return cap > used ? cap - used : 0;
}

thread_local std::function<std::string()> outOfMemoryContext;
const char *outOfMemoryTool = "qat";

[[noreturn]] void onOutOfMemory(void *, const char *, bool) {
  // Formatting may allocate; the failed allocation is usually a large
  // tensor, so a short message still fits. The context is dropped first,
  // so a second failure while describing it cannot recurse.
  std::function<std::string()> describe = std::move(outOfMemoryContext);
  outOfMemoryContext = nullptr;
  std::fprintf(stderr, "%s: error: out of memory", outOfMemoryTool);
  if (describe)
    std::fprintf(stderr, " while computing %s", describe().c_str());
  std::fprintf(stderr, "\n");
  std::fflush(stderr);
  std::_Exit(1);
}
} // namespace

uint64_t qat::allocatableBytes() {
  const uint64_t mapped = mappedBytes();
  uint64_t bytes = std::min(headroomUnder(RLIMIT_AS, mapped),
                            headroomUnder(RLIMIT_DATA, mapped));
  const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  if (pages > 0 && pageSize > 0)
    bytes = std::min(bytes, static_cast<uint64_t>(pages) *
                                static_cast<uint64_t>(pageSize));
  return bytes;
}

void qat::installOutOfMemoryHandler(const char *tool) {
  outOfMemoryTool = tool;
  llvm::install_bad_alloc_error_handler(onOutOfMemory);
}

void qat::setOutOfMemoryContext(std::function<std::string()> describe) {
  outOfMemoryContext = std::move(describe);
}
