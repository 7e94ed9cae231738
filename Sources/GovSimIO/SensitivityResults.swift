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

    /// sensitivity.csv: a row per output and parameter (the schema: `SensitivityFile.Table`).
    public var csv: String { SensitivityFile.Table(self).rendered }

    /// sensitivity_points.csv: a row per design point (the schema: `SensitivityFile.Points`).
    public var pointsCSV: String { SensitivityFile.Points(self).rendered }

    /// sensitivity.json: every output's indices by parameter, with the trial noise and the
    /// convergence (the schema: `SensitivityFile`).
    public var json: String { SensitivityFile(self).rendered }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = [SensitivityFile.fileName, SensitivityFile.Table.fileName, SensitivityFile.Points.fileName]

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [(SensitivityFile.fileName, json), (SensitivityFile.Table.fileName, csv), (SensitivityFile.Points.fileName, pointsCSV)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
