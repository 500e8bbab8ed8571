// RUN: qat-opt %s -qint-plan-memory -verify-diagnostics

func.func @negative_scratch(%x: tensor<16xi8>) -> tensor<16xi8> {
  // expected-error @+1 {{qint.scratch must be a byte count >= 0, not -4}}
  %a = qint.requantize %x {qint.scratch = -4 : i64, input_zp = 0, output_zp = 0, multiplier = array<i32: 1073741824>, shift = array<i32: 1>, act_min = -128, act_max = 127, rounding = #qint.rounding<double>} : tensor<16xi8> -> tensor<16xi8>
  return %a : tensor<16xi8>
}
