// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Npy.cpp - NumPy .npy files for qat-run -----------------------------===//

#include "qat/Interpreter/Npy.h"

#include "qat/Dialect/Common/Limits.h"

#include "qat/Support/InputFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir;
using namespace mlir::qat;

namespace {
llvm::Error npyError(StringRef path, const Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 path + ": " + what);
}

/// The value of `'key':` in the header dictionary, up to the next ',' or
/// '}' outside parentheses.
std::optional<StringRef> headerField(StringRef header, StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  rest = rest.ltrim();
  int depth = 0;
  size_t end = 0;
  for (; end < rest.size(); ++end) {
    char c = rest[end];
    if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if ((c == ',' || c == '}') && depth == 0)
      break;
  }
  return rest.take_front(end).trim();
}

struct Dtype {
  ElementKind kind;
  size_t size;
};

std::optional<Dtype> parseDescr(StringRef descr) {
  if (descr == "<f4")
    return Dtype{ElementKind::F32, 4};
  if (descr == "|i1" || descr == "<i1")
    return Dtype{ElementKind::I8, 1};
  if (descr == "<i2")
    return Dtype{ElementKind::I16, 2};
  if (descr == "<i4")
    return Dtype{ElementKind::I32, 4};
  return std::nullopt;
}

std::string describeDescr(StringRef descr) {
  // '>f4' and the like: the type qat-run reads, in the wrong byte order.
  if (descr.consume_front(">") && parseDescr(("<" + descr).str()))
    return "big-endian " + describeDescr(("<" + descr).str());
  static const std::pair<StringRef, StringRef> names[] = {
      {"<f8", "float64"}, {"<f2", "float16"}, {"|u1", "uint8"},
      {"<i2", "int16"},   {"<i8", "int64"},   {"|b1", "bool"},
      {"<f4", "float32"}, {"<i4", "int32"}};
  for (auto [d, name] : names)
    if (d == descr)
      return name.str();
  return descr.str();
}
} // namespace

llvm::Expected<Tensor> mlir::qat::readNpy(StringRef path) {
  std::string reason;
  std::unique_ptr<llvm::MemoryBuffer> buffer = openInputFile(path, &reason);
  if (!buffer)
    return npyError(path, "cannot read: " + reason);
  StringRef data = buffer->getBuffer();
  if (!data.consume_front("\x93NUMPY") || data.size() < 2)
    return npyError(path, "not a NumPy .npy file (no \\x93NUMPY magic)");
  uint8_t major = data[0];
  data = data.drop_front(2);
  size_t headerLen;
  if (major == 1) {
    if (data.size() < 2)
      return npyError(path, "truncated header");
    headerLen = uint8_t(data[0]) | (size_t(uint8_t(data[1])) << 8);
    data = data.drop_front(2);
  } else if (major == 2 || major == 3) {
    if (data.size() < 4)
      return npyError(path, "truncated header");
    headerLen = 0;
    for (int i = 3; i >= 0; --i)
      headerLen = (headerLen << 8) | uint8_t(data[i]);
    data = data.drop_front(4);
  } else {
    return npyError(path, "unsupported .npy version " + Twine(int(major)));
  }
  if (data.size() < headerLen)
    return npyError(path, "truncated header");
  StringRef header = data.take_front(headerLen);
  data = data.drop_front(headerLen);

  std::optional<StringRef> descr = headerField(header, "descr");
  std::optional<StringRef> fortran = headerField(header, "fortran_order");
  std::optional<StringRef> shapeText = headerField(header, "shape");
  if (!descr || !fortran || !shapeText)
    return npyError(path, "malformed header: " + header.trim());
  StringRef descrValue = descr->trim("'\"");
  std::optional<Dtype> dtype = parseDescr(descrValue);
  if (!dtype)
    return npyError(path,
                    "unsupported dtype " + describeDescr(descrValue) + " ('" +
                        descrValue +
                        "'); qat-run reads float32, int8, int16 and int32 "
                        "(convert with array.astype(...))");
  if (*fortran != "False")
    return npyError(path, "Fortran-ordered arrays are not supported "
                          "(save np.ascontiguousarray(array))");

  Tensor tensor;
  tensor.kind = dtype->kind;
  StringRef dims = shapeText->trim("()");
  while (!dims.trim().empty()) {
    auto [first, rest] = dims.split(',');
    int64_t dim;
    if (first.trim().getAsInteger(10, dim) || dim < 0)
      return npyError(path, "malformed shape " + *shapeText);
    tensor.shape.push_back(dim);
    dims = rest;
  }
  std::optional<int64_t> count = boundedElementCount(tensor.shape);
  if (!count)
    return npyError(path, "shape " + *shapeText + " holds more than " +
                              Twine(kMaxTensorElements) +
                              " elements, the most qat supports in one tensor");
  size_t expected = size_t(*count) * dtype->size;
  if (data.size() != expected)
    return npyError(path, "holds " + Twine(data.size()) +
                              " bytes of data, but shape " + *shapeText +
                              " needs " + Twine(expected));
  if (tensor.isFloat())
    tensor.floats.resize(*count);
  else
    tensor.ints.resize(*count);
  // An empty vector's data() may be null, which memcpy must not be given.
  if (*count == 0)
    return tensor;
  if (tensor.kind == ElementKind::F32) {
    std::memcpy(tensor.floats.data(), data.data(), expected);
  } else if (tensor.kind == ElementKind::I8) {
    for (size_t i = 0; i < tensor.ints.size(); ++i)
      tensor.ints[i] = static_cast<int8_t>(data[i]);
  } else if (tensor.kind == ElementKind::I16) {
    for (size_t i = 0; i < tensor.ints.size(); ++i) {
      int16_t v;
      std::memcpy(&v, data.data() + 2 * i, 2);
      tensor.ints[i] = v;
    }
  } else {
    for (size_t i = 0; i < tensor.ints.size(); ++i) {
      int32_t v;
      std::memcpy(&v, data.data() + 4 * i, 4);
      tensor.ints[i] = v;
    }
  }
  return tensor;
}

llvm::Error mlir::qat::writeNpy(StringRef path, const Tensor &tensor) {
  std::string header = "{'descr': '";
  header += tensor.kind == ElementKind::F32   ? "<f4"
            : tensor.kind == ElementKind::I8  ? "|i1"
            : tensor.kind == ElementKind::I16 ? "<i2"
                                              : "<i4";
  header += "', 'fortran_order': False, 'shape': (";
  // NumPy's spelling of tuples: (), (5,), (2, 3).
  for (size_t i = 0; i < tensor.shape.size(); ++i)
    header += std::to_string(tensor.shape[i]) +
              (i + 1 < tensor.shape.size() ? ", " : "");
  if (tensor.shape.size() == 1)
    header += ",";
  header += "), }";
  // Pad so that magic + version + length + header is a multiple of 64.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';

  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return npyError(path, "cannot write: " + ec.message());
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  if (tensor.kind == ElementKind::F32) {
    os.write(reinterpret_cast<const char *>(tensor.floats.data()),
             tensor.floats.size() * 4);
  } else if (tensor.kind == ElementKind::I8) {
    for (int64_t v : tensor.ints)
      os << static_cast<char>(static_cast<int8_t>(v));
  } else if (tensor.kind == ElementKind::I16) {
    for (int64_t v : tensor.ints) {
      int16_t narrow = static_cast<int16_t>(v);
      os.write(reinterpret_cast<const char *>(&narrow), 2);
    }
  } else {
    for (int64_t v : tensor.ints) {
      int32_t narrow = static_cast<int32_t>(v);
      os.write(reinterpret_cast<const char *>(&narrow), 4);
    }
  }
  if (os.has_error())
    return npyError(path, "write failed");
  return llvm::Error::success();
}
