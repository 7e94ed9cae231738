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
    /// 95% confidence interval of the mean difference: Student t on n − 1 degrees of freedom;
    /// for a count whose differences are mostly 0 (rare events), the hull of that and the
    /// difference of scaled-Poisson intervals of the positive and negative parts (each at
    /// 97.5%); when every difference is 0, [−`bound`, +`bound`] (see `note`).
    public var ci95: Interval
    /// 90% predictive interval of the difference in one realisation (both arms drawing the same
    /// parameters and chance): how the policy's effect could turn out, not how precisely its
    /// average is known. Order statistics from 19 pairs on.
    public var prediction90: Interval
    /// "t", "t+poisson", "zero bound" or "none".
    public var method: String
    /// When every paired difference is 0 (a count): |mean difference| ≤ bound at 95%.
    public var bound: Double?
    public var note: String?
    /// 100 · difference / |baseline mean| (NaN when the baseline mean is 0).
    public var relativeChangePct: Double
    /// 95% interval of `relativeChangePct`, with the baseline mean's own uncertainty and its
    /// covariance with the difference (Fieller); NaN bounds when the baseline mean cannot be told
    /// from 0 (the interval is then unbounded).
    public var relativeChangeCI95: Interval
    /// Cohen's d: the difference in units of the pooled standard deviation of the two arms.
    public var effectSize: Double
    /// Two-sided p-value of "no difference": the paired t-test, or for a count with fewer than
    /// 30 non-zero differences (or mostly zeros) the exact sign-flip permutation test.
    public var pValue: Double
    /// "paired t" or "exact sign-flip".
    public var testMethod: String
    /// Pearson correlation of the two arms across trials: what pairing bought.
    public var correlation: Double
    /// Half-width the 95% interval would have had with independent (unpaired) runs of the same
    /// size (Welch, with Welch–Satterthwaite degrees of freedom); compare with `ci95.halfWidth`.
    public var unpairedHalfWidth: Double

    public init(baseline: [Double], arm: [Double]) { self.init(baseline: baseline, arm: arm, kind: nil) }

    public init(baseline: [Double], arm: [Double], kind: MetricKind?) {
        var b: [Double] = [], a: [Double] = []
        for (x, y) in zip(baseline, arm) where !x.isNaN && !y.isNaN {
            b.append(x)
            a.append(y)
        }
        n = b.count
        let d = zip(a, b).map { $0 - $1 }
        let summary = MetricSummary(d)
        let sb = MetricSummary(b)
        baselineMean = sb.mean
        armMean = MetricSummary(a).mean
        difference = summary.mean
        sd = summary.sd
        ci95 = summary.ci95
        prediction90 = summary.prediction90
        method = summary.method
        bound = nil
        note = nil
        relativeChangePct = baselineMean != 0 ? 100 * difference / abs(baselineMean) : .nan
        let count = n
        let sdA = MetricSummary(a).sd, sdB = sb.sd
        let pooled = ((sdA * sdA + sdB * sdB) / 2).squareRoot()
        effectSize = pooled > 0 ? difference / pooled : (difference == 0 ? 0 : .nan)
        testMethod = "paired t"
        relativeChangeCI95 = Interval(lo: .nan, hi: .nan)
        guard count > 1 else {
            unpairedHalfWidth = .nan
            pValue = .nan
            correlation = .nan
            return
        }
        let va = sdA * sdA / Double(count), vb = sdB * sdB / Double(count)
        let welchDF = va + vb > 0 ? (va + vb) * (va + vb) / ((va * va + vb * vb) / Double(count - 1)) : Double(count - 1)
        unpairedHalfWidth = gsl_cdf_tdist_Pinv(0.975, welchDF) * (va + vb).squareRoot()
        if sd > 0 {
            let statistic = difference / (sd / Double(count).squareRoot())
            pValue = min(1, 2 * gsl_cdf_tdist_Q(abs(statistic), Double(count - 1)))
        } else {
            pValue = difference == 0 ? 1 : 0
        }
        correlation = (sdA > 0 && sdB > 0)
            ? a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in gsl_stats_correlation(pa.baseAddress, 1, pb.baseAddress, 1, count) } }
            : .nan
        // The relative change: Fieller's interval of mean(d) / mean(b), paired.
        let covDB = zip(d, b).reduce(0) { $0 + ($1.0 - difference) * ($1.1 - baselineMean) } / Double(count - 1)
        if let r = Intervals.fieller(meanD: difference, meanB: baselineMean, varD: sd * sd, varB: sdB * sdB, covDB: covDB, n: count) {
            let scale = baselineMean > 0 ? 100.0 : -100.0
            relativeChangeCI95 = scale > 0 ? Interval(lo: scale * r.lo, hi: scale * r.hi) : Interval(lo: scale * r.hi, hi: scale * r.lo)
        }
        guard kind == .count else { return }
        // An arm with no event at all: its mean is only bounded (≤ −ln(0.025)/n), so the change
        // is not exactly −100%, whatever Fieller says of the proportional differences.
        if baselineMean > 0, a.allSatisfy({ $0 == 0 }) {
            let armBound = Intervals.zeroCountBound(n: count, alpha: 0.025)
            let baseLow = max(sb.ci95.lo, Intervals.scaledPoisson(b, level: 0.95).lo)
            relativeChangeCI95 = Interval(lo: -100, hi: baseLow > 0 ? min(100 * (armBound / baseLow - 1), .infinity) : .nan)
        }
        // Rare counts: the t machinery degenerates when most differences are 0.
        let nonzero = d.filter { $0 != 0 }.count
        if nonzero < 30 || 2 * nonzero <= count, let p = Intervals.signFlipPValue(d) {
            pValue = p
            testMethod = "exact sign-flip"
        }
        guard 2 * nonzero <= count else { return }
        if nonzero == 0 {
            // |E d| ≤ E d⁺ + … : each part's one-sided 97.5% Poisson bound, so 95% jointly.
            let x = Intervals.zeroCountBound(n: count, alpha: 0.025)
            (ci95, method, bound) = (Interval(lo: -x, hi: x), "zero bound", x)
            note = "all \(count) paired differences are 0: |mean difference| ≤ \(MetricSummary.text(x)) at 95% (Poisson)"
        } else {
            let up = Intervals.scaledPoisson(d.map { max($0, 0) }, level: 0.975)
            let down = Intervals.scaledPoisson(d.map { max(-$0, 0) }, level: 0.975)
            ci95 = Intervals.hull(ci95, Interval(lo: up.lo - down.hi, hi: up.hi - down.lo))
            method = "t+poisson"
        }
        // The relative change from the difference's interval and the baseline mean's t interval.
        if sb.ci95.lo > 0 {
            let lo = min(ci95.lo / sb.ci95.lo, ci95.lo / sb.ci95.hi), hi = max(ci95.hi / sb.ci95.lo, ci95.hi / sb.ci95.hi)
            relativeChangeCI95 = Interval(lo: 100 * lo, hi: 100 * hi)
        } else {
            relativeChangeCI95 = Interval(lo: .nan, hi: .nan)
        }
    }
}
