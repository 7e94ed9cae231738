import Foundation
import GovSim

/// timeseries.csv, the one schema of the file: tidy rows (week, day, series, mean, p05, p50,
/// p95) of the weekly series across trials. A scheduled policy adds the series
/// `policy_share:<policy>`: its share of full effect on the week's last day (0–1, the same in
/// every trial), which marks the before/after break. `RunResults` writes it through this type
/// and the run report reads it back through this type.
public struct TimeseriesFile: ResultTable {
    public static let fileName = "timeseries.csv"

    /// What a column holds.
    public enum Column: ResultColumn {
        /// The week (1, 2, …) and its last day counted from 1 (7, 14, …), after warm-up.
        case week, day
        /// The series' name: a `WeeklySeries` name or `policy_share:<policy>`.
        case series
        /// The series' mean and quantiles across trials that week.
        case mean, p05, p50, p95
        /// A column this govsim does not know (a newer file's), kept by name.
        case other(String)

        /// Every column this govsim writes, in the file's order.
        public static let fixed: [Column] = [.week, .day, .series, .mean, .p05, .p50, .p95]

        /// The column's name in the header.
        public var name: String {
            switch self {
            case .week: return "week"
            case .day: return "day"
            case .series: return "series"
            case .mean: return "mean"
            case .p05: return "p05"
            case .p50: return "p50"
            case .p95: return "p95"
            case .other(let name): return name
            }
        }

        /// The column a header name stands for.
        public init(name: String) {
            self = Column.fixed.first { $0.name == name } ?? .other(name)
        }
    }

    /// The series name of a scheduled policy's share of full effect.
    public static func policyShareSeries(_ policy: String) -> String { "policy_share:\(policy)" }

    public var columns: [Column] = Column.fixed
    /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
    public var rows: [[String]] = []

    /// A run's file: `weekly` is the summary's bands week by week (`WeeklySeries` order), and
    /// each of `schedules` adds its share of full effect.
    public init(weekly: [[(mean: Double, p05: Double, p50: Double, p95: Double)]], schedules: [Scenario.NamedSchedule]) {
        for (w, week) in weekly.enumerated() {
            let head = [String(w + 1), String(7 * (w + 1))]
            for s in WeeklySeries.allCases {
                let v = week[s.rawValue]
                rows.append(head + [s.name] + [v.mean, v.p05, v.p50, v.p95].map(CSVTable.number))
            }
            for n in schedules {
                let share = CSVTable.number(n.schedule.fraction(atDay: 7 * (w + 1) - 1))
                rows.append(head + [Self.policyShareSeries(n.name), share, share, share, share])
            }
        }
    }

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError

    /// Reads timeseries.csv's text; `required` are the columns it must have.
    public init(text: String, required: [Column] = [.week, .series, .mean, .p05, .p50, .p95]) throws(ReadError) {
        (columns, rows) = try Self.parse(text, column: Column.init(name:), required: required)
    }
}
