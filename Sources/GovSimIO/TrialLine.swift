import GovSim

/// One trial as a line of text, everything its files need: `trial;outputs;weekly series;draws`
/// and, for a district of several groups, `;part|part|…` (outputs by group and estate), and for
/// a horizon longer than a year `;parts;year|year|…` (the district's outputs by year; the parts
/// field is then empty for a district of one group), numbers in shortest round-trip form ("nan"
/// for undefined). Checkpoints and shards keep
/// trials this way, so merged or resumed runs write the same bytes as whole ones.
enum TrialLine {
    static func encode(_ t: TrialResult) -> String {
        func numbers(_ xs: [Double]) -> String { xs.map { $0.isNaN ? "nan" : JSONLiteral.number($0) }.joined(separator: ",") }
        let line = "\(t.trial);\(numbers(t.metrics));\(numbers(t.series));\(numbers(t.parameterDraws))"
        let parts = t.parts.map(numbers).joined(separator: "|")
        if !t.years.isEmpty { return line + ";" + parts + ";" + t.years.map(numbers).joined(separator: "|") }
        return t.parts.isEmpty ? line : line + ";" + parts
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
        guard (4...6).contains(parts.count), let trial = Int(parts[0]), let m = numbers(parts[1]), m.count == Metric.allCases.count,
              let s = numbers(parts[2]), let d = numbers(parts[3]) else { return nil }
        func lists(_ field: Substring) -> [[Double]]? {
            if field.isEmpty { return [] }
            var out: [[Double]] = []
            for p in field.split(separator: "|", omittingEmptySubsequences: false) {
                guard let values = numbers(p), values.count == Metric.allCases.count else { return nil }
                out.append(values)
            }
            return out
        }
        guard let byPart = parts.count >= 5 ? lists(parts[4]) : [], let byYear = parts.count == 6 ? lists(parts[5]) : [] else { return nil }
        if parts.count == 5 && byPart.isEmpty { return nil }
        return TrialResult(trial: trial, metrics: m, series: s, parameterDraws: d, parts: byPart, years: byYear)
    }
}
