import Foundation
import GovSim

/// report.html of `govsim sweep`, drawn from sweep.json and sweep.csv alone: response curves
/// over one varied parameter, heatmaps (grids) or coloured scatters (other designs) over the
/// first two, and the table of points.
enum SweepReport: ReportPage {
    static let files = ["sweep.json", "sweep.csv"]
    /// The outputs charted.
    static let outputs: [(metric: Metric, title: String, axis: Chart.Axis)] = [
        (.safetyScore, "Safety score", Chart.Axis("safety score (points 0–100)")),
        (.satisfactionPct, "Residents satisfied", Chart.Axis("satisfied (% of residents)", suffix: "%")),
        (.costTotal, "Total cost", Chart.Axis("total cost (yuan per trial)")),
    ]
    /// Most rows the table of points shows.
    static let tableLimit = 500

    struct AxisInfo {
        var path: String, unit: String
        var lo: Double, hi: Double
        var steps: Int?
        var title: String { unit.isEmpty ? path : "\(path) (\(unit))" }
    }

    /// One design point: its parameter values and, per metric, the mean with its 95% CI.
    struct Point {
        var index: Int
        var values: [Double]
        var stats: [Metric: (mean: Double, lo: Double, hi: Double)] = [:]
        func mean(_ m: Metric) -> Double { stats[m]?.mean ?? .nan }
    }

    struct Data {
        var scenario: String, seed: String, version: String, design: String
        var trialsPerPoint: Int, plannedPoints: Int
        var axes: [AxisInfo]
        var points: [Point]

        init(folder: String) throws(RunReport.DataError) {
            let files = DataFolder(path: folder, writer: "govsim sweep")
            let json = try files.object("sweep.json")
            guard let axes = json.objects("axes"), !axes.isEmpty else { throw files.lacking("sweep.json", "'axes'") }
            scenario = json.string("scenario") ?? "–"
            seed = json.text("seed") ?? "–"
            version = json.string("version") ?? "–"
            design = json.string("design") ?? "grid"
            trialsPerPoint = json.int("trials_per_point") ?? 0
            plannedPoints = json.array("points")?.count ?? 0
            self.axes = axes.map { AxisInfo(path: $0.string("path") ?? "–", unit: $0.string("unit") ?? "", lo: $0.number("lo"),
                                            hi: $0.number("hi"), steps: $0.int("steps")) }
            let table = try files.table("sweep.csv", required: ["point", "metric", "mean", "ci95_lo", "ci95_hi"] + self.axes.map(\.path))
            var byIndex: [Int: Point] = [:]
            for r in table.rows.indices {
                guard let p = Int(table.field(r, "point")) else { continue }
                var point = byIndex[p] ?? Point(index: p, values: self.axes.map { table.number(r, $0.path) })
                if let m = Metric(name: table.field(r, "metric")) {
                    point.stats[m] = (table.number(r, "mean"), table.number(r, "ci95_lo"), table.number(r, "ci95_hi"))
                }
                byIndex[p] = point
            }
            points = byIndex.keys.sorted().map { byIndex[$0]! }
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: "govsim sweep: \(d.scenario)", body: header(d) + response(d) + pointTable(d)
                     + pageFooter(version: d.version, files: files))
    }

    static func header(_ d: Data) -> String {
        let design = ["grid": "grid", "lhs": "Latin hypercube", "sobol": "Sobol sequence"][d.design] ?? d.design
        var warnings: [String] = []
        if d.points.count < d.plannedPoints {
            warnings.append("Only \(d.points.count) of the \(d.plannedPoints) design points are in sweep.csv.")
        }
        var out = pageHeader(kicker: "govsim sweep report", title: d.scenario,
                             facts: ["\(d.points.count) points (\(design) design) × \(d.trialsPerPoint) trials per point",
                                     "seed \(d.seed)", "govsim \(d.version)"], warnings: warnings)
        out += section("Parameters varied", note: "Every point ran the same trial indices with the same seed (common random "
                       + "numbers), so differences between points are not blurred by different luck.")
        out += table(["parameter", "unit", "from", "to", "steps"], d.axes.map { a in
            ["<code>\(esc(a.path))</code>", esc(a.unit), Chart.precise(a.lo), Chart.precise(a.hi), a.steps.map(String.init) ?? "–"]
        })
        return out + "</section>\n"
    }

    static func response(_ d: Data) -> String {
        guard let first = d.axes.first else { return "" }
        var out: String
        if d.axes.count == 1 {
            out = section("Response to \(first.path)", note: "The mean over each point's trials, with the band of its 95% "
                          + "confidence interval.")
            out += "<div class=\"charts\">\n"
            for o in outputs {
                let points = d.points.map { p in
                    Chart.CurvePoint(x: p.values[0], mean: p.mean(o.metric), lo: p.stats[o.metric]?.lo ?? .nan,
                                     hi: p.stats[o.metric]?.hi ?? .nan)
                }
                out += figure(Chart.curve(points, title: o.title, subtitle: "mean over each point's trials, against \(first.path)",
                                          x: Chart.Axis(first.title), y: o.axis))
            }
        } else {
            let second = d.axes[1]
            let others = d.axes.count > 2 ? " averaged over the other \(d.axes.count - 2) parameter\(d.axes.count > 3 ? "s" : "")" : ""
            out = section("Response to \(first.path) and \(second.path)",
                          note: d.design == "grid"
                            ? "Each cell is the mean over the trials at that pair of values\(others); darker is lower, yellower higher."
                            : "Each point is a design point at its values of the first two parameters, coloured by the mean over "
                              + "its trials; darker is lower, yellower higher.")
            out += "<div class=\"charts\">\n"
            for o in outputs {
                let title = o.title
                if d.design == "grid" {
                    let xs = Array(Set(d.points.map { $0.values[0] })).sorted(), ys = Array(Set(d.points.map { $0.values[1] })).sorted()
                    let cells = ys.map { y in
                        xs.map { x in
                            let means = d.points.filter { $0.values[0] == x && $0.values[1] == y }
                                .map { $0.mean(o.metric) }.filter(\.isFinite)
                            return means.isEmpty ? Double.nan : means.reduce(0, +) / Double(means.count)
                        }
                    }
                    out += figure(Chart.heatmap(cells, columns: xs.map(Chart.precise), rows: ys.map(Chart.precise), title: title,
                                                subtitle: "mean over trials\(others)", x: Chart.Axis(first.title),
                                                y: Chart.Axis(second.title), value: o.axis))
                } else {
                    out += figure(Chart.colourScatter(d.points.map { ($0.values[0], $0.values[1], $0.mean(o.metric)) }, title: title,
                                                      subtitle: "one dot per design point, coloured by the mean over its trials",
                                                      x: Chart.Axis(first.title), y: Chart.Axis(second.title), value: o.axis))
                }
            }
        }
        return out + "</div>\n</section>\n"
    }

    static func pointTable(_ d: Data) -> String {
        let shown = d.points.prefix(tableLimit)
        var note = "Mean over each point's trials with the 95% confidence interval of the mean."
        if d.points.count > shown.count { note += " The first \(shown.count) of \(d.points.count) points; sweep.csv has them all." }
        var out = section("Every point", note: note)
        let rows = shown.map { p -> [String] in
            [String(p.index)] + p.values.map(Chart.precise) + outputs.flatMap { o -> [String] in
                let s = p.stats[o.metric]
                return [v(s?.mean ?? .nan), range(s?.lo ?? .nan, s?.hi ?? .nan)]
            }
        }
        out += table(["point"] + d.axes.map(\.path) + outputs.flatMap { ["\($0.metric.name)", "95% CI"] }, rows, leftColumns: 1)
        return out + "</section>\n"
    }
}
