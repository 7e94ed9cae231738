import Foundation
import Synchronization
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim explore`: a full grid over a few levers, each point paired with the baseline, drawn
/// as one self-contained page with a slider per lever.
enum ExploreCommand {
    /// Most design points an exploration runs (the page holds every one of them).
    static let maxPoints = 400
    static let defaultPoints = 5
    static let defaultTrials = 40

    static let spec = CommandSpec(
        name: "explore",
        abstract: "Explore levers with sliders: a grid of paired runs drawn as one self-contained explore.html.",
        discussion: """
        Runs the scenario at every point of a full grid over the levers given with --vary (any \
        numeric field, by its path as `govsim params` lists it; --points steps per lever, from lo \
        to hi), and the baseline, the scenario as written, once. Every point runs the same seed \
        and trial indices as the baseline (common random numbers), so each point's difference from \
        the baseline is paired trial by trial, as in `govsim sweep` and `govsim compare`. \
        \n\nWrites explore.html, one file with its style, script and data inside (no network: it \
        opens from a folder or as an e-mail attachment), explore.json (the data the page shows) and \
        manifest.json. The page has a slider per lever, stepping through the design points: for the \
        chosen point it shows each main output (safety score, satisfaction, cost and the other \
        headline outputs) with its mean, 95% CI and 90% predictive interval, and its paired \
        difference from the baseline with its 95% CI. As the page opens, nothing is interpolated: \
        it shows the nearest design point, where the sliders stand. A switch makes the sliders \
        move in tenths of a step and blends the neighbouring design points' numbers \
        (multilinear interpolation), each output then showing the interpolation's error measured \
        by leaving design points out. "Pin" keeps a setting as B beside the live one A. \
        \n\nThe grid has --points^levers points (at most \(maxPoints)); each runs --trials \
        trials, so a run costs (points + 1) × trials trials. `govsim report FOLDER` draws \
        explore.html again from explore.json, byte for byte.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            vary.spec, points.spec, trials.spec, Common.seed.spec, Common.threads.spec,
            out.spec, Common.lang.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: [
            "govsim explore scenarios/example.json5 --vary volunteers.initialShare=0:0.05",
            "govsim explore scenarios/example.json5 --vary mediation.tiers[0].staff=2:10 --vary triage.accuracy=0.6:0.95 --points 5 --trials 40",
            "govsim report results/example-explore",
        ]
    )

    static let vary = Option<[String]>.repeating("vary", valueName: "path=lo:hi", help: "A lever and its range (lo < hi); repeat for each lever.")
    static let points = Option<Int>.integer("points", help: "Design points per lever (at least 2).", default: defaultPoints, in: 2...maxPoints)
    static let trials = Option<Int>.integer("trials", short: "n", help: "Trials per design point and for the baseline.",
                                            default: defaultTrials, in: 2...1_000_000)
    static let out = Common.out("results/<scenario>-explore")

    /// A `--vary` as written, checked for its form before the scenario is read.
    struct LeverText {
        var spec: String
        var path: String
    }

    /// The form of every `--vary` (PATH=lo:hi, lo < hi, each path once): usage errors name the option.
    static func leverTexts(_ specs: [String]) throws -> [LeverText] {
        var seen: Set<String> = []
        return try specs.map { spec in
            func fail(_ message: String) -> UsageError { UsageError(message: "--vary \(spec): \(message)", command: "explore") }
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else { throw fail("expected PATH=lo:hi") }
            let path = String(spec[..<eq])
            let parts = spec[spec.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]), lo.isFinite, hi.isFinite else {
                throw fail("expected PATH=lo:hi with two numbers (the steps are --points)")
            }
            guard lo < hi else { throw fail("lo must be less than hi") }
            guard seen.insert(path).inserted else { throw fail("\(path) is varied twice") }
            return LeverText(spec: spec, path: path)
        }
    }

    static func execute(_ parsed: ParsedArguments, commandLine: [String], console: Console) throws -> Int32 {
        // Usage first, whatever the file holds.
        let specs = try parsed[Self.vary]
        guard !specs.isEmpty else { throw UsageError(message: "give at least one --vary PATH=lo:hi", command: "explore") }
        let texts = try leverTexts(specs)
        let points = try parsed[Self.points]
        let gridSize = pow(Double(points), Double(texts.count))
        guard gridSize <= Double(maxPoints) else {
            let product = Array(repeating: String(points), count: texts.count).joined(separator: " × ")
            let shown = gridSize < 1e15 ? HeadlineReport.grouped(Int(gridSize)) : "more than 10^15"
            throw UsageError(message: "--points \(points) over \(texts.count) levers makes \(product) = \(shown) design points, "
                             + "more than \(maxPoints); use fewer --points or fewer levers", command: "explore")
        }
        let trials = try parsed[Self.trials]
        let seedOption = try parsed[Common.seed]
        let threads = try parsed[Common.threads]
        let quiet = try parsed[Common.quiet]

        guard let loaded = Common.load(parsed.positionals[0], fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
        var scenario = loaded.scenario
        let seed = seedOption ?? UInt64(scenario.run.seed)
        scenario.run.seed = Int(seed)
        let axes = try Common.axes(texts.map(\.spec), in: scenario, option: "vary", command: "explore").map {
            Axis(path: $0.path, lo: $0.lo, hi: $0.hi, steps: points)
        }
        // An integer lever has only so many values in its range: each step must be its own.
        for (axis, text) in zip(axes, texts) {
            let values = (0..<points).map { axis.value(at: Double($0) / Double(points - 1)) }
            if Set(values).count < points {
                throw UsageError(message: "--vary \(text.spec): \(axis.path.text) is a whole number, and \(points) points from "
                                 + "\(Chart.precise(axis.lo)) to \(Chart.precise(axis.hi)) repeat values (\(values.map(Chart.precise).joined(separator: ", "))); "
                                 + "use fewer --points or a wider range", command: "explore")
            }
        }
        let out = try parsed[Self.out] ?? "results/\(scenario.name)-explore"
        let pointCount = Int(gridSize)
        guard Common.fits(Common.extremes(scenario, axes: axes), threads: threads, keptTrials: Double((pointCount + 1) * trials),
                          file: parsed.positionals[0], console: console) else { return ExitStatus.dataError }

        let unit = Design.unitPoints(.grid, axes: axes, count: pointCount, seed: seed)
        let sweep = Sweep(scenario: scenario, axes: axes, unitPoints: unit, trials: trials, seed: seed, threads: threads)
        guard Common.prepare(out, console: console), let lock = Common.lock(out, console: console) else { return ExitStatus.cannotCreate }
        defer { withExtendedLifetime(lock) {} }

        let started = Date(), clock = ContinuousClock.now
        Interruption.install()
        let reporter = Common.progress(total: (pointCount + 1) * trials, quiet: quiet, console: console)
        let results = sweep.run(progress: reporter.map { r in { @Sendable _ in r.advance(by: 1) } },
                                shouldStop: { Interruption.shared.requested })
        let baseline = results.count == unit.count
            ? sweep.runReference(shouldStop: { Interruption.shared.requested }) : nil
        if let baseline, let reporter { reporter.advance(by: baseline.count) }
        reporter?.finish()
        guard let baseline else {
            console.err("govsim: interrupted: nothing was written (explore keeps no partial results; run it again)\n")
            return ExitStatus.interrupted
        }
        let seconds = (ContinuousClock.now - clock) / .seconds(1)
        let data = ExploreResults(sweep: sweep, results: results, baseline: baseline)
        let manifest = RunManifest(command: commandLine, scenarioFile: parsed.positionals[0], seed: seed, trials: (pointCount + 1) * trials,
                                   days: scenario.run.days, threads: threads, residents: RunCommand.expectedResidents(scenario),
                                   started: started, seconds: seconds)
        guard Common.commit(out, kind: .explore, files: ExploreResults.fileNames, console: console, write: {
            try data.write(to: out)
            try AtomicFile.write(manifest.json, to: (out as NSString).appendingPathComponent("manifest.json"))
        }) else { return ExitStatus.cannotCreate }
        if !quiet { console.out(summary(data, out: out)) }
        return ExitStatus.success
    }

    /// What stdout says: the design, the baseline and the point with the best safety score.
    static func summary(_ data: ExploreResults, out: String) -> String {
        let sweep = data.sweep
        var text = "\(sweep.scenario.name): \(sweep.unitPoints.count) design points × \(sweep.trials) trials, paired with the baseline, seed \(sweep.seed)\n"
        let safety = { (p: Int) in MetricSummary(data.results[p]!.map { $0[.safetyScore] }).mean }
        if let best = sweep.unitPoints.indices.max(by: { safety($0) < safety($1) }) {
            let d = PairedDifference(baseline: data.baseline.map { $0[.safetyScore] }, arm: data.results[best]!.map { $0[.safetyScore] }, kind: .score)
            let setting = zip(sweep.axes, sweep.values(at: best)).map { "\($0.path.text) = \(Chart.precise($1))" }.joined(separator: ", ")
            text += "Highest safety score: \(HeadlineReport.number(d.armMean)) at \(setting) "
                + "(\(d.difference > 0 ? "+" : "")\(HeadlineReport.number(d.difference)) vs the baseline, 95% CI \(HeadlineReport.number(d.ci95.lo)) to \(HeadlineReport.number(d.ci95.hi)))\n"
        }
        return text + "\nResults: \(out)/ (explore.html, explore.json, manifest.json); open explore.html in a browser\n"
    }
}

extension ExploreCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, commandLine: i.commandLine, console: i.console) }
}
