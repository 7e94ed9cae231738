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

    /// A triangular draw by inversion (GSL has no triangular sampler).
    public func triangular(min a: Double, mode c: Double, max b: Double) -> Double {
        let u = uniform()
        guard b > a else { return a }
        let f = (c - a) / (b - a)
        return u < f ? a + (u * (b - a) * (c - a)).squareRoot() : b - ((1 - u) * (b - a) * (b - c)).squareRoot()
    }
}
