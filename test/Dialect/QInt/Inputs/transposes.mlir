// Transposes that canonicalize.test runs before and after --canonicalize.

// One channel: NCHW and NHWC hold the same bytes.
func.func @one_channel(%x: tensor<1x1x4x64xi8>) -> tensor<1x4x64x1xi8> {
  %0 = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x1x4x64xi8> -> tensor<1x4x64x1xi8>
  return %0 : tensor<1x4x64x1xi8>
}

// Real channels: the order changes and the transpose stays.
func.func @channels(%x: tensor<1x4x8x8xi8>) -> tensor<1x8x8x4xi8> {
  %0 = qint.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x4x8x8xi8> -> tensor<1x8x8x4xi8>
  return %0 : tensor<1x8x8x4xi8>
}
