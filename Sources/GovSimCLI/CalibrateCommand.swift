import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

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

        --method abc gives a posterior instead of a point: ABC-SMC with adaptive tolerances \
        (each generation's tolerance the --quantile of the previous one's distances; proposals \
        moved by a normal kernel with twice the weighted covariance). Priors: uniform over \
        PATH=lo:hi, or, for a bare PATH, the field's own distribution in the file (else uniform \
        over the field's range). The distance of a particle is the Euclidean norm of the targets' \
        standardised errors, (mean of --trials trials − observed) / tolerance. It stops at \
        --min-tolerance (default 1: every particle's predictions within one tolerance, in norm), \
        when the acceptance rate falls below --min-acceptance, or at --budget simulations. It \
        writes <name>.posterior.csv (the parameter vectors and weights; its # lines record the \
        run) and <name>.calibrated.json5 files that set posterior: to it, so every trial of run, \
        compare, sweep or optimize draws one fitted vector. Progress goes to stderr each \
        generation; <name>.abc-journal.txt keeps every whole generation, and --resume continues \
        from it. Give calibrate the "before" files: what describes the place before the policy.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files with targets, fitted jointly.", isRepeating: true)],
        options: [
            fit.spec, method.spec, budget.spec, trials.spec, particles.spec, quantile.spec, minTolerance.spec, minAcceptance.spec, resume.spec,
            Common.seed.spec, Common.threads.spec,
            out.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: ["govsim calibrate scenarios/cases/pudong-baseline.json5 --fit estates.oldEstate.propertyDisputeRate=0.1:2 --fit estates.oldEstate.baseHappiness=40:70",
                   "govsim calibrate scenarios/cases/pudong-baseline.json5 --method abc --fit estates.oldEstate.propertyDisputeRate=0.1:1 --fit estates.oldEstate.baseHappiness=40:80 --budget 2000"]
    )

    static let fit = Option<[String]>.repeating("fit", valueName: "path[=lo:hi]", help: "A parameter to fit, with its search range (default: the field's range when finite).")
    /// "nelder-mead" or "abc".
    static let method = Option<String>.string("method", valueName: "m", help: "nelder-mead (a best fit) or abc (a posterior sample by ABC-SMC).",
                                              default: "nelder-mead").map { method, parsed in
        guard method == "nelder-mead" || method == "abc" else {
            throw UsageError(message: "--method \(method): expected nelder-mead or abc", command: parsed.command)
        }
        return method
    }
    /// Nelder–Mead's evaluations; `abcBudget` reads the same option for abc.
    static let budget = Option<Int>.integer("budget", valueName: "evals", help: "Largest number of objective evaluations (with abc: of simulations, one per particle proposed).",
                                            default: 200, defaultText: "200; abc 3000", in: 1...1_000_000)
    /// abc's simulations (`--budget` read for `--method abc`).
    static let abcBudget = Option<Int>.integer("budget", valueName: "evals", help: budget.spec.help, default: 3000, in: 1...100_000_000)
    /// Nelder–Mead's trials per scenario and evaluation; `abcTrials` reads the same option for abc.
    static let trials = Option<Int>.integer("trials", short: "n", help: "Trials per scenario and evaluation (with abc: per particle).",
                                            default: 40, defaultText: "40; abc 4", in: 2...1_000_000)
    /// abc's trials per particle (`--trials` read for `--method abc`).
    static let abcTrials = Option<Int>.integer("trials", short: "n", help: trials.spec.help, default: 4, in: 1...1_000_000)
    static let particles = Option<Int>.integer("particles", help: "abc: particles per generation.", default: 200, in: 10...100_000)
    static let quantile = Option<Double>.number("quantile", valueName: "q", help: "abc: the quantile of a generation's distances that sets the next tolerance (0 < q < 1).",
                                                default: 0.5, in: 0.05...0.95)
    /// In the distance's units (target tolerances).
    static let minTolerance = Option<Double>.number("min-tolerance", valueName: "eps", help: "abc: stop at this tolerance (in the distance's units, target tolerances).",
                                                    default: 1, in: 0...1e9)
    /// A share of a generation's proposals, 0 to 1.
    static let minAcceptance = Option<Double>.number("min-acceptance", valueName: "rate", help: "abc: stop when a generation accepts fewer than this share of its proposals.",
                                                     default: 0.02, in: 0...1)
    static let resume = Option<Bool>.flag("resume", help: "abc: continue the fit whose journal is in the output folder.")
    static let out = Common.out("the first scenario's folder")

    /// Every option's value, read (and checked) before any file is: a usage mistake is 64
    /// whatever the files hold.
    struct Options {
        var method: String
        var trials: Int
        var budget: Int
        var seed: UInt64?
        var threads: Int
        var quiet: Bool
        /// The `--fit` specs as written (checked against the files once read).
        var fits: [String]
        /// `--resume` (abc only).
        var resume: Bool
        /// `--method abc`'s settings (the seed left to the first file's when not given).
        var abc = ApproximateBayes.Settings()

        init(_ parsed: ParsedArguments) throws {
            fits = try parsed[fit]
            guard !fits.isEmpty else { throw UsageError(message: "give at least one --fit PATH[=lo:hi]", command: "calibrate") }
            method = try parsed[CalibrateCommand.method]
            seed = try parsed[Common.seed]
            threads = try parsed[Common.threads]
            quiet = try parsed[Common.quiet]
            resume = try parsed[CalibrateCommand.resume]
            if method == "abc" {
                abc.particles = try parsed[particles]
                abc.quantile = try parsed[quantile]
                abc.minimumTolerance = try parsed[minTolerance]
                abc.minimumAcceptance = try parsed[minAcceptance]
                abc.simulationBudget = try parsed[abcBudget]
                budget = abc.simulationBudget
                trials = try parsed[abcTrials]
            } else {
                for spec in [particles.spec, quantile.spec, minTolerance.spec, minAcceptance.spec] where parsed.isGiven(spec) {
                    throw UsageError(message: "--\(spec.long) applies only to --method abc", command: "calibrate")
                }
                if resume { throw UsageError(message: "--resume applies only to --method abc", command: "calibrate") }
                trials = try parsed[CalibrateCommand.trials]
                budget = try parsed[CalibrateCommand.budget]
            }
        }
    }

    static func execute(_ parsed: ParsedArguments, commandLine: [String], console: Console) throws -> Int32 {
        let options = try Options(parsed)
        var files: [LoadedScenario] = []
        var failed = false
        for path in parsed.positionals {
            if let loaded = Common.load(path, fixed: try parsed[Common.fixed], console: console) { files.append(loaded) } else { failed = true }
        }
        if failed { return ExitStatus.dataError }
        guard files.contains(where: { !$0.targets.isEmpty }) else {
            for file in files { console.err("\(file.path): no targets to fit (add a targets section)\n") }
            return ExitStatus.dataError
        }
        let fits = options.fits
        if options.method == "abc" { return try executeABC(parsed, options: options, files: files, fits: fits, commandLine: commandLine, console: console) }
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
        let quiet = options.quiet
        let calibration = Calibration(files: files.map(\.targeted), parameters: parameters, trials: options.trials,
                                      seed: options.seed, threads: options.threads, budget: options.budget)
        for file in files {
            let axes = parameters.map { Axis(path: $0.path, lo: $0.lo, hi: $0.hi) }
            guard Common.fits(Common.extremes(file.scenario, axes: axes), threads: calibration.threads, keptTrials: Double(calibration.trials) * 2,
                              file: file.path, console: console) else { return ExitStatus.dataError }
        }
        let directory = try parsed[Self.out] ?? (files[0].path as NSString).deletingLastPathComponent
        guard Common.prepare(directory.isEmpty ? "." : directory, console: console) else { return ExitStatus.cannotCreate }
        let result = calibration.run { evaluations, best in
            if !quiet && console.stderrIsTerminal {
                console.err("\rcalibrating: \(evaluations)/\(calibration.budget) evaluations, best objective \(HeadlineReport.number(best))   ")
            }
        }
        if !quiet && console.stderrIsTerminal { console.err("\n") }
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

    /// `--method abc`: the priors, the ABC-SMC run with its journal, the posterior and calibrated files.
    static func executeABC(_ parsed: ParsedArguments, options: Options, files: [LoadedScenario], fits: [String], commandLine: [String], console: Console) throws -> Int32 {
        var paths: [ParameterPath] = [], priors: [ABCPrior] = [], axes: [Axis] = []
        for spec in fits {
            if spec.contains("[") {
                throw UsageError(message: "--fit \(spec): parameters inside lists (tiers, cell groups) cannot be fitted yet; fit an estate or section parameter", command: "calibrate")
            }
            if spec.contains("=") {
                let axis = try Common.axes([spec], in: files[0].scenario, option: "fit", command: "calibrate")[0]
                guard axis.hi > axis.lo else { throw UsageError(message: "--fit \(spec): the range must have lo < hi", command: "calibrate") }
                paths.append(axis.path)
                priors.append(.uniform(lo: axis.lo, hi: axis.hi))
                axes.append(axis)
                continue
            }
            let path = try fitPath(spec, in: files[0].scenario)
            let r = path.bounds.range
            if let p = path.parameter(in: files[0].scenario), p.isDistribution {
                // The file's own distribution is the prior (truncated to the field's range).
                let prior = ABCPrior.distribution(p, range: r)
                paths.append(path)
                priors.append(prior)
                let s = prior.support
                axes.append(Axis(path: path, lo: s.lowerBound.isFinite ? s.lowerBound : p.value, hi: s.upperBound < 1e300 ? s.upperBound : 10 * p.value))
                continue
            }
            guard r.upperBound < 1e300 && r.lowerBound > -1e300 else {
                throw UsageError(message: "--fit \(spec): the field is unbounded (\(path.bounds.expectation)) and the file gives it no distribution; give a range, \(spec)=lo:hi, or a prior as the field's value", command: "calibrate")
            }
            paths.append(path)
            priors.append(.uniform(lo: r.lowerBound, hi: r.upperBound))
            axes.append(Axis(path: path, lo: r.lowerBound, hi: r.upperBound))
        }
        if Set(paths.map(\.text)).count != paths.count { throw UsageError(message: "--fit: a parameter is named twice", command: "calibrate") }
        var settings = options.abc
        settings.seed = options.seed ?? UInt64(files[0].scenario.run.seed)
        let threads = options.threads, trials = options.trials, quiet = options.quiet
        for file in files {
            guard Common.fits(Common.extremes(file.scenario, axes: axes), threads: threads, keptTrials: Double(trials) * 2,
                              file: file.path, console: console) else { return ExitStatus.dataError }
        }
        let calibration = ABCCalibration(files: files.map(\.targeted), paths: paths, priors: priors, trials: trials, settings: settings, threads: threads)
        let directory = try parsed[Self.out].map { $0.isEmpty ? "." : $0 } ?? { let d = (files[0].path as NSString).deletingLastPathComponent; return d.isEmpty ? "." : d }()
        guard Common.prepare(directory, console: console) else { return ExitStatus.cannotCreate }
        let base = URL(fileURLWithPath: files[0].path).deletingPathExtension().lastPathComponent
        let posteriorName = base + ".posterior.csv"
        let journalPath = (directory as NSString).appendingPathComponent(base + ".abc-journal.txt")
        let fingerprint = calibration.fingerprint
        var resume: (generations: [ABCGeneration], simulations: Int)?
        if options.resume {
            guard let data = FileManager.default.contents(atPath: journalPath), let text = String(data: data, encoding: .utf8) else {
                console.err("govsim: \(journalPath): no ABC journal to resume\n")
                return ExitStatus.nothingToResume
            }
            do { resume = try ABCJournal.parse(text, file: journalPath, fingerprint: fingerprint, dimensions: paths.count) } catch {
                console.err("govsim: \(error)\n")
                return ExitStatus.dataError
            }
            if !quiet { console.err("Resuming after generation \(resume!.generations.count - 1) (\(resume!.simulations) simulations)\n") }
        }
        Interruption.install()
        var all = resume?.generations ?? []
        var journalFailure: String?
        let n = HeadlineReport.number
        let result = calibration.run(resume: resume, generationDone: { g, simulations in
            all.append(g)
            do { try AtomicFile.write(ABCJournal.text(fingerprint: fingerprint, generations: all, simulations: simulations), to: journalPath) } catch {
                journalFailure = "\(error)"
            }
            if !quiet {
                console.err("abc generation \(g.index): tolerance \(g.tolerance.isFinite ? n(g.tolerance) : "∞ (prior sample)"), acceptance \(n(100 * g.acceptanceRate))% of \(g.simulations) simulations, effective sample \(n(g.effectiveSampleSize)); \(simulations) of \(settings.simulationBudget) simulations used\n")
            }
        }, shouldStop: { Interruption.shared.requested })
        if let journalFailure {
            console.err("govsim: \(journalFailure)\n")
            return ExitStatus.cannotCreate
        }
        guard let result else {
            console.err("govsim: \(Interruption.shared.requested ? "interrupted" : "the budget of \(settings.simulationBudget) simulations") before the prior sample of \(settings.particles) particles was whole; nothing written\n")
            return Interruption.shared.requested ? ExitStatus.interrupted : ExitStatus.failure
        }
        if result.stopReason == .interrupted {
            console.err("govsim: interrupted after generation \(result.posterior.index); \(journalPath) keeps it: add --resume to continue\n")
            return ExitStatus.interrupted
        }
        var names: [String: String] = [:]
        for f in files {
            names[URL(fileURLWithPath: f.path).standardizedFileURL.path] = URL(fileURLWithPath: f.path).deletingPathExtension().lastPathComponent + ".calibrated.json5"
        }
        let means = ABCCalibration.means(result.posterior)
        let post = result.posterior
        var header = ["// Calibrated by govsim \(RunResults.version) (ABC-SMC): \(commandLine.joined(separator: " "))",
                      "// Posterior sample: \(posteriorName), \(post.particles.count) particles after \(result.generations.count) generations and \(result.simulations) simulations (\(result.stopReason.rawValue)); final tolerance \(n(post.tolerance)).",
                      "// Each trial draws one vector from it (posterior: below); the values set here are the posterior means, for reference.",
                      "// Posterior 90% intervals:"]
        for (k, p) in paths.enumerated() {
            header.append("//   \(p.text): mean \(n(means[k])), 90% \(n(post.quantile(0.05, parameter: k))) – \(n(post.quantile(0.95, parameter: k)))")
        }
        var written: [String] = []
        do {
            let csv = (directory as NSString).appendingPathComponent(posteriorName)
            try AtomicFile.write(calibration.posteriorText(result, command: commandLine), to: csv)
            written.append(csv)
            for f in files {
                let path = (directory as NSString).appendingPathComponent(names[URL(fileURLWithPath: f.path).standardizedFileURL.path]!)
                try AtomicFile.write(Calibration.calibratedText(for: f, header: header, paths: paths.map(\.text), values: means,
                                                                posterior: posteriorName, directory: directory, names: names), to: path)
                written.append(path)
            }
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }
        if !quiet {
            var out = "ABC-SMC: \(result.generations.count) generations, \(result.simulations) simulations (\(result.stopReason.rawValue)); final tolerance \(n(post.tolerance)), effective sample \(n(post.effectiveSampleSize)) of \(post.particles.count)\n"
            out += TextTable.render(header: ["parameter", "posterior mean", "90% interval", "prior"],
                                    rows: paths.enumerated().map { k, p in
                                        [p.text, n(means[k]), "\(n(post.quantile(0.05, parameter: k))) – \(n(post.quantile(0.95, parameter: k)))", priorText(priors[k])]
                                    },
                                    alignments: [.left, .right, .right, .left])
            out += "\nWrote \(written.joined(separator: ", "))\n"
            console.out(out)
        }
        return ExitStatus.success
    }

    static func fitPath(_ spec: String, in scenario: Scenario) throws(UsageError) -> ParameterPath {
        do { return try ParameterPath(spec, in: scenario) } catch {
            throw UsageError(message: "--fit \(spec): \(error.message)", command: "calibrate")
        }
    }

    static func priorText(_ prior: ABCPrior) -> String {
        switch prior {
        case .uniform(let lo, let hi): return "uniform \(HeadlineReport.number(lo)) – \(HeadlineReport.number(hi))"
        case .distribution(let p, _): return ScenarioWriter.parameterText(p)
        }
    }
}

extension CalibrateCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, commandLine: i.commandLine, console: i.console) }
}
