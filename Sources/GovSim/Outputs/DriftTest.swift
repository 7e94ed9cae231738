import CGSL
import Foundation

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

extension DriftTest {
    /// The smallest true change |new − old| that `DriftTest` declares with probability `power`,
    /// for an output with standard deviation `sd` across trials, `oldTrials` and `newTrials`
    /// trials, tolerance `tolerance` and per-output false-alarm rate `alpha` (two-sided):
    /// tolerance + (t(1 − α/2) + t(power))·se, se = sd·√(1/n_old + 1/n_new), on the
    /// Welch–Satterthwaite degrees of freedom for equal variances (the normal approximation to
    /// the test's power; `RegressionCheckTests` measures it). NaN when sd is undefined.
    public static func detectableChange(sd: Double, oldTrials: Int, newTrials: Int, tolerance: Double, alpha: Double,
                                        power: Double = 0.9) -> Double {
        guard sd.isFinite, oldTrials >= 2, newTrials >= 2 else { return .nan }
        let va = sd * sd / Double(oldTrials), vb = sd * sd / Double(newTrials)
        let se = (va + vb).squareRoot()
        guard se > 0 else { return tolerance }
        let df = (va + vb) * (va + vb) / (va * va / Double(oldTrials - 1) + vb * vb / Double(newTrials - 1))
        return tolerance + (gsl_cdf_tdist_Pinv(1 - alpha / 2, df) + gsl_cdf_tdist_Pinv(power, df)) * se
    }

    /// The fewest trials (the same number in the baseline and in each check, at least
    /// `minimum`) for which `detectableChange` is at most `change`; nil when the change is not
    /// larger than the tolerance (no number of trials can then see it) or needs more than `cap`.
    public static func trialsToDetect(change: Double, sd: Double, tolerance: Double, alpha: Double, power: Double = 0.9,
                                      minimum: Int = 10, cap: Int = 1_000_000) -> Int? {
        guard change > tolerance, sd.isFinite else { return nil }
        if sd == 0 { return minimum }
        let z = RandomStream.normalQuantile(1 - alpha / 2) + RandomStream.normalQuantile(power)
        var n = max(minimum, Int((2 * pow(z * sd / (change - tolerance), 2)).rounded(.up)))
        guard n <= cap else { return nil }
        while detectableChange(sd: sd, oldTrials: n, newTrials: n, tolerance: tolerance, alpha: alpha, power: power) > change {
            n += 1
            if n > cap { return nil }
        }
        return n
    }
}
