// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Tensor.cpp - values of the reference interpreter -------------------===//

#include "qat/Interpreter/Tensor.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::qat;

Tensor Tensor::zeros(ElementKind kind, ArrayRef<int64_t> shape) {
  Tensor t;
  t.kind = kind;
  t.shape.assign(shape.begin(), shape.end());
  if (kind == ElementKind::F32)
    t.floats.assign(t.numElements(), 0.0f);
  else
    t.ints.assign(t.numElements(), 0);
  return t;
}

int64_t Tensor::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string Tensor::typeString() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "tensor<";
  for (int64_t d : shape)
    os << d << "x";
  switch (kind) {
  case ElementKind::F32:
    os << "f32";
    break;
  case ElementKind::I8:
    os << "i8";
    break;
  case ElementKind::I16:
    os << "i16";
    break;
  case ElementKind::I32:
    os << "i32";
    break;
  case ElementKind::I64:
    os << "i64";
    break;
  }
  os << ">";
  return s;
}

std::optional<ElementKind> mlir::qat::elementKindOf(Type type) {
  if (type.isF32())
    return ElementKind::F32;
  if (type.isInteger(8))
    return ElementKind::I8;
  if (type.isInteger(16))
    return ElementKind::I16;
  if (type.isInteger(32))
    return ElementKind::I32;
  if (type.isInteger(64))
    return ElementKind::I64;
  return std::nullopt;
}

SmallVector<int64_t, 4> mlir::qat::stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t, 4> strides(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}
