// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Tensor.h - values of the reference interpreter -----------*- C++ -*-===//

#ifndef QAT_INTERPRETER_TENSOR_H
#define QAT_INTERPRETER_TENSOR_H

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mlir::qat {

/// The element types qat programs use.
enum class ElementKind { F32, I8, I16, I32, I64 };

/// A dense row-major tensor. Integers (i8 to i64) are held as int64 so the
/// kernels need one code path; the kind says which range is valid.
struct Tensor {
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t, 4> shape;
  std::vector<float> floats;
  std::vector<int64_t> ints;

  static Tensor zeros(ElementKind kind, llvm::ArrayRef<int64_t> shape);
  int64_t numElements() const;
  bool isFloat() const { return kind == ElementKind::F32; }
  /// `tensor<1x8xi8>`.
  std::string typeString() const;
};

/// The element kind of an MLIR element type, if qat programs use it.
std::optional<ElementKind> elementKindOf(Type type);

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t, 4> stridesOf(llvm::ArrayRef<int64_t> shape);

} // namespace mlir::qat

#endif // QAT_INTERPRETER_TENSOR_H
