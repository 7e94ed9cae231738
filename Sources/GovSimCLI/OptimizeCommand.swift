import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim optimize`: the best mix of levers within a budget.
enum OptimizeCommand {
    static let spec = CommandSpec(
        name: "optimize",
        abstract: "Find the mix of policy levers that maximises an objective within a budget.",
        discussion: """
        Tries --candidates Sobol points over the levers' ranges (plus the scenario as it stands), \
        each on the same --trials trials (common random numbers); keeps those whose mean cost_total \
        over the run's days is within --budget (yuan); re-evaluates the best --finalists on fresh \
        trials, so the choice is not the luckiest candidate; reports the chosen mix with its 95% \
        interval, its gain over the status quo, and the cost–benefit frontier. The objective is one \
        output (--objective) or a weighted mix (--weights), lower-is-better outputs counting negatively. \
        Finalists the best cannot be told apart from (paired 95% interval) are a statistical tie, \
        broken by cost: the cheapest is chosen. --constraint bounds another output's change from \
        the status quo (a candidate breaking it is not feasible); the chosen mix's effect on every \
        headline output is reported. --pareto METRIC adds the Pareto front over the objective and \
        METRIC among feasible candidates. Writes optimize.json, optimize.csv and report.html (every candidate's cost against its \
        objective, the budget and the choice).
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            budget.spec, over.spec, objective.spec, weights.spec, constraints.spec, pareto.spec,
            candidates.spec, trials.spec, finalists.spec, finalTrials.spec,
            Common.seed.spec, Common.threads.spec, out.spec, Common.lang.spec, Common.fixed.spec, Common.quiet.spec,
        ],
        examples: ["govsim optimize scenarios/example.json5 --budget 7000000 --over services.budget=0:2000000 --over mediation.tiers[0].staff=2:12 --over sensors.cameras.coverage=0:1"]
    )

    /// The cost bound, in yuan over the run's days; required.
    static let budget = Option<Double?>.number("budget", valueName: "yuan", help: "Upper bound on the mean total cost over the run's days.", in: 0...1e15)
    static let over = Option<[String]>.repeating("over", valueName: "path=lo:hi", help: "A lever and its range.")
    static let objective = Common.metric("objective", help: "The output to maximise.", default: "safety_score")
    static let weights = Option<String?>.string("weights", valueName: "m=w,...", help: "A weighted mix instead, e.g. safety_score=0.5,satisfaction_pct=0.5.")
    static let constraints = Option<[String]>.repeating("constraint", valueName: "metric<=±x[%]", help: "Bound another output's change from the status quo: median_resolution_hours<=+10% (relative) or mean_trust>=-1 (in its unit).")
        .map { texts, _ in try texts.map(constraint) }
    static let pareto = Common.metric("pareto", help: "A second objective: report the Pareto front over the objective and this output.")
    static let candidates = Option<Int>.integer("candidates", help: "Candidate mixes to try.", default: 64, in: 1...100_000)
    static let trials = Option<Int>.integer("trials", short: "n", help: "Trials per candidate.", default: 20, in: 2...100_000)
    static let finalists = Option<Int>.integer("finalists", valueName: "k", help: "Candidates re-evaluated on fresh trials.", default: 5, in: 1...1_000)
    static let finalTrials = Option<Int>.integer("final-trials", help: "Trials per finalist.", default: 100, in: 2...1_000_000)
    static let out = Common.out("results/<scenario>-optimize")

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        // Usage first: a missing option is a usage mistake (64) whatever the file holds.
        guard let budget = try parsed[Self.budget] else {
            throw UsageError(message: "--budget is required (yuan over the run's days)", command: "optimize")
        }
        let specs = try parsed[Self.over]
        guard !specs.isEmpty else { throw UsageError(message: "give at least one --over PATH=lo:hi", command: "optimize") }
        var weights: [(metric: Metric, weight: Double)] = []
        if let text = try parsed[Self.weights] {
            for part in text.split(separator: ",") {
                let pair = part.split(separator: "=")
                guard pair.count == 2, let w = Double(pair[1]), w.isFinite else {
                    throw UsageError(message: "--weights: expected metric=weight pairs, got '\(part)'", command: "optimize")
                }
                weights.append((try Common.metric(String(pair[0]), option: "weights", command: "optimize"), w))
            }
        } else {
            weights = [(try parsed[Self.objective], 1)]
        }
        let constraints = try parsed[Self.constraints]
        let pareto = try parsed[Self.pareto]
        let (candidates, trials) = (try parsed[Self.candidates], try parsed[Self.trials])
        let (finalists, finalTrials) = (try parsed[Self.finalists], try parsed[Self.finalTrials])
        let givenSeed = try parsed[Common.seed], threads = try parsed[Common.threads]
        let quiet = try parsed[Common.quiet], givenOut = try parsed[Self.out]
        let axisSpecs = try Common.axisSpecs(specs, option: "over", command: "optimize")

        guard let loaded = Common.load(parsed.positionals[0], fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
        var scenario = loaded.scenario
        let levers = try Common.axes(axisSpecs, in: scenario, option: "over", command: "optimize")
        guard levers.count <= SobolSequence.maxDimensions else { throw UsageError(message: "--over: at most 40 levers", command: "optimize") }
        let seed = givenSeed ?? UInt64(scenario.run.seed)
        scenario.run.seed = Int(seed)
        var optimization = Optimization(
            scenario: scenario, levers: levers, weights: weights, budget: budget,
            candidates: candidates, trials: trials, finalists: finalists, finalTrials: finalTrials,
            seed: seed, threads: threads)
        optimization.constraints = constraints
        optimization.secondObjective = pareto
        let out = givenOut ?? "results/\(scenario.name)-optimize"
        let kept = Double(optimization.candidates + 1) * Double(optimization.trials) + Double(optimization.finalists) * Double(optimization.finalTrials)
        let command = ResultsCommand<Optimization.Result>(
            out: out, kind: .optimize, files: OptimizeResults.fileNames,
            footprint: .init(scenarios: Common.extremes(scenario, axes: levers), threads: optimization.threads, keptTrials: kept,
                             file: parsed.positionals[0]),
            quiet: quiet)
        return try command.execute(console: console, work: {
            let reporter = Common.progress(total: (optimization.candidates + 1) * optimization.trials, quiet: quiet, console: console)
            let result = optimization.run(progress: reporter.map { r in { @Sendable _ in r.advance(by: 1) } }, shouldStop: { Interruption.shared.requested })
            reporter?.finish()
            guard let result else {
                console.err("govsim: interrupted; nothing written\n")
                return .exit(ExitStatus.interrupted)
            }
            return .finished(result)
        }, write: { try OptimizeResults(optimization: optimization, result: $0).write(to: out) },
           summary: { text(optimization, $0) + "\nResults: \(out)/ (report.html, optimize.json, optimize.csv)\n" })
    }

    /// `median_resolution_hours<=+10%` or `mean_trust>=-1`.
    static func constraint(_ text: String) throws -> Optimization.Constraint {
        func fail(_ why: String) -> UsageError {
            UsageError(message: "--constraint \(text): \(why); e.g. median_resolution_hours<=+10% or mean_trust>=-1", command: "optimize")
        }
        let op = text.range(of: "<=") ?? text.range(of: ">=")
        guard let op else { throw fail("expected METRIC<=BOUND or METRIC>=BOUND") }
        let name = String(text[..<op.lowerBound]).trimmingCharacters(in: .whitespaces)
        var bound = String(text[op.upperBound...]).trimmingCharacters(in: .whitespaces)
        let relative = bound.hasSuffix("%")
        if relative { bound.removeLast() }
        guard let x = Double(bound), x.isFinite else { throw fail("the bound '\(bound)' is not a number") }
        let metric = try Common.metric(name, option: "constraint", command: "optimize")
        return Optimization.Constraint(metric: metric, atMost: text[op] == "<=", bound: x, relative: relative)
    }

    static func text(_ o: Optimization, _ r: Optimization.Result) -> String {
        let n = HeadlineReport.number
        let objective = o.weights.map { $0.weight == 1 && o.weights.count == 1 ? $0.metric.name : "\(n($0.weight))·\($0.metric.name)" }.joined(separator: " + ")
        var out = "\(o.scenario.name): \(r.candidates.count) candidates × \(o.trials) trials, budget \(n(o.budget)) yuan, objective \(objective)\n\n"
        guard let best = r.best, let final = r.candidates[best].finalObjective else {
            let cheapest = r.candidates.map(\.cost.mean).min() ?? .nan
            return out + "No candidate stays within the budget: the cheapest costs \(n(cheapest)) yuan.\n"
        }
        let c = r.candidates[best]
        out += "Best mix (re-evaluated on \(o.finalTrials) fresh trials):\n"
        out += TextTable.render(header: ["lever", "value"], rows: zip(o.levers, c.values).map { [$0.path.text, n($1)] }, alignments: [.left, .right])
        out += "objective \(n(final.mean)) (95% CI \(n(final.ci95.lo))–\(n(final.ci95.hi))), mean cost \(n(c.finalCost?.mean ?? .nan)) yuan"
        if let v = r.bestVersusStatusQuo {
            out += "; \(ComparisonReport.signed(v.difference)) over the status quo (95% CI \(ComparisonReport.signed(v.ci95.lo)) – \(ComparisonReport.signed(v.ci95.hi)))"
        }
        if let top = r.top, top != best {
            out += "\nStatistical tie: candidate \(top) had the best objective, but the chosen mix cannot be told apart from it "
            out += "(paired 95% interval) and is cheaper by \(n((r.candidates[top].finalCost?.mean ?? .nan) - (c.finalCost?.mean ?? .nan))) yuan."
        } else if !r.tied.isEmpty {
            out += "\nTied with candidate\(r.tied.count == 1 ? "" : "s") \(r.tied.map(String.init).joined(separator: ", ")) (paired 95% interval); the chosen mix is the cheapest of them."
        }
        if !o.constraints.isEmpty {
            out += "\nConstraints (change from the status quo): " + o.constraints.map(\.text).joined(separator: ", ") + "."
        }
        if !r.effects.isEmpty {
            out += "\n\nEffect of the chosen mix on every headline output (against the status quo, paired, \(o.finalTrials) fresh trials):\n"
            let signed = ComparisonReport.signed
            out += TextTable.render(header: ["output", "status quo", "chosen", "difference", "95% CI", "change"],
                                    rows: Metric.headline.map { m in
                                        let d = r.effects[m.rawValue]
                                        let change = Chart.change(m, difference: d.difference, relativePct: d.relativeChangePct, signed: signed)
                                        return [m.name, n(d.baselineMean), n(d.armMean), signed(d.difference),
                                                "\(signed(d.ci95.lo)) – \(signed(d.ci95.hi))", change]
                                    }, alignments: [.left] + Array(repeating: .right, count: 5))
        }
        if let second = o.secondObjective {
            let front = r.candidates.indices.filter { r.candidates[$0].onSecondFront }.sorted { r.candidates[$0].objective.mean > r.candidates[$1].objective.mean }
            out += "\nPareto front over the objective and \(second.name) (feasible candidates no other beats on both):\n"
            out += TextTable.render(header: ["candidate", "objective", second.name, "cost (yuan)"] + o.levers.map(\.path.text),
                                    rows: front.map { i in [String(i), n(r.candidates[i].objective.mean), n(r.candidates[i].means[second.rawValue]),
                                                            n(r.candidates[i].cost.mean)] + r.candidates[i].values.map(n) },
                                    alignments: Array(repeating: .right, count: 4 + o.levers.count))
        }
        out += "\n\nCost–benefit frontier (no other candidate is cheaper and better):\n"
        let frontier = r.candidates.indices.filter { r.candidates[$0].onFrontier }.sorted { r.candidates[$0].cost.mean < r.candidates[$1].cost.mean }
        out += TextTable.render(header: ["candidate", "cost (yuan)", "objective", "within budget"] + o.levers.map(\.path.text),
                                rows: frontier.map { i in [String(i), n(r.candidates[i].cost.mean), n(r.candidates[i].objective.mean),
                                                           r.candidates[i].feasible ? "yes" : "no"] + r.candidates[i].values.map(n) },
                                alignments: Array(repeating: .right, count: 4 + o.levers.count))
        return out
    }
}

extension OptimizeCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
