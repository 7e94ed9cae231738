import Foundation
import GovSim

extension CompareFile {
    /// compare.csv, the one schema of the file: a row per policy arm and metric (then per arm,
    /// group or estate and metric, with fewer fields filled), the paired difference from the
    /// baseline with its interval and test. `CompareResults` writes it through this type.
    public struct Table: ResultTable {
        public static let fileName = "compare.csv"

        /// What a column holds.
        public enum Column: ResultColumn {
            case arm
            /// The metric's name; `metric@group` or `metric@estate:name` for a part of the district.
            case metric
            case unit, n, baselineMean, armMean, difference, ci95Lo, ci95Hi
            case relativeChangePct, effectSize, pValue, correlation, unpairedHalfWidth
            /// How the interval was made, and the relative change's interval.
            case ci95Method, relativeChangeCI95Lo, relativeChangeCI95Hi
            /// The test behind the p-value.
            case test
            /// A column this govsim does not know (a newer file's), kept by name.
            case other(String)

            /// Every column this govsim writes, in the file's order.
            public static let fixed: [Column] = [.arm, .metric, .unit, .n, .baselineMean, .armMean, .difference, .ci95Lo, .ci95Hi,
                                                 .relativeChangePct, .effectSize, .pValue, .correlation, .unpairedHalfWidth,
                                                 .ci95Method, .relativeChangeCI95Lo, .relativeChangeCI95Hi, .test]

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .arm: return "arm"
                case .metric: return "metric"
                case .unit: return "unit"
                case .n: return "n"
                case .baselineMean: return "baseline_mean"
                case .armMean: return "arm_mean"
                case .difference: return "difference"
                case .ci95Lo: return "ci95_lo"
                case .ci95Hi: return "ci95_hi"
                case .relativeChangePct: return "relative_change_pct"
                case .effectSize: return "effect_size"
                case .pValue: return "p_value"
                case .correlation: return "correlation"
                case .unpairedHalfWidth: return "unpaired_half_width"
                case .ci95Method: return "ci95_method"
                case .relativeChangeCI95Lo: return "relative_change_ci95_lo"
                case .relativeChangeCI95Hi: return "relative_change_ci95_hi"
                case .test: return "test"
                case .other(let name): return name
                }
            }

            /// The column a header name stands for.
            public init(name: String) {
                self = Column.fixed.first { $0.name == name } ?? .other(name)
            }
        }

        public var columns: [Column] = Column.fixed
        /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
        public var rows: [[String]] = []

        /// A comparison's file: every policy arm's differences, district-wide and then by part.
        public init(_ r: CompareResults) {
            for arm in 1..<r.names.count {
                for m in Metric.allCases {
                    let d = r.outcome.differences[arm - 1][m.rawValue]
                    rows.append([r.names[arm], m.name, m.unit, String(d.n)]
                                + [d.baselineMean, d.armMean, d.difference, d.ci95.lo, d.ci95.hi,
                                   d.relativeChangePct, d.effectSize, d.pValue, d.correlation, d.unpairedHalfWidth].map(CSVTable.number)
                                + [d.method, CSVTable.number(d.relativeChangeCI95.lo), CSVTable.number(d.relativeChangeCI95.hi), d.testMethod])
                }
                // Then by group (`metric@group`) and estate (`metric@estate:name`), fewer columns filled.
                for (part, list) in r.partDifferences(arm) {
                    let suffix = part.kind == .group ? part.name : "estate:\(part.name)"
                    for (m, d) in list {
                        rows.append([r.names[arm], "\(m.name)@\(suffix)", m.unit, String(d.n)]
                                    + [d.baselineMean, d.armMean, d.difference, d.ci95.lo, d.ci95.hi].map(CSVTable.number)
                                    + ["", "", "", "", "", d.method, "", "", d.testMethod])
                    }
                }
            }
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads compare.csv's text; `required` are the columns it must have.
        public init(text: String, required: [Column] = [.arm, .metric, .difference, .ci95Lo, .ci95Hi]) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: Column.init(name:), required: required)
        }
    }
}
