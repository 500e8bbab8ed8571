// The pair buffers of the two-pixel convolutions (qat_rt_conv2d_pairs):
// each lives during its convolution only, in a word-aligned gap the live
// tensors leave, and grows the arena by at most --c-extra-arena in all.
//
// The program of emit-c.mlir: its plan (36 bytes) leaves no gap, so by
// default no convolution gets one.
// RUN: qat-translate --emit-c %S/emit-c.mlir | FileCheck %s --check-prefix=NONE
// RUN: qat-translate --emit-c-header %S/emit-c.mlir | FileCheck %s --check-prefix=NONE-HEADER
// NONE: qat_rt_conv2d(&qat_f_p4, input0, qat_f_k1, qat_f_k0, (a + 0), (a + 20))
// NONE: qat_rt_conv2d(&qat_f_p9, (a + 20), qat_f_k6, qat_f_k5, (a + 16), (a + 0))
// NONE-HEADER: #define QAT_F_ARENA_SIZE 36
//
// The 3x3 conv's buffer holds two 20-column pixels as int16: 80 bytes, above
// the live tensors (at 36); the 1x1 conv's, 16 bytes, goes there too.
// RUN: qat-translate --emit-c --c-extra-arena=80 %S/emit-c.mlir | FileCheck %s --check-prefix=ALL
// RUN: qat-translate --emit-c-header --c-extra-arena=80 %S/emit-c.mlir | FileCheck %s --check-prefix=ALL-HEADER
// ALL: qat_rt_conv2d_pairs(&qat_f_p4, input0, qat_f_k1, qat_f_k0, (a + 0), (a + 36), (a + 20))
// ALL: qat_rt_conv2d_pairs(&qat_f_p9, (a + 20), qat_f_k6, qat_f_k5, (a + 16), (a + 36), (a + 0))
// ALL-HEADER: #define QAT_F_ARENA_SIZE 116
//
// One byte less leaves the 3x3 conv without one.
// RUN: qat-translate --emit-c --c-extra-arena=79 %S/emit-c.mlir | FileCheck %s --check-prefix=SOME
// RUN: qat-translate --emit-c-header --c-extra-arena=79 %S/emit-c.mlir | FileCheck %s --check-prefix=SOME-HEADER
// SOME: qat_rt_conv2d(&qat_f_p4, input0, qat_f_k1, qat_f_k0, (a + 0), (a + 20))
// SOME: qat_rt_conv2d_pairs(&qat_f_p9, (a + 20), qat_f_k6, qat_f_k5, (a + 16), (a + 36), (a + 0))
// SOME-HEADER: #define QAT_F_ARENA_SIZE 52
//
// The cnn example's plan leaves room for its first conv's buffer (48 bytes
// at 524, above that conv's scratch) but not for its second's: the arena
// stays 840 bytes.
// RUN: rm -rf %t && qat-compile %qat_src_root/examples/cnn.mlir --emit=c -o %t
// RUN: FileCheck %s --check-prefix=CNN --input-file %t/cnn.c
// RUN: FileCheck %s --check-prefix=CNN-HEADER --input-file %t/cnn.h
// CNN: qat_rt_conv2d_pairs(&qat_cnn_p4, input0, qat_cnn_k1, qat_cnn_k0, (a + 512), (a + 524), (a + 0))
// CNN: qat_rt_conv2d(&qat_cnn_p9, (a + 0), qat_cnn_k6, qat_cnn_k5, (a + 768), (a + 512))
// CNN-HEADER: #define QAT_CNN_ARENA_SIZE 840
//
// RUN: not qat-translate --emit-c --c-extra-arena=-1 %S/emit-c.mlir 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not qat-compile %qat_src_root/examples/cnn.mlir --emit=c --c-extra-arena=-1 -o %t 2>&1 | FileCheck %s --check-prefix=NEGATIVE-COMPILE
// NEGATIVE: error: --c-extra-arena must be at least 0, not -1
// NEGATIVE-COMPILE: error: the extra-arena budget must be at least 0 bytes, not -1
