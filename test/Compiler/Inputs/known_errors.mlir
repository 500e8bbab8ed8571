// A graph whose per-layer errors are known exactly (report.test): one
// sample x = [1, 2] on a grid of 1; a fully connected layer W = [[1, 2],
// [3, -1]] gives the float [5, 1], fake-quantized to a grid of 2 as [4, 0]
// (2.5 and 0.5 round to even) while the int8 program rounds the
// requantization (M = 0.5) half up: [6, 2]. A requantization to a grid of 1
// clamped at 3 then saturates the 4: fake-quant [3, 0], int8 [3, 2].
func.func @main(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, -1.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  %y = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32> loc("fc")
  %yq = qat.fake_quant %y {scale = array<f64: 2.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %z = qat.fake_quant %yq {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 3} : tensor<1x2xf32> loc("narrow")
  return %z : tensor<1x2xf32>
}
