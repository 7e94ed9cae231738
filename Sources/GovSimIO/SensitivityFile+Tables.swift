import Foundation
import GovSim
import GovSimExperiments

extension SensitivityFile {
    /// sensitivity.csv, the one schema of the file: a row per output and parameter, with its
    /// Sobol indices or Morris measures, the trial noise and the convergence (the other
    /// method's columns empty). `SensitivityResults` writes it through this type.
    public struct Table: ResultTable {
        public static let fileName = "sensitivity.csv"

        /// What a column holds.
        public enum Column: ResultColumn {
            /// `sobol` or `morris`, the output's metric name and the parameter's path.
            case method, metric, parameter
            /// Sobol first- and total-order indices with their 95% bootstrap intervals.
            case firstOrder, firstLo, firstHi, totalOrder, totalLo, totalHi
            /// Morris measures: mean absolute, mean and sd of the elementary effects.
            case muStar, mu, sigma
            /// The output's share of variance from trial noise, and its convergence measures.
            case noiseShare, convergenceChange, bootstrapHalfWidth, converged
            /// A column this govsim does not know (a newer file's), kept by name.
            case other(String)

            /// Every column this govsim writes, in the file's order.
            public static let fixed: [Column] = [.method, .metric, .parameter, .firstOrder, .firstLo, .firstHi, .totalOrder, .totalLo,
                                                 .totalHi, .muStar, .mu, .sigma, .noiseShare, .convergenceChange,
                                                 .bootstrapHalfWidth, .converged]

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .method: return "method"
                case .metric: return "metric"
                case .parameter: return "parameter"
                case .firstOrder: return "first_order"
                case .firstLo: return "first_lo"
                case .firstHi: return "first_hi"
                case .totalOrder: return "total_order"
                case .totalLo: return "total_lo"
                case .totalHi: return "total_hi"
                case .muStar: return "mu_star"
                case .mu: return "mu"
                case .sigma: return "sigma"
                case .noiseShare: return "noise_share"
                case .convergenceChange: return "convergence_change"
                case .bootstrapHalfWidth: return "bootstrap_half_width"
                case .converged: return "converged"
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

        /// A study's file: for every output, a row per parameter.
        public init(_ r: SensitivityResults) {
            for o in r.result.metrics {
                for (i, axis) in r.study.axes.enumerated() {
                    let s = o.sobol, m = o.morris
                    let values: [Double] = [s?.first[i], s?.firstCI[i].lo, s?.firstCI[i].hi, s?.total[i], s?.totalCI[i].lo, s?.totalCI[i].hi,
                                            m?.muStar[i], m?.mu[i], m?.sigma[i], o.noiseShare, o.convergenceChange].map { $0 ?? .nan }
                    rows.append([r.study.method.rawValue, o.metric.name, axis.path.text] + values.map(CSVTable.number)
                                + [CSVTable.number(o.bootstrapHalfWidth), o.sobol == nil ? "" : String(o.converged)])
                }
            }
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads sensitivity.csv's text; `required` are the columns it must have.
        public init(text: String, required: [Column] = [.method, .metric, .parameter]) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: Column.init(name:), required: required)
        }
    }

    /// sensitivity_points.csv, the one schema of the file: a row per design point, with its
    /// values of the parameters and each output's mean over the point's trials.
    /// `SensitivityResults` writes it through this type.
    public struct Points: ResultTable {
        public static let fileName = "sensitivity_points.csv"

        /// What a column holds.
        public enum Column: ResultColumn {
            case point
            /// The point's value of the parameter with this path (named by the path).
            case parameter(String)
            /// An output's mean over the point's trials (`mean_<metric>`).
            case mean(Metric)
            /// A column this govsim does not know (a newer file's), kept by name.
            case other(String)

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .point: return "point"
                case .parameter(let path): return path
                case .mean(let m): return "mean_" + m.name
                case .other(let name): return name
                }
            }

            /// The column a header name stands for, given the study's parameter paths.
            public init(name: String, parameters: [String]) {
                if name == "point" { self = .point; return }
                if parameters.contains(name) { self = .parameter(name); return }
                if name.hasPrefix("mean_"), let m = Metric(name: String(name.dropFirst("mean_".count))) { self = .mean(m); return }
                self = .other(name)
            }
        }

        public var columns: [Column]
        /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
        public var rows: [[String]] = []

        /// A study's file: every design point's parameter values and output means.
        public init(_ r: SensitivityResults) {
            columns = [.point] + r.study.axes.map { .parameter($0.path.text) } + r.study.metrics.map { .mean($0) }
            for (p, unit) in r.result.points.enumerated() {
                let values = zip(r.study.axes, unit).map { $0.value(at: $1) }
                let means = r.study.metrics.map { m in MetricSummary(r.result.trials[p].map { $0[m] }).mean }
                rows.append([String(p)] + values.map(CSVTable.number) + means.map(CSVTable.number))
            }
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads sensitivity_points.csv's text for a study of `parameters` (their paths);
        /// `required` are the columns it must have.
        public init(text: String, parameters: [String], required: [Column] = [.point]) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: { Column(name: $0, parameters: parameters) }, required: required)
        }
    }
}
