import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim sensitivity`: which parameters drive the outputs.
enum SensitivityCommand {
    static let spec = CommandSpec(
        name: "sensitivity",
        abstract: "Sobol indices or Morris screening of the varied parameters.",
        discussion: """
        Sobol (default): first-order and total-order indices from Saltelli sampling on a Sobol \
        sequence (Saltelli 2010 and Jansen estimators), with 95% bootstrap intervals; --samples N \
        base rows make N·(k + 2) design points. Morris: elementary effects (μ*, μ, σ) from \
        --samples trajectories, the cheap screen. Each point runs --replicates trials with the \
        same trial indices (common random numbers); the noise that differs between point means, \
        measured on 8 points re-run on independent streams, is reported as a share of the output \
        variance. The indices have converged when every bootstrap 95% half-width is at most 0.05 \
        and every index lies in [0, 1]; one outside is reported as an estimation error. Writes sensitivity.json, sensitivity.csv, \
        sensitivity_points.csv and report.html (the indices as bar charts, with both checks in words).
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            vary.spec, method.spec, samples.spec, replicates.spec, metrics.spec,
            Common.seed.spec, Common.threads.spec, out.spec, Common.lang.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: ["govsim sensitivity scenarios/example.json5 --vary services.budget=0:2000000 --vary triage.accuracy=0.6:0.95 --vary volunteers.initialShare=0:0.05"]
    )

    static let vary = Option<[String]>.repeating("vary", valueName: "path=lo:hi", help: "A parameter and its range.")
    static let method = Option<SensitivityStudy.Method>.choice("method", valueName: "m", help: "sobol or morris.", default: .sobol)
    /// Sobol base rows or Morris trajectories, nil for the method's default.
    static let samples = Option<Int?>.integer("samples", help: "Sobol base rows, or Morris trajectories.", defaultText: "64 (sobol), 20 (morris)",
                                              in: 2...1_000_000)
    static let replicates = Option<Int>.integer("replicates", valueName: "r", help: "Trials per design point.", default: 10, in: 1...100_000)
    /// The outputs to analyse, each name checked.
    static let metrics = Option<String>.string("metrics", valueName: "names", help: "Comma-separated outputs to analyse.",
                                               default: "safety_score,satisfaction_pct").map { text, parsed in
        try text.split(separator: ",").map { try Common.metric(String($0), option: "metrics", command: parsed.command) }
    }
    static let out = Common.out("results/<scenario>-sensitivity")

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        // Usage first: every option is checked before the file is read.
        let specs = try parsed[Self.vary]
        guard specs.count >= 1 else { throw UsageError(message: "give at least one --vary PATH=lo:hi", command: "sensitivity") }
        let axisSpecs = try Common.axisSpecs(specs, option: "vary", command: "sensitivity")
        let method = try parsed[Self.method]
        if method == .sobol && 2 * axisSpecs.count > SobolSequence.maxDimensions {
            throw UsageError(message: "--method sobol: at most \(SobolSequence.maxDimensions / 2) parameters", command: "sensitivity")
        }
        let samples = try parsed[Self.samples] ?? (method == .sobol ? 64 : 20)
        let replicates = try parsed[Self.replicates]
        let metrics = try parsed[Self.metrics]
        let givenSeed = try parsed[Common.seed]
        _ = try parsed[Common.threads]

        guard let loaded = Common.load(parsed.positionals[0], fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
        var scenario = loaded.scenario
        let axes = try Common.axes(axisSpecs, in: scenario, option: "vary", command: "sensitivity")
        let seed = givenSeed ?? UInt64(scenario.run.seed)
        scenario.run.seed = Int(seed)
        let quiet = try parsed[Common.quiet]
        let out = try parsed[Self.out] ?? "results/\(scenario.name)-sensitivity"
        let rows = Double(samples) * Double(method == .sobol ? axes.count + 2 : axes.count + 1) + Double(SensitivityStudy.noisePoints)
        let study = SensitivityStudy(scenario: scenario, axes: axes, metrics: metrics, method: method, samples: samples,
                                     replicates: replicates, seed: seed, threads: try parsed[Common.threads])
        let command = ResultsCommand<SensitivityStudy.Result>(
            out: out, kind: .sensitivity, files: SensitivityResults.fileNames,
            footprint: .init(scenarios: Common.extremes(scenario, axes: axes), threads: study.threads, keptTrials: rows * Double(replicates),
                             file: parsed.positionals[0]),
            quiet: quiet)
        return try command.execute(console: console, work: {
            let reporter = Common.progress(total: study.designPoints.count * replicates, quiet: quiet, console: console)
            let result = study.run(progress: reporter.map { r in { @Sendable _ in r.advance(by: 1) } }, shouldStop: { Interruption.shared.requested })
            reporter?.finish()
            guard let result else {
                console.err("govsim: interrupted; a sensitivity analysis needs every design point, nothing written\n")
                return .exit(ExitStatus.interrupted)
            }
            return .finished(result)
        }, write: { try SensitivityResults(study: study, result: $0).write(to: out) },
           summary: { text(study, $0) + "\nResults: \(out)/ (report.html, sensitivity.json, sensitivity.csv, sensitivity_points.csv)\n" })
    }

    static func text(_ study: SensitivityStudy, _ result: SensitivityStudy.Result) -> String {
        let n = HeadlineReport.number
        var out = "\(study.scenario.name): \(study.method.rawValue), \(result.points.count) design points × \(study.replicates) trials, seed \(study.seed)\n"
        for r in result.metrics {
            out += "\n\(r.metric.name) (\(r.metric.unit)): "
            out += "trial noise is \(n(100 * r.noiseShare))% of the variance across points"
            out += " (measured on \(min(SensitivityStudy.noisePoints, result.points.count)) points re-run on independent streams)"
            if r.noiseShare > 0.2 { out += " — high: raise --replicates before reading the indices" }
            out += "\n"
            if let s = r.sobol {
                let order = study.axes.indices.sorted { s.total[$0] > s.total[$1] }
                let rows = order.map { i in [study.axes[i].path.text, n(s.first[i]), "\(n(s.firstCI[i].lo)) – \(n(s.firstCI[i].hi))",
                                             n(s.total[i]), "\(n(s.totalCI[i].lo)) – \(n(s.totalCI[i].hi))"] }
                out += TextTable.render(header: ["parameter", "first order", "95% CI", "total order", "95% CI"], rows: rows,
                                        alignments: [.left, .right, .right, .right, .right])
                for e in r.outOfRange { out += "Estimation error: \(e) lies outside [0, 1]; raise --samples\n" }
                out += "Largest bootstrap 95% half-width of an index: \(n(r.bootstrapHalfWidth))"
                out += r.converged ? " (converged: ≤ \(n(SensitivityStudy.convergenceLimit)), all indices in [0, 1])\n"
                    : " — not converged: raise --samples\n"
            }
            if let m = r.morris {
                let order = study.axes.indices.sorted { m.muStar[$0] > m.muStar[$1] }
                let rows = order.map { i in [study.axes[i].path.text, n(m.muStar[i]), n(m.mu[i]), n(m.sigma[i])] }
                out += TextTable.render(header: ["parameter", "μ* (per full range)", "μ", "σ"], rows: rows, alignments: [.left, .right, .right, .right])
            }
        }
        return out
    }
}

extension SensitivityCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
