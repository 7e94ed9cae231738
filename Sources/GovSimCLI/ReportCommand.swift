import Foundation
import GovSimIO
import GovSimReport

/// `govsim report`: draws report.html again from a results folder's data files.
enum ReportCommand {
    static let spec = CommandSpec(
        name: "report",
        abstract: "Draw a results folder's report.html again from its data files.",
        discussion: """
        Redraws FOLDER/report.html from the data files a command left there, without re-running: \
        summary.json, trials.csv, timeseries.csv, scenario.resolved.json5 and manifest.json from \
        'govsim run'; compare.json and trials.csv from 'govsim compare'; sweep.json and sweep.csv \
        from 'govsim sweep'; sensitivity.json from 'govsim sensitivity'; optimize.json and \
        optimize.csv from 'govsim optimize'; and explore.html, not report.html, from explore.json \
        of 'govsim explore'. The kind of folder is told by those files. Exits 65 if a data file is \
        missing or malformed.
        """,
        arguments: [ArgumentSpec(name: "folder", help: "A results folder written by run, compare, sweep, sensitivity, optimize or explore.")],
        examples: ["govsim report results/example"]
    )

    static func execute(_ folder: String, console: Console) -> Int32 {
        var kind = ReportKind.run
        do {
            try OutputFolder.verify(folder)
            kind = try ReportKind.detect(in: folder)
            try kind.write(resultsFolder: folder)
        } catch let error as OutputFolder.Refusal {
            console.err("govsim: \(error)\n")
            return ExitStatus.dataError
        } catch let error as RunReport.DataError {
            console.err("govsim: \(error)\n")
            return ExitStatus.dataError
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }
        console.out("Report: \((folder as NSString).appendingPathComponent(kind.pageName))\n")
        return ExitStatus.success
    }
}
