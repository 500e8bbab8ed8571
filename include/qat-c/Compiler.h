// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/*===- qat-c/Compiler.h - qat's compiler as a C library ------------*- C
-*-===*\
|*                                                                            *|
|* The C API over qat's compiler, for bindings (the `qat` Python package     *|
|* loads it with ctypes) and for programs in any language. In MLIR's C API    *|
|* style: opaque handles passed by value, `qat<Type><Action>` names, strings  *|
|* the library owns unless a function says otherwise.                         *|
|*                                                                            *|
|* A QatModel owns everything about one compiled model: its own MLIR context, *|
|* the fake-quant graph, the planned int8 program, and the diagnostics of the *|
|* last call on it.                                                           *|
|*                                                                            *|
|* Threads: distinct models may be used from distinct threads at once. Calls  *|
|* on one model must not overlap (the caller serialises them, e.g. with a     *|
|* lock per model, as the Python package does); the strings a call returns    *|
|* stay valid until the next call on that model.                              *|
|*                                                                            *|
|* Errors: every call reports its failure through its return value and the    *|
|* model's diagnostics; no call aborts and no C++ exception crosses this      *|
|* interface (one raised inside qat, such as an allocation past the           *|
|* machine's memory, becomes an error diagnostic). A NULL handle is accepted  *|
|* by every call and gives its failure value. What stays undefined, as in any *|
|* C interface: buffers shorter than the sizes the call states, and pointers  *|
|* that are not NULL but point nowhere valid.                                 *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef QAT_C_COMPILER_H
#define QAT_C_COMPILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QAT_CAPI_EXPORTED __attribute__((visibility("default")))

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the library, "MAJOR.MINOR.PATCH". */
QAT_CAPI_EXPORTED const char *qatGetVersion(void);

typedef struct QatModel {
  void *ptr;
} QatModel;

static inline bool qatModelIsNull(QatModel model) { return !model.ptr; }

/* A compilation's options: the fields of qat-c/CompileOptions.def, the one
   table of options qat-compile's flags and Python's qat.compile keywords
   also follow. A zero field is the default. */
typedef struct QatCompileOptions {
  /* Entry point qat_NAME_run, files NAME.*; a C identifier. NULL: derived
     from the function or the source name as qat-compile does ("my-model.onnx"
     -> "my_model"; docs/Compiler.md). */
  const char *name;
  /* "double" or "single"; NULL: what the graph records (single for ONNX
     input), else double. */
  const char *rounding;
  /* ONNX input: "nhwc" (the default) or "nchw", the layout of image inputs
     and outputs. NULL: "nhwc". */
  const char *layout;
  /* The model function when an MLIR module holds several; NULL: the one. */
  const char *function;
  /* qat-to-int8's default-range: quantize tensors training left without
     parameters to [defaultRangeMin, defaultRangeMax] (else an error). */
  bool hasDefaultRange;
  double defaultRangeMin, defaultRangeMax;
  /* Extra flash, in bytes, NAME.c may spend on int16 copies of conv and
     fully connected weights for Cortex-M cores with DSP and no Helium
     (their kernels run faster on them); 0 (the default): none. */
  int64_t wideWeightBudget;
  /* Mixed precision: comma-separated layer names (as the per-layer report
     names them), or "all", whose activations become int16 (TFLite's 16x8
     scheme). NULL: every activation int8. */
  const char *int16Activations;
  /* Every convolution and pool in a buffer of its own (qat-compile
     --in-place-windows=false): a larger arena; false (the default): those
     at the memory peak write over their input. */
  bool outOfPlaceWindows;
  /* Weights whose int8 values all lie in [-8, 7] are stored as 4-bit
     values, two per byte in the C source (qint-pack-weights). */
  bool packFourBitWeights;
} QatCompileOptions;

/* Options with every field NULL (the defaults). */
QAT_CAPI_EXPORTED QatCompileOptions qatCompileOptionsGetDefault(void);

/* Compiles a model file: `.onnx` (an ONNX QDQ model) or MLIR (text or
   bytecode holding a qat fake-quant graph). Returns a handle even when
   compilation fails (check qatModelSucceeded, read the diagnostics); a
   null handle only when out of memory. */
QAT_CAPI_EXPORTED QatModel
qatModelCompileFile(const char *path, const QatCompileOptions *options);

/* Compiles a model held in memory; `sourceName` names it in diagnostics and
   its extension (`.onnx` or not) chooses the format. */
QAT_CAPI_EXPORTED QatModel
qatModelCompileBuffer(const void *data, size_t size, const char *sourceName,
                      const QatCompileOptions *options);

typedef struct QatCalibrationOptions {
  /* "minmax", "percentile" or "mse"; NULL: "minmax". */
  const char *method;
  /* One weight range per output channel (else per tensor). */
  bool perChannel;
  /* Weight bits, 2 to 8. */
  int weightBits;
} QatCalibrationOptions;

/* minmax, per channel, 8 bits. */
QAT_CAPI_EXPORTED QatCalibrationOptions qatCalibrationOptionsGetDefault(void);

/* Post-training quantization: compiles a float model (ONNX or MLIR, as
   qatModelCompileBuffer) after calibrating it on sample batches, one per
   input: batch i has rank ranks[i] and shape shapes[i] ([N, ...], a sample
   being the input's shape with its leading 1 replaced by N) and float data
   batches[i]. The model's graph is the calibrated fake-quant graph. A
   rank outside [1, 8] or a shape with a negative dimension or more than
   2^31 - 1 elements is an error, checked before any data is read. */
QAT_CAPI_EXPORTED QatModel qatModelCalibrateBuffer(
    const void *data, size_t size, const char *sourceName,
    const QatCompileOptions *options, intptr_t numInputs, const intptr_t *ranks,
    const int64_t *const *shapes, const float *const *batches,
    const QatCalibrationOptions *calibration);

QAT_CAPI_EXPORTED void qatModelDestroy(QatModel model);

/* Whether compilation succeeded; every other query needs it to have. */
QAT_CAPI_EXPORTED bool qatModelSucceeded(QatModel model);

/* Diagnostics of the last call on `model` (compile, emit, interpret). */
typedef enum QatSeverity {
  QatSeverityError = 0,
  QatSeverityWarning = 1,
  QatSeverityNote = 2,
  QatSeverityRemark = 3,
} QatSeverity;

typedef struct QatDiagnostic {
  QatSeverity severity;
  /* Where: the user's own names when the compiler knows them, e.g.
     "model.onnx" or "/conv1/Conv" (an ONNX node) or "net.mlir:12:5". */
  const char *location;
  const char *message;
} QatDiagnostic;

QAT_CAPI_EXPORTED intptr_t qatModelGetNumDiagnostics(QatModel model);
/* Diagnostic `index` in [0, qatModelGetNumDiagnostics); any other index
   gives an error diagnostic saying so (and leaves the model's unchanged). */
QAT_CAPI_EXPORTED QatDiagnostic qatModelGetDiagnostic(QatModel model,
                                                      intptr_t index);
/* Every diagnostic of the last call as the tools print them. */
QAT_CAPI_EXPORTED const char *qatModelGetDiagnosticText(QatModel model);

/* The model's inputs and outputs: int8 tensors (int16 where bits is 16:
   activations made int16 by int16Activations), row-major. */
typedef struct QatPort {
  intptr_t rank;
  const int64_t *shape;
  int64_t numElements;
  /* real value = scale * (q - zeroPoint); hasQuantization is false for a
     hand-written program that states none. */
  bool hasQuantization;
  double scale;
  int64_t zeroPoint;
  /* "NHWC", "NCHW", "NCL" for image ports of an imported model, else "". */
  const char *layout;
  /* The port's layout in the source model where the boundary changed it
     ("NCHW" or "NCL" for an ONNX or PyTorch port the device takes NHWC;
     an NCL [N, C, L] is the device's [N, 1, L, C]), else "". */
  const char *sourceLayout;
  /* 8 (int8_t elements) or 16 (int16_t). */
  int32_t bits;
} QatPort;

QAT_CAPI_EXPORTED intptr_t qatModelGetNumInputs(QatModel model);
QAT_CAPI_EXPORTED intptr_t qatModelGetNumOutputs(QatModel model);
/* Port `index` in [0, count); any other index gives the invalid port (rank
   -1, shape NULL) and an error diagnostic naming the index. */
QAT_CAPI_EXPORTED QatPort qatModelGetInput(QatModel model, intptr_t index);
QAT_CAPI_EXPORTED QatPort qatModelGetOutput(QatModel model, intptr_t index);

/* The model name, the entry point being qat_<name>_run. */
QAT_CAPI_EXPORTED const char *qatModelGetName(QatModel model);
/* Bytes of working memory the entry point needs (both the C and the LLVM
   path use this planned arena). */
QAT_CAPI_EXPORTED int64_t qatModelGetArenaSize(QatModel model);
/* Bytes of constant data of the int8 program: weights, biases, lookup
   tables (what the model adds to flash besides code). */
QAT_CAPI_EXPORTED int64_t qatModelGetConstantBytes(QatModel model);

typedef enum QatArtifact {
  QatArtifactHeader = 0,             /* NAME.h */
  QatArtifactCSource = 1,            /* NAME.c, the caller's arena */
  QatArtifactCSourceStaticArena = 2, /* NAME.c with the arena inside */
  QatArtifactLLVMIR = 3,             /* NAME.ll for the host */
  QatArtifactProgram = 4,            /* the int8 qint program, MLIR text */
  /* The fake-quant graph, MLIR text with its locations and the options it
     was compiled with (compiled again, it gives the same program). */
  QatArtifactGraph = 5,
} QatArtifact;

/* The artifact as a NUL-terminated string the caller frees with
   qatStringDestroy, or NULL (with diagnostics) on failure. */
QAT_CAPI_EXPORTED char *qatModelEmit(QatModel model, QatArtifact artifact);
QAT_CAPI_EXPORTED void qatStringDestroy(char *string);

/* Runs the int8 program in qat's reference interpreter (bit-exact with the
   generated code): one buffer per input and output, each port.numElements
   elements of the port's type (int8_t; an int16 port's int16_t buffer is
   passed cast to int8_t *). Returns false with diagnostics on failure. */
QAT_CAPI_EXPORTED bool qatModelInterpretProgram(QatModel model,
                                                const int8_t *const *inputs,
                                                int8_t *const *outputs);

/* Runs the fake-quant graph (float semantics, as training computed it) on
   float inputs of the ports' shapes. */
QAT_CAPI_EXPORTED bool qatModelInterpretGraph(QatModel model,
                                              const float *const *inputs,
                                              float *const *outputs);

/* The per-layer report (docs/Report.md): runs `numSamples` samples through
   the float graph, the fake-quant graph and the int8 program. `batches`
   holds one float buffer per input, numSamples samples of the port's
   shape each; `labels` (nullable) one class per sample. On success sets
   *json and *markdown (free them with qatStringDestroy); on failure
   returns false with diagnostics. */
QAT_CAPI_EXPORTED bool qatModelReport(QatModel model, intptr_t numSamples,
                                      const float *const *batches,
                                      const int64_t *labels, char **json,
                                      char **markdown);

#ifdef __cplusplus
}
#endif

#endif /* QAT_C_COMPILER_H */
