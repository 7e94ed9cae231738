import Foundation
import GovSim

/// What a later `govsim check --baseline` needs from a run: version, platform, seed, a digest
/// of trials.csv, every trial's outputs (to show the first differing trial), and each metric's
/// summary (for the statistical check on another seed or platform).
public struct RegressionBaseline: Sendable {
    public var version: String
    public var platform: String
    public var scenario: String
    public var scenarioFile: String
    public var seed: UInt64
    public var trials: Int
    public var days: Int
    /// FNV-1a 64 of trials.csv, in hex.
    public var trialsDigest: String
    /// Per trial, the outputs in `Metric` order.
    public var rows: [[Double]]
    /// The outputs the file recorded (a baseline read from a file written before an output was
    /// added lacks it); every output for a baseline made now.
    public var recorded: [Metric] = Metric.allCases
    /// The check's tolerance (share of each baseline mean) and family-wise false-alarm rate
    /// this baseline was recorded for: its `detectable_change` figures assume them, and
    /// `check --baseline` uses them unless told otherwise.
    public var margin: Double = RegressionBaseline.defaultMargin
    public var alpha: Double = RegressionBaseline.defaultAlpha
    /// Power at which `detectableChange` is stated.
    public static let power = 0.9
    public static let defaultAlpha = 0.05

    public init(results: RunResults, scenarioFile: String, margin: Double = RegressionBaseline.defaultMargin,
                alpha: Double = RegressionBaseline.defaultAlpha) {
        self.margin = margin
        self.alpha = alpha
        version = RunResults.version
        platform = RegressionBaseline.currentPlatform
        scenario = results.scenario.name
        self.scenarioFile = scenarioFile
        seed = results.seed
        trials = results.trials.count
        days = results.scenario.run.days
        trialsDigest = RegressionBaseline.digest(results.trialsCSV)
        rows = results.trials.map(\.metrics)
    }

    /// OS, architecture, CPU model and GSL version: where these agree, runs are bit-identical.
    public static var currentPlatform: String {
        var u = utsname()
        uname(&u)
        func text<T>(_ field: T) -> String { withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) } }
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown cpu"
        return "\(text(u.sysname)) \(text(u.machine)), \(cpu), GSL \(Statistics.gslVersion)"
    }

    public static func digest(_ text: String) -> String { String(StreamSeed.key(text), radix: 16) }

    /// One output's statistical verdict.
    public struct Drift: Sendable {
        public var metric: Metric
        public var old: MetricSummary
        public var new: MetricSummary
        public var test: DriftTest
    }

    /// Default tolerance: this share of each output's baseline mean.
    public static let defaultMargin = 0.01

    /// Statistical mode: every output defined in the baseline, its difference tested against a
    /// tolerance of `margin` × |baseline mean|, at a family-wise false-alarm rate `alpha`
    /// (Bonferroni over the outputs tested).
    public func statisticalCheck(_ trials: [TrialResult], margin: Double = defaultMargin, alpha: Double = 0.05) -> [Drift] {
        let metrics = testedMetrics
        let perMetric = alpha / Double(max(metrics.count, 1))
        return metrics.map { m in
            let old = summary(m), new = MetricSummary(trials.map { $0[m] })
            return Drift(metric: m, old: old, new: new,
                         test: DriftTest(old: old, new: new, tolerance: max(margin * abs(old.mean), 1e-9), alpha: perMetric))
        }
    }

    /// The outputs a statistical check tests: those defined in at least two baseline trials.
    public var testedMetrics: [Metric] { Metric.allCases.filter { summary($0).n >= 2 } }

    /// The per-output false-alarm rate of a check (Bonferroni share of `alpha`).
    public func alphaPerMetric(_ alpha: Double? = nil) -> Double { (alpha ?? self.alpha) / Double(max(testedMetrics.count, 1)) }

    /// The smallest change of `m` (its unit) a statistical check with `newTrials` trials (default:
    /// as many as the baseline) catches with 90% power, at this baseline's margin and alpha.
    public func detectableChange(_ m: Metric, newTrials: Int? = nil) -> Double {
        let s = summary(m)
        guard s.n >= 2 else { return .nan }
        return DriftTest.detectableChange(sd: s.sd, oldTrials: s.n, newTrials: newTrials ?? s.n,
                                          tolerance: max(margin * abs(s.mean), 1e-9), alpha: alphaPerMetric(), power: RegressionBaseline.power)
    }

    /// A metric's summary over the baseline's trials.
    public func summary(_ m: Metric) -> MetricSummary { MetricSummary(rows.map { $0[m.rawValue] }) }

    public var json: String {
        JSONText.object([
            "version": .string(version), "platform": .string(platform), "scenario": .string(scenario),
            "scenario_file": .string(scenarioFile), "seed": .integer(Int(seed)), "trials": .integer(trials), "days": .integer(days),
            "trials_csv_digest": .string(trialsDigest),
            "margin": .number(margin), "family_wise_alpha": .number(alpha), "alpha_per_metric": .number(alphaPerMetric()),
            "metrics_tested": .integer(testedMetrics.count), "power": .number(RegressionBaseline.power),
            "detectable_change_means": .string("smallest change of each output a statistical check with as many trials catches with 90% power, at this margin and family-wise alpha"),
            "metrics": .object(Dictionary(uniqueKeysWithValues: Metric.allCases.map { m in
                let s = summary(m)
                let detectable = detectableChange(m)
                return (m.name, JSONText.object(["mean": .number(s.mean), "sd": .number(s.sd), "n": .integer(s.n),
                                                 "p05": .number(s.p05), "p50": .number(s.p50), "p95": .number(s.p95),
                                                 "detectable_change": .number(detectable),
                                                 "detectable_change_pct": .number(s.mean != 0 ? 100 * detectable / abs(s.mean) : .nan)]))
            })),
            "metric_order": .array(Metric.allCases.map { .string($0.name) }),
            "trial_rows": .array(rows.map { row in .array(row.map { .number($0) }) }),
        ]).rendered
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a baseline file written by `json`.
    public static func read(path: String) throws(ReadError) -> RegressionBaseline {
        // Through the scenario loader's parser: regular files only, the syntax check that keeps
        // Foundation's decoder from crashing, and JSONDecoder (not JSONSerialization), so every
        // stored number reads back to the same bits.
        let tree: JSONValue
        do { tree = try ScenarioLoader.parse(path: path) } catch { throw ReadError(description: error.description) }
        func string(_ v: JSONValue?) -> String? { if case .string(let s)? = v { return s }; return nil }
        func int(_ v: JSONValue?) -> Int? { if case .integer(let i)? = v { return Int(i) }; return nil }
        guard case .object(let object) = tree,
              let version = string(object["version"]), let platform = string(object["platform"]),
              let scenario = string(object["scenario"]), let file = string(object["scenario_file"]),
              let seed = int(object["seed"]), let trials = int(object["trials"]), let days = int(object["days"]),
              let digest = string(object["trials_csv_digest"]),
              case .array(let orderValues)? = object["metric_order"], case .array(let rawRows)? = object["trial_rows"] else {
            throw ReadError(description: "\(path): not a govsim baseline (re-record it with govsim baseline)")
        }
        // Map stored columns onto today's metrics by name; a metric added since reads as NaN.
        let order = orderValues.compactMap(string)
        let columns = Metric.allCases.map { m in order.firstIndex(of: m.name) }
        let rows = rawRows.map { raw -> [Double] in
            guard case .array(let values) = raw else { return [] }
            return columns.map { c in c.flatMap { $0 < values.count ? values[$0].numberValue : nil } ?? .nan }
        }
        var baseline = RegressionBaseline(version: version, platform: platform, scenario: scenario, scenarioFile: file,
                                          seed: UInt64(seed), trials: trials, days: days, trialsDigest: digest, rows: rows)
        baseline.recorded = Metric.allCases.filter { columns[$0.rawValue] != nil }
        // Recorded since the check reports its power; older files keep the defaults.
        if let m = object["margin"]?.numberValue, m.isFinite, m >= 0 { baseline.margin = m }
        if let a = object["family_wise_alpha"]?.numberValue, a > 0, a < 1 { baseline.alpha = a }
        return baseline
    }

    init(version: String, platform: String, scenario: String, scenarioFile: String, seed: UInt64, trials: Int, days: Int,
         trialsDigest: String, rows: [[Double]]) {
        self.version = version
        self.platform = platform
        self.scenario = scenario
        self.scenarioFile = scenarioFile
        self.seed = seed
        self.trials = trials
        self.days = days
        self.trialsDigest = trialsDigest
        self.rows = rows
    }
}
