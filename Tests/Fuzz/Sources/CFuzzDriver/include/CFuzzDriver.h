// libFuzzer's entry for programs that have their own main (SwiftPM gives an executable target
// one): https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library. Only the fuzzing
// build (-sanitize=fuzzer) calls it, so only that build needs libFuzzer.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
