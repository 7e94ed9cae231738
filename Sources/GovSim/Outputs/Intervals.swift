import CGSL
import Foundation

/// Interval estimators for outputs the Student t interval serves badly: counts of rare events,
/// outputs that are the same in every trial, ratios of means, and new realisations. Each states
/// its assumption and level; `GovSimTests/CoverageTests` measures their coverage.
public enum Intervals {
    /// Student t quantile with `df` degrees of freedom.
    static func t(_ p: Double, _ df: Double) -> Double { gsl_cdf_tdist_Pinv(p, df) }

    /// One-sided (1 − α) upper bound of the mean of a count when all `n` trials gave 0, assuming
    /// the count is Poisson in each trial (the "rule of three": −ln α / n, ≈ 3/n at α = 0.05).
    /// An over-dispersed count has more zeros for the same mean, so no bound on the mean holds
    /// for every distribution; `shareBound` gives the distribution-free bound on how often it is
    /// above zero.
    public static func zeroCountBound(n: Int, alpha: Double = 0.05) -> Double {
        n > 0 ? -log(alpha) / Double(n) : .infinity
    }

    /// Exact one-sided (1 − α) upper bound (Clopper–Pearson) of a probability seen 0 times in `n`
    /// trials: 1 − α^(1/n).
    public static func zeroShareBound(n: Int, alpha: Double = 0.05) -> Double {
        n > 0 ? 1 - pow(alpha, 1 / Double(n)) : 1
    }

    /// Two-sided Clopper–Pearson interval of a probability from `k` successes in `n` trials.
    public static func clopperPearson(k: Int, n: Int, level: Double = 0.95) -> Interval {
        guard n > 0 else { return Interval(lo: .nan, hi: .nan) }
        let a = (1 - level) / 2
        let lo = k == 0 ? 0 : gsl_cdf_beta_Pinv(a, Double(k), Double(n - k + 1))
        let hi = k == n ? 1 : gsl_cdf_beta_Pinv(1 - a, Double(k + 1), Double(n - k))
        return Interval(lo: lo, hi: hi)
    }

    /// Garwood's exact Poisson interval for the mean per trial of a count summing to `sum` over
    /// `n` trials, scaled for over-dispersion (quasi-Poisson): with variance φ·mean, sum/φ is
    /// treated as a Poisson count and the limits are multiplied back by φ. φ = max(1, s²/mean).
    /// Unlike the t interval it is asymmetric (longer above) and does not collapse when the
    /// sample happens to hold few events.
    public static func scaledPoisson(sum: Double, n: Int, dispersion: Double, level: Double) -> Interval {
        guard n > 0, sum >= 0 else { return Interval(lo: .nan, hi: .nan) }
        let phi = max(1, dispersion.isFinite ? dispersion : 1)
        let s = sum / phi, a = (1 - level) / 2
        let lo = s > 0 ? gsl_cdf_chisq_Pinv(a, 2 * s) / 2 : 0
        let hi = gsl_cdf_chisq_Pinv(1 - a, 2 * s + 2) / 2
        return Interval(lo: phi * lo / Double(n), hi: phi * hi / Double(n))
    }

    /// `scaledPoisson` from the values themselves (≥ 0).
    static func scaledPoisson(_ x: [Double], level: Double) -> Interval {
        let n = x.count
        let sum = x.reduce(0, +)
        guard n > 1 else { return scaledPoisson(sum: sum, n: n, dispersion: 1, level: level) }
        let mean = sum / Double(n)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        return scaledPoisson(sum: sum, n: n, dispersion: mean > 0 ? variance / mean : 1, level: level)
    }

    /// The smallest interval holding both.
    static func hull(_ a: Interval, _ b: Interval) -> Interval {
        Interval(lo: min(a.lo, b.lo), hi: max(a.hi, b.hi))
    }

    /// Fieller's (1 − α) interval of the ratio μ_D / μ_B of two means estimated from the same
    /// `n` trials (paired: the covariance enters), with Student t on n − 1 degrees of freedom.
    /// nil when the denominator's mean is not distinguishable from 0 at that level (the
    /// confidence set is then unbounded). Fieller, "Some problems in interval estimation",
    /// J. R. Stat. Soc. B 16 (1954) 175–185.
    public static func fieller(meanD: Double, meanB: Double, varD: Double, varB: Double, covDB: Double,
                               n: Int, level: Double = 0.95) -> Interval? {
        guard n > 1 else { return nil }
        let q = pow(t(1 - (1 - level) / 2, Double(n - 1)), 2) / Double(n)
        let a = meanB * meanB - q * varB
        let b = meanD * meanB - q * covDB
        let c = meanD * meanD - q * varD
        let disc = b * b - a * c
        guard a > 0, disc >= 0 else { return nil }
        let root = disc.squareRoot()
        return Interval(lo: (b - root) / a, hi: (b + root) / a)
    }

    /// Two-sided exact p-value of the sign-flip permutation test (Fisher–Pitman) of "paired
    /// differences symmetric about 0", for whole-number differences: the share of the 2^m sign
    /// assignments of the m non-zero differences whose sum is at least as far from 0 as the
    /// observed one. Computed exactly by counting subset sums. nil when the differences are not
    /// whole numbers or their absolute sum exceeds `limit` (use the t-test then).
    public static func signFlipPValue(_ d: [Double], limit: Int = 200_000) -> Double? {
        let nonzero = d.filter { $0 != 0 }
        guard !nonzero.isEmpty else { return 1 }
        guard nonzero.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e9 }) else { return nil }
        let a = nonzero.map { Int(abs($0)) }
        let total = a.reduce(0, +)
        guard total <= limit else { return nil }
        // Probability of each subset sum W (the differences given a + sign), each sign ½.
        var p = [Double](repeating: 0, count: total + 1)
        p[0] = 1
        var reach = 0
        for x in a {
            reach += x
            for w in stride(from: reach, through: 0, by: -1) {
                p[w] = 0.5 * p[w] + (w >= x ? 0.5 * p[w - x] : 0)
            }
        }
        let observed = nonzero.filter { $0 > 0 }.reduce(0, +)
        let far = abs(2 * observed - Double(total))
        var pValue = 0.0
        for w in 0...total where abs(2 * Double(w) - Double(total)) >= far - 1e-9 { pValue += p[w] }
        return min(1, pValue)
    }

    /// A (≥ level) prediction interval for one new trial: distribution-free order statistics
    /// [x₍ⱼ₎, x₍ₙ₊₁₋ⱼ₎] with j = ⌊(1 − level)/2 · (n + 1)⌋ when j ≥ 1 (it holds a new exchangeable
    /// value with probability ≥ (n + 1 − 2j)/(n + 1)); with fewer trials, the normal-theory
    /// interval mean ± t(n − 1)·s·√(1 + 1/n). `sorted` must be in increasing order.
    static func prediction(sorted x: [Double], mean: Double, sd: Double, level: Double,
                           bounds: ClosedRange<Double>?) -> (Interval, String) {
        let n = x.count
        guard n >= 2 else { return (Interval(lo: .nan, hi: .nan), "none") }
        let j = Int(((1 - level) / 2 * Double(n + 1)).rounded(.down))
        if j >= 1 { return (Interval(lo: x[j - 1], hi: x[n - j]), "order statistics") }
        // No variation seen in too few trials: normal theory would claim a point.
        guard sd > 0 else { return (Interval(lo: .nan, hi: .nan), "none") }
        let half = t(1 - (1 - level) / 2, Double(n - 1)) * sd * (1 + 1 / Double(n)).squareRoot()
        var lo = mean - half, hi = mean + half
        if let bounds {
            lo = max(lo, bounds.lowerBound)
            hi = min(hi, bounds.upperBound)
        }
        return (Interval(lo: lo, hi: hi), "normal theory")
    }
}
