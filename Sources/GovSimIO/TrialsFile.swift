import Foundation
import GovSim

/// trials.csv, the one schema of the file: a row per trial (per arm and trial in a comparison),
/// a column per output, then per drawn parameter, then per output and group. `RunResults` and
/// `CompareResults` write it through this type and the reports read it back through this type,
/// so a column's name (`param:` and `@group` included) is made and parsed in one place.
public struct TrialsFile: ResultTable {
    /// What a column holds.
    public enum Column: ResultColumn {
        /// The arm's name (comparisons only).
        case arm
        /// The trial index.
        case trial
        /// An output of the district.
        case metric(Metric)
        /// The value a trial drew for a parameter (`param:<path>`).
        case parameter(String)
        /// An output of one group (`<metric>@<group>`, `Metric.byGroupColumns`).
        case byGroup(Metric, String)
        /// A column this govsim does not know (a newer file's), kept by name.
        case other(String)

        /// The column's name in the header.
        public var name: String {
            switch self {
            case .arm: return "arm"
            case .trial: return "trial"
            case .metric(let m): return m.name
            case .parameter(let path): return "param:\(path)"
            case .byGroup(let m, let group): return "\(m.name)@\(group)"
            case .other(let name): return name
            }
        }

        /// The column a header name stands for.
        public init(name: String) {
            if name == "arm" { self = .arm; return }
            if name == "trial" { self = .trial; return }
            if let m = Metric(name: name) { self = .metric(m); return }
            if name.hasPrefix("param:") { self = .parameter(String(name.dropFirst("param:".count))); return }
            if let at = name.firstIndex(of: "@"), let m = Metric(name: String(name[..<at])) {
                self = .byGroup(m, String(name[name.index(after: at)...]))
                return
            }
            self = .other(name)
        }
    }

    public var columns: [Column]
    /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
    public var rows: [[String]] = []

    public init(columns: [Column]) { self.columns = columns }

    /// A run's file: for `parameters` (the paths each trial drew) and `groups` (the group
    /// names with columns of their own).
    public init(run trials: [TrialResult], parameters: [String], groups: [(index: Int, name: String)]) {
        columns = [.trial] + Metric.allCases.map { .metric($0) } + parameters.map { .parameter($0) }
        for (_, name) in groups { columns += Metric.byGroupColumns.map { .byGroup($0, name) } }
        for t in trials {
            var row = [String(t.trial)] + t.metrics.map(CSVTable.number) + t.parameterDraws.map(CSVTable.number)
            for (p, _) in groups where p < t.parts.count { row += Metric.byGroupColumns.map { CSVTable.number(t.parts[p][$0.rawValue]) } }
            rows.append(row)
        }
    }

    /// The columns of a file of the district's outputs alone: the trial, then every metric.
    public static let outputColumns: [Column] = [.trial] + Metric.allCases.map { .metric($0) }

    /// A file of the district's outputs alone (`outputColumns`), a row per trial: a sweep's point file.
    public init(outputs trials: [TrialResult]) {
        columns = Self.outputColumns
        rows = trials.map { [String($0.trial)] + $0.metrics.map(CSVTable.number) }
    }

    /// The trials of a file of the district's outputs alone: nil unless its columns are exactly
    /// `outputColumns`, every trial an integer and every value a finite number or empty (NaN).
    public var outputs: [TrialResult]? {
        guard columns == Self.outputColumns else { return nil }
        var trials: [TrialResult] = []
        for row in rows {
            guard let trial = Int(row[0]) else { return nil }
            var metrics: [Double] = []
            for f in row.dropFirst() {
                if f.isEmpty { metrics.append(.nan) } else if let x = Double(f), x.isFinite { metrics.append(x) } else { return nil }
            }
            trials.append(TrialResult(trial: trial, metrics: metrics, series: [], parameterDraws: []))
        }
        return trials
    }

    /// A comparison's file: every arm's trials, the arm named in each row.
    public init(arms: [String], results: [[TrialResult]]) {
        columns = [.arm] + Self.outputColumns
        for (arm, trials) in results.enumerated() {
            for t in trials { rows.append([arms[arm], String(t.trial)] + t.metrics.map(CSVTable.number)) }
        }
    }

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError

    /// Reads trials.csv's text; `required` are the columns it must have.
    public init(text: String, required: [Column] = [.trial]) throws(ReadError) {
        (columns, rows) = try Self.parse(text, column: Column.init(name:), required: required)
    }
}
