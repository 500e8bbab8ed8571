// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- InputFile.cpp - reading the files users give qat -------------------===//

#include "qat/Support/InputFile.h"

#include "llvm/ADT/Twine.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mlir;

namespace {
/// Reads `fd` to its end, refusing more than the streamed-input limit.
std::unique_ptr<llvm::MemoryBuffer> readStream(int fd, llvm::StringRef name,
                                               std::string *error) {
  std::string data;
  char chunk[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      *error = std::strerror(errno);
      return nullptr;
    }
    if (n == 0)
      break;
    if (data.size() + n > qat::kMaxStreamedInputBytes) {
      *error = ("the stream holds more than " +
                llvm::Twine(qat::kMaxStreamedInputBytes) +
                " bytes, the most qat reads from a stream")
                   .str();
      return nullptr;
    }
    data.append(chunk, n);
  }
  return llvm::MemoryBuffer::getMemBufferCopy(data, name);
}
} // namespace

std::unique_ptr<llvm::MemoryBuffer> qat::openInputFile(llvm::StringRef path,
                                                       std::string *error) {
  if (path == "-")
    return readStream(STDIN_FILENO, "<stdin>", error);
  struct stat status;
  if (::stat(path.str().c_str(), &status) != 0) {
    *error = std::strerror(errno);
    return nullptr;
  }
  if (S_ISDIR(status.st_mode)) {
    *error = "it is a directory, not a model or data file";
    return nullptr;
  }
  if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode) ||
      S_ISSOCK(status.st_mode)) {
    *error = "it is a device, not a model or data file";
    return nullptr;
  }
  if (S_ISFIFO(status.st_mode)) {
    int fd = ::open(path.str().c_str(), O_RDONLY);
    if (fd < 0) {
      *error = std::strerror(errno);
      return nullptr;
    }
    std::unique_ptr<llvm::MemoryBuffer> buffer = readStream(fd, path, error);
    ::close(fd);
    return buffer;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
      llvm::MemoryBuffer::getFile(path);
  if (!file) {
    *error = file.getError().message();
    return nullptr;
  }
  return std::move(*file);
}
