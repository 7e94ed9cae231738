import GovSim

/// One trial as a line of text, everything its files need: `trial;outputs;weekly series;draws`,
/// numbers in shortest round-trip form ("nan" for undefined). Checkpoints and shards keep
/// trials this way, so merged or resumed runs write the same bytes as whole ones.
enum TrialLine {
    static func encode(_ t: TrialResult) -> String {
        func numbers(_ xs: [Double]) -> String { xs.map { $0.isNaN ? "nan" : JSONLiteral.number($0) }.joined(separator: ",") }
        return "\(t.trial);\(numbers(t.metrics));\(numbers(t.series));\(numbers(t.parameterDraws))"
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
        guard parts.count == 4, let trial = Int(parts[0]), let m = numbers(parts[1]), m.count == Metric.allCases.count,
              let s = numbers(parts[2]), let d = numbers(parts[3]) else { return nil }
        return TrialResult(trial: trial, metrics: m, series: s, parameterDraws: d)
    }
}
