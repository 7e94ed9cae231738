import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim check`, drawn from check.json alone: for every checked file, each
/// target's observed value and tolerance against the predicted mean, its 95% CI and its 90%
/// predictive interval, and for a prediction the no-policy counterfactual; a fitted target is met
/// within its tolerance, a prediction hit when the observed figure lies in the predictive interval.
enum CheckReport: ReportPage {
    static let files = [CheckFile.fileName]

    static func html(resultsFolder: String) throws -> String {
        let check = try DataFolder(path: resultsFolder, writer: "govsim check").read(CheckFile.fileName, CheckFile.init(text:))
        let version = check.version ?? "–"
        let targets = check.files.flatMap { f in f.targets.map { (f, $0) } }
        let met = targets.filter(\.1.passed).count
        let fitted = targets.filter { !$0.1.isPrediction }, predictions = targets.filter(\.1.isPrediction)
        var body = pageHeader(kicker: tr("govsim check report"), title: Catalogue.targetsMet(met, targets.count),
                              lead: Catalogue.checkLead(fittedMet: fitted.filter(\.1.passed).count, fitted: fitted.count,
                                                        predictionsHit: predictions.filter(\.1.passed).count, predictions: predictions.count),
                              facts: [Catalogue.scenarioCount(check.files.count), "govsim \(version)"],
                              warnings: met < targets.count ? [Catalogue.targetsMissed(targets.count - met)] : [])
        // Every target's error in tolerances: met when the point lies within ±1.
        let groups = targets.map { f, t -> Chart.EstimateGroup in
            let scale = { (x: Double) in (x - t.observed) / t.tolerance }
            let name = URL(fileURLWithPath: f.file ?? "").deletingPathExtension().lastPathComponent
            return Chart.EstimateGroup("\(name): \(t.output ?? "–")",
                                       [Chart.Estimate(scale(t.predicted),
                                                       interval: Interval(lo: scale(t.predictedCI95.lo), hi: scale(t.predictedCI95.hi)))])
        }
        body += section(tr("How far each prediction is from what was observed"),
                        note: tr("Predicted minus observed, in tolerances, with the 95% interval: a target is met when its point lies between −1 and +1."))
        body += wideFigure(Chart.forest(groups, series: [tr("predicted − observed")], title: tr("Error of every target, in tolerances"),
                                        value: Chart.Axis(tr("error (tolerances; met within ±1)")), width: 860))
        body += "</section>\n"
        for f in check.files {
            let rows = f.targets.map { t -> [String] in
                let change = t.isChange
                let observed = change ? "\(signed(t.observed))%\(tr(" vs "))\(esc(t.relativeTo ?? ""))" : v(t.observed)
                let ci = t.predictedCI95, pi = t.predictedPI90
                let predicted = t.isPrediction
                let status = t.passed ? tr(predicted ? "hit" : "met") : "<strong>\(tr(predicted ? "miss" : "missed"))</strong>"
                let counterfactual = predicted && (t.counterfactual ?? .nan).isFinite ? v(t.counterfactual!) + (change ? "%" : "") : ""
                return [esc(t.output ?? "–"), esc(tr(t.kind ?? "fitted")), observed, "±" + v(t.tolerance),
                        v(t.predicted) + (change ? "%" : ""), range(ci.lo, ci.hi), range(pi.lo, pi.hi), counterfactual, status]
            }
            let classes = Dictionary(uniqueKeysWithValues: f.targets.enumerated().map { ($0, $1.passed ? "met" : "missed") })
            body += section(f.file ?? "–", note: Catalogue.trialsSeed(f.trials.map(String.init) ?? "–", f.seed ?? "–"))
            body += table(["output", "kind", "observed", "tolerance", "predicted", "95% CI of mean", "90% predictive", "no policy", "status"].map(tr),
                          rows, leftColumns: 2, rowClasses: classes)
            body += "</section>\n"
        }
        return document(title: Catalogue.checkTitle(met, targets.count), body: body + pageFooter(version: version, files: files))
    }
}
