// Bad input: a located diagnostic and a non-zero exit, never a crash.
// RUN: not qat-opt %s 2>&1 | FileCheck %s

func.func @bad(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32> {
  // CHECK: qat-opt-errors.mlir:[[# @LINE + 1]]:8: error: 'qat.conv2d' op result shape must be [1, 6, 6, 4], but is [1, 8, 8, 4] [conv2d_c5]
  %0 = qat.conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}
