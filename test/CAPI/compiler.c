/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* The C API as a C program uses it (test/CAPI/compiler.test runs this):
 * compile a model file and a buffer, read the ports, emit artifacts, run
 * both interpreters, and read the diagnostics of a model that fails. */
#include "qat-c/Compiler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void printPort(const char *kind, intptr_t i, QatPort p) {
  printf("%s %ld: shape", kind, (long)i);
  for (intptr_t d = 0; d < p.rank; ++d)
    printf(" %lld", (long long)p.shape[d]);
  printf(", %lld elements, scale %.9g, zero point %lld, layout '%s'\n",
         (long long)p.numElements, p.scale, (long long)p.zeroPoint, p.layout);
}

static char *readFile(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  *size = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc(*size);
  if (data && fread(data, 1, *size, f) != *size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  return data;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s MODEL.mlir MODEL.onnx BAD.onnx\n", argv[0]);
    return 2;
  }
  printf("version %s\n", qatGetVersion());

  /* A file, with a name. */
  QatCompileOptions options = qatCompileOptionsGetDefault();
  options.name = "cnn";
  QatModel model = qatModelCompileFile(argv[1], &options);
  if (!qatModelSucceeded(model)) {
    fprintf(stderr, "%s", qatModelGetDiagnosticText(model));
    return 1;
  }
  printf("model %s, arena %lld bytes, constants %lld bytes\n",
         qatModelGetName(model), (long long)qatModelGetArenaSize(model),
         (long long)qatModelGetConstantBytes(model));
  for (intptr_t i = 0; i < qatModelGetNumInputs(model); ++i)
    printPort("input", i, qatModelGetInput(model, i));
  for (intptr_t i = 0; i < qatModelGetNumOutputs(model); ++i)
    printPort("output", i, qatModelGetOutput(model, i));

  char *header = qatModelEmit(model, QatArtifactHeader);
  const char *arenaLine = header ? strstr(header, "#define QAT_CNN_ARENA") : 0;
  printf("header: %.*s\n", arenaLine ? (int)strcspn(arenaLine, "\n") : 0,
         arenaLine ? arenaLine : "");
  qatStringDestroy(header);
  char *ir = qatModelEmit(model, QatArtifactLLVMIR);
  printf("llvm ir defines qat_cnn_run: %s\n",
         ir && strstr(ir, "@qat_cnn_run(") ? "yes" : "no");
  qatStringDestroy(ir);

  /* The int8 program on a mid-grey image, and the fake-quant graph. */
  QatPort in = qatModelGetInput(model, 0), out = qatModelGetOutput(model, 0);
  int8_t *image = malloc((size_t)in.numElements);
  int8_t *scores = malloc((size_t)out.numElements);
  float *fimage = malloc(sizeof(float) * (size_t)in.numElements);
  float *fscores = malloc(sizeof(float) * (size_t)out.numElements);
  for (int64_t k = 0; k < in.numElements; ++k) {
    fimage[k] = 0.5f;
    image[k] = (int8_t)(0.5 / in.scale + in.zeroPoint + 0.5);
  }
  const int8_t *inputs[] = {image};
  int8_t *outputs[] = {scores};
  if (!qatModelInterpretProgram(model, inputs, outputs))
    return 1;
  printf("int8 scores:");
  for (int64_t k = 0; k < out.numElements; ++k)
    printf(" %d", scores[k]);
  printf("\n");
  const float *finputs[] = {fimage};
  float *foutputs[] = {fscores};
  if (!qatModelInterpretGraph(model, finputs, foutputs))
    return 1;
  int agree = 1;
  for (int64_t k = 0; k < out.numElements; ++k) {
    float dequantized = (float)(out.scale * (scores[k] - out.zeroPoint));
    float step = (float)out.scale;
    if (fscores[k] - dequantized > step || dequantized - fscores[k] > step)
      agree = 0;
  }
  printf("fake-quant graph within one step of the int8 program: %s\n",
         agree ? "yes" : "no");
  qatModelDestroy(model);

  /* A buffer: ONNX bytes, NCHW boundary. */
  size_t size = 0;
  char *bytes = readFile(argv[2], &size);
  options.name = "net";
  options.layout = "nchw";
  model = qatModelCompileBuffer(bytes, size, "cnn.onnx", &options);
  free(bytes);
  printf("onnx buffer: %s\n", qatModelSucceeded(model) ? "compiled" : "failed");
  printPort("input", 0, qatModelGetInput(model, 0));
  qatModelDestroy(model);

  /* A failure: structured diagnostics. */
  model = qatModelCompileFile(argv[3], NULL);
  printf("bad model: %s\n", qatModelSucceeded(model) ? "compiled" : "failed");
  for (intptr_t i = 0; i < qatModelGetNumDiagnostics(model); ++i) {
    QatDiagnostic d = qatModelGetDiagnostic(model, i);
    printf("diagnostic %ld: severity %d, at '%s': %s\n", (long)i,
           (int)d.severity, d.location, d.message);
  }
  qatModelDestroy(model);

  /* A bad option. */
  options = qatCompileOptionsGetDefault();
  options.layout = "nchw";
  model = qatModelCompileFile(argv[1], &options);
  printf("layout for mlir: %s", qatModelGetDiagnosticText(model));
  qatModelDestroy(model);

  /* Caller errors: each returns an error the caller can read, none aborts. */
  model = qatModelCompileFile(argv[1], NULL);
  QatPort none = qatModelGetInput(model, 7);
  printf("input 7: rank %ld; %s", (long)none.rank,
         qatModelGetDiagnosticText(model));
  none = qatModelGetOutput(model, -1);
  printf("output -1: rank %ld; %s", (long)none.rank,
         qatModelGetDiagnosticText(model));
  QatDiagnostic missing = qatModelGetDiagnostic(model, 99);
  printf("diagnostic 99: severity %d: %s\n", (int)missing.severity,
         missing.message);
  const int8_t *noInputs[] = {NULL};
  int8_t *someOutputs[] = {scores};
  printf("interpret with a NULL input: %s; %s",
         qatModelInterpretProgram(model, noInputs, someOutputs) ? "ran"
                                                                : "refused",
         qatModelGetDiagnosticText(model));
  qatModelDestroy(model);

  /* A batch whose shape overflows: refused before its data is read. */
  bytes = readFile(argv[1], &size);
  const int64_t hugeShape[] = {(int64_t)1 << 62, 8, 8, 1};
  const int64_t *shapes[] = {hugeShape};
  const intptr_t ranks[] = {4};
  const float *batches[] = {fimage};
  model = qatModelCalibrateBuffer(bytes, size, "cnn.mlir", NULL, 1, ranks,
                                  shapes, batches, NULL);
  printf("calibrate a 2^62-sample batch: %s; %s",
         qatModelSucceeded(model) ? "compiled" : "failed",
         qatModelGetDiagnosticText(model));
  qatModelDestroy(model);
  free(bytes);

  /* A NULL handle: every call gives its failure value. */
  QatModel null = {NULL};
  printf("null handle: succeeded %d, %ld inputs, name '%s', emit %s\n",
         (int)qatModelSucceeded(null), (long)qatModelGetNumInputs(null),
         qatModelGetName(null),
         qatModelEmit(null, QatArtifactHeader) ? "text" : "NULL");
  free(image);
  free(scores);
  free(fimage);
  free(fscores);
  return 0;
}
