// RUN: not qat-translate --emit-c --c-name=9lives %s 2>&1 | FileCheck %s
// CHECK: error: model name '9lives' is not a C identifier
func.func @f(%x: tensor<4xi8>) -> tensor<4xi8> {
  return %x : tensor<4xi8>
}
