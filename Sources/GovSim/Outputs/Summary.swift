import CGSL

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
    /// 95% confidence interval of the mean (Student t with n − 1 degrees of freedom): how
    /// precisely the trials pin the expected value down. Narrows as trials grow.
    public var ci95: Interval
    /// Quantiles across trials: the spread of outcomes a planner should expect. p025–p975 is
    /// the 95% prediction interval of one realisation.
    public var p025: Double, p05: Double, p50: Double, p95: Double, p975: Double

    /// Summarises `values`, skipping NaN. All fields are NaN when no value is defined.
    public init(_ values: [Double]) {
        GSLSetup.once
        var x = values.filter { !$0.isNaN }
        n = x.count
        guard n > 0 else {
            (mean, sd, ci95) = (.nan, .nan, Interval(lo: .nan, hi: .nan))
            (p025, p05, p50, p95, p975) = (.nan, .nan, .nan, .nan, .nan)
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
        let half = count > 1 ? gsl_cdf_tdist_Pinv(0.975, Double(count - 1)) * sd / Double(count).squareRoot() : 0
        ci95 = Interval(lo: mean - half, hi: mean + half)
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
        metrics = Metric.allCases.map { m in MetricSummary(trials.map { $0.metrics[m.rawValue] }) }
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
