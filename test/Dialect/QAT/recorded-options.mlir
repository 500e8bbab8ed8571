// The module attributes that record a graph's compile options
// (docs/Compiler.md) are verified by the qat dialect.
// RUN: qat-opt %s -split-input-file -verify-diagnostics | FileCheck %s

// CHECK: module attributes {qat.default_range = array<f64: -1.000000e+00, 1.000000e+00>, qat.int16_activations = ["/c1/Conv"], qat.pack_4bit_weights, qat.rounding = "single"}
module attributes {qat.rounding = "single", qat.default_range = array<f64: -1.0, 1.0>, qat.int16_activations = ["/c1/Conv"], qat.pack_4bit_weights} {
}

// -----

// expected-error @+1 {{'qat.rounding' must be "double" or "single", not "nearest"}}
module attributes {qat.rounding = "nearest"} {
}

// -----

// expected-error @+1 {{'qat.default_range' must be array<f64: min, max> with min < max, not array<f64: 1.000000e+00, -1.000000e+00>}}
module attributes {qat.default_range = array<f64: 1.0, -1.0>} {
}

// -----

// expected-error @+1 {{'qat.int16_activations' must be an array of layer names (strings), not [1]}}
module attributes {qat.int16_activations = [1]} {
}

// -----

// expected-error @+1 {{'qat.pack_4bit_weights' must be a unit attribute, not true}}
module attributes {qat.pack_4bit_weights = true} {
}

// -----

module {
  // expected-error @+1 {{'qat.rounding' records a compile option of a module; it belongs on the builtin.module}}
  func.func @f() attributes {qat.rounding = "single"} {
    return
  }
}
