import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim run`: runs a scenario's trials and writes its results.
enum RunCommand {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Run a scenario's Monte Carlo trials and write the results.",
        discussion: """
        Runs every trial of SCENARIO in parallel, prints the headline outputs (mean, 95% \
        confidence interval of the mean, and the 90% predictive interval), and writes \
        summary.json, trials.csv, timeseries.csv, scenario.resolved.json5, manifest.json and \
        report.html (charts and tables on one self-contained page) into the output folder. \
        Results are bit-identical for any number of threads.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            Common.trialCount.spec, days.spec, Common.seed.spec, Common.threads.spec,
            precision.spec, maxTrials.spec, batch.spec, shard.spec, resume.spec,
            out.spec, Common.lang.spec, format.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: [
            "govsim run scenarios/example.json5",
            "govsim run scenarios/cases/zhuji-policy.json5 --trials 1000 --out results/zhuji",
        ]
    )

    static let out = Common.out("results/<scenario name>")
    static let format = Common.format("summary.json")

    /// Days to simulate, nil for the scenario's run.days.
    static let days = Option<Int?>.integer("days", valueName: "d", help: "Days to simulate (overrides run.days).", in: 1...36_500)
    /// `i/n`: run only shard i of n; nil for the whole run.
    static let shard = Option<String?>.string("shard", valueName: "i/n", help: "Run only shard i of n (contiguous trial blocks) into a shard folder for govsim merge.")
        .map { text, _ in try text.map(shard) }
    static let resume = Option<Bool>.flag("resume", help: "Finish an interrupted run in the same output folder (its finished trials are kept).")
    static let precision = Common.precision.with(help: "Run trials in batches until the 95% CI half-width of the safety score and satisfaction is below h.")
    static let maxTrials = Common.maxTrials.with(help: "Cap on trials with --precision.")
    static let batch = Common.batch.with(help: "Trials per batch with --precision.")

    struct Options {
        var scenario: String
        var trials: Int?
        var days: Int?
        var seed: UInt64?
        var threads: Int
        var out: String?
        var quiet = false
        var precision: Double?
        var maxTrials = Comparison.Plan.defaultMaxTrials
        var batch = Comparison.Plan.defaultBatch
        var resume = false
        /// Shipped priors at their central values (`--fixed`).
        var fixed = false
        /// Print summary.json instead of the table (`--format json`).
        var json = false
        var shard: (index: Int, count: Int)?
    }

    static func options(_ parsed: ParsedArguments) throws -> Options {
        Options(scenario: parsed.positionals[0],
                trials: try parsed[Common.trialCount],
                days: try parsed[Self.days],
                seed: try parsed[Common.seed],
                threads: try parsed[Common.threads],
                out: try parsed[Self.out],
                quiet: try parsed[Common.quiet],
                precision: try parsed[Self.precision],
                maxTrials: try parsed[Self.maxTrials],
                batch: try parsed[Self.batch],
                resume: try parsed[Self.resume],
                fixed: try parsed[Common.fixed],
                json: try parsed[Self.format] == .json,
                shard: try parsed[Self.shard])
    }

    /// Parses `i/n`.
    static func shard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw UsageError(message: "--shard: expected i/n with 1 ≤ i ≤ n, e.g. 2/8, got '\(text)'", command: "run")
        }
        return (i, n)
    }

    /// What a finished (or partly finished) run writes, and what its summary tells.
    struct Made {
        var results: RunResults
        var manifest: RunManifest
        var residents: Int
        var seconds: Double
    }

    static func execute(_ o: Options, commandLine: [String], console: Console) throws -> Int32 {
        // Usage first: a mistake in the options is 64 whatever the file holds.
        if o.resume && o.precision != nil { throw UsageError(message: "--resume and --precision cannot be combined", command: "run") }
        guard let loaded = Common.load(o.scenario, fixed: o.fixed, console: console) else { return ExitStatus.dataError }
        var scenario = loaded.scenario
        if let t = o.trials { scenario.run.trials = t }
        if let d = o.days { scenario.run.days = d }
        let seed = o.seed ?? UInt64(scenario.run.seed)
        scenario.run.seed = Int(seed)
        let threads = o.threads
        let kept = o.precision != nil ? Double(max(o.maxTrials, scenario.run.trials)) : nil
        let footprint = Footprint(scenarios: [scenario], threads: threads, keptTrials: kept, file: o.scenario)
        var runLoaded = loaded
        runLoaded.scenario = scenario
        if let shard = o.shard {
            return try runShard(shard, loaded: runLoaded, seed: seed, options: o, footprint: footprint, console: console)
        }
        let out = o.out ?? "results/\(scenario.name)"
        let digest = RunCheckpoint.digest(scenario)
        let total = scenario.run.trials
        let command = ResultsCommand<Made>(out: out, kind: .run, files: RunResults.files(of: runLoaded), footprint: footprint, quiet: o.quiet)
        return try command.execute(console: console, work: {
            var done: [TrialResult] = []
            if o.resume {
                switch Common.resumable(out, digest: digest, scenario: scenario, expected: 0..<total, console: console) {
                case .trials(let t): done = t
                case .finished:
                    if !o.quiet { console.err("Nothing to resume: the run in \(out)/ is finished\n") }
                    return .exit(ExitStatus.success)
                case .failed(let status): return .exit(status)
                }
                if !o.quiet { console.err("Resuming: \(done.count) of \(total) trials already finished\n") }
            }
            let journal: RunJournal?
            do { journal = o.precision == nil ? try RunJournal(directory: out, digest: digest, kept: done) : nil } catch {
                console.err("govsim: \(error)\n")
                return .exit(ExitStatus.cannotCreate)
            }
            let started = Date()
            let clock = ContinuousClock.now
            let trials: [TrialResult]
            let interrupted: Bool
            if let precision = o.precision {
                // Adaptive replication: deterministic batches until the headline intervals are narrow enough.
                let plan = Comparison.Plan(trials: min(total, o.batch), precision: precision, maxTrials: o.maxTrials, batch: o.batch)
                let outcome = Comparison(arms: [scenario], seed: seed, threads: threads).run(plan, shouldStop: { Interruption.shared.requested })
                trials = outcome.results[0]
                interrupted = outcome.stoppedBecause == "interrupted"
            } else {
                let finished = Set(done.map(\.trial))
                let missing = (0..<total).filter { !finished.contains($0) }
                let reporter = Common.progress(total: missing.count, quiet: o.quiet, console: console)
                let fresh = Ensemble(scenario: scenario, seed: seed, threads: threads).run(
                    indices: missing,
                    progress: reporter.map { r in { @Sendable _ in r.advance(by: 1) } },
                    shouldStop: { Interruption.shared.requested || journal?.failed == true },
                    finished: journal.map { j in { @Sendable t in j.append(t) } })
                reporter?.finish()
                trials = (done + fresh).sorted { $0.trial < $1.trial }
                interrupted = trials.count < total
            }
            let seconds = (ContinuousClock.now - clock) / .seconds(1)
            if let failure = journal?.sync() {
                console.err("govsim: \(failure)\n")
                return .exit(ExitStatus.cannotCreate)
            }
            guard !trials.isEmpty else {
                console.err("govsim: interrupted before any trial finished; nothing written\n")
                return .exit(ExitStatus.interrupted)
            }
            let residents = expectedResidents(scenario)
            var manifest = RunManifest(command: commandLine, scenarioFile: o.scenario, seed: seed, trials: trials.count,
                                       days: scenario.run.days, threads: threads, residents: residents, started: started, seconds: seconds)
            manifest.partial = interrupted ? PartialRun(requestedTrials: o.precision == nil ? total : o.maxTrials, finishedTrials: trials.map(\.trial)) : nil
            manifest.resumedTrials = o.resume ? done.count : nil
            manifest.runDigest = digest
            let made = Made(results: RunResults(loaded: runLoaded, seed: seed, trials: trials), manifest: manifest, residents: residents, seconds: seconds)
            // An interrupted run keeps its journal for --resume.
            return interrupted ? .partial(made, note: "interrupted: \(trials.count) of \(total) trials finished and were written "
                                          + "(manifest.json marks the run partial); add --resume to finish") : .finished(made)
        }, write: { made in
            // The folder commits whole; the journal keeps the finished trials until it has.
            try made.results.write(to: out, manifest: made.manifest)
        }, committed: { _ in RunJournal.remove(from: out) },
           summary: { made in
            if o.json { return made.results.summaryJSON }
            return HeadlineReport.text(made.results, residents: made.residents, threads: threads, seconds: made.seconds, colour: console.colour)
                + "\n" + Catalogue.resultsIn(out, "report.html, summary.json, trials.csv, timeseries.csv, scenario.resolved.json5, manifest.json") + "\n"
        })
    }

    /// Runs one shard's trials into a shard folder (for `govsim merge`): no report page, the
    /// shard file and the resolved scenario committed whole.
    static func runShard(_ shard: (index: Int, count: Int), loaded: LoadedScenario, seed: UInt64, options o: Options,
                         footprint: Footprint, console: Console) throws -> Int32 {
        let scenario = loaded.scenario
        let total = scenario.run.trials
        guard shard.count <= total else {
            throw UsageError(message: "--shard: \(shard.count) shards for \(total) trials; use at most one shard per trial", command: "run")
        }
        let out = o.out ?? "results/\(scenario.name)/shard-\(shard.index)-of-\(shard.count)"
        let range = Shard.range(index: shard.index, count: shard.count, total: total)
        let digest = RunCheckpoint.digest(scenario)
        let files = [Shard.fileName, "scenario.resolved.json5"] + (loaded.geometry == nil ? [] : [DistrictGeometry.fileName])
        let command = ResultsCommand<[TrialResult]>(out: out, kind: nil, files: files, footprint: footprint, quiet: o.quiet)
        return try command.execute(console: console, work: {
            var done: [TrialResult] = []
            if o.resume {
                switch Common.resumable(out, digest: digest, scenario: scenario, expected: range, console: console,
                                        finishedDigest: { try? Shard.read($0).digest }) {
                case .trials(let t): done = t
                case .finished:
                    if !o.quiet { console.err("Nothing to resume: the shard in \(out)/ is finished\n") }
                    return .exit(ExitStatus.success)
                case .failed(let status): return .exit(status)
                }
                if !o.quiet { console.err("Resuming: \(done.count) of \(range.count) trials of the shard already finished\n") }
            }
            let journal: RunJournal
            do { journal = try RunJournal(directory: out, digest: digest, kept: done) } catch {
                console.err("govsim: \(error)\n")
                return .exit(ExitStatus.cannotCreate)
            }
            let finished = Set(done.map(\.trial))
            let fresh = Ensemble(scenario: scenario, seed: seed, threads: o.threads).run(
                indices: range.filter { !finished.contains($0) }, shouldStop: { Interruption.shared.requested || journal.failed },
                finished: { @Sendable t in journal.append(t) })
            if let failure = journal.sync() {
                console.err("govsim: \(failure)\n")
                return .exit(ExitStatus.cannotCreate)
            }
            let trials = (done + fresh).sorted { $0.trial < $1.trial }
            guard trials.count == range.count else {
                console.err("govsim: interrupted: \(trials.count) of the shard's \(range.count) trials are kept in \(out)/\(RunJournal.fileName); add --resume to finish\n")
                return .exit(ExitStatus.interrupted)
            }
            return .finished(trials)
        }, write: { trials in
            let file = Shard(index: shard.index, count: shard.count, totalTrials: total, seed: seed, version: RunResults.version,
                             digest: digest, scenarioPath: loaded.path, extends: loaded.extends, trials: trials)
            let shell = RunResults(loaded: loaded, seed: seed, trials: [])
            try file.write(to: out, resolvedScenario: shell.resolvedScenario(trials: total))
            try shell.writeGeometry(to: out)
        }, committed: { _ in RunJournal.remove(from: out) },
           summary: { _ in "shard \(shard.index) of \(shard.count): trials \(range.lowerBound)–\(range.upperBound - 1) written to \(out)/ (merge with govsim merge)\n" })
    }

    /// Residents per trial at the parameters' central values.
    static func expectedResidents(_ s: Scenario) -> Int {
        let r = s.expectedResidents.rounded()
        return r.isFinite ? Int(min(max(r, 0), 1e15)) : 0
    }
}

extension RunCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try RunCommand.execute(try RunCommand.options(i.parsed), commandLine: i.commandLine, console: i.console) }
}
