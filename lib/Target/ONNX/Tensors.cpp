// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Tensors.cpp - decoding ONNX tensors --------------------------------===//
//
// Initializers and Constant values arrive in one of several encodings (raw
// little-endian bytes, or typed repeated fields); this file turns each into a
// HostTensor and refuses what it cannot represent exactly.
//
//===----------------------------------------------------------------------===//

#include "Importer.h"

#include "qat/Dialect/Common/Limits.h"

#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::qat::onnx_import;

int64_t HostTensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string mlir::qat::onnx_import::dataTypeName(int32_t dataType) {
  if (!onnx::TensorProto::DataType_IsValid(dataType))
    return "an unknown data type";
  return StringRef(onnx::TensorProto::DataType_Name(
                       static_cast<onnx::TensorProto::DataType>(dataType)))
      .lower();
}

namespace {
/// Bytes per element of the types qat decodes; 0 for the others.
size_t elementSize(int32_t type) {
  switch (type) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
    return 4;
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::BOOL:
    return 1;
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::UINT16:
    return 2;
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::DOUBLE:
    return 8;
  default:
    return 0;
  }
}

template <typename T>
void appendRaw(const std::string &raw, std::vector<double> &out) {
  size_t n = raw.size() / sizeof(T);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, raw.data() + i * sizeof(T), sizeof(T));
    out.push_back(static_cast<double>(v));
  }
}
} // namespace

FailureOr<HostTensor> mlir::qat::onnx_import::decodeTensor(
    const onnx::TensorProto &proto,
    llvm::function_ref<InFlightDiagnostic()> error) {
  HostTensor t;
  t.dataType = proto.data_type();
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return error() << "tensor '" << proto.name()
                   << "' keeps its data in an external file, which qat does "
                      "not read; export with the weights inside the model "
                      "(torch.onnx.export does so below 2 GB)";
  if (proto.has_segment())
    return error() << "tensor '" << proto.name()
                   << "' is segmented, which qat does not read";
  size_t size = elementSize(t.dataType);
  if (size == 0)
    return error() << "tensor '" << proto.name() << "' has data type "
                   << dataTypeName(t.dataType)
                   << ", which qat does not read (it reads float32, "
                      "double, 8/16/32/64-bit integers and bool; export "
                      "float16 models in float32)";

  // The element count, refusing negative dimensions and overflow.
  int64_t count = 1;
  for (int64_t d : proto.dims()) {
    if (d < 0)
      return error() << "tensor '" << proto.name()
                     << "' has a negative dimension " << d;
    if (d != 0 && count > mlir::qat::kMaxTensorElements / d)
      return error() << "tensor '" << proto.name() << "' has more than "
                     << mlir::qat::kMaxTensorElements
                     << " elements, the most qat supports in one tensor";
    count *= d;
    t.shape.push_back(d);
  }

  // ONNX stores a tensor's data in one place: raw_data, or the one typed
  // field its type uses. Data anywhere else would be silently ignored.
  const std::pair<const char *, int> typedFields[] = {
      {"float_data", proto.float_data_size()},
      {"int32_data", proto.int32_data_size()},
      {"string_data", proto.string_data_size()},
      {"int64_data", proto.int64_data_size()},
      {"double_data", proto.double_data_size()},
      {"uint64_data", proto.uint64_data_size()}};
  StringRef usedField = t.dataType == onnx::TensorProto::FLOAT ? "float_data"
                        : t.dataType == onnx::TensorProto::DOUBLE
                            ? "double_data"
                        : t.dataType == onnx::TensorProto::INT64 ? "int64_data"
                                                                 : "int32_data";
  for (auto [field, size] : typedFields) {
    if (size == 0)
      continue;
    if (proto.has_raw_data())
      return error() << "tensor '" << proto.name()
                     << "' holds both raw_data and " << field
                     << "; ONNX keeps a tensor's data in one of them";
    if (field != usedField)
      return error() << "tensor '" << proto.name() << "' of type "
                     << dataTypeName(t.dataType) << " holds " << field
                     << ", which its type does not use (it uses " << usedField
                     << ")";
  }

  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (raw.size() != static_cast<size_t>(count) * size)
      return error() << "tensor '" << proto.name() << "' holds " << raw.size()
                     << " bytes of data, but its shape and type need "
                     << static_cast<size_t>(count) * size;
    switch (t.dataType) {
    case onnx::TensorProto::FLOAT:
      appendRaw<float>(raw, t.values);
      break;
    case onnx::TensorProto::DOUBLE:
      appendRaw<double>(raw, t.values);
      break;
    case onnx::TensorProto::INT8:
      appendRaw<int8_t>(raw, t.values);
      break;
    case onnx::TensorProto::UINT8:
    case onnx::TensorProto::BOOL:
      appendRaw<uint8_t>(raw, t.values);
      break;
    case onnx::TensorProto::INT16:
      appendRaw<int16_t>(raw, t.values);
      break;
    case onnx::TensorProto::UINT16:
      appendRaw<uint16_t>(raw, t.values);
      break;
    case onnx::TensorProto::INT32:
      appendRaw<int32_t>(raw, t.values);
      break;
    case onnx::TensorProto::INT64:
      appendRaw<int64_t>(raw, t.values);
      break;
    }
    return t;
  }

  // Typed fields: floats in float_data, doubles in double_data, int64 in
  // int64_data, and every narrower integer in int32_data.
  auto take = [&](const auto &field) -> LogicalResult {
    if (field.size() != count)
      return error() << "tensor '" << proto.name() << "' holds " << field.size()
                     << " values, but its shape needs " << count;
    t.values.assign(field.begin(), field.end());
    return success();
  };
  // int32_data holds every integer type narrower than 64 bits: a value
  // outside the declared type would otherwise be taken as it is.
  auto checkRange = [&](int64_t lo, int64_t hi) -> LogicalResult {
    for (auto [i, v] : llvm::enumerate(t.values))
      if (v < lo || v > hi)
        return error() << "tensor '" << proto.name() << "' of type "
                       << dataTypeName(t.dataType) << " holds "
                       << static_cast<int64_t>(v) << " at index " << i
                       << ", outside [" << lo << ", " << hi << "]";
    return success();
  };
  LogicalResult taken = failure();
  switch (t.dataType) {
  case onnx::TensorProto::FLOAT:
    taken = take(proto.float_data());
    break;
  case onnx::TensorProto::DOUBLE:
    taken = take(proto.double_data());
    break;
  case onnx::TensorProto::INT64:
    taken = take(proto.int64_data());
    break;
  default:
    taken = take(proto.int32_data());
    break;
  }
  if (failed(taken))
    return failure();
  switch (t.dataType) {
  case onnx::TensorProto::INT8:
    return failed(checkRange(-128, 127)) ? FailureOr<HostTensor>() : t;
  case onnx::TensorProto::UINT8:
    return failed(checkRange(0, 255)) ? FailureOr<HostTensor>() : t;
  case onnx::TensorProto::BOOL:
    return failed(checkRange(0, 1)) ? FailureOr<HostTensor>() : t;
  case onnx::TensorProto::INT16:
    return failed(checkRange(-32768, 32767)) ? FailureOr<HostTensor>() : t;
  case onnx::TensorProto::UINT16:
    return failed(checkRange(0, 65535)) ? FailureOr<HostTensor>() : t;
  default:
    return t;
  }
}
