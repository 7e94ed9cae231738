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
        missing or malformed. The page is drawn in the language of --lang, else \
        GOVSIM_LANG, else the language of the report.html already in FOLDER (English when there is none).
        """,
        arguments: [ArgumentSpec(name: "folder", help: "A results folder written by run, compare, sweep, sensitivity, optimize or explore.")],
        options: [Common.redrawLang.spec],
        examples: ["govsim report results/example", "govsim report results/example --lang zh"]
    )

    /// Redraws the page in `language`; when none was asked for (no `--lang`, no GOVSIM_LANG), in
    /// the language of the report.html already there, so a Chinese page is redrawn in Chinese.
    static func execute(_ folder: String, language: Language?, console: Console) -> Int32 {
        var kind = ReportKind.run
        do {
            try OutputFolder.verify(folder)
            kind = try ReportKind.detect(in: folder)
            let page = (folder as NSString).appendingPathComponent(kind.pageName)
            let current = FileManager.default.contents(atPath: page).flatMap { String(data: $0.prefix(512), encoding: .utf8) }
            try kind.write(resultsFolder: folder, language: language ?? current.flatMap(Language.ofPage) ?? .en)
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

extension ReportCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { ReportCommand.execute(i.parsed.positionals[0], language: i.language, console: i.console) }
}
