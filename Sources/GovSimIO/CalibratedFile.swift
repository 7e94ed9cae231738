import Foundation
import GovSim
import GovSimExperiments

/// The files a calibration writes: `<name>.calibrated.json5`, a scenario that extends the
/// original and sets the fitted values.
extension Calibration {
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
                lines.append("//   \(URL(fileURLWithPath: r.file.path).lastPathComponent) \(p.target.metric.name): observed \(JSONLiteral.number(p.target.number)) ± \(JSONLiteral.number(p.target.tolerance)), predicted \(JSONLiteral.number((p.mean * 100).rounded() / 100)) — \(p.met ? "met" : "MISSED")")
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
                    lines.append("    \(t.metric.name): { value: \(JSONLiteral.number(v)), tolerance: \(JSONLiteral.number(t.tolerance))\(kind(t)) },")
                case .change(let pct, let reference):
                    let canonical = URL(fileURLWithPath: reference.path).standardizedFileURL.path
                    let target = names[canonical].map { (directory as NSString).appendingPathComponent($0) } ?? reference.path
                    lines.append("    \(t.metric.name): { relativeTo: \(JSONLiteral.quoted(Calibration.relativePath(from: directory, to: target))), change_pct: \(JSONLiteral.number(pct)), tolerance: \(JSONLiteral.number(t.tolerance))\(kind(t)) },")
                }
            }
            lines.append("  },")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A target's `kind` as the file writes it: nothing for the default (`fitted`).
    private static func kind(_ t: Target) -> String { t.kind == .fitted ? "" : ", kind: \(JSONLiteral.quoted(t.kind.rawValue))" }

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
