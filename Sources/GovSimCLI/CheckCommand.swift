import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim check`: does each scenario reproduce its observed targets?
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Run scenarios and check their targets (observed values with tolerances).",
        discussion: """
        Runs each SCENARIO that has a `targets` section and, for a target relative to another \
        scenario, that scenario too, on the same seed and trial indices (a paired change). Prints, \
        per target, the observed value and tolerance, the predicted mean and its 95% interval, and \
        whether it is met (|predicted − observed| ≤ tolerance). A target is `fitted` (a figure of \
        the place before, which calibration may use) or `predicted` (a figure the mechanisms must \
        reach, which nothing was tuned to). Writes check.json. Exits 1 when a fitted target is \
        missed; predictions are reported hit or missed without failing, unless --strict.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files with targets.", isRepeating: true)],
        options: [trials.spec, Common.seed.spec, Common.threads.spec, out.spec, Common.lang.spec, Common.fixed.spec, Common.quiet.spec,
                  strict.spec, baseline.spec, margin.spec, alpha.spec],
        examples: ["govsim check scenarios/cases/*.json5",
                   "govsim check --baseline results/baselines/council.baseline.json scenarios/regression/council.json5"]
    )

    static let trials = Common.spreadTrialCount
    static let out = Common.out("results/check")
    static let strict = Option<Bool>.flag("strict", help: "Fail (exit 1) when a predicted target is missed too.")
    static let baseline = Option<String?>.string("baseline", valueName: "file", help: "Instead: check one scenario against a recorded baseline (exit 1 on drift).")
    /// With --baseline: the tolerance as a fraction of the baseline mean (given in %), nil for the baseline's.
    static let margin = Option<Double?>.number("margin", valueName: "pct", help: "With --baseline: tolerance per output, % of its baseline mean.",
                                               defaultText: "the baseline's, else 1", in: 0...100).map { pct, _ in pct.map { $0 / 100 } }
    /// With --baseline: the family-wise false-alarm rate, nil for the baseline's.
    static let alpha = Option<Double?>.number("alpha", valueName: "a", help: "With --baseline: false-alarm rate over all outputs.",
                                              defaultText: "the baseline's, else 0.05", in: 1e-9...0.5)

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        if let baseline = try parsed[Self.baseline] {
            return try RegressionCheck.execute(parsed, baselinePath: baseline, console: console)
        }
        // Usage first: a bad option value is 64 whatever the files hold.
        let trials = try parsed[Self.trials], seed = try parsed[Common.seed], threads = try parsed[Common.threads]
        let strict = try parsed[Self.strict]
        var files: [LoadedScenario] = []
        var failed = false
        for path in parsed.positionals {
            if let loaded = Common.load(path, fixed: try parsed[Common.fixed], console: console) { files.append(loaded) } else { failed = true }
        }
        if failed { return ExitStatus.dataError }
        let quiet = try parsed[Common.quiet]
        let withTargets = files.filter { !$0.targets.isEmpty }
        for f in files where f.targets.isEmpty && !quiet { console.out("\(f.path): no targets\n") }
        let out = try parsed[Self.out] ?? "results/check"
        // Each file is refused before anything runs if one of its runs (the file, the references
        // its relative targets name, its counterfactual) would not fit.
        let footprint = Footprint(runs: withTargets.map { f in
            (f.targeted.scenarios.map { s in var s = s; if let trials { s.run.trials = trials }; return s }, f.path)
        }, threads: threads, keptTrials: nil)
        let command = ResultsCommand<[TargetEvaluator.FileResult]>(out: out, kind: .check, files: CheckResults.fileNames, footprint: footprint, quiet: quiet)
        return try command.execute(console: console, work: {
            guard let results = TargetEvaluator(threads: threads).evaluate(withTargets.map(\.targeted), trials: trials, seed: seed,
                                                                         shouldStop: { Interruption.shared.requested }) else {
                console.err("govsim: interrupted; nothing written\n")
                return .exit(ExitStatus.interrupted)
            }
            return .finished(results)
        }, write: { try CheckResults.write($0, to: out) },
           summary: { text($0) + "\nResults: \(out)/ (check.json, report.html)\n" },
           status: { results in
            let failing = results.flatMap(\.predictions).filter { !$0.passed && (strict || $0.target.kind == .fitted) }
            return failing.isEmpty ? ExitStatus.success : ExitStatus.failure
        })
    }

    static func text(_ results: [TargetEvaluator.FileResult]) -> String {
        let n = HeadlineReport.number
        var out = ""
        for r in results {
            out += "\n\(r.file.path) (\(r.trials) trials, seed \(r.seed))\n"
            let rows = r.predictions.map { p -> [String] in
                let observed: String
                switch p.target.observed {
                case .value(let v): observed = n(v)
                case .change(let pct, let reference): observed = "\(ComparisonReport.signed(pct))% vs \(reference.written)"
                }
                let unit = p.target.isChange ? "%" : ""
                let status = p.target.kind == .fitted ? (p.met ? "met" : "MISSED") : (p.hit ? "hit" : "miss")
                let counterfactual = p.counterfactual.map { n($0) + unit } ?? ""
                return [p.target.metric.name, p.target.kind.rawValue, observed, "±" + n(p.target.tolerance), n(p.mean) + unit,
                        "\(n(p.ci95.lo)) – \(n(p.ci95.hi))", "\(n(p.pi90.lo)) – \(n(p.pi90.hi))", counterfactual, status]
            }
            out += TextTable.render(header: ["output", "kind", "observed", "tolerance", "predicted", "95% CI of mean", "90% predictive",
                                             "no policy", "status"], rows: rows,
                                    alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .left])
        }
        let all = results.flatMap(\.predictions)
        let fitted = all.filter { $0.target.kind == .fitted }, predicted = all.filter { $0.target.kind == .predicted }
        out += "\n\(fitted.filter(\.met).count) of \(fitted.count) fitted targets met; "
            + "\(predicted.filter(\.hit).count) of \(predicted.count) predictions hit (observed inside the 90% predictive interval)\n"
        out += "A fitted target is met when the mean is within its tolerance; a prediction is hit when the observed figure lies "
            + "inside the 90% predictive interval (chance and the parameters' priors).\n"
        return out
    }
}

extension CheckCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
