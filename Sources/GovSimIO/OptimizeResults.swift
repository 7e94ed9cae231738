import Foundation
import GovSim
import GovSimExperiments

/// The files of `govsim optimize`: optimize.json (the chosen mix, its interval, the frontier) and
/// optimize.csv (every candidate).
public struct OptimizeResults: Sendable {
    public var optimization: Optimization
    public var result: Optimization.Result

    public init(optimization: Optimization, result: Optimization.Result) {
        self.optimization = optimization
        self.result = result
    }

    /// optimize.csv: a row per candidate (the columns: `OptimizeFile.Table`).
    public var csv: String {
        var table = OptimizeFile.Table(levers: optimization.levers.map(\.path.text))
        for (i, c) in result.candidates.enumerated() { table.append(i, c, chosen: result.best == i) }
        return table.rendered
    }

    /// optimize.json: the chosen mix, its interval, the frontier (the schema: `OptimizeFile`).
    public var json: String { OptimizeFile(self).rendered }

    /// The data files `write` writes (report.html is drawn from them).
    public static let fileNames = [OptimizeFile.fileName, OptimizeFile.Table.fileName]

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        for (name, text) in [(OptimizeFile.fileName, json), (OptimizeFile.Table.fileName, csv)] {
            try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(name))
        }
    }
}
