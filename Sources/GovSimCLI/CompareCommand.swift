import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim compare`: policies against a baseline with paired trials.
enum CompareCommand {
    static let spec = CommandSpec(
        name: "compare",
        abstract: "Compare policies with a baseline using paired trials.",
        discussion: """
        Runs BASELINE and every POLICY with the same seed and trial indices, so trial i of each arm \
        shares the random streams of every process the policy leaves alone (common random numbers). \
        Reports, per metric and policy, the difference from the baseline with its 95% interval, the \
        relative change, the effect size (Cohen's d), the paired t-test p-value, and the correlation \
        pairing bought; and cost-effectiveness. With --precision, trials run in batches until every \
        difference of the headline outputs is that precise; with several policies, only arms still \
        in contention for first place get more trials, and the probability that the chosen arm is \
        best is reported. Arms whose simultaneous 95% intervals do not put them more than \
        --indifference behind the first are listed as indistinguishable from it; --select runs \
        Kim and Nelson's (2001) fully sequential selection, which picks the best arm with \
        probability ≥ 1 − alpha whenever it leads the others by at least --indifference. Counts \
        of rare events get Poisson-aware intervals and an exact sign-flip test; relative changes \
        get Fieller intervals. Writes compare.json, compare.csv, trials.csv, manifest.json and report.html \
        (a forest plot of the differences, cost-effectiveness and the tables). Finished trials are \
        kept in checkpoint.txt as they finish: after a kill, --resume finishes the comparison to \
        exactly the files an uninterrupted one writes.
        """,
        arguments: [
            ArgumentSpec(name: "baseline", help: "The baseline scenario."),
            ArgumentSpec(name: "policy", help: "Policy scenarios to compare with it.", isRepeating: true),
        ],
        options: [
            Common.trialCount.spec, Common.seed.spec, Common.threads.spec,
            Common.precision.spec, Common.maxTrials.spec, Common.batch.spec,
            objective.spec, indifference.spec, select.spec, alpha.spec, resume.spec,
            out.spec, Common.lang.spec, format.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: [
            "govsim compare scenarios/cases/pudong-baseline.json5 scenarios/cases/pudong-policy.json5",
            "govsim compare base.json5 a.json5 b.json5 --precision 0.2 --objective satisfaction_pct",
        ]
    )

    static let objective = Common.metric("objective", help: "What 'best' means for ranking.", default: "safety_score")
    /// The indifference zone, in the objective's unit.
    static let indifference = Option<Double>.number("indifference", valueName: "delta", help: "Indifference zone on the objective (its unit): arms within it of the first are reported as indistinguishable.",
                                                    default: 0, in: 0...1e12)
    static let select = Option<Bool>.flag("select", help: "Choose the best arm by Kim–Nelson's sequential procedure: P(correct selection) ≥ 1 − alpha when the best leads by ≥ --indifference (first stage --trials, then --batch at a time up to --max-trials).")
    static let alpha = Option<Double>.number("alpha", valueName: "a", help: "1 − confidence of --select and of the indistinguishable group.",
                                             default: 0.05, in: 1e-6...0.5)
    static let resume = Option<Bool>.flag("resume", help: "Finish an interrupted comparison in the same output folder (its finished trials are kept).")
    static let out = Common.out("results/<baseline>-vs-<policy>")
    static let format = Common.format("compare.json")

    static func execute(_ parsed: ParsedArguments, commandLine: [String] = [], console: Console) throws -> Int32 {
        let files = parsed.positionals
        let trialsOverride = try parsed[Common.trialCount]
        let seedOverride = try parsed[Common.seed]
        let threads = try parsed[Common.threads]
        let precision = try parsed[Common.precision]
        let maxTrials = try parsed[Common.maxTrials]
        let batch = try parsed[Common.batch]
        let objective = try parsed[Self.objective]
        let quiet = try parsed[Common.quiet]
        let json = try parsed[Self.format] == .json
        let indifference = try parsed[Self.indifference]
        let select = try parsed[Self.select]
        let alpha = try parsed[Self.alpha]
        if select && indifference <= 0 {
            throw UsageError(message: "--select needs --indifference DELTA > 0 (the smallest difference worth telling apart, in the objective's unit)", command: "compare")
        }
        if select && precision != nil {
            throw UsageError(message: "--select and --precision are two stopping rules; give one", command: "compare")
        }

        var scenarios: [Scenario] = []
        var failed = false
        for file in files {
            if let loaded = Common.load(file, fixed: try parsed[Common.fixed], console: console) { scenarios.append(loaded.scenario) } else { failed = true }
        }
        if failed { return ExitStatus.dataError }
        let seed = seedOverride ?? UInt64(scenarios[0].run.seed)
        let trials = trialsOverride ?? scenarios[0].run.trials
        let days = scenarios[0].run.days
        // Paired arms must cover the same days; trials and seed come from the baseline.
        for i in scenarios.indices {
            scenarios[i].run.days = days
            scenarios[i].run.seed = Int(seed)
        }
        let keptTrials = Double(scenarios.count) * Double(precision != nil || select ? max(maxTrials, trials) : trials)
        let policies = scenarios.dropFirst().map(\.name)
        let out = try parsed[Self.out] ?? "results/\(scenarios[0].name)-vs-\(policies[0])\(policies.count > 1 ? "-and-\(policies.count - 1)-more" : "")"
        let plan = Comparison.Plan(trials: precision == nil ? (select ? (trialsOverride ?? 20) : trials) : min(trials, batch), precision: precision,
                                   maxTrials: maxTrials, batch: batch, objective: objective, indifference: indifference, select: select, alpha: alpha)
        let digest = CompareResults.digest(scenarios, plan: plan)
        let cap = plan.precision == nil && !plan.select ? plan.trials : plan.maxTrials
        let resume = try parsed[Self.resume]
        var seconds = 0.0
        let command = ResultsCommand<(results: CompareResults, manifest: RunManifest)>(
            out: out, kind: .compare, files: CompareResults.fileNames + ["manifest.json"],
            footprint: .init(scenarios: scenarios.map { var s = $0; s.run.trials = trials; return s }, threads: threads,
                             keptTrials: keptTrials, file: files[0]),
            quiet: quiet)
        return try command.execute(console: console, work: {
            // The journal keeps every finished (arm, trial) as it finishes; --resume replays the
            // comparison with them, so it ends exactly as an uninterrupted one.
            let (outcome, known, started): (Comparison.Outcome, [[Int: TrialResult]], Date)
            switch Common.runArms(scenarios, plan: plan, seed: seed, threads: threads, out: out, digest: digest, cap: cap, resume: resume,
                                  what: "comparison", quiet: quiet, console: console) {
            case .ran(let o, let k, let start, let s): (outcome, known, started, seconds) = (o, k, start, s)
            case .done(let status): return .exit(status)
            }
            let interrupted = outcome.stoppedBecause == "interrupted"
            guard outcome.results.allSatisfy({ $0.count > 1 }) else {
                console.err("govsim: interrupted before every arm had two trials; the finished ones are kept in \(out)/\(RunJournal.fileName) (add --resume to finish)\n")
                return .exit(ExitStatus.interrupted)
            }
            let results = CompareResults(scenarios: scenarios, seed: seed, outcome: outcome, objective: objective, indifference: indifference, alpha: alpha)
            let finishedTrials = outcome.results.map(\.count)
            var manifest = RunManifest(command: commandLine, scenarioFile: files[0], seed: seed, trials: finishedTrials.max() ?? 0,
                                       days: days, threads: threads, residents: RunCommand.expectedResidents(scenarios[0]),
                                       started: started, seconds: seconds)
            manifest.partial = interrupted ? PartialRun(requestedTrials: cap, finishedTrials: Array(0..<(finishedTrials.min() ?? 0))) : nil
            manifest.resumedTrials = resume ? known.map(\.count).reduce(0, +) : nil
            manifest.runDigest = digest
            // The folder commits whole; the journal keeps the finished trials until it has.
            guard interrupted else { return .finished((results, manifest)) }
            return .partial((results, manifest), note: "interrupted: the finished trials were written (manifest.json marks the comparison partial) and are kept in \(out)/\(RunJournal.fileName); add --resume to finish")
        }, write: { r in
            try r.results.write(to: out)
            try AtomicFile.write(r.manifest.json, to: (out as NSString).appendingPathComponent("manifest.json"))
        }, committed: { _ in RunJournal.remove(from: out) }, summary: { r in
            if json { return r.results.json }
            return ComparisonReport.text(r.results, days: days, seconds: seconds, colour: console.colour)
                + "\n" + Catalogue.resultsIn(out, "report.html, compare.json, compare.csv, trials.csv") + "\n"
        })
    }
}

/// `govsim compare`'s answer on stdout: the ranked arms, then each policy's differences. With
/// `colour`, headers are bold and differences whose 95% interval excludes zero are green when
/// better, red when worse.
enum ComparisonReport {
    static func text(_ r: CompareResults, days: Int, seconds: Double, colour: Bool = false) -> String {
        let o = r.outcome
        let n = o.results.map(\.count)
        var out: String
        let trials = Set(n).count == 1 ? "\(n[0])" : n.map(String.init).joined(separator: "/")
        out = Catalogue.compareLine(r.names[0], r.names.dropFirst().joined(separator: ", "), trials: trials, days: days, seed: "\(r.seed)",
                                    seconds: String(format: "%.1f", seconds), stopped: o.stoppedBecause) + "\n\n"
        out += Catalogue.rankedBy(HeadlineReport.columnName(r.objective), higherIsBetter: r.objective.higherIsBetter,
                                  indifference: r.indifference > 0 ? HeadlineReport.number(r.indifference) : nil) + "\n"
        if let sel = o.selection {
            out += Catalogue.kimNelson(r.names[sel.selected], stage: sel.stage, firstStage: sel.firstStage)
            out += (sel.guaranteed ? Catalogue.correctSelection(HeadlineReport.number(100 * (1 - sel.alpha)), HeadlineReport.number(sel.delta))
                : tr("stopped by --max-trials before the procedure ended: no guarantee.")) + "\n"
        }
        if o.indistinguishable.count > 1 {
            out += Catalogue.cannotBeToldApart(HeadlineReport.number(r.indifference), HeadlineReport.number(100 * (1 - alpha(r))),
                                               o.indistinguishable.map { r.names[$0] }.joined(separator: ", ")) + "\n"
        } else if r.names.count > 1 {
            out += Catalogue.firstIsAhead(HeadlineReport.number(r.indifference), HeadlineReport.number(100 * (1 - alpha(r)))) + "\n"
        }
        let rows = o.ranking.enumerated().map { rank, arm -> [String] in
            let mean = MetricSummary(o.results[arm].map { $0[r.objective] }).mean
            guard arm > 0 else { return [String(rank + 1), r.names[arm] + tr(" (baseline)"), HeadlineReport.number(mean), "", "", "", ""] }
            let d = o.differences[arm - 1][r.objective.rawValue]
            let ce = r.costEffectiveness(arm)
            return [String(rank + 1), r.names[arm], HeadlineReport.number(mean), signed(d.difference),
                    "\(signed(d.ci95.lo)) – \(signed(d.ci95.hi))", pValue(d.pValue), signed(ce.extraCost)]
        }
        out += TextTable.render(header: ["rank", "arm", "mean", "difference", "95% CI", "p", "extra cost (yuan)"].map(tr), rows: rows,
                                alignments: [.right, .left, .right, .right, .right, .right, .right],
                                style: style(colour, difference: 3) { row in
                                    let arm = o.ranking[row]
                                    return arm > 0 ? (o.differences[arm - 1][r.objective.rawValue], r.objective) : nil
                                })
        for arm in 1..<r.names.count {
            out += "\n\(r.names[arm]) − \(r.names[0])\(tr(":"))\n"
            let named = Language.current != .en
            let rows = Metric.headline.map { m -> [String] in
                let d = o.differences[arm - 1][m.rawValue]
                return [named ? m.displayName : m.name, HeadlineReport.number(d.baselineMean), HeadlineReport.number(d.armMean), signed(d.difference),
                        "\(signed(d.ci95.lo)) – \(signed(d.ci95.hi))", "\(signed(d.prediction90.lo)) – \(signed(d.prediction90.hi))",
                        Chart.change(m, difference: d.difference, relativePct: d.relativeChangePct, signed: signed),
                        HeadlineReport.number(d.effectSize), pValue(d.pValue), HeadlineReport.number(d.correlation)]
            }
            out += TextTable.render(header: [named ? "output" : "metric", "baseline", "policy", "difference", "95% CI of mean", "90% predictive",
                                             "change", "effect d", "p", "pairing r"].map(tr),
                                    rows: rows, alignments: [.left] + Array(repeating: .right, count: 9),
                                    style: style(colour, difference: 3) { row in
                                        (o.differences[arm - 1][Metric.headline[row].rawValue], Metric.headline[row])
                                    })
            out += tr("95% CI of mean: how precisely the average effect is known (narrows with trials). 90% predictive: how the "
                      + "effect could turn out in one realisation, over chance and the parameters both arms draw alike.") + "\n"
            let ce = r.costEffectiveness(arm)
            out += Catalogue.costEffectivenessLine(HeadlineReport.number(ce.safetyPointsPerMillion), HeadlineReport.number(ce.satisfactionPointsPerMillion),
                                                   perDispute: ce.costPerDisputeAverted.isFinite ? HeadlineReport.number(ce.costPerDisputeAverted) : nil) + "\n"
            out += byGroup(r, arm: arm, colour: colour)
        }
        if r.satisfiedThreshold.isFinite, r.names.count > 1 {
            let happiness = o.differences[0][Metric.meanHappiness.rawValue].baselineMean
            out += Catalogue.satisfiedLine(HeadlineReport.number(r.satisfiedThreshold), HeadlineReport.number(r.satisfiedThresholdSpread),
                                           HeadlineReport.number(happiness), signed(happiness - r.satisfiedThreshold)) + "\n"
        }
        return out
    }

    /// The headline metrics given per group: the paired differences by group and estate type.
    static let groupMetrics = Metric.headline.filter { Metric.byGroupColumns.contains($0) }

    /// For a district of several groups, policy `arm`'s paired differences from the baseline by
    /// group and estate type (`CompareResults.partDifferences`): every part up to 20 parts, the
    /// estate types alone beyond (every group is in compare.json and compare.csv).
    static func byGroup(_ r: CompareResults, arm: Int, colour: Bool) -> String {
        let parts = r.partDifferences(arm)
        guard !parts.isEmpty else { return "" }
        let shown = parts.count <= 20 ? parts : parts.filter { $0.part.kind == .estate }
        var out = "\n" + Catalogue.byGroupOf(r.names[arm], r.names[0]) + "\n"
        if shown.count < parts.count {
            out += Catalogue.groupsOmitted(parts.count - shown.count) + "\n"
        }
        var rows: [[String]] = [], cells: [(PairedDifference, Metric)] = []
        for (part, differences) in shown {
            let label = part.kind == .group ? part.name : part.name + tr(" (estate)")
            for (k, m) in groupMetrics.enumerated() {
                guard let d = differences.first(where: { $0.0 == m })?.1 else { continue }
                rows.append([k == 0 ? label : "", HeadlineReport.columnName(m), HeadlineReport.number(d.baselineMean), HeadlineReport.number(d.armMean),
                             signed(d.difference), "\(signed(d.ci95.lo)) – \(signed(d.ci95.hi))"])
                cells.append((d, m))
            }
        }
        return out + TextTable.render(header: ["group", Language.current == .en ? "metric" : "output", "baseline", "policy", "difference",
                                               "95% CI of mean"].map(tr), rows: rows,
                                      alignments: [.left, .left, .right, .right, .right, .right],
                                      style: style(colour, difference: 4) { cells[$0] })
    }

    /// The tables' colouring: bold headers, and in column `difference` green for a difference
    /// whose 95% interval lies on the better side of zero, red on the worse; nil without colour.
    static func style(_ colour: Bool, difference: Int,
                      _ at: @escaping (Int) -> (PairedDifference, Metric)?) -> ((Int, Int) -> String?)? {
        guard colour else { return nil }
        return { row, column in
            if row < 0 { return ANSI.bold }
            guard column == difference, let (d, m) = at(row), d.ci95.lo > 0 || d.ci95.hi < 0 else { return nil }
            return (d.difference > 0) == m.higherIsBetter ? ANSI.green : ANSI.red
        }
    }

    static func alpha(_ r: CompareResults) -> Double { r.outcome.selection?.alpha ?? r.alpha }

    static func signed(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        return (x > 0 ? "+" : "") + HeadlineReport.number(x)
    }

    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "–" }
        return p < 0.001 ? "<0.001" : String(format: "%.3f", p)
    }
}

extension CompareCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, commandLine: i.commandLine, console: i.console) }
}
