import Foundation
import GovSim
import GovSimExperiments
import GovSimIO

/// report.html of `govsim sensitivity`, drawn from sensitivity.json alone (its schema: `SensitivityFile`): per output, the
/// parameters' Sobol indices (first and total order, with intervals) or Morris effects (μ*
/// and σ), sorted, with the trial noise and the convergence said in words.
enum SensitivityReport: ReportPage {
    static let files = [SensitivityFile.fileName]
    /// Noise share (0–1) above which the indices are flagged as blurred by trial noise.
    static let noiseLimit = 0.2
    /// Largest bootstrap 95% half-width of an index that counts as converged.
    static let convergenceLimit = SensitivityStudy.convergenceLimit

    struct Index {
        var first = Double.nan, firstCI = Interval(lo: .nan, hi: .nan)
        var total = Double.nan, totalCI = Interval(lo: .nan, hi: .nan)
        var muStar = Double.nan, mu = Double.nan, sigma = Double.nan
    }

    struct Output {
        var metric: String
        var unit: String
        /// Per parameter, in the axes' order.
        var indices: [Index]
        var outputVariance: Double, noiseShare: Double, convergenceChange: Double
        /// Largest bootstrap half-width of an index, whether the indices converged, and indices outside [0, 1].
        var bootstrapHalfWidth: Double = .nan, converged: Bool? = nil, estimationErrors: [String] = []
    }

    struct Data {
        var scenario: String, method: String, seed: String, version: String
        var samples: Int, replicates: Int, points: Int
        var axes: [(path: String, lo: Double, hi: Double)]
        var outputs: [Output]

        init(folder: String) throws(RunReport.DataError) {
            let files = DataFolder(path: folder, writer: "govsim sensitivity")
            let file = try files.read(SensitivityFile.fileName, SensitivityFile.init(text:))
            scenario = file.scenario ?? "–"
            method = file.method ?? "sobol"
            seed = file.seed ?? "–"
            version = file.version ?? "–"
            samples = file.samples ?? 0
            replicates = file.replicates ?? 0
            points = file.points ?? 0
            let paths = file.axes.map { $0.path ?? "–" }
            axes = file.axes.map { ($0.path ?? "–", $0.lo, $0.hi) }
            // Known outputs in their fixed order, then any others by name.
            let names = Metric.allCases.map(\.name).filter { file.metrics[$0] != nil }
                + file.metrics.keys.sorted().filter { Metric(name: $0) == nil }
            outputs = names.map { name in
                let m = file.metrics[name]!
                let indices = paths.map { path -> Index in
                    guard let p = m.parameters[path] else { return Index() }
                    let none = Interval(lo: .nan, hi: .nan)
                    return Index(first: p.firstOrder ?? .nan, firstCI: p.firstOrderCI95 ?? none, total: p.totalOrder ?? .nan,
                                 totalCI: p.totalOrderCI95 ?? none, muStar: p.muStar ?? .nan, mu: p.mu ?? .nan, sigma: p.sigma ?? .nan)
                }
                return Output(metric: name, unit: Metric(name: name)?.unit ?? "", indices: indices,
                              outputVariance: m.outputVariance, noiseShare: m.noiseShare, convergenceChange: m.convergenceChange,
                              bootstrapHalfWidth: m.bootstrapHalfWidth, converged: m.converged,
                              estimationErrors: m.estimationErrors ?? [])
            }
        }
    }

    static func html(resultsFolder: String) throws -> String { page(try Data(folder: resultsFolder)) }

    static func page(_ d: Data) -> String {
        document(title: tr("govsim sensitivity: ") + d.scenario,
                 body: header(d) + d.outputs.map { output(d, $0) }.joined() + pageFooter(version: d.version, files: files))
    }

    static func header(_ d: Data) -> String {
        let design = d.method == "morris" ? Catalogue.morrisDesign(d.samples, d.points) : Catalogue.sobolDesign(d.samples, d.points)
        var out = pageHeader(kicker: tr("govsim sensitivity report"), title: d.scenario,
                             lead: d.method == "morris"
                                ? tr("Which parameters move the outputs: μ* is the mean absolute change of an output when a parameter "
                                  + "moves across its whole range, σ how much that change depends on the other parameters "
                                  + "(interactions or non-linearity).")
                                : tr("Which parameters drive the outputs: the first-order index is the share of the output's variance "
                                  + "a parameter explains alone, the total-order index the share it explains with all its "
                                  + "interactions. A total well above the first order means interactions matter."),
                             facts: [design, Catalogue.trialsPerPoint(d.replicates), tr("seed ") + d.seed, "govsim \(d.version)"])
        out += section(tr("Parameters varied"), note: nil)
        let rows = d.axes.map { ["<code>\(esc($0.path))</code>", Chart.precise($0.lo), Chart.precise($0.hi)] }
        out += table(["parameter", "from", "to"].map(tr), rows, leftColumns: 1)
        return out + "</section>\n"
    }

    /// What the noise and convergence say about how far the indices can be trusted (HTML), and
    /// whether that calls for a warning.
    static func verdict(_ d: Data, _ o: Output) -> (text: String, warn: Bool) {
        guard o.outputVariance > 0, o.noiseShare.isFinite else {
            return (tr("The output did not vary across the design points, so the indices are undefined: widen the ranges or run "
                    + "more days."), true)
        }
        var text = Catalogue.trialNoise(v(100 * o.noiseShare))
        var warn = false
        if o.noiseShare > noiseLimit {
            text += Catalogue.noiseMoreThan(v(100 * noiseLimit))
            warn = true
        } else {
            text += tr(".")
        }
        if d.method == "morris" {
            text += tr(" Morris screening ranks the parameters; it does not estimate convergence.")
        } else {
            for e in o.estimationErrors {
                text += Catalogue.estimationError(esc(e))
                warn = true
            }
            if o.converged == true {
                text += Catalogue.converged(v(o.bootstrapHalfWidth), v(convergenceLimit))
            } else if o.converged == nil && o.convergenceChange.isFinite && o.convergenceChange < convergenceLimit {
                // Files written before bootstrap convergence: the old half-versus-all heuristic.
                text += Catalogue.changedAtMost(v(o.convergenceChange))
            } else {
                text += Catalogue.notConverged(v(o.bootstrapHalfWidth), v(convergenceLimit))
                warn = true
            }
        }
        return (text, warn)
    }

    static func output(_ d: Data, _ o: Output) -> String {
        var out = section(Catalogue.outputHeading(o.metric, display: Metric(name: o.metric)?.displayName, unit: o.unit), note: nil)
        let (text, warn) = verdict(d, o)
        out += "<p class=\"\(warn ? "warn" : "ok")\">\(text)</p>\n"
        let paths = d.axes.map(\.path)
        out += "<div class=\"charts\">\n"
        if d.method == "morris" {
            let order = paths.indices.sorted { rank(o.indices[$0].muStar) > rank(o.indices[$1].muStar) }
            let groups = order.map { i in
                Chart.EstimateGroup(paths[i], [Chart.Estimate(o.indices[i].muStar), Chart.Estimate(o.indices[i].sigma)])
            }
            out += figure(Chart.groupedBars(groups, series: ["μ* (mean absolute effect)", "σ (spread of the effects)"].map(tr),
                                            title: Catalogue.morrisEffectsOn(label(o.metric)), subtitle: tr("sorted by μ*"),
                                            value: Chart.Axis(tr("effect over the parameter's range")
                                                              + (o.unit.isEmpty ? "" : Catalogue.inUnit(Catalogue.unit(o.unit))))))
            out += table([tr("parameter"), "μ*", "μ", "σ"], order.map { i in
                let x = o.indices[i]
                return ["<code>\(esc(paths[i]))</code>", v(x.muStar), v(x.mu), v(x.sigma)]
            }, leftColumns: 1)
            out += "</div>\n"
        } else {
            let order = paths.indices.sorted { rank(o.indices[$0].total) > rank(o.indices[$1].total) }
            let groups = order.map { i in
                Chart.EstimateGroup(paths[i], [Chart.Estimate(o.indices[i].first, interval: o.indices[i].firstCI),
                                               Chart.Estimate(o.indices[i].total, interval: o.indices[i].totalCI)])
            }
            out += figure(Chart.groupedBars(groups, series: ["first order", "total order"].map(tr), title: Catalogue.sobolIndicesOf(label(o.metric)),
                                            subtitle: tr("sorted by total order; whiskers: 95% bootstrap intervals"),
                                            value: Chart.Axis(tr("share of the output's variance (0–1)"))))
            out += table(["parameter", "first order", "95% CI", "total order", "95% CI"].map(tr), order.map { i in
                let x = o.indices[i]
                return ["<code>\(esc(paths[i]))</code>", v(x.first), range(x.firstCI.lo, x.firstCI.hi), v(x.total),
                        range(x.totalCI.lo, x.totalCI.hi)]
            }, leftColumns: 1)
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    /// An output in a chart title: its key in English, its name in Chinese.
    static func label(_ metric: String) -> String {
        Metric(name: metric).map(CompareReport.metricLabel) ?? metric
    }

    /// A sort key that puts undefined values last.
    static func rank(_ x: Double) -> Double { x.isFinite ? x : -.infinity }
}
