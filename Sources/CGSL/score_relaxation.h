// Residents' daily relaxation, eight residents at a time: the model's hot loop, behind
// `ScoreRelaxation.relax` in Swift (docs/model.md §3.11 gives the formula).
//
// Why C: with AVX2 the loop runs about 1.4–1.9× faster than with the SSE2 that a plain
// `swift build -c release` targets, but a Swift function cannot be compiled for two CPU levels
// and chosen at run time. Clang can: the body below is written once (always inlined) and compiled
// twice, for the baseline CPU and with `target("avx2")`; Swift picks one after asking the CPU
// (`govsim_cpu_has_avx2`), so the default build gets AVX2 where the machine has it and still runs
// where it does not.
//
// Why the results do not depend on the choice: every lane does the scalar formula's IEEE single
// operations in the scalar order, contraction into fused multiply-adds is off (Swift never
// contracts), clamps are selects, and the kernel returns its eight lane sums for Swift to add up.
// Resident r of the call is in lane r mod 8; the caller handles the last n mod 8 residents.
#ifndef GOVSIM_SCORE_RELAXATION_H
#define GOVSIM_SCORE_RELAXATION_H

#include <stdint.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

typedef float govsim_float8 __attribute__((ext_vector_type(8)));
typedef int32_t govsim_int8 __attribute__((ext_vector_type(8)));

/// The eight lane sums of one call: new happiness, safety and trust (points × residents) and the
/// count of residents at or above the satisfaction threshold (whole numbers, exact in Float).
typedef struct {
    float happiness[8], safety[8], trust[8], satisfied[8];
} govsim_relax_lanes;

static inline __attribute__((always_inline)) govsim_float8 govsim_load8(const float *p) {
    govsim_float8 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void govsim_store8(float *p, govsim_float8 v) {
    __builtin_memcpy(p, &v, sizeof v);
}

/// `mask ? a : b` lane by lane, as bits (a comparison's lanes are all ones or all zeros).
static inline __attribute__((always_inline)) govsim_float8 govsim_select8(govsim_int8 mask, govsim_float8 a, govsim_float8 b) {
    return (govsim_float8)((mask & (govsim_int8)a) | (~mask & (govsim_int8)b));
}

/// x < 0 → 0, then > 100 → 100, as Swift's `clamp100` (a NaN stays NaN).
static inline __attribute__((always_inline)) govsim_float8 govsim_clamp8(govsim_float8 x) {
    const govsim_float8 zero = 0.0f, hundred = 100.0f;
    govsim_float8 y = govsim_select8(x < zero, zero, x);
    return govsim_select8(y > hundred, hundred, y);
}

static inline __attribute__((always_inline)) void govsim_relax8_body(
    float *h, float *s, float *t, const float *oh, const float *os, const float *ot, int64_t blocks,
    float k, float targetH, float targetS, float targetT, float wT, float wS, float threshold,
    govsim_relax_lanes *out) {
#pragma clang fp contract(off)
    const govsim_float8 kV = k, tH = targetH, tS = targetS, tT = targetT, wTV = wT, wSV = wS, thresholdV = threshold;
    const govsim_float8 one = 1.0f;
    govsim_float8 sumH = 0.0f, sumS = 0.0f, sumT = 0.0f, satisfied = 0.0f;
    for (int64_t b = 0; b < blocks; b++) {
        const int64_t r = 8 * b;
        const govsim_float8 t0 = govsim_load8(t + r), s0 = govsim_load8(s + r), h0 = govsim_load8(h + r);
        const govsim_float8 tr = govsim_clamp8(t0 + kV * (tT + govsim_load8(ot + r) - t0));
        const govsim_float8 sf = govsim_clamp8(s0 + kV * (tS + govsim_load8(os + r) - s0));
        const govsim_float8 hp = govsim_clamp8(h0 + kV * (tH + govsim_load8(oh + r) + wTV * tr + wSV * sf - h0));
        govsim_store8(t + r, tr);
        govsim_store8(s + r, sf);
        govsim_store8(h + r, hp);
        sumT += tr;
        sumS += sf;
        sumH += hp;
        satisfied += (govsim_float8)((govsim_int8)one & (hp >= thresholdV));
    }
    govsim_store8(out->happiness, sumH);
    govsim_store8(out->safety, sumS);
    govsim_store8(out->trust, sumT);
    govsim_store8(out->satisfied, satisfied);
}

/// Relaxes residents 0 ..< 8·blocks on the baseline CPU (SSE2 on x86-64).
static inline void govsim_relax8(
    float *h, float *s, float *t, const float *oh, const float *os, const float *ot, int64_t blocks,
    float k, float targetH, float targetS, float targetT, float wT, float wS, float threshold,
    govsim_relax_lanes *out) {
    govsim_relax8_body(h, s, t, oh, os, ot, blocks, k, targetH, targetS, targetT, wT, wS, threshold, out);
}

#if defined(__x86_64__)
/// The same, compiled for AVX2: call only when `govsim_cpu_has_avx2()`.
static inline __attribute__((target("avx2"))) void govsim_relax8_avx2(
    float *h, float *s, float *t, const float *oh, const float *os, const float *ot, int64_t blocks,
    float k, float targetH, float targetS, float targetT, float wT, float wS, float threshold,
    govsim_relax_lanes *out) {
    govsim_relax8_body(h, s, t, oh, os, ot, blocks, k, targetH, targetS, targetT, wT, wS, threshold, out);
}
#else
/// Elsewhere there is no AVX2 (`govsim_cpu_has_avx2()` is 0): the baseline kernel, so callers
/// need no conditional compilation.
static inline void govsim_relax8_avx2(
    float *h, float *s, float *t, const float *oh, const float *os, const float *ot, int64_t blocks,
    float k, float targetH, float targetS, float targetT, float wT, float wS, float threshold,
    govsim_relax_lanes *out) {
    govsim_relax8(h, s, t, oh, os, ot, blocks, k, targetH, targetS, targetT, wT, wS, threshold, out);
}
#endif

/// Whether the CPU and the operating system support AVX2 (CPUID leaf 7 and the OS saving the
/// YMM registers, XCR0 bits 1–2). Ask once: CPUID traps to the hypervisor in a virtual machine.
static inline int govsim_cpu_has_avx2(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned osxsave = 1u << 27, avx = 1u << 28;
    if ((c & osxsave) == 0 || (c & avx) == 0) return 0;
    unsigned xcr0_lo, xcr0_hi;
    __asm__ volatile("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & 6u) != 6u) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) != 0;
#else
    return 0;
#endif
}

#endif
