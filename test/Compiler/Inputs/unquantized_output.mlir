// A layer whose output training left without a fake_quant (options.test).
func.func @main(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, -1.0]]> : tensor<2x2xf32>
  %xq = qat.fake_quant %x {scale = array<f64: 0.5>, zero_point = array<i64: 0>, quant_min = -128, quant_max = 127} : tensor<1x2xf32>
  %wq = qat.fake_quant %w {scale = array<f64: 1.0>, zero_point = array<i64: 0>, quant_min = -127, quant_max = 127} : tensor<2x2xf32>
  %y = qat.fully_connected %xq, %wq : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32> loc("fc")
  return %y : tensor<1x2xf32>
}
