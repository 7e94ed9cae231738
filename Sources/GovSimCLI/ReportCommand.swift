import Foundation
import GovSimIO

/// `govsim report`: draws report.html again from a results folder's data files.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report",
        abstract: "Draw a results folder's report.html again from its data files.",
        discussion: """
        Reads summary.json, trials.csv, timeseries.csv, scenario.resolved.json5 and manifest.json \
        from FOLDER (as written by 'govsim run') and writes FOLDER/report.html: one self-contained \
        page with the headline outputs, fan charts, histograms, the mechanisms and the costs. \
        Exits 65 if a data file is missing or malformed.
        """,
        arguments: [ArgumentSpec(name: "folder", help: "A results folder written by 'govsim run'.")],
        examples: ["govsim report results/example"]
    )

    static func execute(_ folder: String, console: Console) -> Int32 {
        do {
            try RunReport.write(resultsFolder: folder)
        } catch let error as RunReport.DataError {
            console.err("govsim: \(error)\n")
            return ExitStatus.dataError
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }
        console.out("Report: \((folder as NSString).appendingPathComponent(RunReport.fileName))\n")
        return ExitStatus.success
    }
}
