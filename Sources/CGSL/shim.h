// The one door to the GNU Scientific Library.
//
// Swift 6 refuses GSL's global type pointers (`gsl_rng_mt19937`, `gsl_qrng_sobol`, ...) as shared
// mutable state, so they are reached through `static inline` accessors here. This header also
// defines govsim's own generator as a GSL generator type (see below).
#ifndef GOVSIM_CGSL_SHIM_H
#define GOVSIM_CGSL_SHIM_H

#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_version.h>

// MARK: - Accessors for GSL globals

static inline const gsl_rng_type *govsim_rng_type_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_qrng_type *govsim_qrng_type_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_multimin_fminimizer_type *govsim_fminimizer_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}

static inline const char *govsim_gsl_version(void) { return gsl_version; }

/// Turns GSL's default error handler (which aborts the process) off; callers check return codes.
static inline void govsim_gsl_errors_off(void) { gsl_set_error_handler_off(); }

// MARK: - xoshiro256** as a GSL generator
//
// Why not mt19937: `gsl_rng_set` keeps only 32 bits of an mt19937 seed (and remaps 0), so streams
// derived from (seed, trial, process) would collide by the birthday bound after ~65,000 streams.
// xoshiro256** (Blackman & Vigna) takes the full 64-bit seed, expanded by SplitMix64 into 256 bits
// of state, and reseeding it is four multiplications: cheap enough to give every (cell, day) of a
// process its own sub-stream. GSL's distributions (`gsl_ran_*`) draw from it like any GSL generator.

typedef struct { uint64_t s[4]; } govsim_xoshiro_state;

static inline uint64_t govsim_splitmix64_next(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline uint64_t govsim_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t govsim_xoshiro_next(govsim_xoshiro_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = govsim_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = govsim_rotl(s[3], 45);
    return result;
}

static inline void govsim_xoshiro_set(void *vstate, unsigned long int seed) {
    govsim_xoshiro_state *st = (govsim_xoshiro_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) st->s[i] = govsim_splitmix64_next(&x);
}

// GSL's integer interface is 32 bits wide (max below), the upper half of each output.
static inline unsigned long int govsim_xoshiro_get(void *vstate) {
    return (unsigned long int)(govsim_xoshiro_next((govsim_xoshiro_state *)vstate) >> 32);
}

// 53 random bits in [0, 1).
static inline double govsim_xoshiro_get_double(void *vstate) {
    return (double)(govsim_xoshiro_next((govsim_xoshiro_state *)vstate) >> 11) * 0x1.0p-53;
}

static inline const gsl_rng_type *govsim_rng_type_xoshiro256(void) {
    static const gsl_rng_type type = {
        "xoshiro256**", 0xFFFFFFFFUL, 0, sizeof(govsim_xoshiro_state),
        &govsim_xoshiro_set, &govsim_xoshiro_get, &govsim_xoshiro_get_double
    };
    return &type;
}

/// Reseeds without going through `gsl_rng_set`'s type dispatch (hot path: a sub-stream per cell, day and kind).
static inline void govsim_rng_reseed(gsl_rng *r, uint64_t seed) { govsim_xoshiro_set(r->state, seed); }

/// A uniform double in [0, 1) straight from the state, skipping GSL's function-pointer dispatch.
static inline double govsim_rng_uniform(gsl_rng *r) {
    return govsim_xoshiro_get_double(r->state);
}

#endif
