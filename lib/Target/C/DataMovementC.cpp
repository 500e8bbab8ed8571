// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- DataMovementC.cpp - pad, transpose, slice and concat calls ---------===//
//
// The runtime moves int8 tensors of rank at most 4 (pad and slice int16
// too);
// reshape moves no data
// (its result shares its input's storage, CSourceWriter::operand).
//
//===----------------------------------------------------------------------===//

#include "CSourceWriter.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::qat;
using namespace mlir::qat::c_runtime;

namespace {
LogicalResult checkInt8(Operation *op) {
  if (isInt16(op->getResult(0)))
    return op->emitError("the C runtime concatenates and transposes int8 "
                         "tensors only; this one is int16");
  return success();
}

LogicalResult pad(qint::PadOp pad, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(pad, pad.getInput());
  if (failed(in))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(pad.getInput());
  if (shape.size() > 4)
    return pad.emitError("the C runtime pads tensors of rank at most 4");
  std::string inShape, before, after;
  for (auto [d, size] : llvm::enumerate(shape)) {
    std::string sep = d ? ", " : "";
    inShape += sep + cLiteral(size);
    before += sep + cLiteral(pad.getPadding()[2 * d]);
    after += sep + cLiteral(pad.getPadding()[2 * d + 1]);
  }
  std::string p =
      w.params("qat_rt_pad_params",
               {cLiteral(shape.size()), "{" + inShape + "}", "{" + before + "}",
                "{" + after + "}", cLiteral(pad.getValue())});
  w.call(pad, std::string(isInt16(pad.getOutput()) ? "qat_rt_pad_s16("
                                                   : "qat_rt_pad(") +
                  p + ", " + *in + ", " + w.result(pad) + ")");
  return success();
}

LogicalResult transpose(qint::TransposeOp transpose, CSourceWriter &w) {
  if (failed(checkInt8(transpose)))
    return failure();
  FailureOr<std::string> in = w.operand(transpose, transpose.getInput());
  if (failed(in))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(transpose.getInput());
  if (shape.size() > 4)
    return transpose.emitError(
        "the C runtime transposes tensors of rank at most 4");
  std::string inShape, permutation;
  for (auto [d, size] : llvm::enumerate(shape)) {
    std::string sep = d ? ", " : "";
    inShape += sep + cLiteral(size);
    permutation += sep + cLiteral(transpose.getPermutation()[d]);
  }
  std::string p = w.params(
      "qat_rt_transpose_params",
      {cLiteral(shape.size()), "{" + inShape + "}", "{" + permutation + "}"});
  w.call(transpose, "qat_rt_transpose(" + p + ", " + *in + ", " +
                        w.result(transpose) + ")");
  return success();
}

LogicalResult slice(qint::SliceOp slice, CSourceWriter &w) {
  FailureOr<std::string> in = w.operand(slice, slice.getInput());
  if (failed(in))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(slice.getInput());
  if (shape.size() > 4)
    return slice.emitError("the C runtime slices tensors of rank at most 4");
  std::string inShape, outShape, begin, strides;
  for (auto [d, size] : llvm::enumerate(shape)) {
    std::string sep = d ? ", " : "";
    inShape += sep + cLiteral(size);
    outShape += sep + cLiteral(shapeOf(slice.getOutput())[d]);
    begin += sep + cLiteral(slice.getBegin()[d]);
    strides += sep + cLiteral(slice.getStrides()[d]);
  }
  // Int8 and int16 elements alike: the kernel copies whole elements.
  std::string p = w.params("qat_rt_slice_params",
                           {cLiteral(shape.size()),
                            cLiteral(isInt16(slice.getOutput()) ? 2 : 1),
                            "{" + inShape + "}", "{" + outShape + "}",
                            "{" + begin + "}", "{" + strides + "}"});
  w.call(slice,
         "qat_rt_slice(" + p + ", " + *in + ", " + w.result(slice) + ")");
  return success();
}

LogicalResult concat(qint::ConcatOp concat, CSourceWriter &w) {
  if (failed(checkInt8(concat)))
    return failure();
  auto ops = w.operands(concat);
  if (failed(ops))
    return failure();
  int64_t axis = concat.getAxis(), outer = 1;
  ArrayRef<int64_t> outShape = shapeOf(concat.getOutput());
  for (int64_t d = 0; d < axis; ++d)
    outer *= outShape[d];
  SmallVector<int64_t> inner;
  for (Value v : concat.getInputs())
    inner.push_back(numElements(v) / outer);
  std::string innerName = w.array("int32_t", inner);
  std::string p =
      w.params("qat_rt_concat_params",
               {cLiteral(outer), cLiteral(inner.size()), innerName});
  // The inputs' addresses, a local of a block around the call.
  std::string list = w.uniqueName("in");
  w.appendBody("  {\n    const int8_t *const " + list + "[] = {" +
               llvm::join(*ops, ", ") + "};\n");
  w.call(concat,
         "qat_rt_concat(" + p + ", " + list + ", " + w.result(concat) + ")");
  w.appendBody("  }\n");
  return success();
}
} // namespace

void mlir::qat::registerDataMovementC(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, qint::QIntDialect *) {
    attachCKernel<qint::PadOp, pad>(ctx);
    attachCKernel<qint::TransposeOp, transpose>(ctx);
    attachCKernel<qint::ConcatOp, concat>(ctx);
    attachCKernel<qint::SliceOp, slice>(ctx);
  });
}
