import Foundation
import Synchronization
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim sweep`: a scenario over a design of parameter values.
enum SweepCommand {
    static let spec = CommandSpec(
        name: "sweep",
        abstract: "Run a scenario over a grid, Latin hypercube or Sobol design of parameters.",
        discussion: """
        Varies the named parameters (any numeric field, by its path as `govsim params` lists it) \
        over a design, runs the given trials at every point with the same seed and trial indices \
        (common random numbers), and writes sweep.csv (a row per point and metric: mean, sd, 95% \
        CI, quantiles), sweep_trials.csv (a row per point and trial) and report.html (response \
        curves or heatmaps of the headline outputs, and the points). Finished points are kept \
        in points/ as they complete: after an interruption, --resume finishes the sweep without \
        redoing them, and the files are exactly those of an uninterrupted sweep.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            vary.spec, design.spec, points.spec, trials.spec, Common.seed.spec, Common.threads.spec, resume.spec,
            out.spec, Common.lang.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: [
            "govsim sweep scenarios/example.json5 --vary mediation.tiers[0].staff=2:12:6 --vary triage.accuracy=0.6:0.95:4",
            "govsim sweep scenarios/example.json5 --vary services.budget=0:2000000 --vary volunteers.initialShare=0:0.05 --design sobol --points 64",
        ]
    )

    static let vary = Option<[String]>.repeating("vary", valueName: "path=lo:hi[:steps]", help: "A parameter and its range (steps for grids).")
    /// The design, nil for the scenario's sweep section's.
    static let design = Option<DesignKind?>.choice("design", valueName: "kind", help: "grid, lhs or sobol.", defaultText: "grid")
    /// Design points, nil for the default (which depends on the design and axes).
    static let points = Option<Int?>.integer("points", help: "Design points (for grid: aimed-at total when an axis gives no steps).",
                                             defaultText: "10 per axis for grid, 64 otherwise", in: 1...1_000_000)
    static let trials = Common.trialCount.with(help: "Trials per point.", defaultText: "20")
    static let resume = Option<Bool>.flag("resume", help: "Finish an interrupted sweep in the same output folder.")
    static let out = Common.out("results/<scenario>-sweep")

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        // Usage first: the options' syntax is checked before the file is read.
        let specs = try parsed[Self.vary]
        let axisSpecs = try Common.axisSpecs(specs, option: "vary", command: "sweep")
        let givenDesign = try parsed[Self.design]
        let givenPoints = try parsed[Self.points]
        let givenTrials = try parsed[Self.trials]
        let givenSeed = try parsed[Common.seed]
        let threads = try parsed[Common.threads]

        guard let loaded = Common.load(parsed.positionals[0], fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
        var scenario = loaded.scenario
        let stored = scenario.sweep
        guard !specs.isEmpty || !stored.vary.isEmpty else {
            throw UsageError(message: "give at least one --vary PATH=lo:hi (or a sweep section in the scenario)", command: "sweep")
        }
        // --vary overrides the scenario's sweep section; its paths were checked when the file was read.
        let axes = specs.isEmpty
            ? try stored.vary.map { Axis(path: try ParameterPath($0.path, in: scenario), lo: $0.lo.value, hi: $0.hi.value, steps: $0.steps > 0 ? $0.steps : nil) }
            : try Common.axes(axisSpecs, in: scenario, option: "vary", command: "sweep")
        let design = givenDesign ?? stored.design
        if design == .sobol && axes.count > SobolSequence.maxDimensions {
            throw UsageError(message: "--design sobol: at most \(SobolSequence.maxDimensions) axes", command: "sweep")
        }
        let points = givenPoints ?? (specs.isEmpty ? stored.points : (design == .grid ? Int(pow(10, Double(axes.count))) : 64))
        let trials = givenTrials ?? stored.trials
        let seed = givenSeed ?? UInt64(scenario.run.seed)
        scenario.run.seed = Int(seed)
        let quiet = try parsed[Common.quiet]
        let resume = try parsed[Self.resume]
        let out = try parsed[Self.out] ?? "results/\(scenario.name)-sweep"

        // Before any point is made: a grid's points are the product of its axes' steps.
        let defaultSteps = max(2, Int(pow(Double(max(points, 1)), 1 / Double(max(axes.count, 1))).rounded()))
        let pointCount = design == .grid ? axes.reduce(1.0) { $0 * Double(max(1, $1.steps ?? defaultSteps)) } : Double(points)
        guard pointCount <= 1_000_000 else {
            throw UsageError(message: "this design has \(HeadlineReport.grouped(pointCount < 1e15 ? Int(pointCount) : 999_999_999_999_999)) points, more than 1,000,000; use fewer steps or --design lhs|sobol", command: "sweep")
        }
        let unit = Design.unitPoints(design, axes: axes, count: points, seed: seed)
        let sweep = Sweep(scenario: scenario, axes: axes, unitPoints: unit, trials: trials, seed: seed, threads: threads)
        let folder = SweepFolder(directory: out, sweep: sweep, design: design)
        let command = ResultsCommand<(results: [Int: [TrialResult]], reference: [TrialResult])>(
            out: out, kind: .sweep, files: SweepFolder.fileNames,
            footprint: .init(scenarios: Common.extremes(scenario, axes: axes), threads: threads, keptTrials: pointCount * Double(trials),
                             file: parsed.positionals[0]),
            quiet: quiet)
        return try command.execute(console: console, work: {
            var results: [Int: [TrialResult]]
            do {
                // Marked incomplete from the first point file to the commit at the end.
                try OutputFolder.begin(out)
                results = try folder.prepare(resume: resume)
            } catch let error as SweepFolder.ResumeError {
                console.err("govsim: \(error)\n")
                return .exit(ExitStatus.dataError)
            } catch {
                console.err("govsim: \(error)\n")
                return .exit(ExitStatus.cannotCreate)
            }
            let remaining = unit.count - results.count
            if !quiet && !results.isEmpty { console.err("Resuming: \(results.count) of \(unit.count) points already done\n") }
            let reporter = Common.progress(total: remaining * trials, quiet: quiet, console: console)
            let failure = Mutex<String?>(nil)
            let fresh = sweep.run(
                skipping: Set(results.keys),
                pointFinished: { p, trials in
                    do { try folder.keep(point: p, trials: trials) } catch { failure.withLock { $0 = "\(error)" } }
                },
                progress: reporter.map { r in { @Sendable _ in r.advance(by: 1) } },
                shouldStop: { Interruption.shared.requested || failure.withLock { $0 != nil } })
            reporter?.finish()
            if let message = failure.withLock({ $0 }) {
                console.err("govsim: \(message)\n")
                return .exit(ExitStatus.cannotCreate)
            }
            results.merge(fresh) { old, _ in old }
            guard results.count == unit.count else {
                console.err("govsim: interrupted: \(results.count) of \(unit.count) points are kept in \(out)/points; run again with --resume to finish\n")
                return .exit(ExitStatus.interrupted)
            }
            // The reference every point is paired against: the scenario as written, on the same trials.
            guard let reference = sweep.runReference(shouldStop: { Interruption.shared.requested }) else {
                console.err("govsim: interrupted: all \(unit.count) points are kept in \(out)/points; run again with --resume to finish\n")
                return .exit(ExitStatus.interrupted)
            }
            return .finished((results, reference))
        }, write: { try folder.writeTables($0.results, reference: $0.reference) },
           summary: { summary(sweep, $0.results, out: out) })
    }

    static func summary(_ sweep: Sweep, _ results: [Int: [TrialResult]], out: String) -> String {
        let ranked = sweep.unitPoints.indices.sorted {
            MetricSummary(results[$0]!.map { $0[.safetyScore] }).mean > MetricSummary(results[$1]!.map { $0[.safetyScore] }).mean
        }
        var text = "\(sweep.scenario.name): \(sweep.unitPoints.count) points × \(sweep.trials) trials, seed \(sweep.seed)\n\n"
        text += ranked.count > 10 ? "The 10 points with the highest safety score (all in sweep.csv):\n" : "Points by safety score:\n"
        let rows = ranked.prefix(10).map { p -> [String] in
            let trials = results[p]!
            let safety = MetricSummary(trials.map { $0[.safetyScore] }), satisfaction = MetricSummary(trials.map { $0[.satisfactionPct] })
            let cost = MetricSummary(trials.map { $0[.costTotal] })
            return [String(p)] + sweep.values(at: p).map(HeadlineReport.number)
                + [HeadlineReport.number(safety.mean), "±" + HeadlineReport.number(safety.ci95.halfWidth),
                   HeadlineReport.number(satisfaction.mean), "±" + HeadlineReport.number(satisfaction.ci95.halfWidth), HeadlineReport.number(cost.mean)]
        }
        text += TextTable.render(header: ["point"] + sweep.axes.map(\.path.text) + ["safety", "95% CI", "satisfaction %", "95% CI", "cost (yuan)"],
                                 rows: rows, alignments: Array(repeating: .right, count: sweep.axes.count + 6))
        return text + "\nResults: \(out)/ (report.html, sweep.csv, sweep_trials.csv, sweep.json, points/)\n"
    }
}

extension SweepCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
