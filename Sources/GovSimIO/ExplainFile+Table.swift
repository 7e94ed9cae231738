import Foundation
import GovSim
import GovSimExperiments

extension ExplainFile {
    /// explain.csv, the one schema of the file: explain.json's estimates tidy, a row per lever,
    /// output and measure (the policy's whole effect and the interaction with an empty lever).
    /// `ExplainResults` writes it through this type.
    public struct Table: ResultTable {
        public static let fileName = "explain.csv"

        /// What a row measures.
        public enum Measure: String, CaseIterable, Sendable {
            /// The whole policy's effect, and what the levers do together beyond each alone.
            case total, interaction
            /// A lever's Shapley value, its effect alone, and the effect lost without it.
            case shapley, alone, leaveOneOut = "leave_one_out"
        }

        /// What a column holds.
        public enum Column: ResultColumn {
            /// The lever's path (empty for the total and the interaction).
            case lever
            /// The output's metric name.
            case output
            /// A `Measure`'s name.
            case measure
            /// The estimate, its 95% interval and the trials it is over.
            case mean, ci95Lo, ci95Hi, n
            /// A sampled Shapley value's standard error from sampling the orders (empty otherwise).
            case samplingSE
            /// A column this govsim does not know (a newer file's), kept by name.
            case other(String)

            /// Every column this govsim writes, in the file's order.
            public static let fixed: [Column] = [.lever, .output, .measure, .mean, .ci95Lo, .ci95Hi, .n, .samplingSE]

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .lever: return "lever"
                case .output: return "output"
                case .measure: return "measure"
                case .mean: return "mean"
                case .ci95Lo: return "ci95_lo"
                case .ci95Hi: return "ci95_hi"
                case .n: return "n"
                case .samplingSE: return "sampling_se"
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

        /// An explanation's file: for every output, the total and the interaction, then each
        /// lever's Shapley value, effect alone and leave-one-out effect.
        public init(_ r: ExplainResults) {
            for d in r.decomposition {
                append("", d.metric, .total, d.total)
                append("", d.metric, .interaction, d.interaction)
                for (i, lever) in r.attribution.levers.levers.enumerated() {
                    append(lever.path, d.metric, .shapley, d.shapley[i])
                    append(lever.path, d.metric, .alone, d.alone[i])
                    append(lever.path, d.metric, .leaveOneOut, d.leaveOneOut[i])
                }
            }
        }

        private mutating func append(_ lever: String, _ m: Metric, _ measure: Measure, _ e: LeverAttribution.Estimate) {
            rows.append([lever, m.name, measure.rawValue, CSVTable.number(e.mean), CSVTable.number(e.ci95.lo), CSVTable.number(e.ci95.hi),
                         String(e.n), e.samplingSE.map(CSVTable.number) ?? ""])
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads explain.csv's text; `required` are the columns it must have.
        public init(text: String, required: [Column] = [.lever, .output, .measure, .mean]) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: Column.init(name:), required: required)
        }
    }
}
