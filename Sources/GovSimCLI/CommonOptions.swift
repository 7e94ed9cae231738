import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// Options and steps several commands share.
enum Common {
    /// Trials, when given (the scenario's run.trials otherwise).
    static let trialCount = Option<Int?>.integer("trials", short: "n", help: "Number of trials (overrides run.trials).", in: 1...1_000_000)
    /// Trials, when given, at least 2 where a spread is needed (the same help as `trialCount`).
    static let spreadTrialCount = Option<Int?>.integer("trials", short: "n", help: trialCount.spec.help, in: 2...1_000_000)
    /// The 95% half-width a precision target asks for.
    static let precision = Option<Double?>.number("precision", valueName: "h", help: "Target 95% half-width of the safety and satisfaction differences; trials are added in batches until reached.", in: 1e-9...1e9)
    /// The trial cap of adaptive runs (one default for the engine and every command).
    static let maxTrials = Option<Int>.integer("max-trials", help: "Cap on trials per arm with --precision.",
                                               default: Comparison.Plan.defaultMaxTrials, in: 2...1_000_000)
    /// Trials per batch of adaptive runs.
    static let batch = Option<Int>.integer("batch", help: "Trials added per arm and round with --precision.",
                                           default: Comparison.Plan.defaultBatch, in: 1...100_000)
    /// The scenario seed, when given (the scenario's run.seed otherwise).
    static let seed = Option<Int?>.integer("seed", valueName: "s", help: "Scenario seed (overrides run.seed).", in: 0...Int.max)
        .map { seed, _ in seed.map { UInt64($0) } }
    /// Worker threads: all cores when not given.
    static let threads = Option<Int>.integer("threads", short: "j", valueName: "k", help: "Worker threads.",
                                             default: Ensemble.availableCores, defaultText: "all cores", in: 1...4_096)
    static let quiet = Option<Bool>.flag("quiet", short: "q", help: "Print nothing but errors.")
    /// Shipped priors at their central values.
    static let fixed = Option<Bool>.flag("fixed", help: "Run the parameters the scenario leaves to the defaults at their central values instead of drawing them from their shipped priors (run.uncertainty: \"fixed\"; docs/evidence.md).")

    /// What a command prints on stdout: the table, or its data file as JSON.
    enum Format: String, CaseIterable, Sendable { case table, json }

    /// `--format`, `file` being what JSON prints.
    static func format(_ file: String) -> Option<Format> {
        Option<Format>.choice("format", valueName: "f", help: "table, or json to print \(file) on stdout for scripts instead of the table.",
                              default: .table)
    }
    /// The language of report.html and the tables, when given (see `language(_:command:environment:)`).
    static let lang = Option<Language?>.choice("lang", valueName: "l", help: "Language of report.html (and of the run and compare tables on stdout): en or zh (Simplified Chinese, 简体中文); data files are the same in every language. Overrides the environment variable GOVSIM_LANG.",
                                               defaultText: "en")
    /// `govsim report`'s `--lang`: by default the page keeps its language.
    static let redrawLang = lang.with(help: "Language to draw report.html in: en or zh (Simplified Chinese, 简体中文). Overrides the environment variable GOVSIM_LANG.",
                                      defaultText: "the language of the report.html in the folder, else en")
    /// The output folder, when given (`defaultText` says where it goes otherwise).
    static func out(_ defaultText: String) -> Option<String?> {
        Option<String?>.string("out", short: "o", valueName: "dir", help: "Output folder.", defaultText: defaultText)
    }

    /// Loads a scenario file, printing its problems on failure. `fixed` (`--fixed`) puts the
    /// shipped priors the scenario still carries at their central values.
    static func load(_ path: String, fixed: Bool = false, console: Console) -> LoadedScenario? {
        do {
            var loaded = try ScenarioLoader.load(path: path)
            if fixed { loaded = loaded.fixingShippedPriors() }
            for warning in loaded.warnings { console.err("warning: \(warning)\n") }
            return loaded
        } catch {
            console.err(error.description + "\n")
            return nil
        }
    }

    /// The language asked for by `--lang`, else by the environment variable GOVSIM_LANG (nil when
    /// neither is given); an unknown language is a usage error naming the allowed ones.
    static func language(_ parsed: ParsedArguments, command: String, environment: [String: String]) throws -> Language? {
        if let language = try parsed[lang] { return language }
        guard let text = environment["GOVSIM_LANG"], !text.isEmpty else { return nil }
        guard let language = Language(rawValue: text) else {
            throw UsageError(message: "GOVSIM_LANG: expected \(Language.allowedText), got '\(text)'", command: command)
        }
        return language
    }

    /// Writes the folder's report.html after its data files; on failure prints why and returns
    /// false (the caller exits 73).
    static func writeReport(_ kind: ReportKind, _ out: String, console: Console) -> Bool {
        do {
            try kind.write(resultsFolder: out)
            return true
        } catch {
            console.err("govsim: cannot write the report: \(error)\n")
            return false
        }
    }

    /// Writes a folder's data files (`write`) and its report so the folder commits whole: the
    /// `.incomplete` marker while they are written, `SHA256SUMS` of `files` last. On failure
    /// prints why and returns false (the caller exits 73); the marker then stays, and readers
    /// refuse the folder.
    static func commit(_ out: String, kind: ReportKind?, files: [String], console: Console, write: () throws -> Void) -> Bool {
        do {
            try OutputFolder.begin(out)
            try write()
        } catch {
            console.err("govsim: \(error)\n")
            return false
        }
        if let kind { guard writeReport(kind, out, console: console) else { return false } }
        do { try OutputFolder.commit(out, files: files) } catch {
            console.err("govsim: \(error)\n")
            return false
        }
        return true
    }

    /// Refuses, before any work, a job that would not fit in memory: `scenarios` are the heaviest
    /// versions of what runs (e.g. each swept axis at either end), `keptTrials` the trials whose
    /// results are held at once. Prints why (the caller exits 65).
    static func fits(_ scenarios: [Scenario], threads: Int, keptTrials: Double? = nil, file: String, console: Console) -> Bool {
        for s in scenarios {
            // The output window must lie in the horizon the run has (after `--days`).
            if let issue = s.run.windowIssues.first {
                console.err("\(file): \(issue) (with \(s.run.days) days)\n")
                return false
            }
            if let refusal = ResourceEstimate(s, threads: threads, keptTrials: keptTrials).refusal {
                console.err("\(file): \(refusal)\n")
                return false
            }
        }
        return true
    }

    /// `scenario` with every axis at its low end, and at its high end.
    static func extremes(_ scenario: Scenario, axes: [Axis]) -> [Scenario] {
        [axes.reduce(scenario) { $1.path.setting($1.lo, in: $0) }, axes.reduce(scenario) { $1.path.setting($1.hi, in: $0) }]
    }

    /// Takes the output folder's lock, printing why it cannot be had. Holding it, no other
    /// govsim writes into the folder, so temporary files left there by a killed writer are
    /// orphans: they are removed.
    static func lock(_ out: String, console: Console) -> FolderLock? {
        do {
            let lock = try FolderLock(directory: out)
            OutputFolder.removeOrphans(out)
            return lock
        } catch {
            console.err("govsim: \(error)\n")
            return nil
        }
    }

    /// The journal of an experiment over several arms (compare's arms, explain's coalitions),
    /// each expecting trials `0..<cap`: with `resume`, the finished trials it already holds are
    /// read back and kept. `.done(status)` when the command should stop here: nothing to resume
    /// (a finished `what` is 0, no journal 66), a damaged or foreign journal (65), or one that
    /// cannot be created (73).
    enum ArmsJournal { case opened(RunJournal, known: [[Int: TrialResult]]), done(Int32) }

    static func armsJournal(_ out: String, digest: String, arms: [Scenario], cap: Int, resume: Bool, what: String, quiet: Bool,
                            console: Console) -> ArmsJournal {
        let shapes = arms.map { RunJournal.Shape(expected: 0..<cap, series: RunJournal.seriesCount($0), draws: $0.distributionPaths.count) }
        var known = [[Int: TrialResult]](repeating: [:], count: arms.count)
        if resume {
            switch resumable(out, digest: digest, console: console, read: { () throws(RunJournal.ReadError) in
                try RunJournal.read(from: out, digest: digest, arms: shapes)
            }) {
            case .trials(let t): known = t
            case .finished:
                if !quiet { console.err("Nothing to resume: the \(what) in \(out)/ is finished\n") }
                return .done(ExitStatus.success)
            case .failed(let status): return .done(status)
            }
            if !quiet { console.err("Resuming: \(known.map(\.count).reduce(0, +)) trials already finished\n") }
        }
        do {
            return .opened(try RunJournal(directory: out, digest: digest, kept: [], keptArms: known), known: known)
        } catch {
            console.err("govsim: \(error)\n")
            return .done(ExitStatus.cannotCreate)
        }
    }

    /// What `runArms` ran: the outcome, the trials the journal already held (per arm, by trial
    /// index), when it started and how many seconds the trials took; or `.done(status)` when the
    /// command should stop here.
    enum ArmsRun {
        case ran(Comparison.Outcome, known: [[Int: TrialResult]], started: Date, seconds: Double)
        case done(Int32)
    }

    /// Runs `arms` under `plan` backed by a journal in `out` (see `armsJournal`): with `resume`, the
    /// trials it holds are kept and not run again, and every trial is journalled as it finishes.
    /// The progress bar counts the trials still to run (all of them when the plan is adaptive, when
    /// it shows none). `.done` with the journal's status, or 73 when the journal cannot be written.
    static func runArms(_ arms: [Scenario], plan: Comparison.Plan, seed: UInt64, threads: Int, out: String, digest: String, cap: Int,
                        resume: Bool, what: String, quiet: Bool, console: Console) -> ArmsRun {
        let (journal, known): (RunJournal, [[Int: TrialResult]])
        switch armsJournal(out, digest: digest, arms: arms, cap: cap, resume: resume, what: what, quiet: quiet, console: console) {
        case .opened(let j, let k): (journal, known) = (j, k)
        case .done(let status): return .done(status)
        }
        let started = Date()
        let clock = ContinuousClock.now
        let adaptive = plan.precision != nil || plan.select
        let reporter = progress(total: plan.trials * arms.count - (adaptive ? 0 : known.map(\.count).reduce(0, +)),
                                quiet: quiet || adaptive, console: console)
        let outcome = Comparison(arms: arms, seed: seed, threads: threads).run(
            plan, progress: reporter.map { r in { @Sendable _, _ in r.advance(by: 1) } },
            shouldStop: { Interruption.shared.requested || journal.failed }, known: known,
            finished: { @Sendable arm, t in journal.append(t, arm: arm) })
        reporter?.finish()
        let seconds = (ContinuousClock.now - clock) / .seconds(1)
        if let failure = journal.sync() {
            console.err("govsim: \(failure)\n")
            return .done(ExitStatus.cannotCreate)
        }
        return .ran(outcome, known: known, started: started, seconds: seconds)
    }

    enum Resumable<T> { case trials(T), finished, failed(Int32) }

    /// What `--resume` finds in `out`: the journalled trials of this run, a finished run (a
    /// committed folder holding `finishedFile`, no journal), or nothing (exit 66) or a damaged or
    /// foreign journal (exit 65).
    static func resumable(_ out: String, digest: String, scenario: Scenario, expected: Range<Int>, console: Console,
                          finishedDigest: (String) -> String? = Common.finishedRunDigest) -> Resumable<[TrialResult]> {
        resumable(out, digest: digest, console: console, finishedDigest: finishedDigest) { () throws(RunJournal.ReadError) in
            try RunJournal.read(from: out, digest: digest, expected: expected,
                                series: RunJournal.seriesCount(scenario), draws: scenario.distributionPaths.count)
        }
    }

    /// The same for any journal `read` reads.
    static func resumable<T>(_ out: String, digest: String, console: Console, finishedDigest: (String) -> String? = Common.finishedRunDigest,
                             read: () throws(RunJournal.ReadError) -> T) -> Resumable<T> {
        if !RunJournal.exists(in: out) {
            guard let finished = finishedDigest(out) else {
                console.err("govsim: \(RunJournal.ReadError.missing(out))\n")
                return .failed(ExitStatus.nothingToResume)
            }
            do { try OutputFolder.verify(out) } catch {
                console.err("govsim: \(error)\n")
                return .failed(ExitStatus.dataError)
            }
            guard finished == digest else {
                console.err("govsim: \(RunJournal.ReadError.different(out))\n")
                return .failed(ExitStatus.dataError)
            }
            return .finished
        }
        do {
            return .trials(try read())
        } catch {
            console.err("govsim: \(error)\n")
            return .failed(ExitStatus.dataError)
        }
    }

    /// The digest of the finished (not partial) run in `out`, from its manifest.
    static func finishedRunDigest(_ out: String) -> String? {
        guard let data = FileManager.default.contents(atPath: (out as NSString).appendingPathComponent("manifest.json")),
              let manifest = RunManifest.Record(text: String(decoding: data, as: UTF8.self)), !manifest.isPartial else { return nil }
        return manifest.runDigest ?? ""
    }

    /// Creates the output folder, printing why it cannot be.
    static func prepare(_ out: String, console: Console) -> Bool {
        do {
            try AtomicFile.makeDirectory(out)
            return true
        } catch {
            console.err("govsim: \(error)\n")
            return false
        }
    }

    /// A progress reporter on stderr when it is a terminal and not quiet.
    static func progress(total: Int, quiet: Bool, console: Console) -> ProgressReporter? {
        guard !quiet && console.stderrIsTerminal && total > 0 else { return nil }
        let start = ContinuousClock.now
        return ProgressReporter(total: total, write: { console.err($0) }, now: { (ContinuousClock.now - start) / .seconds(1) })
    }

    /// `--long METRIC`, the metric named `name` when not given; an unknown name is a usage error
    /// naming the closest.
    static func metric(_ long: String, help: String, default name: String) -> Option<Metric> {
        Option<String>.string(long, valueName: "metric", help: help, default: name).map { text, parsed in
            try metric(text, option: long, command: parsed.command)
        }
    }

    /// `--long METRIC`, nil when not given.
    static func metric(_ long: String, help: String) -> Option<Metric?> {
        Option<String?>.string(long, valueName: "metric", help: help).map { text, parsed in
            try text.map { try metric($0, option: long, command: parsed.command) }
        }
    }

    /// The metric named `name`, or a usage error naming the closest.
    static func metric(_ name: String, option: String, command: String) throws -> Metric {
        guard let m = Metric(name: name) else {
            let names = Metric.allCases.map(\.name)
            var message = "--\(option): no metric '\(name)'"
            if let guess = closestMatch(to: name, among: names) { message += "; did you mean '\(guess)'?" }
            throw UsageError(message: message, command: command)
        }
        return m
    }

    /// One `PATH=lo:hi[:steps]` as written, its syntax checked (before any file is read).
    struct AxisSpec {
        var text: String, path: String, lo: Double, hi: Double, steps: Int?
    }

    /// Parses `PATH=lo:hi[:steps]` axes' syntax; usage errors name the option. Whether the paths
    /// exist is `axes(_:in:)`'s to check, once the scenario is read.
    static func axisSpecs(_ specs: [String], option: String, command: String) throws -> [AxisSpec] {
        try specs.map { spec in
            func fail(_ message: String) -> UsageError { UsageError(message: "--\(option) \(spec): \(message)", command: command) }
            guard let eq = spec.firstIndex(of: "=") else { throw fail("expected PATH=lo:hi or PATH=lo:hi:steps") }
            let parts = spec[spec.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3, let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite else {
                throw fail("expected PATH=lo:hi or PATH=lo:hi:steps with numbers")
            }
            guard lo <= hi else { throw fail("lo must not exceed hi") }
            var steps: Int? = nil
            if parts.count == 3 {
                guard let n = Int(parts[2]), (1...10_000).contains(n) else { throw fail("steps must be an integer from 1 to 10000") }
                steps = n
            }
            return AxisSpec(text: spec, path: String(spec[..<eq]), lo: lo, hi: hi, steps: steps)
        }
    }

    /// The axes of checked specs against a scenario: each path must name a numeric parameter and
    /// the range lie within its bounds (usage errors name the option).
    static func axes(_ specs: [AxisSpec], in scenario: Scenario, option: String, command: String) throws -> [Axis] {
        try specs.map { spec in
            func fail(_ message: String) -> UsageError { UsageError(message: "--\(option) \(spec.text): \(message)", command: command) }
            let path: ParameterPath
            do { path = try ParameterPath(spec.path, in: scenario) } catch let issue as ScenarioIssue { throw fail(issue.message) }
            guard path.bounds.range.contains(spec.lo) && path.bounds.range.contains(spec.hi) else {
                throw fail("the range must lie within the parameter's: \(path.bounds.expectation) (\(path.bounds.unit))")
            }
            return Axis(path: path, lo: spec.lo, hi: spec.hi, steps: spec.steps)
        }
    }

    /// Parses and checks `PATH=lo:hi[:steps]` axes against a scenario in one step.
    static func axes(_ specs: [String], in scenario: Scenario, option: String, command: String) throws -> [Axis] {
        try axes(try axisSpecs(specs, option: option, command: command), in: scenario, option: option, command: command)
    }
}
