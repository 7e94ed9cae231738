import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim optimize`, drawn from optimize.json and optimize.csv alone: the
/// chosen mix with its interval, every candidate's cost against its objective (the frontier,
/// the budget, the choice), and the table of candidates.
enum OptimizeReport: ReportPage {
    static let files = [OptimizeFile.fileName, OptimizeFile.Table.fileName]

    struct Candidate {
        var index: Int
        var levers: [Double]
        var cost: Double, objective: Double, objectiveCI: Interval
        var feasible: Bool, onFrontier: Bool, chosen: Bool
        var finalObjective: Double
    }

    struct Data {
        var scenario: String, seed: String, version: String
        var budget: Double
        /// Metric name → weight, by name.
        var weights: [(metric: String, weight: Double)]
        var trialsPerCandidate: Int, finalTrials: Int
        var best: OptimizeFile.Best?
        var levers: [String]
        var candidates: [Candidate]
        /// The constraints as written (`mean_trust>=-1`).
        var constraints: [String]

        init(folder: String) throws(RunReport.DataError) {
            let files = DataFolder(path: folder, writer: "govsim optimize")
            let file = try files.read(OptimizeFile.fileName, OptimizeFile.init(text:))
            scenario = file.scenario ?? "–"
            seed = file.seed ?? "–"
            version = file.version ?? "–"
            budget = file.budget
            weights = file.objective.keys.sorted().map { ($0, file.objective[$0]!) }
            trialsPerCandidate = file.trialsPerCandidate ?? 0
            finalTrials = file.finalTrials ?? 0
            best = file.best
            constraints = file.constraints ?? []
            let table = try files.read(OptimizeFile.Table.fileName) { (text) throws(ResultFileError) in try OptimizeFile.Table(text: text) }
            levers = table.levers
            let levers = self.levers
            candidates = table.rows.indices.map { r in
                Candidate(index: Int(table.field(r, .candidate)) ?? r, levers: levers.map { table.number(r, .lever($0)) },
                          cost: table.number(r, .costMean), objective: table.number(r, .objectiveMean),
                          objectiveCI: Interval(lo: table.number(r, .objectiveCI95Lo), hi: table.number(r, .objectiveCI95Hi)),
                          feasible: table.flag(r, .feasible), onFrontier: table.flag(r, .onFrontier),
                          chosen: table.flag(r, .chosen), finalObjective: table.number(r, .finalObjectiveMean))
            }
        }

        /// The objective in words: "safety_score", or "0.5·safety_score + 0.5·satisfaction_pct"
        /// (outputs where less is better enter negated).
        var objectiveText: String {
            if weights.count == 1, weights[0].weight == 1 { return objectiveTerm(weights[0].metric) }
            return weights.map { "\(Chart.value($0.weight))·\(objectiveTerm($0.metric))" }.joined(separator: " + ")
        }

        func objectiveTerm(_ name: String) -> String { Metric(name: name).map { $0.higherIsBetter ? name : "(−\(name))" } ?? name }

        /// The objective's unit: the metric's own when it is one output with weight 1.
        var objectiveUnit: String {
            weights.count == 1 && weights[0].weight == 1 ? Metric(name: weights[0].metric)?.unit ?? "" : "weighted"
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: tr("govsim optimisation: ") + d.scenario,
                 body: header(d) + chosen(d) + effects(d) + frontier(d) + candidateTable(d) + pageFooter(version: d.version, files: files))
    }

    static func header(_ d: Data) -> String {
        pageHeader(kicker: tr("govsim optimisation report"), title: d.scenario,
                   lead: Catalogue.optimizeLead(d.objectiveText, v(d.budget)),
                   facts: [Catalogue.candidatesByTrials(d.candidates.count, d.trialsPerCandidate),
                           Catalogue.finalistsReevaluated(d.finalTrials), tr("seed ") + d.seed, "govsim \(d.version)"])
    }

    static func chosen(_ d: Data) -> String {
        var out = section(tr("The chosen mix"), note: tr("The best feasible candidates were run again on fresh trials, so the choice "
                          + "is not simply the luckiest candidate; the values below come from those trials."))
        guard let best = d.best else {
            let cheapest = d.candidates.map(\.cost).filter(\.isFinite).min() ?? .nan
            out += "<p class=\"warn\">" + Catalogue.noCandidateWithinBudget(v(d.budget), v(cheapest)) + "</p>\n"
            return out + "</section>\n"
        }
        if let because = best.chosenBecause {
            var why = Catalogue.chosenBecause(esc(tr(because)))
            if let top = best.topCandidate, top != best.candidate {
                why += Catalogue.topCandidateTied(top)
            }
            out += "<p>\(why)</p>\n"
        }
        if !d.constraints.isEmpty {
            out += "<p>" + tr("Constraints on the change from the status quo: ") + d.constraints.map { "<code>\(esc($0))</code>" }.joined(separator: ", ") + tr(".") + "</p>\n"
        }
        let ci = best.objectiveCI95, gain = best.gainCI95
        let unit = d.objectiveUnit == "weighted" ? "" : d.objectiveUnit
        out += "<div class=\"cards\">\n<div class=\"card\">\n<h2>\(tr("Objective: "))\(esc(d.objectiveText))</h2>\n"
        out += "<p class=\"big\">\(v(best.objectiveMean))<span class=\"unit\"> \(esc(Catalogue.unit(unit)))</span></p>\n<dl>\n"
        out += "<dt>\(tr("95% CI of the mean"))</dt><dd>\(range(ci.lo, ci.hi))</dd>\n"
        out += "<dt>\(tr("gain over the status quo"))</dt><dd>\(signed(best.gainOverStatusQuo))"
            + Catalogue.inParentheses("\(tr("95% CI")) \(signed(gain.lo))\(tr(" to "))\(signed(gain.hi))") + "</dd>\n"
        out += "<dt>\(tr("mean cost"))</dt><dd>" + Catalogue.yuanOf(v(best.costMean), v(d.budget)) + "</dd>\n</dl>\n</div>\n"
        out += "<div class=\"card\">\n<h2>\(Catalogue.leverValues(best.candidate.map(String.init) ?? "–"))</h2>\n"
        out += table(["lever", "value"].map(tr), d.levers.map { ["<code>\(esc($0))</code>", Chart.precise(best.levers[$0] ?? .nan)] },
                     leftColumns: 1)
        return out + "</div>\n</div>\n</section>\n"
    }

    /// What the chosen mix does to every headline output, not only the objective.
    static func effects(_ d: Data) -> String {
        guard let effects = d.best?.effects, !effects.isEmpty else { return "" }
        var out = section(tr("What the chosen mix changes"), note: tr("The chosen mix against the status quo on the same fresh trials "
                          + "(paired), for every headline output: an optimiser sees only its objective, so look here for what it "
                          + "traded away. Scores and shares change in points, other outputs also as % of the status quo."))
        let rows = Metric.headline.compactMap { m -> [String]? in
            guard let e = effects[m.name] else { return nil }
            let ci = e.ci95, diff = e.difference
            let change = Chart.change(m, difference: diff, relativePct: e.relativeChangePct, signed: signed)
            let worse = (ci.lo > 0 || ci.hi < 0) && (diff > 0) != m.higherIsBetter
            let cell = worse ? "<strong class=\"worse\">\(signed(diff))</strong>" : signed(diff)
            return [RunReport.metricCell(m.name), esc(Catalogue.unit(m.unit)), v(e.statusQuoMean), v(e.chosenMean), cell,
                    "\(signed(ci.lo)) – \(signed(ci.hi))", change]
        }
        out += table(["output", "unit", "status quo", "chosen", "difference", "95% CI", "change"].map(tr), rows, leftColumns: 2)
        return out + "</section>\n"
    }

    static func frontier(_ d: Data) -> String {
        var out = section(tr("Cost against objective"), note: tr("Every candidate's mean cost and objective over the screening trials. "
                          + "The frontier joins the candidates no other beats on both; the chosen mix is ringed; candidate 0 is the "
                          + "scenario as it stands (the status quo)."))
        let series = [Chart.ScatterSeries(tr("within budget"), colour: Palette.blue, marker: .circle),
                      Chart.ScatterSeries(tr("over budget"), colour: Palette.vermillion, marker: .cross)]
        let points = d.candidates.map { c in
            Chart.ScatterPoint(x: c.cost, y: c.objective, series: c.feasible ? 0 : 1,
                               label: c.chosen ? tr("chosen") : c.index == 0 ? tr("status quo") : nil,
                               tooltip: Catalogue.candidateTip(c.index, v(c.cost), v(c.objective), v(c.objectiveCI.lo), v(c.objectiveCI.hi))
                                   + zip(d.levers, c.levers).map { "; \($0) = \(v($1))" }.joined())
        }
        let path = d.candidates.indices.filter { d.candidates[$0].onFrontier }.sorted { d.candidates[$0].cost < d.candidates[$1].cost }
        let unit = d.objectiveUnit
        out += wideFigure(Chart.scatter(points, series: series, title: tr("Candidates: cost against objective"),
                                    subtitle: Catalogue.screeningTrials(d.trialsPerCandidate),
                                    x: Chart.Axis(tr("mean total cost over the run's days (yuan)")),
                                    y: Chart.Axis(tr("objective") + (unit.isEmpty ? "" : Catalogue.inUnit(Catalogue.unit(unit)))),
                                    references: [Chart.Reference(x: d.budget, tr("budget"), colour: Palette.vermillion, optional: true)],
                                    path: path, pathName: tr("cost–benefit frontier"),
                                    highlight: d.candidates.firstIndex(where: \.chosen), highlightName: tr("chosen mix"),
                                    width: 720, height: 420))
        return out + "</section>\n"
    }

    static func candidateTable(_ d: Data) -> String {
        var out = section(tr("Every candidate"), note: tr("Screening means with the 95% CI of the objective; finalists also show the "
                          + "objective on the fresh trials. The chosen row is bold."))
        let rows = d.candidates.map { c -> [String] in
            [String(c.index)] + c.levers.map(Chart.precise) + [v(c.cost), v(c.objective), range(c.objectiveCI.lo, c.objectiveCI.hi),
                                                   tr(c.feasible ? "yes" : "no"), c.onFrontier ? tr("yes") : "", v(c.finalObjective),
                                                   c.chosen ? tr("chosen") : ""]
        }
        var classes: [Int: String] = [:]
        for (r, c) in d.candidates.enumerated() where c.chosen { classes[r] = "chosen" }
        out += table([tr("candidate")] + d.levers + ["cost (yuan)", "objective", "95% CI", "within budget", "on frontier",
                                                     "re-evaluated", ""].map(tr), rows, leftColumns: 1, rowClasses: classes)
        return out + "</section>\n"
    }
}
