// A graph whose input training left unquantized (qat-to-int8.mlir).
func.func @unquantized_input(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %r = qat.relu %x : tensor<1x4xf32>
  %rq = qat.fake_quant %r {scale = array<f64: 0.1>, zero_point = array<i64: -128>, quant_min = -128, quant_max = 127} : tensor<1x4xf32>
  return %rq : tensor<1x4xf32>
}
