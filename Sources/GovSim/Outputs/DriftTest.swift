import CGSL

/// Decides whether a metric has drifted from its baseline beyond a tolerance, from two
/// independent sets of trials (a new seed, or another platform: no pairing).
///
/// Drift is declared when the whole (1 − α)-confidence interval of the difference new − old
/// (Welch) lies outside [−tolerance, +tolerance]: the difference is then, with confidence
/// 1 − α, larger than the tolerance. For an unchanged model the chance of that is at most α
/// (reached only if the true difference were exactly at the tolerance; with no true difference
/// it is far smaller), so the check does not cry wolf; a change larger than the tolerance is
/// caught once the trials are enough to resolve it. `alpha` is per metric: callers divide a
/// family-wise rate by the number of metrics (Bonferroni).
public struct DriftTest: Sendable, Equatable {
    public var difference: Double
    public var interval: Interval
    public var tolerance: Double
    public var drifted: Bool

    public init(old: MetricSummary, new: MetricSummary, tolerance: Double, alpha: Double) {
        self.tolerance = tolerance
        difference = new.mean - old.mean
        guard old.n >= 2, new.n >= 2, difference.isFinite else {
            interval = Interval(lo: .nan, hi: .nan)
            drifted = old.n != new.n && (old.n == 0 || new.n == 0)
            return
        }
        let va = old.sd * old.sd / Double(old.n), vb = new.sd * new.sd / Double(new.n)
        let se = (va + vb).squareRoot()
        if se == 0 {
            interval = Interval(lo: difference, hi: difference)
        } else {
            // Welch–Satterthwaite degrees of freedom.
            let df = (va + vb) * (va + vb) / (va * va / Double(old.n - 1) + vb * vb / Double(new.n - 1))
            let t = gsl_cdf_tdist_Pinv(1 - alpha / 2, df)
            interval = Interval(lo: difference - t * se, hi: difference + t * se)
        }
        drifted = interval.lo > tolerance || interval.hi < -tolerance
    }
}
