// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InputFile.h - reading the files users give qat -----------*- C++ -*-===//
//
// Every tool and the C API read models and data through this one function,
// so a path that cannot be a model (a directory, /dev/zero, /dev/urandom)
// is an error naming it instead of a read that never ends or exhausts
// memory.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_SUPPORT_INPUTFILE_H
#define QAT_SUPPORT_INPUTFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace mlir::qat {

/// The most bytes qat reads from a stream whose size is not known in
/// advance (standard input, a pipe): 2 GiB, protobuf's limit for an ONNX
/// model and far beyond any model's text.
constexpr uint64_t kMaxStreamedInputBytes = uint64_t(2) << 30;

/// The contents of `path`: a regular file, or a stream ("-" for standard
/// input, a named pipe) of at most kMaxStreamedInputBytes. A directory, a
/// device or a longer stream gives null and the reason in `error` (the
/// caller names the path).
std::unique_ptr<llvm::MemoryBuffer> openInputFile(llvm::StringRef path,
                                                  std::string *error);

} // namespace mlir::qat

#endif // QAT_SUPPORT_INPUTFILE_H
