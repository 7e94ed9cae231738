import CGSL
import Foundation

/// GSL statistics on plain arrays.
public enum Statistics {
    /// The GSL version linked (part of a platform's identity for bit-exact baselines).
    public static var gslVersion: String { String(cString: govsim_gsl_version()) }

    /// The q-quantile (0–1) of `values`, which are sorted in place (GSL's interpolation at
    /// (n − 1)·q); NaN when there are none.
    public static func quantile(sorting values: inout [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        return values.withUnsafeMutableBufferPointer { buffer in
            gsl_sort(buffer.baseAddress, 1, buffer.count)
            return gsl_stats_quantile_from_sorted_data(buffer.baseAddress, 1, buffer.count, q)
        }
    }
}

/// A metric summarised over trials (GSL statistics).
public struct MetricSummary: Sendable, Equatable {
    /// Trials in which the metric was defined (not NaN).
    public var n: Int
    public var mean: Double
    /// Sample standard deviation across trials (n − 1 in the denominator).
    public var sd: Double
    /// 95% confidence interval of the mean: how precisely the trials pin the expected value
    /// down; narrows as trials grow. Student t with n − 1 degrees of freedom, except where the
    /// summary knows the metric's kind (`init(_:kind:)`):
    /// - a count: the hull of the t interval and an over-dispersion-scaled Poisson (Garwood)
    ///   interval, clipped at 0, so few events in few trials do not give a narrow interval;
    /// - a count that is 0 in every trial: [0, `bound`], the one-sided 95% Poisson bound;
    /// - a share or score at 0 (or 100) in every trial: [0, `bound`] (or [`bound`, 100]), the
    ///   exact bound 100·(1 − 0.05^(1/n)) from how rarely it can be off the limit.
    public var ci95: Interval
    /// Which interval `ci95` is: "t", "t+poisson", "zero bound", "constant" or "none".
    public var method: String
    /// Set when every trial gave the same value at a limit: the one-sided 95% bound of the mean
    /// (upper at 0, lower at 100), also the far end of `ci95`.
    public var bound: Double?
    /// Why the interval is what it is, for readers (e.g. "0 in 20 trials: mean ≤ 0.15 at 95%").
    public var note: String?
    /// Quantiles across trials: the trial range, the spread of outcomes a planner should expect
    /// (GSL's interpolation). p025–p975 holds the middle 95% of *these* trials; it is not a
    /// prediction interval for a new one (at 20 trials it holds about 87% of new ones), see
    /// `prediction95`.
    public var p025: Double, p05: Double, p50: Double, p95: Double, p975: Double
    /// An interval that holds a new trial's value with probability ≥ 95%: order statistics with
    /// the right ranks from 39 trials on (distribution-free), normal theory
    /// mean ± t·s·√(1 + 1/n) with fewer (`predictionMethod` says which).
    public var prediction95: Interval
    public var predictionMethod: String
    /// The same at ≥ 90% (`pi90` in summary.json). With parameters drawn from their priors, both
    /// are predictive intervals over parameter and trial uncertainty: where one more run of the
    /// district would land. `ci95` is only how precisely the mean is known.
    public var prediction90: Interval

    /// Summarises `values`, skipping NaN, with the Student t interval (for generic numbers:
    /// bootstrap replicates, differences, series). All fields are NaN when no value is defined.
    public init(_ values: [Double]) { self.init(values, kind: nil) }

    /// Summarises a metric's values with the interval its kind calls for (see `ci95`).
    public init(_ values: [Double], kind: MetricKind?) {
        GSLSetup.once
        var x = values.filter { !$0.isNaN }
        n = x.count
        bound = nil
        note = nil
        guard n > 0 else {
            (mean, sd, ci95, method) = (.nan, .nan, Interval(lo: .nan, hi: .nan), "none")
            (p025, p05, p50, p95, p975) = (.nan, .nan, .nan, .nan, .nan)
            (prediction95, predictionMethod) = (Interval(lo: .nan, hi: .nan), "none")
            prediction90 = Interval(lo: .nan, hi: .nan)
            return
        }
        let count = n
        (mean, sd, p025, p05, p50, p95, p975) = x.withUnsafeMutableBufferPointer { b in
            let base = b.baseAddress
            let m = gsl_stats_mean(base, 1, count)
            let s = count > 1 ? gsl_stats_sd_m(base, 1, count, m) : 0
            gsl_sort(base, 1, count)
            func q(_ p: Double) -> Double { gsl_stats_quantile_from_sorted_data(base, 1, count, p) }
            return (m, s, q(0.025), q(0.05), q(0.5), q(0.95), q(0.975))
        }
        (prediction95, predictionMethod) = Intervals.prediction(sorted: x, mean: mean, sd: sd, level: 0.95, bounds: kind?.bounds)
        prediction90 = Intervals.prediction(sorted: x, mean: mean, sd: sd, level: 0.90, bounds: kind?.bounds).0
        let half = count > 1 ? gsl_cdf_tdist_Pinv(0.975, Double(count - 1)) * sd / Double(count).squareRoot() : 0
        ci95 = Interval(lo: mean - half, hi: mean + half)
        method = count > 1 ? "t" : "none"
        guard let kind else { return }
        let constant = x.first == x.last
        let trials = "\(count) trial\(count == 1 ? "" : "s")"
        switch kind {
        case .count where constant && mean == 0:
            let b = Intervals.zeroCountBound(n: count)
            let share = 100 * Intervals.zeroShareBound(n: count)
            (ci95, method, bound) = (Interval(lo: 0, hi: b), "zero bound", b)
            note = "0 in \(trials): mean ≤ \(Self.text(b)) at 95% (Poisson); at most \(Self.text(share))% of trials have any (exact)"
        case .count where x.allSatisfy({ $0 >= 0 }):
            ci95 = Intervals.hull(ci95, Intervals.scaledPoisson(x, level: 0.95))
            ci95.lo = max(0, ci95.lo)
            method = "t+poisson"
        case .share where constant && (mean == 0 || mean == 100), .score where constant && (mean == 0 || mean == 100):
            let b = 100 * Intervals.zeroShareBound(n: count)
            let atTop = mean == 100
            ci95 = atTop ? Interval(lo: 100 - b, hi: 100) : Interval(lo: 0, hi: b)
            (method, bound) = ("zero bound", atTop ? 100 - b : b)
            note = "\(Self.text(mean)) in every one of \(trials): mean \(atTop ? "≥" : "≤") \(Self.text(bound!)) at 95% (exact)"
        default:
            if constant && count > 1 {
                method = "constant"
                note = "\(Self.text(mean)) in every one of \(trials): no variation seen, so the interval has no width"
            }
        }
    }

    /// Four significant figures, for notes.
    static func text(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(format: "%.4g", x)
    }
}

/// A closed interval [lo, hi] that may be undefined (NaN bounds).
public struct Interval: Sendable, Equatable {
    public var lo: Double
    public var hi: Double
    public init(lo: Double, hi: Double) {
        self.lo = lo
        self.hi = hi
    }
    /// Half the width.
    public var halfWidth: Double { (hi - lo) / 2 }
}

/// Every metric of a set of trials summarised, and the weekly series as quantile bands.
public struct EnsembleSummary: Sendable {
    public var metrics: [MetricSummary]
    /// Per week and series: (mean, p05, p50, p95) across trials.
    public var weekly: [[(mean: Double, p05: Double, p50: Double, p95: Double)]]

    public subscript(_ m: Metric) -> MetricSummary { metrics[m.rawValue] }

    public init(_ trials: [TrialResult]) {
        metrics = Metric.allCases.map { m in MetricSummary(trials.map { $0.metrics[m.rawValue] }, kind: m.kind) }
        let weeks = trials.map(\.weeks).min() ?? 0
        let width = WeeklySeries.allCases.count
        weekly = (0..<weeks).map { w in
            WeeklySeries.allCases.map { s in
                let summary = MetricSummary(trials.map { $0.series[w * width + s.rawValue] })
                return (summary.mean, summary.p05, summary.p50, summary.p95)
            }
        }
    }
}
