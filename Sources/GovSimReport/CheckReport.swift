import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim check`, drawn from check.json alone: for every checked file, each
/// target's observed value and tolerance against the predicted mean, its 95% CI and its 90%
/// predictive interval, and for a prediction the no-policy counterfactual; a fitted target is met
/// within its tolerance, a prediction hit when the observed figure lies in the predictive interval.
enum CheckReport: ReportPage {
    static let files = ["check.json"]

    static func html(resultsFolder: String) throws -> String {
        let json = try DataFolder(path: resultsFolder, writer: "govsim check").object("check.json")
        let version = json.string("version") ?? "–"
        let fileResults = json.objects("files") ?? []
        let targets = fileResults.flatMap { f in (f.objects("targets") ?? []).map { (f, $0) } }
        /// A fitted target passes when met, a prediction when hit (older files: when met).
        func passed(_ t: JSONObject) -> Bool {
            t.string("kind") == "predicted" ? (t.bool("hit") ?? t.bool("met")) == true : t.bool("met") == true
        }
        let met = targets.filter { passed($0.1) }.count
        let fitted = targets.filter { $0.1.string("kind") != "predicted" }, predictions = targets.filter { $0.1.string("kind") == "predicted" }
        var body = pageHeader(kicker: tr("govsim check report"), title: Catalogue.targetsMet(met, targets.count),
                              lead: Catalogue.checkLead(fittedMet: fitted.filter { passed($0.1) }.count, fitted: fitted.count,
                                                        predictionsHit: predictions.filter { passed($0.1) }.count, predictions: predictions.count),
                              facts: [Catalogue.scenarioCount(fileResults.count), "govsim \(version)"],
                              warnings: met < targets.count ? [Catalogue.targetsMissed(targets.count - met)] : [])
        // Every target's error in tolerances: met when the point lies within ±1.
        let groups = targets.map { f, t -> Chart.EstimateGroup in
            let tolerance = t.number("tolerance"), observed = t.number("observed")
            let ci = t.interval("predicted_ci95")
            let scale = { (x: Double) in (x - observed) / tolerance }
            let name = URL(fileURLWithPath: f.string("file") ?? "").deletingPathExtension().lastPathComponent
            return Chart.EstimateGroup("\(name): \(t.string("output") ?? "–")",
                                       [Chart.Estimate(scale(t.number("predicted")), interval: Interval(lo: scale(ci.lo), hi: scale(ci.hi)))])
        }
        body += section(tr("How far each prediction is from what was observed"),
                        note: tr("Predicted minus observed, in tolerances, with the 95% interval: a target is met when its point lies between −1 and +1."))
        body += wideFigure(Chart.forest(groups, series: [tr("predicted − observed")], title: tr("Error of every target, in tolerances"),
                                        value: Chart.Axis(tr("error (tolerances; met within ±1)")), width: 860))
        body += "</section>\n"
        for f in fileResults {
            let rows = (f.objects("targets") ?? []).map { t -> [String] in
                let change = t.string("observed_as") == "change_pct"
                let observed = change ? "\(signed(t.number("observed")))%\(tr(" vs "))\(esc(t.string("relative_to") ?? ""))" : v(t.number("observed"))
                let ci = t.interval("predicted_ci95")
                let predicted = t.string("kind") == "predicted"
                let status = passed(t) ? tr(predicted ? "hit" : "met") : "<strong>\(tr(predicted ? "miss" : "missed"))</strong>"
                let pi = t.interval("predicted_pi90")
                let counterfactual = predicted && t.number("counterfactual").isFinite ? v(t.number("counterfactual")) + (change ? "%" : "") : ""
                return [esc(t.string("output") ?? "–"), esc(tr(t.string("kind") ?? "fitted")), observed, "±" + v(t.number("tolerance")),
                        v(t.number("predicted")) + (change ? "%" : ""), range(ci.lo, ci.hi), range(pi.lo, pi.hi), counterfactual, status]
            }
            let classes = Dictionary(uniqueKeysWithValues: (f.objects("targets") ?? []).enumerated().map { ($0, passed($1) ? "met" : "missed") })
            body += section(f.string("file") ?? "–", note: Catalogue.trialsSeed(f.text("trials") ?? "–", f.text("seed") ?? "–"))
            body += table(["output", "kind", "observed", "tolerance", "predicted", "95% CI of mean", "90% predictive", "no policy", "status"].map(tr),
                          rows, leftColumns: 2, rowClasses: classes)
            body += "</section>\n"
        }
        return document(title: Catalogue.checkTitle(met, targets.count), body: body + pageFooter(version: version, files: files))
    }
}
