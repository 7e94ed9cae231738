import Foundation
import GovSim
import GovSimExperiments

/// The files of `govsim sensitivity`: sensitivity.json, sensitivity.csv (a row per metric and
/// parameter) and sensitivity_points.csv (a row per design point: parameter values and the
/// point means).
public struct SensitivityResults: Sendable {
    public var study: SensitivityStudy
    public var result: SensitivityStudy.Result

    public init(study: SensitivityStudy, result: SensitivityStudy.Result) {
        self.study = study
        self.result = result
    }

    public var csv: String {
        var table = CSVTable(header: ["method", "metric", "parameter", "first_order", "first_lo", "first_hi", "total_order", "total_lo", "total_hi",
                                      "mu_star", "mu", "sigma", "noise_share", "convergence_change",
                                      "bootstrap_half_width", "converged"])
        for r in result.metrics {
            for (i, axis) in study.axes.enumerated() {
                let s = r.sobol, m = r.morris
                let values: [Double] = [s?.first[i], s?.firstCI[i].lo, s?.firstCI[i].hi, s?.total[i], s?.totalCI[i].lo, s?.totalCI[i].hi,
                                        m?.muStar[i], m?.mu[i], m?.sigma[i], r.noiseShare, r.convergenceChange].map { $0 ?? .nan }
                table.append([study.method.rawValue, r.metric.name, axis.path.text] + values.map(CSVTable.number)
                             + [CSVTable.number(r.bootstrapHalfWidth), r.sobol == nil ? "" : String(r.converged)])
            }
        }
        return table.rendered
    }

    public var pointsCSV: String {
        var table = CSVTable(header: ["point"] + study.axes.map(\.path.text) + study.metrics.map { "mean_" + $0.name })
        for (p, unit) in result.points.enumerated() {
            let values = zip(study.axes, unit).map { $0.value(at: $1) }
            let means = study.metrics.map { m in MetricSummary(result.trials[p].map { $0[m] }).mean }
            table.append([String(p)] + values.map(CSVTable.number) + means.map(CSVTable.number))
        }
        return table.rendered
    }

    public var json: String {
        var metrics: [String: JSONText] = [:]
        for r in result.metrics {
            var parameters: [String: JSONText] = [:]
            for (i, axis) in study.axes.enumerated() {
                var entry: [String: JSONText] = [:]
                if let s = r.sobol {
                    entry["first_order"] = .number(s.first[i])
                    entry["first_order_ci95"] = .array([.number(s.firstCI[i].lo), .number(s.firstCI[i].hi)])
                    entry["total_order"] = .number(s.total[i])
                    entry["total_order_ci95"] = .array([.number(s.totalCI[i].lo), .number(s.totalCI[i].hi)])
                }
                if let m = r.morris {
                    entry["mu_star"] = .number(m.muStar[i])
                    entry["mu"] = .number(m.mu[i])
                    entry["sigma"] = .number(m.sigma[i])
                }
                parameters[axis.path.text] = .object(entry)
            }
            metrics[r.metric.name] = .object([
                "parameters": .object(parameters),
                "output_variance": .number(r.outputVariance),
                "noise_variance": .number(r.noiseVariance),
                "noise_share": .number(r.noiseShare),
                "noise_method": .string("Var over \(min(SensitivityStudy.noisePoints, result.points.count)) design points of (mean − mean on independent streams) / 2"),
                "independent_noise_variance": .number(r.independentNoiseVariance),
                "convergence_change": .number(r.convergenceChange),
                "bootstrap_half_width": .number(r.bootstrapHalfWidth),
                "converged": r.sobol == nil ? .null : .bool(r.converged),
                "estimation_errors": .array(r.outOfRange.map { .string($0) }),
            ])
        }
        return JSONText.object([
            "version": .string(RunResults.version),
            "scenario": .string(study.scenario.name),
            "method": .string(study.method.rawValue),
            "samples": .integer(study.samples),
            "replicates": .integer(study.replicates),
            "points": .integer(result.points.count),
            "seed": .integer(Int(study.seed)),
            "axes": .array(study.axes.map { .object(["path": .string($0.path.text), "lo": .number($0.lo), "hi": .number($0.hi)]) }),
            "metrics": .object(metrics),
        ]).rendered
    }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = ["sensitivity.json", "sensitivity.csv", "sensitivity_points.csv"]

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [("sensitivity.json", json), ("sensitivity.csv", csv), ("sensitivity_points.csv", pointsCSV)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
