import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim explain`: why a multi-lever policy works, lever by lever.
enum ExplainCommand {
    static let spec = CommandSpec(
        name: "explain",
        abstract: "Split a policy's effect among its levers (Shapley values, each alone, leave-one-out).",
        discussion: """
        The levers are the scenario paths POLICY sets differently from BASELINE, found by \
        comparing the two resolved scenarios (defaults and extends filled in; a schedule is one \
        lever, a list of a different length one lever taken whole; names, run settings and labels \
        are not levers). The baseline with every combination of levers pulled runs as one paired \
        comparison on common random numbers, and for every output govsim reports each lever's \
        effect alone, the policy's loss without it (leave-one-out), and its Shapley value: its \
        share of the whole effect, averaged over every order of adding the levers, so the shares \
        add up to the policy's effect exactly. Exact for up to 8 levers (2^8 = 256 combinations); \
        above, estimated from --permutations random orders, with the sampling error stated and \
        included in the interval. The mechanism outputs behind safety and satisfaction (incidents, \
        response minutes, disputes, resolution, petitions) are split the same way. Writes \
        explain.json, explain.csv, manifest.json and report.html (a waterfall per headline output). \
        Finished trials are kept as they finish: after a kill, --resume finishes to exactly the files \
        an uninterrupted run writes.
        """,
        arguments: [
            ArgumentSpec(name: "baseline", help: "The baseline scenario."),
            ArgumentSpec(name: "policy", help: "The policy scenario (several levers changed)."),
        ],
        options: [
            Common.trialCount.spec, Common.seed.spec, Common.threads.spec,
            permutations.spec, resume.spec,
            out.spec, Common.lang.spec, format.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: [
            "govsim explain scenarios/cases/pudong-baseline.json5 scenarios/cases/pudong-policy.json5",
            "govsim explain base.json5 package.json5 --trials 100 --format json",
        ]
    )

    static let permutations = Option<Int>.integer("permutations", valueName: "m", help: "Random orders for sampled Shapley values (more than 8 levers); rounded up to even (each order and its reverse).",
                                                  default: 64, in: 2...100_000)
    static let resume = Option<Bool>.flag("resume", help: "Finish an interrupted explanation in the same output folder (its finished trials are kept).")
    static let out = Common.out("results/<policy>-explained")
    static let format = Common.format("explain.json")

    static func execute(_ parsed: ParsedArguments, commandLine: [String] = [], console: Console) throws -> Int32 {
        let files = parsed.positionals
        let trialsOverride = try parsed[Common.trialCount]
        let seedOverride = try parsed[Common.seed]
        let threads = try parsed[Common.threads]
        let permutations = try parsed[Self.permutations]
        let quiet = try parsed[Common.quiet]
        let json = try parsed[Self.format] == .json

        var scenarios: [Scenario] = []
        for file in files {
            guard let loaded = Common.load(file, fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
            scenarios.append(loaded.scenario)
        }
        let (baseline, policy) = (scenarios[0], scenarios[1])
        if baseline.run.uncertainty != policy.run.uncertainty {
            console.err("govsim: \(files[1]): run.uncertainty is \"\(policy.run.uncertainty.rawValue)\" but the baseline's is "
                        + "\"\(baseline.run.uncertainty.rawValue)\": the two would differ in every parameter left to the defaults. "
                        + "Make them agree, or give --fixed\n")
            return ExitStatus.dataError
        }
        let levers = PolicyLevers(baseline: baseline, policy: policy)
        guard levers.levers.count <= LeverAttribution.leverLimit else {
            console.err("govsim: \(files[1]): changes \(levers.levers.count) levers of the baseline; explain splits at most "
                        + "\(LeverAttribution.leverLimit) (group changes into fewer policy files, or explain part of the package)\n")
            return ExitStatus.dataError
        }
        let seed = seedOverride ?? UInt64(baseline.run.seed)
        let trials = trialsOverride ?? baseline.run.trials
        let days = baseline.run.days
        let attribution = LeverAttribution(levers: levers, permutations: permutations, seed: seed)
        var arms = attribution.scenarios()
        for i in arms.indices {
            arms[i].run.seed = Int(seed)
            arms[i].run.trials = trials
            arms[i].posterior = baseline.posterior
        }
        let out = try parsed[Self.out] ?? "results/\(policy.name)-explained"
        let digest = ExplainResults.digest(arms, trials: trials)
        let resume = try parsed[Self.resume]
        var seconds = 0.0
        let command = ResultsCommand<ExplainResults>(
            out: out, kind: .explain, files: ExplainResults.fileNames + ["manifest.json"],
            footprint: .init(scenarios: arms, threads: threads, keptTrials: Double(arms.count * trials), file: files[0]), quiet: quiet)
        var manifest: RunManifest?
        return try command.execute(console: console, work: {
            if !quiet {
                let how = attribution.isExact ? "all \(arms.count) combinations" : "\(arms.count) combinations along \(attribution.orders.count) random orders"
                console.err("\(levers.levers.count) levers (\(levers.levers.map(\.path).joined(separator: ", "))): \(how) × \(trials) trials\n")
                for note in levers.ignored { console.err("govsim: not a lever: \(note)\n") }
            }
            // The journal keeps every finished (combination, trial); --resume replays with them.
            let (outcome, known, started): (Comparison.Outcome, [[Int: TrialResult]], Date)
            switch Common.runArms(arms, plan: Comparison.Plan(trials: trials), seed: seed, threads: threads, out: out, digest: digest, cap: trials,
                                  resume: resume, what: "explanation", quiet: quiet, console: console) {
            case .ran(let o, let k, let start, let s): (outcome, known, started, seconds) = (o, k, start, s)
            case .done(let status): return .exit(status)
            }
            guard outcome.stoppedBecause != "interrupted" else {
                // A decomposition needs every combination in the same trials: nothing is written but the journal.
                console.err("govsim: interrupted: the finished trials are kept in \(out)/\(RunJournal.fileName); add --resume to finish\n")
                return .exit(ExitStatus.interrupted)
            }
            var m = RunManifest(command: commandLine, scenarioFile: files[0], seed: seed, trials: trials, days: days, threads: threads,
                                residents: RunCommand.expectedResidents(baseline), started: started, seconds: seconds)
            m.resumedTrials = resume ? known.map(\.count).reduce(0, +) : nil
            m.runDigest = digest
            manifest = m
            return .finished(ExplainResults(baselineName: baseline.name, policyName: policy.name, seed: seed, days: days,
                                            attribution: attribution, results: outcome.results))
        }, write: { results in
            try results.write(to: out)
            try AtomicFile.write(manifest!.json, to: (out as NSString).appendingPathComponent("manifest.json"))
        }, committed: { _ in RunJournal.remove(from: out) }, summary: { results in
            json ? results.json : text(results, trials: trials, seconds: seconds) + "\nResults: \(out)/ (report.html, explain.json, explain.csv)\n"
        })
    }

    /// The answer on stdout: per headline output, each lever alone, its Shapley value and the
    /// loss without it, with 95% intervals.
    static func text(_ r: ExplainResults, trials: Int, seconds: Double) -> String {
        let a = r.attribution
        var out = "\(r.policyName) vs \(r.baselineName): \(a.k) levers, "
        out += a.isExact ? "exact Shapley values over \(a.coalitions.count) combinations" : "Shapley values from \(a.orders.count) random orders"
        out += ", \(trials) paired trials × \(r.days) days, seed \(r.seed), \(String(format: "%.1f", seconds)) s\n"
        for m in [Metric.safetyScore, .satisfactionPct, .costTotal] {
            let d = r.decomposition[m.rawValue]
            out += "\n\(m.name) (\(m.unit); \(m.higherIsBetter ? "higher" : "lower") is better): \(HeadlineReport.number(d.baselineMean)) → "
            out += "\(HeadlineReport.number(d.policyMean)), \(ComparisonReport.signed(d.total.mean)) (95% CI \(interval(d.total)))\n"
            var rows = a.levers.levers.enumerated().map { i, lever -> [String] in
                [lever.path, "\(lever.from) → \(lever.to)", cell(d.alone[i]), cell(d.shapley[i]), cell(d.leaveOneOut[i])]
            }
            rows.append(["interaction", "", cell(d.interaction), "", ""])
            out += TextTable.render(header: ["lever", "baseline → policy", "alone (95% CI)", "Shapley (95% CI)", "without it (95% CI)"],
                                    rows: rows, alignments: [.left, .left, .right, .right, .right])
        }
        out += "Alone: only this lever pulled. Shapley: its share of the whole effect (the shares add up to it). "
        out += "Without it: what the policy loses if it is left out. Interaction: whole effect − Σ alone.\n"
        return out
    }

    static func cell(_ e: LeverAttribution.Estimate) -> String {
        "\(ComparisonReport.signed(e.mean)) (\(interval(e)))"
    }

    static func interval(_ e: LeverAttribution.Estimate) -> String {
        e.ci95.lo.isFinite ? "\(ComparisonReport.signed(e.ci95.lo)) – \(ComparisonReport.signed(e.ci95.hi))" : "–"
    }
}

extension ExplainCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, commandLine: i.commandLine, console: i.console) }
}
