// A float graph (no fake_quant) for calibration tests: y = relu(W x + b).
func.func @main(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, -1.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %y = qat.fully_connected %x, %w, %b : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32> loc("fc")
  %r = qat.relu %y : tensor<1x2xf32>
  return %r : tensor<1x2xf32>
}
