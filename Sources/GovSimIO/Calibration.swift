import Foundation
import GovSim

/// Fits named parameters so that scenarios reproduce their targets.
///
/// The objective is Σ ((predicted − observed) / tolerance)² over every target of every file,
/// predicted with common random numbers (the same seed and trial indices at every evaluation),
/// so it is a deterministic function of the parameters and a simplex can descend it. Parameters
/// are fitted jointly across the files: each value applies to every file (and to every file a
/// relative target refers to), so a case's baseline and its policy share the fitted rates.
/// Each parameter is searched within [lo, hi] through x = lo + (hi − lo)(1 + tanh z) / 2.
public struct Calibration: Sendable {
    public struct Parameter: Sendable {
        public var path: ParameterPath
        public var lo: Double
        public var hi: Double
        public init(path: ParameterPath, lo: Double, hi: Double) {
            self.path = path
            self.lo = lo
            self.hi = hi
        }
        func value(_ z: Double) -> Double { lo + (hi - lo) * (1 + tanh(z)) / 2 }
        func z(_ x: Double) -> Double {
            let u = min(max((x - lo) / (hi - lo), 1e-4), 1 - 1e-4)
            return atanh(2 * u - 1)
        }
    }

    public var files: [LoadedScenario]
    public var parameters: [Parameter]
    public var trials: Int
    public var seed: UInt64?
    public var threads: Int
    /// Largest number of objective evaluations.
    public var budget: Int

    public init(files: [LoadedScenario], parameters: [Parameter], trials: Int, seed: UInt64?, threads: Int, budget: Int) {
        self.files = files
        self.parameters = parameters
        self.trials = trials
        self.seed = seed
        self.threads = threads
        self.budget = budget
    }

    public struct Result: Sendable {
        public var values: [Double]
        public var objective: Double
        public var evaluations: Int
        public var converged: Bool
        /// Every target at the fitted values.
        public var fit: [TargetEvaluator.FileResult]
    }

    /// The scenario with the given parameter values.
    func applying(_ values: [Double]) -> @Sendable (Scenario) -> Scenario {
        let parameters = self.parameters
        return { s in zip(parameters, values).reduce(s) { $1.0.path.setting($1.1, in: $0) } }
    }

    static func objective(_ results: [TargetEvaluator.FileResult]) -> Double {
        results.flatMap(\.predictions).reduce(0) { sum, p in
            let e = p.standardisedError
            return sum + (e.isFinite ? e * e : 1e12)
        }
    }

    /// Runs the fit. `progress` gets (evaluations so far, best objective so far).
    public func run(progress: ((Int, Double) -> Void)? = nil) throws -> Result {
        let evaluator = TargetEvaluator(threads: threads)
        let start = parameters.map { p in p.z(p.path.value(in: files[0].scenario)) }
        var failure: Error?
        var best = Double.infinity, evaluations = 0
        let fit = Minimizer.nelderMead({ z in
            guard failure == nil else { return .infinity }
            do {
                let values = zip(parameters, z).map { $0.value($1) }
                let results = try evaluator.evaluate(files, trials: trials, seed: seed, transform: applying(values))!
                let value = Calibration.objective(results)
                evaluations += 1
                best = min(best, value)
                progress?(evaluations, best)
                return value
            } catch {
                failure = error
                return .infinity
            }
        }, start: start, steps: parameters.map { _ in 0.6 }, sizeTolerance: 1e-3, maxEvaluations: budget)
        if let failure { throw failure }
        let values = zip(parameters, fit.x).map { $0.value($1) }
        let final = try evaluator.evaluate(files, trials: trials, seed: seed, transform: applying(values))!
        return Result(values: values, objective: Calibration.objective(final), evaluations: fit.evaluations,
                      converged: fit.converged, fit: final)
    }

    /// The calibrated scenario for `file`: it `extends` the original, sets the fitted values,
    /// and keeps the original's targets (a relative target points to the calibrated version of
    /// its reference when that was calibrated too). `names` maps original paths to the file
    /// names written for them; all are written into `directory`.
    public func calibratedText(for file: LoadedScenario, result: Result, directory: String, names: [String: String],
                               command: [String]) -> String {
        var lines = ["// Calibrated by govsim \(RunResults.version): \(command.joined(separator: " "))",
                     "// Fitted jointly over \(files.count) file\(files.count == 1 ? "" : "s"), \(trials) trials each, in \(result.evaluations) evaluations"
                        + (result.converged ? " (converged)." : " (evaluation budget reached)."),
                     "// Objective, the sum of squared errors in tolerances: \(JSONLiteral.number((result.objective * 1000).rounded() / 1000)).",
                     "// At the fitted values:"]
        for r in result.fit {
            for p in r.predictions {
                lines.append("//   \(URL(fileURLWithPath: r.loaded.path).lastPathComponent) \(p.target.metric.name): observed \(JSONLiteral.number(p.target.number)) ± \(JSONLiteral.number(p.target.tolerance)), predicted \(JSONLiteral.number((p.mean * 100).rounded() / 100)) — \(p.met ? "met" : "MISSED")")
            }
        }
        return Calibration.calibratedText(for: file, header: lines, paths: parameters.map(\.path.text), values: result.values,
                                          posterior: nil, directory: directory, names: names)
    }

    /// A calibrated file: `header` comment lines, then an object that `extends` the original,
    /// sets `values` at `paths`, names the `posterior` sample (when given) and keeps the
    /// original's targets.
    public static func calibratedText(for file: LoadedScenario, header: [String], paths: [String], values: [Double], posterior: String?,
                                      directory: String, names: [String: String]) -> String {
        var lines = header
        lines.append("{")
        lines.append("  extends: \(JSONLiteral.quoted(Calibration.relativePath(from: directory, to: file.path))),")
        if let posterior { lines.append("  posterior: \(JSONLiteral.quoted(posterior)),") }
        var tree: [String: Any] = [:]
        for (p, v) in zip(paths, values) { Calibration.insert(p.split(separator: ".").map(String.init), JSONLiteral.number(v), into: &tree) }
        lines += Calibration.render(tree, indent: 1)
        if !file.targets.isEmpty {
            lines.append("  targets: {")
            for t in file.targets {
                switch t.observed {
                case .value(let v):
                    lines.append("    \(t.metric.name): { value: \(JSONLiteral.number(v)), tolerance: \(JSONLiteral.number(t.tolerance)) },")
                case .change(let pct, let path, _):
                    let canonical = URL(fileURLWithPath: path).standardizedFileURL.path
                    let target = names[canonical].map { (directory as NSString).appendingPathComponent($0) } ?? path
                    lines.append("    \(t.metric.name): { relativeTo: \(JSONLiteral.quoted(Calibration.relativePath(from: directory, to: target))), change_pct: \(JSONLiteral.number(pct)), tolerance: \(JSONLiteral.number(t.tolerance)) },")
                }
            }
            lines.append("  },")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func insert(_ keys: [String], _ value: String, into tree: inout [String: Any]) {
        guard let first = keys.first else { return }
        if keys.count == 1 { tree[first] = value; return }
        var child = tree[first] as? [String: Any] ?? [:]
        insert(Array(keys.dropFirst()), value, into: &child)
        tree[first] = child
    }

    static func render(_ tree: [String: Any], indent: Int) -> [String] {
        let pad = String(repeating: "  ", count: indent)
        return tree.keys.sorted().flatMap { key -> [String] in
            if let value = tree[key] as? String { return ["\(pad)\(key): \(value),"] }
            return ["\(pad)\(key): {"] + render(tree[key] as! [String: Any], indent: indent + 1) + ["\(pad)},"]
        }
    }

    /// `to` relative to the folder `from` (both made absolute).
    static func relativePath(from directory: String, to file: String) -> String {
        let a = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: file).standardizedFileURL.pathComponents
        var common = 0
        while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
        return (Array(repeating: "..", count: a.count - common) + b[common...]).joined(separator: "/")
    }
}
