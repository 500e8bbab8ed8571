/* Test harness for a model compiled by qat-compile: reads input vectors
 * (QAT_PREFIX_INPUT0_SIZE bytes each) from argv[1], runs the model on each,
 * and writes the output vectors to argv[2]. Build with
 * -DQAT_HEADER='"name.h"' -DQAT_PREFIX=QAT_NAME -DQAT_RUN=qat_name_run. */
#include <stdio.h>

#include QAT_HEADER

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define INPUT_SIZE CAT(QAT_PREFIX, _INPUT0_SIZE)
#define OUTPUT_SIZE CAT(QAT_PREFIX, _OUTPUT0_SIZE)
#define ARENA_SIZE CAT(QAT_PREFIX, _ARENA_SIZE)

int main(int argc, char **argv) {
  static int8_t input[INPUT_SIZE], output[OUTPUT_SIZE];
  static unsigned char arena[ARENA_SIZE];
  FILE *in, *out;
  if (argc != 3)
    return 2;
  in = fopen(argv[1], "rb");
  out = fopen(argv[2], "wb");
  if (!in || !out)
    return 2;
  while (fread(input, 1, sizeof input, in) == sizeof input) {
    if (QAT_RUN(input, output, arena) != 0)
      return 3;
    fwrite(output, 1, sizeof output, out);
  }
  fclose(in);
  return fclose(out) == 0 ? 0 : 2;
}
