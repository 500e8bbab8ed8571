// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//===- Pointwise.h - float functions int8 code computes by table -*- C++
//-*-===//
//
// The float semantics of qat.pointwise: what the fake-quant graph computes,
// and therefore what each entry of the lowered 256-entry table reproduces.
//
//===----------------------------------------------------------------------===//

#ifndef QAT_NUMERICS_POINTWISE_H
#define QAT_NUMERICS_POINTWISE_H

namespace mlir::qat::numerics {

enum class PointwiseFunction {
  Sigmoid,
  Tanh,
  HardSigmoid,
  HardSwish,
  LeakyRelu,
  Gelu,
  GeluTanh,
  Silu,
  Erf,
};

/// f(x) in float32, as docs/Spec.md defines each function: sigmoid and tanh
/// are evaluated in double and rounded once to float; the piecewise-linear
/// ones are evaluated in float32 in the order the spec writes them. `alpha`
/// and `beta` are HardSigmoid's slope and offset and LeakyRelu's slope.
float evaluatePointwise(PointwiseFunction function, float x, float alpha,
                        float beta);

} // namespace mlir::qat::numerics

#endif // QAT_NUMERICS_POINTWISE_H
