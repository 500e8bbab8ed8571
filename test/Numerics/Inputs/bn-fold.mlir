// Batchnorm in every foldable form, without activation fake-quants (which
// would turn float-rounding differences into whole quantization steps):
// PyTorch's fused form (mul by 1/g, conv bias added after), TensorFlow's form
// with per-axis weights (negative gamma), float depthwise weights, and a
// fully connected layer. fold-batchnorm.test compares the folded graph with
// this one.
func.func @main(%x: tensor<1x6x6x2xf32>) -> tensor<1x3xf32> {
  %w1 = arith.constant dense<[[[[0.3, -0.2], [0.1, 0.5], [-0.4, 0.2]], [[0.6, 0.1], [-0.3, -0.1], [0.2, 0.4]], [[0.1, 0.1], [0.2, -0.6], [0.5, 0.3]]], [[[-0.2, 0.4], [0.3, 0.3], [0.1, -0.5]], [[0.2, 0.2], [0.4, -0.3], [-0.1, 0.6]], [[0.3, -0.4], [0.1, 0.2], [-0.2, 0.1]]]]> : tensor<2x3x3x2xf32>
  %g1 = arith.constant dense<[1.7, -0.6]> : tensor<2xf32>
  %inv1 = arith.constant dense<[0.58823529, -1.6666666]> : tensor<2xf32>
  %b1 = arith.constant dense<[0.1, -0.3]> : tensor<2xf32>
  %beta1 = arith.constant dense<[0.2, 0.05]> : tensor<2xf32>
  %mean1 = arith.constant dense<[0.4, -0.1]> : tensor<2xf32>
  %var1 = arith.constant dense<[0.99999, 0.99999]> : tensor<2xf32>
  %w1q = qat.fake_quant %w1 {axis = 0, scale = array<f64: 0.01, 0.005>, zero_point = array<i64: 0, 0>, quant_min = -127, quant_max = 127} : tensor<2x3x3x2xf32>
  %c1 = qat.conv2d %x, %w1q {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x6x6x2xf32>, tensor<2x3x3x2xf32>) -> tensor<1x6x6x2xf32>
  %s1 = qat.mul %c1, %inv1 : (tensor<1x6x6x2xf32>, tensor<2xf32>) -> tensor<1x6x6x2xf32>
  %a1 = qat.add %s1, %b1 : (tensor<1x6x6x2xf32>, tensor<2xf32>) -> tensor<1x6x6x2xf32>
  %y1 = qat.batch_norm %a1, %g1, %beta1, %mean1, %var1 {epsilon = 1.0e-05} : tensor<1x6x6x2xf32>, tensor<2xf32>
  %r1 = qat.relu %y1 : tensor<1x6x6x2xf32>

  %w2 = arith.constant dense<[[[[0.2, -0.3], [0.5, 0.1], [-0.2, 0.4]], [[0.1, 0.3], [0.6, -0.2], [0.3, 0.2]], [[-0.1, 0.2], [0.2, 0.1], [0.4, -0.3]]]]> : tensor<1x3x3x2xf32>
  %g2 = arith.constant dense<[0.8, -1.3]> : tensor<2xf32>
  %beta2 = arith.constant dense<[-0.1, 0.3]> : tensor<2xf32>
  %mean2 = arith.constant dense<[0.2, 0.5]> : tensor<2xf32>
  %var2 = arith.constant dense<[0.5, 2.0]> : tensor<2xf32>
  %c2 = qat.depthwise_conv2d %r1, %w2 {strides = array<i64: 2, 2>, pad = array<i64: 0, 1, 0, 1>} : (tensor<1x6x6x2xf32>, tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32>
  %y2 = qat.batch_norm %c2, %g2, %beta2, %mean2, %var2 {epsilon = 1.0e-03} : tensor<1x3x3x2xf32>, tensor<2xf32>

  %w3 = arith.constant dense<[[0.1, -0.2, 0.3, 0.4, -0.5, 0.6], [0.2, 0.2, -0.1, 0.3, 0.1, -0.4], [-0.3, 0.5, 0.2, -0.2, 0.4, 0.1]]> : tensor<3x6xf32>
  %w3q = qat.fake_quant %w3 {axis = 0, min = array<f64: -0.5, -0.4, -0.3>, max = array<f64: 0.6, 0.3, 0.5>} : tensor<3x6xf32>
  %g3 = arith.constant dense<[1.1, -0.9, 0.7]> : tensor<3xf32>
  %beta3 = arith.constant dense<[0.0, 0.1, -0.2]> : tensor<3xf32>
  %mean3 = arith.constant dense<[0.3, -0.2, 0.1]> : tensor<3xf32>
  %var3 = arith.constant dense<[1.5, 0.7, 0.9]> : tensor<3xf32>
  %m = qat.mean %y2 : tensor<1x3x3x2xf32> -> tensor<1x2xf32>
  %cat = qat.concat %m, %m, %m {axis = 1} : (tensor<1x2xf32>, tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x6xf32>
  %d = qat.fully_connected %cat, %w3q : (tensor<1x6xf32>, tensor<3x6xf32>) -> tensor<1x3xf32>
  %y3 = qat.batch_norm %d, %g3, %beta3, %mean3, %var3 {epsilon = 1.0e-05} : tensor<1x3xf32>, tensor<3xf32>
  return %y3 : tensor<1x3xf32>
}
