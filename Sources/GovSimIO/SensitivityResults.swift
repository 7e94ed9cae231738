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

    /// sensitivity.json: every output's indices by parameter, with the trial noise and the
    /// convergence (the schema: `SensitivityFile`).
    public var json: String { SensitivityFile(self).rendered }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = [SensitivityFile.fileName, "sensitivity.csv", "sensitivity_points.csv"]

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [(SensitivityFile.fileName, json), ("sensitivity.csv", csv), ("sensitivity_points.csv", pointsCSV)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
