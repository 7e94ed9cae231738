import Foundation
import GovSim
import GovSimIO

/// `govsim calibrate`: fit parameters so scenarios meet their targets.
enum CalibrateCommand {
    static let spec = CommandSpec(
        name: "calibrate",
        abstract: "Fit parameters so that scenarios reproduce their targets.",
        discussion: """
        Minimises the sum of squared errors, in tolerances, of every target of every SCENARIO with \
        GSL's Nelder–Mead simplex. Each evaluation runs the scenarios on the same seed and trial \
        indices (common random numbers), so the objective is a deterministic function of the \
        parameters. The fitted values are shared by all the files (a case's baseline and policy \
        share the baseline's fitted rates). Writes <name>.calibrated.json5 for each file: it \
        extends the original, sets the fitted values, keeps the targets and records the fit.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files with targets, fitted jointly.", isRepeating: true)],
        options: [
            OptionSpec(long: "fit", valueName: "path[=lo:hi]", help: "A parameter to fit, with its search range (default: the field's range when finite).", isRepeating: true),
            OptionSpec(long: "budget", valueName: "evals", help: "Largest number of objective evaluations.", defaultText: "200"),
            OptionSpec(long: "trials", short: "n", valueName: "n", help: "Trials per scenario and evaluation.", defaultText: "40"),
            Common.seed, Common.threads,
            Common.out("the first scenario's folder"), Common.fixed, Common.quiet,
        ],
        examples: ["govsim calibrate scenarios/cases/pudong-baseline.json5 --fit estates.oldEstate.propertyDisputeRate=0.1:2 --fit estates.oldEstate.baseHappiness=40:70"]
    )

    static func execute(_ parsed: ParsedArguments, commandLine: [String], console: Console) throws -> Int32 {
        var files: [LoadedScenario] = []
        var failed = false
        for path in parsed.positionals {
            if let loaded = Common.load(path, fixed: parsed.flag("fixed"), console: console) { files.append(loaded) } else { failed = true }
        }
        if failed { return ExitStatus.dataError }
        guard files.contains(where: { !$0.targets.isEmpty }) else {
            for file in files { console.err("\(file.path): no targets to fit (add a targets section)\n") }
            return ExitStatus.dataError
        }
        let fits = parsed.values("fit")
        guard !fits.isEmpty else { throw UsageError(message: "give at least one --fit PATH[=lo:hi]", command: "calibrate") }
        let parameters = try fits.map { spec -> Calibration.Parameter in
            if spec.contains("[") {
                throw UsageError(message: "--fit \(spec): parameters inside lists (tiers, cell groups) cannot be fitted yet; fit an estate or section parameter", command: "calibrate")
            }
            if spec.contains("=") { return try Common.axes([spec], in: files[0].scenario, option: "fit", command: "calibrate").map { Calibration.Parameter(path: $0.path, lo: $0.lo, hi: $0.hi) }[0] }
            let path: ParameterPath
            do { path = try ParameterPath(spec, in: files[0].scenario) } catch let issue as ScenarioIssue {
                throw UsageError(message: "--fit \(spec): \(issue.message)", command: "calibrate")
            }
            let r = path.bounds.range
            guard r.upperBound < 1e300 && r.lowerBound > -1e300 else {
                throw UsageError(message: "--fit \(spec): the field is unbounded (\(path.bounds.expectation)); give a range, \(spec)=lo:hi", command: "calibrate")
            }
            return Calibration.Parameter(path: path, lo: r.lowerBound, hi: r.upperBound)
        }
        for p in parameters where !(p.hi > p.lo) {
            throw UsageError(message: "--fit \(p.path.text): the range must have lo < hi", command: "calibrate")
        }
        let quiet = parsed.flag("quiet")
        let calibration = Calibration(files: files, parameters: parameters, trials: try parsed.int("trials", in: 2...1_000_000) ?? 40,
                                      seed: try Common.seed(parsed), threads: try Common.threads(parsed),
                                      budget: try parsed.int("budget", in: 1...1_000_000) ?? 200)
        for file in files {
            let axes = parameters.map { Axis(path: $0.path, lo: $0.lo, hi: $0.hi) }
            guard Common.fits(Common.extremes(file.scenario, axes: axes), threads: calibration.threads, keptTrials: Double(calibration.trials) * 2,
                              file: file.path, console: console) else { return ExitStatus.dataError }
        }
        let directory = parsed.value("out") ?? (files[0].path as NSString).deletingLastPathComponent
        guard Common.prepare(directory.isEmpty ? "." : directory, console: console) else { return ExitStatus.cannotCreate }
        let result: Calibration.Result
        do {
            result = try calibration.run { evaluations, best in
                if !quiet && console.stderrIsTerminal {
                    console.err("\rcalibrating: \(evaluations)/\(calibration.budget) evaluations, best objective \(HeadlineReport.number(best))   ")
                }
            }
            if !quiet && console.stderrIsTerminal { console.err("\n") }
        } catch let error as ScenarioFileError {
            console.err(error.description + "\n")
            return ExitStatus.dataError
        }
        var names: [String: String] = [:]
        for f in files {
            names[URL(fileURLWithPath: f.path).standardizedFileURL.path] = URL(fileURLWithPath: f.path).deletingPathExtension().lastPathComponent + ".calibrated.json5"
        }
        var written: [String] = []
        for f in files {
            let name = names[URL(fileURLWithPath: f.path).standardizedFileURL.path]!
            let path = ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(name)
            do {
                try AtomicFile.write(calibration.calibratedText(for: f, result: result, directory: directory.isEmpty ? "." : directory,
                                                                names: names, command: commandLine), to: path)
            } catch {
                console.err("govsim: \(error)\n")
                return ExitStatus.cannotCreate
            }
            written.append(path)
        }
        if !quiet {
            let n = HeadlineReport.number
            var out = "Fitted in \(result.evaluations) evaluations (\(result.converged ? "converged" : "budget reached")); objective \(n(result.objective))\n"
            out += TextTable.render(header: ["parameter", "fitted", "search range"],
                                    rows: zip(parameters, result.values).map { [$0.path.text, n($1), "\(n($0.lo)) – \(n($0.hi))"] },
                                    alignments: [.left, .right, .right])
            out += CheckCommand.text(result.fit)
            out += "\nWrote \(written.joined(separator: ", "))\n"
            console.out(out)
        }
        return ExitStatus.success
    }
}
