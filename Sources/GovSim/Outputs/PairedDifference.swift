import CGSL

/// A policy arm against the baseline on one metric, trial by trial. Trial i of both arms used
/// the same random streams for every process the policy does not change (common random
/// numbers), so the differences d_i = arm_i − baseline_i carry the policy's effect with much
/// less noise than two independent runs would.
public struct PairedDifference: Sendable, Equatable {
    /// Pairs in which both values are defined.
    public var n: Int
    public var baselineMean: Double
    public var armMean: Double
    /// Mean of the paired differences, arm − baseline.
    public var difference: Double
    /// Standard deviation of the paired differences.
    public var sd: Double
    /// 95% confidence interval of the mean difference (Student t, n − 1 degrees of freedom).
    public var ci95: Interval
    /// 100 · difference / |baseline mean| (NaN when the baseline mean is 0).
    public var relativeChangePct: Double
    /// Cohen's d: the difference in units of the pooled standard deviation of the two arms.
    public var effectSize: Double
    /// Two-sided p-value of the paired t-test of "no difference".
    public var pValue: Double
    /// Pearson correlation of the two arms across trials: what pairing bought.
    public var correlation: Double
    /// Half-width the 95% interval would have had with independent (unpaired) runs of the same
    /// size (Welch); compare with `ci95.halfWidth`.
    public var unpairedHalfWidth: Double

    public init(baseline: [Double], arm: [Double]) {
        var b: [Double] = [], a: [Double] = []
        for (x, y) in zip(baseline, arm) where !x.isNaN && !y.isNaN {
            b.append(x)
            a.append(y)
        }
        n = b.count
        let d = zip(a, b).map { $0 - $1 }
        let summary = MetricSummary(d)
        baselineMean = MetricSummary(b).mean
        armMean = MetricSummary(a).mean
        difference = summary.mean
        sd = summary.sd
        ci95 = summary.ci95
        relativeChangePct = baselineMean != 0 ? 100 * difference / abs(baselineMean) : .nan
        let count = n
        let sdA = MetricSummary(a).sd, sdB = MetricSummary(b).sd
        let pooled = ((sdA * sdA + sdB * sdB) / 2).squareRoot()
        effectSize = pooled > 0 ? difference / pooled : (difference == 0 ? 0 : .nan)
        if count > 1 {
            let t = gsl_cdf_tdist_Pinv(0.975, Double(count - 1))
            unpairedHalfWidth = t * ((sdA * sdA + sdB * sdB) / Double(count)).squareRoot()
            if sd > 0 {
                let statistic = difference / (sd / Double(count).squareRoot())
                pValue = min(1, 2 * gsl_cdf_tdist_Q(abs(statistic), Double(count - 1)))
            } else {
                pValue = difference == 0 ? 1 : 0
            }
            correlation = (sdA > 0 && sdB > 0)
                ? a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in gsl_stats_correlation(pa.baseAddress, 1, pb.baseAddress, 1, count) } }
                : .nan
        } else {
            unpairedHalfWidth = .nan
            pValue = .nan
            correlation = .nan
        }
    }
}
