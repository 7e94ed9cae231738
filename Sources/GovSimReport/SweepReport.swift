import Foundation
import GovSim
import GovSimIO

/// report.html of `govsim sweep`, drawn from sweep.json and sweep.csv alone (their schemas:
/// `SweepFile` and `SweepFile.Table`): response curves
/// over one varied parameter, heatmaps (grids) or coloured scatters (other designs) over the
/// first two, and the table of points.
enum SweepReport: ReportPage {
    static let files = [SweepFile.fileName, SweepFile.Table.fileName]
    /// The outputs charted.
    static var outputs: [(metric: Metric, title: String, axis: Chart.Axis)] { [
        (.safetyScore, tr("Safety score"), Chart.Axis(tr("safety score (points 0–100)"))),
        (.satisfactionPct, tr("Residents satisfied"), Chart.Axis(tr("satisfied (% of residents)"), suffix: "%")),
        (.costTotal, tr("Total cost"), Chart.Axis(tr("total cost (yuan per trial)"))),
    ] }
    /// Most rows the table of points shows.
    static let tableLimit = 500

    struct AxisInfo {
        var path: String, unit: String
        var lo: Double, hi: Double
        var steps: Int?
        var title: String { unit.isEmpty ? path : path + Catalogue.inUnit(Catalogue.unit(unit)) }
    }

    /// One design point: its parameter values and, per metric, the mean with its 95% CI.
    struct Point {
        var index: Int
        var values: [Double]
        var stats: [Metric: (mean: Double, lo: Double, hi: Double)] = [:]
        /// The paired difference from the reference (the scenario as written) with its 95% CI;
        /// absent in files from before sweeps recorded it.
        var differences: [Metric: (d: Double, lo: Double, hi: Double)] = [:]
        func mean(_ m: Metric) -> Double { stats[m]?.mean ?? .nan }
    }

    struct Data {
        var scenario: String, seed: String, version: String, design: String
        var trialsPerPoint: Int, plannedPoints: Int
        var axes: [AxisInfo]
        var points: [Point]

        init(folder: String) throws(RunReport.DataError) {
            let files = DataFolder(path: folder, writer: "govsim sweep")
            let file = try files.read(SweepReport.files[0], SweepFile.init(text:))
            scenario = file.scenario ?? "–"
            seed = file.seed ?? "–"
            version = file.version ?? "–"
            design = file.design ?? "grid"
            trialsPerPoint = file.trialsPerPoint ?? 0
            plannedPoints = file.points?.count ?? 0
            axes = file.axes.map { AxisInfo(path: $0.path ?? "–", unit: $0.unit ?? "", lo: $0.lo, hi: $0.hi, steps: $0.steps) }
            let paths = axes.map(\.path)
            let table = try files.read(SweepReport.files[1]) { (text) throws(ResultFileError) in
                try SweepFile.Table(text: text, axes: paths, required: [.point, .metric, .mean, .ci95Lo, .ci95Hi] + paths.map { .axis($0) })
            }
            let hasDifferences = table.columns.contains(.difference)
            var byIndex: [Int: Point] = [:]
            for r in table.rows.indices {
                guard let p = Int(table.field(r, .point)) else { continue }
                var point = byIndex[p] ?? Point(index: p, values: paths.map { table.number(r, .axis($0)) })
                if let m = Metric(name: table.field(r, .metric)) {
                    point.stats[m] = (table.number(r, .mean), table.number(r, .ci95Lo), table.number(r, .ci95Hi))
                    if hasDifferences {
                        point.differences[m] = (table.number(r, .difference), table.number(r, .differenceCI95Lo), table.number(r, .differenceCI95Hi))
                    }
                }
                byIndex[p] = point
            }
            points = byIndex.keys.sorted().map { byIndex[$0]! }
            reference = file.reference?.values ?? []
        }

        /// The scenario's own values of the axes, which every difference is paired against.
        var reference: [Double] = []
        var hasDifferences: Bool { points.contains { !$0.differences.isEmpty } }

        /// The typical noise of a point's difference: the median half-width of its paired 95% CI.
        func noise(_ m: Metric) -> Double {
            let halves = points.compactMap { p in p.differences[m].map { ($0.hi - $0.lo) / 2 } }.filter(\.isFinite).sorted()
            return halves.isEmpty ? .nan : halves[halves.count / 2]
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: tr("govsim sweep: ") + d.scenario, body: header(d) + response(d) + pointTable(d)
                     + pageFooter(version: d.version, files: files))
    }

    static func header(_ d: Data) -> String {
        let design = ["grid": "grid", "lhs": "Latin hypercube", "sobol": "Sobol sequence"][d.design].map(tr) ?? d.design
        var warnings: [String] = []
        if d.points.count < d.plannedPoints {
            warnings.append(Catalogue.onlyPoints(d.points.count, d.plannedPoints))
        }
        var out = pageHeader(kicker: tr("govsim sweep report"), title: d.scenario,
                             facts: [Catalogue.sweepPoints(d.points.count, design, d.trialsPerPoint),
                                     tr("seed ") + d.seed, "govsim \(d.version)"], warnings: warnings)
        out += section(tr("Parameters varied"), note: tr("Every point ran the same trial indices with the same seed (common random "
                       + "numbers), so differences between points are not blurred by different luck."))
        out += table(["parameter", "unit", "from", "to", "steps"].map(tr), d.axes.map { a in
            ["<code>\(esc(a.path))</code>", esc(Catalogue.unit(a.unit)), Chart.precise(a.lo), Chart.precise(a.hi), a.steps.map(String.init) ?? "–"]
        })
        return out + "</section>\n"
    }

    static func response(_ d: Data) -> String {
        guard let first = d.axes.first else { return "" }
        var out: String
        if d.axes.count == 1 {
            let at = d.reference.first.map { Catalogue.scenarioOwnValue(first.path, Chart.precise($0)) } ?? ""
            out = section(Catalogue.responseTo(first.path), note: d.hasDifferences
                          ? Catalogue.pairedDifferenceNote(at)
                          : tr("The mean over each point's trials, with the band of its 95% confidence interval."))
            out += "<div class=\"charts\">\n"
            for o in outputs {
                if d.hasDifferences {
                    let points = d.points.map { p in
                        Chart.CurvePoint(x: p.values[0], mean: p.differences[o.metric]?.d ?? .nan, lo: p.differences[o.metric]?.lo ?? .nan,
                                         hi: p.differences[o.metric]?.hi ?? .nan)
                    }
                    out += figure(Chart.curve(points, title: o.title + tr(": change from the scenario"),
                                              subtitle: Catalogue.pairedAgainst(first.path),
                                              x: Chart.Axis(first.title), y: Chart.Axis(Catalogue.changeIn(o.axis.title), suffix: o.axis.suffix),
                                              legendNames: (tr("paired 95% CI"), tr("mean difference"))))
                } else {
                    let points = d.points.map { p in
                        Chart.CurvePoint(x: p.values[0], mean: p.mean(o.metric), lo: p.stats[o.metric]?.lo ?? .nan,
                                         hi: p.stats[o.metric]?.hi ?? .nan)
                    }
                    out += figure(Chart.curve(points, title: o.title, subtitle: Catalogue.meanAgainst(first.path),
                                              x: Chart.Axis(first.title), y: o.axis))
                }
            }
        } else {
            let second = d.axes[1]
            let others = d.axes.count > 2 ? Catalogue.averagedOverOthers(d.axes.count - 2) : ""
            out = section(Catalogue.responseTo(first.path, second.path),
                          note: d.design == "grid"
                            ? Catalogue.eachCell(others)
                            : tr("Each point is a design point at its values of the first two parameters, coloured by the mean over "
                              + "its trials; darker is lower, yellower higher."))
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
                    // A range inside the noise is said so, on a scale that does not stretch it.
                    let finite = cells.flatMap { $0 }.filter(\.isFinite)
                    let noise = d.noise(o.metric)
                    var domain: ClosedRange<Double>? = nil
                    var subtitle = tr("mean over trials") + others
                    if let lo = finite.min(), let hi = finite.max(), hi == lo {
                        domain = (lo - 1)...(hi + 1)
                        subtitle = tr("every cell is the same: these parameters change nothing here")
                    } else if let lo = finite.min(), let hi = finite.max(), noise.isFinite, hi - lo < 2 * noise {
                        let mid = (lo + hi) / 2
                        domain = (mid - 2 * noise)...(mid + 2 * noise)
                        subtitle = Catalogue.withinNoise(v(hi - lo), v(noise))
                    }
                    out += figure(Chart.heatmap(cells, columns: xs.map(Chart.precise), rows: ys.map(Chart.precise), title: title,
                                                subtitle: subtitle, x: Chart.Axis(first.title),
                                                y: Chart.Axis(second.title), value: o.axis, domain: domain))
                } else {
                    out += figure(Chart.colourScatter(d.points.map { ($0.values[0], $0.values[1], $0.mean(o.metric)) }, title: title,
                                                      subtitle: tr("one dot per design point, coloured by the mean over its trials"),
                                                      x: Chart.Axis(first.title), y: Chart.Axis(second.title), value: o.axis))
                }
            }
        }
        return out + "</div>\n</section>\n"
    }

    static func pointTable(_ d: Data) -> String {
        let shown = d.points.prefix(tableLimit)
        var note = tr("Mean over each point's trials with the 95% confidence interval of the mean.")
        if d.points.count > shown.count { note += Catalogue.firstPoints(shown.count, d.points.count) }
        var out = section(tr("Every point"), note: note)
        let rows = shown.map { p -> [String] in
            [String(p.index)] + p.values.map(Chart.precise) + outputs.flatMap { o -> [String] in
                let s = p.stats[o.metric]
                return [v(s?.mean ?? .nan), range(s?.lo ?? .nan, s?.hi ?? .nan)]
            }
        }
        out += table([tr("point")] + d.axes.map(\.path) + outputs.flatMap { [CompareReport.metricLabel($0.metric), tr("95% CI")] }, rows, leftColumns: 1)
        return out + "</section>\n"
    }
}
