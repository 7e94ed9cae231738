import GovSim

/// One trial as a line of text, everything its files need: `trial;outputs;weekly series;draws`
/// and, for a district of several groups, `;part|part|…` (outputs by group and estate),
/// numbers in shortest round-trip form ("nan" for undefined). Checkpoints and shards keep
/// trials this way, so merged or resumed runs write the same bytes as whole ones.
enum TrialLine {
    static func encode(_ t: TrialResult) -> String {
        func numbers(_ xs: [Double]) -> String { xs.map { $0.isNaN ? "nan" : JSONLiteral.number($0) }.joined(separator: ",") }
        let line = "\(t.trial);\(numbers(t.metrics));\(numbers(t.series));\(numbers(t.parameterDraws))"
        return t.parts.isEmpty ? line : line + ";" + t.parts.map(numbers).joined(separator: "|")
    }

    /// The trial on `line`, or nil when the line is damaged.
    static func decode(_ line: Substring) -> TrialResult? {
        func numbers(_ s: Substring) -> [Double]? {
            if s.isEmpty { return [] }
            var out: [Double] = []
            for f in s.split(separator: ",") {
                guard let x = Double(String(f)) else { return nil }
                out.append(x)
            }
            return out
        }
        let parts = line.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, let trial = Int(parts[0]), let m = numbers(parts[1]), m.count == Metric.allCases.count,
              let s = numbers(parts[2]), let d = numbers(parts[3]) else { return nil }
        var byPart: [[Double]] = []
        if parts.count == 5 {
            for p in parts[4].split(separator: "|", omittingEmptySubsequences: false) {
                guard let values = numbers(p), values.count == Metric.allCases.count else { return nil }
                byPart.append(values)
            }
        }
        return TrialResult(trial: trial, metrics: m, series: s, parameterDraws: d, parts: byPart)
    }
}
