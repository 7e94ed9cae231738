import Foundation
import GovSim

/// report.html of `govsim check`, drawn from check.json alone: for every checked file, each
/// target's observed value and tolerance against the predicted mean and its 95% interval,
/// met in blue and missed in orange, and a chart of every error in tolerances.
enum CheckReport: ReportPage {
    static let files = ["check.json"]

    static func html(resultsFolder: String) throws -> String {
        let json = try DataFolder(path: resultsFolder, writer: "govsim check").object("check.json")
        let version = json.string("version") ?? "–"
        let fileResults = json.objects("files") ?? []
        let targets = fileResults.flatMap { f in (f.objects("targets") ?? []).map { (f, $0) } }
        let met = targets.filter { $0.1.bool("met") == true }.count
        var body = pageHeader(kicker: "govsim check report", title: "Targets: \(met) of \(targets.count) met",
                              lead: "Each scenario run, with its targets: an observed value and the tolerance within which the "
                                  + "predicted mean counts as reproducing it.",
                              facts: ["\(fileResults.count) scenario\(fileResults.count == 1 ? "" : "s")", "govsim \(version)"],
                              warnings: met < targets.count ? ["\(targets.count - met) target\(targets.count - met == 1 ? " is" : "s are") missed."] : [])
        // Every target's error in tolerances: met when the point lies within ±1.
        let groups = targets.map { f, t -> Chart.EstimateGroup in
            let tolerance = t.number("tolerance"), observed = t.number("observed")
            let ci = t.interval("predicted_ci95")
            let scale = { (x: Double) in (x - observed) / tolerance }
            let name = URL(fileURLWithPath: f.string("file") ?? "").deletingPathExtension().lastPathComponent
            return Chart.EstimateGroup("\(name): \(t.string("output") ?? "–")",
                                       [Chart.Estimate(scale(t.number("predicted")), interval: Interval(lo: scale(ci.lo), hi: scale(ci.hi)))])
        }
        body += section("How far each prediction is from what was observed",
                        note: "Predicted minus observed, in tolerances, with the 95% interval: a target is met when its point lies between −1 and +1.")
        body += wideFigure(Chart.forest(groups, series: ["predicted − observed"], title: "Error of every target, in tolerances",
                                        value: Chart.Axis("error (tolerances; met within ±1)"), width: 860))
        body += "</section>\n"
        for f in fileResults {
            let rows = (f.objects("targets") ?? []).map { t -> [String] in
                let change = t.string("observed_as") == "change_pct"
                let observed = change ? "\(signed(t.number("observed")))% vs \(esc(t.string("relative_to") ?? ""))" : v(t.number("observed"))
                let ci = t.interval("predicted_ci95")
                let predicted = t.string("kind") == "predicted"
                let status = t.bool("met") == true ? (predicted ? "hit" : "met") : (predicted ? "<strong>miss</strong>" : "<strong>missed</strong>")
                return [esc(t.string("output") ?? "–"), esc(t.string("kind") ?? "fitted"), observed, "±" + v(t.number("tolerance")),
                        v(t.number("predicted")) + (change ? "%" : ""), range(ci.lo, ci.hi), status]
            }
            let classes = Dictionary(uniqueKeysWithValues: (f.objects("targets") ?? []).enumerated().map { ($0, $1.bool("met") == true ? "met" : "missed") })
            body += section(f.string("file") ?? "–", note: "\(f.text("trials") ?? "–") trials, seed \(f.text("seed") ?? "–").")
            body += table(["output", "kind", "observed", "tolerance", "predicted", "95% CI", "status"], rows, leftColumns: 2, rowClasses: classes)
            body += "</section>\n"
        }
        return document(title: "govsim check: \(met) of \(targets.count) targets met", body: body + pageFooter(version: version, files: files))
    }
}
