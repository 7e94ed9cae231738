import Foundation
import GovSim
import GovSimExperiments

/// The file of `govsim check`: check.json, every target of every checked file observed against
/// predicted (the schema: `CheckFile`).
public enum CheckResults {
    /// The data files a check writes (report.html is drawn from them).
    public static let fileNames = [CheckFile.fileName]

    public static func json(_ results: [TargetEvaluator.FileResult]) -> String { CheckFile(results).rendered }

    public static func write(_ results: [TargetEvaluator.FileResult], to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        try AtomicFile.write(json(results), to: (directory as NSString).appendingPathComponent(CheckFile.fileName))
    }
}
