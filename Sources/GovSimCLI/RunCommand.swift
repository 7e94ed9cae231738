import Foundation
import GovSim
import GovSimIO

/// `govsim run`: runs a scenario's trials and writes its results.
enum RunCommand {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Run a scenario's Monte Carlo trials and write the results.",
        discussion: """
        Runs every trial of SCENARIO in parallel, prints the headline outputs (mean, 95% \
        confidence interval of the mean, and the range 90% of trials fall in), and writes \
        summary.json, trials.csv, timeseries.csv, scenario.resolved.json5 and manifest.json \
        into the output folder. Results are bit-identical for any number of threads.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            OptionSpec(long: "trials", short: "n", valueName: "n", help: "Number of trials (overrides run.trials)."),
            OptionSpec(long: "days", valueName: "d", help: "Days to simulate (overrides run.days)."),
            OptionSpec(long: "seed", valueName: "s", help: "Scenario seed (overrides run.seed)."),
            OptionSpec(long: "threads", short: "j", valueName: "k", help: "Worker threads.", defaultText: "all cores"),
            OptionSpec(long: "out", short: "o", valueName: "dir", help: "Output folder.", defaultText: "results/<scenario name>"),
            OptionSpec(long: "quiet", short: "q", valueName: nil, help: "Print nothing but errors."),
        ],
        examples: [
            "govsim run scenarios/example.json5",
            "govsim run scenarios/cases/zhuji-policy.json5 --trials 1000 --out results/zhuji",
        ]
    )

    struct Options {
        var scenario: String
        var trials: Int?
        var days: Int?
        var seed: UInt64?
        var threads: Int?
        var out: String?
        var quiet = false
    }

    static func options(_ parsed: ParsedArguments) throws -> Options {
        Options(scenario: parsed.positionals[0],
                trials: try parsed.int("trials", in: 1...1_000_000),
                days: try parsed.int("days", in: 1...36_500),
                seed: try parsed.int("seed", in: 0...Int.max).map { UInt64($0) },
                threads: try parsed.int("threads", in: 1...4_096),
                out: parsed.value("out"),
                quiet: parsed.flag("quiet"))
    }

    static func execute(_ o: Options, commandLine: [String], console: Console) -> Int32 {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(path: o.scenario)
        } catch {
            console.err(error.description + "\n")
            return ExitStatus.dataError
        }
        var scenario = loaded.scenario
        if let t = o.trials { scenario.run.trials = t }
        if let d = o.days { scenario.run.days = d }
        let seed = o.seed ?? UInt64(scenario.run.seed)
        scenario.run.seed = Int(seed)
        let threads = o.threads ?? Ensemble.availableCores
        let out = o.out ?? "results/\(scenario.name)"
        do {
            try AtomicFile.makeDirectory(out)
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }

        var runLoaded = loaded
        runLoaded.scenario = scenario
        let started = Date()
        let clock = ContinuousClock.now
        let total = scenario.run.trials
        let reporter = !o.quiet && console.stderrIsTerminal
            ? ProgressReporter(total: total, write: { console.err($0) }, now: { (ContinuousClock.now - clock) / .seconds(1) })
            : nil
        Interruption.install()
        let trials = Ensemble(scenario: scenario, seed: seed, threads: threads).run(
            trials: 0..<total,
            progress: reporter.map { r in { @Sendable _ in r.advance(by: 1) } },
            shouldStop: { Interruption.shared.requested })
        reporter?.finish()
        let seconds = (ContinuousClock.now - clock) / .seconds(1)
        let interrupted = trials.count < total
        guard !trials.isEmpty else {
            console.err("govsim: interrupted before any trial finished; nothing written\n")
            return ExitStatus.interrupted
        }

        let results = RunResults(loaded: runLoaded, seed: seed, trials: trials)
        let residents = expectedResidents(scenario)
        var manifest = RunManifest(command: commandLine, scenarioFile: o.scenario, seed: seed, trials: trials.count,
                                   days: scenario.run.days, threads: threads, residents: residents, started: started, seconds: seconds)
        manifest.partial = interrupted ? PartialRun(requestedTrials: total, finishedTrials: trials.map(\.trial)) : nil
        do {
            try results.write(to: out, manifest: manifest)
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }
        if !o.quiet {
            console.out(HeadlineReport.text(results, residents: residents, threads: threads, seconds: seconds))
            console.out("\nResults: \(out)/ (summary.json, trials.csv, timeseries.csv, scenario.resolved.json5, manifest.json)\n")
        }
        if interrupted {
            console.err("govsim: interrupted: \(trials.count) of \(total) trials finished and were written (manifest.json marks the run partial)\n")
            return ExitStatus.interrupted
        }
        return ExitStatus.success
    }

    /// Residents per trial at the parameters' central values.
    static func expectedResidents(_ s: Scenario) -> Int {
        Int(s.district.cells.reduce(0.0) { $0 + Double($1.count) * $1.households.value * $1.residentsPerHousehold.value }.rounded())
    }
}
