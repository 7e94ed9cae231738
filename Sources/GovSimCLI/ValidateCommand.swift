import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim validate`: checks scenario files without running them.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate",
        abstract: "Check scenario files without running them.",
        discussion: "Reads each file (and the files it extends) strictly and reports every problem with its field path. Exits 65 if any file is wrong.",
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files (JSON5).", isRepeating: true)],
        examples: ["govsim validate scenarios/*.json5 scenarios/cases/*.json5"]
    )

    static func execute(_ files: [String], console: Console) -> Int32 {
        var status = ExitStatus.success
        for file in files {
            do {
                let loaded = try ScenarioLoader.load(path: file)
                for warning in loaded.warnings { console.err("warning: \(warning)\n") }
                let s = loaded.scenario
                guard Common.fits([s], threads: Ensemble.availableCores, file: file, console: console) else {
                    status = ExitStatus.dataError
                    continue
                }
                let cells = s.district.cells.reduce(0) { $0 + $1.count }
                var line = "ok  \(file): \(cells) cells, ~\(HeadlineReport.grouped(RunCommand.expectedResidents(s))) residents, "
                line += "\(s.run.trials) trials × \(s.run.days) days"
                let uncertain = s.distributionPaths.count
                if uncertain > 0 { line += ", \(uncertain) parameter\(uncertain == 1 ? "" : "s") drawn per trial" }
                let shipped = s.shippedPriorPaths.count
                if shipped > 0 { line += " (\(shipped) from shipped priors)" }
                if let geometry = loaded.geometry {
                    let groups = s.district.cells.map(\.name), missing = geometry.missing(groups)
                    line += "; outlines for \(groups.count - missing.count) of \(groups.count) groups"
                    if !missing.isEmpty { line += " (none for \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : ""))" }
                }
                console.out(line + "\n")
            } catch {
                console.err(error.description + "\n")
                status = ExitStatus.dataError
            }
        }
        return status
    }
}

extension ValidateCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { execute(i.parsed.positionals, console: i.console) }
}
