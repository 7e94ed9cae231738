import CGSL
import Foundation

/// GSL's default error handler aborts the process on a domain error; govsim turns it off once,
/// before its first GSL call, and keeps arguments in range instead.
enum GSLSetup {
    static let once: Void = govsim_gsl_errors_off()
}

/// One random stream: govsim's xoshiro256** generator (see `shim.h`) behind a GSL `gsl_rng`, so the
/// GSL samplers (`gsl_ran_*`) draw from it. A stream belongs to one trial and one thread.
///
/// Uniform draws skip GSL's function-pointer dispatch (`govsim_rng_uniform`) because the model calls
/// them per event; the heavier distributions are GSL's.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// Creates a stream from a 64-bit seed (all 64 bits are used).
    public init(seed: UInt64) {
        GSLSetup.once
        guard let r = gsl_rng_alloc(govsim_rng_type_xoshiro256()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        rng = r
        govsim_rng_reseed(rng, seed)
    }

    deinit { gsl_rng_free(rng) }

    /// Restarts the stream from a new seed (cheap: four SplitMix64 steps).
    @inline(__always)
    public func reseed(_ seed: UInt64) { govsim_rng_reseed(rng, seed) }

    /// A uniform draw in [0, 1).
    @inline(__always)
    public func uniform() -> Double { govsim_rng_uniform(rng) }

    /// True with probability `p`.
    @inline(__always)
    public func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// A uniform index in `0..<n` (n ≥ 1).
    @inline(__always)
    public func index(_ n: Int) -> Int { min(Int(uniform() * Double(n)), n - 1) }

    /// A Poisson count with mean `mu` (0 when mu ≤ 0).
    @inline(__always)
    public func poisson(_ mu: Double) -> Int { mu > 0 ? Int(gsl_ran_poisson(rng, mu)) : 0 }

    /// A binomial count of `n` trials with success probability `p`.
    @inline(__always)
    public func binomial(_ n: Int, _ p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        if p >= 1 { return n }
        return Int(gsl_ran_binomial(rng, p, UInt32(clamping: n)))
    }

    /// An exponential draw with the given mean (0 when mean ≤ 0).
    @inline(__always)
    public func exponential(mean: Double) -> Double { mean > 0 ? gsl_ran_exponential(rng, mean) : 0 }

    /// A normal draw.
    public func normal(mean: Double, sd: Double) -> Double { mean + gsl_ran_gaussian_ziggurat(rng, sd) }

    /// A lognormal draw with the given median and log-scale standard deviation.
    public func lognormal(median: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(rng, log(median), sigma)
    }

    /// A beta draw on [0, 1].
    public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(rng, a, b) }

    /// A gamma draw with shape `k` and scale `theta`.
    public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(rng, shape, scale) }

    /// The standard normal quantile of `u` (GSL), with `u` kept inside (0, 1): turns one uniform
    /// into one normal draw, for code that must use a fixed number of uniforms.
    public static func normalQuantile(_ u: Double) -> Double {
        gsl_cdf_ugaussian_Pinv(min(max(u, 1e-12), 1 - 1e-12))
    }

    /// The standard normal quantile of `u` by Acklam's rational approximation (relative error
    /// below 1.15e-9 over (0, 1)), with `u` kept inside (0, 1).
    ///
    /// Hand-rolled because the population setup draws seven normals per resident and household
    /// and GSL's `gsl_cdf_ugaussian_Pinv` (exact to double precision, with argument checks and a
    /// higher-degree polynomial) was 9% of a year-long trial there; personal offsets need nothing
    /// like double precision. Statistics keep GSL's `normalQuantile`.
    @inline(__always)
    public static func fastNormalQuantile(_ u: Double) -> Double {
        let p = min(max(u, 1e-12), 1 - 1e-12)
        let low = 0.02425
        if p < low || p > 1 - low {
            // Tails: x = ±(c-polynomial of q) / (d-polynomial of q), q = √(−2 ln(min(p, 1 − p))).
            let q = (-2 * log(p < low ? p : 1 - p)).squareRoot()
            var num = -7.784894002430293e-03
            num = num * q - 3.223964580411365e-01
            num = num * q - 2.400758277161838e+00
            num = num * q - 2.549732539343734e+00
            num = num * q + 4.374664141464968e+00
            num = num * q + 2.938163982698783e+00
            var den = 7.784695709041462e-03
            den = den * q + 3.224671290700398e-01
            den = den * q + 2.445134137142996e+00
            den = den * q + 3.754408661907416e+00
            den = den * q + 1
            let x = num / den
            return p < low ? x : -x
        }
        let q = p - 0.5, r = q * q
        var num = -3.969683028665376e+01
        num = num * r + 2.209460984245205e+02
        num = num * r - 2.759285104469687e+02
        num = num * r + 1.383577518672690e+02
        num = num * r - 3.066479806614716e+01
        num = num * r + 2.506628277459239e+00
        var den = -5.447609879822406e+01
        den = den * r + 1.615858368580409e+02
        den = den * r - 1.556989798598866e+02
        den = den * r + 6.680131188771972e+01
        den = den * r - 1.328068155288572e+01
        den = den * r + 1
        return num * q / den
    }

    /// A triangular draw by inversion (GSL has no triangular sampler).
    public func triangular(min a: Double, mode c: Double, max b: Double) -> Double {
        let u = uniform()
        guard b > a else { return a }
        let f = (c - a) / (b - a)
        return u < f ? a + (u * (b - a) * (c - a)).squareRoot() : b - ((1 - u) * (b - a) * (b - c)).squareRoot()
    }
}
