import Foundation
import GovSim
import GovSimExperiments

/// sensitivity.json, the one schema of the file: `SensitivityResults` writes it through this
/// type and the sensitivity report reads it back through this type, so a key is named once, in
/// `Key`.
public struct SensitivityFile: Sendable {
    public static let fileName = "sensitivity.json"

    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case version, scenario, method, samples, replicates, points, seed, axes, metrics
        // An axis's entry.
        case path, lo, hi
        // An output's entry.
        case parameters, outputVariance = "output_variance", noiseVariance = "noise_variance", noiseShare = "noise_share"
        case noiseMethod = "noise_method", independentNoiseVariance = "independent_noise_variance"
        case convergenceChange = "convergence_change", bootstrapHalfWidth = "bootstrap_half_width", converged
        case estimationErrors = "estimation_errors"
        // A parameter's indices.
        case firstOrder = "first_order", firstOrderCI95 = "first_order_ci95", totalOrder = "total_order", totalOrderCI95 = "total_order_ci95"
        case muStar = "mu_star", mu, sigma
    }

    /// A varied parameter and its range.
    public struct Axis: Sendable {
        public var path: String?
        public var lo = Double.nan, hi = Double.nan
        public init(path: String?, lo: Double, hi: Double) { (self.path, self.lo, self.hi) = (path, lo, hi) }
    }

    /// One parameter's indices on one output: Sobol's (first and total order, with 95% bootstrap
    /// intervals) or Morris's (μ*, μ, σ); nil where the method does not give them.
    public struct Index: Sendable {
        public var firstOrder: Double?, firstOrderCI95: Interval?, totalOrder: Double?, totalOrderCI95: Interval?
        public var muStar: Double?, mu: Double?, sigma: Double?
        public init() {}
    }

    /// One output's indices, by parameter path, and what says how far they can be trusted.
    public struct Output: Sendable {
        public var parameters: [String: Index] = [:]
        public var outputVariance = Double.nan, noiseVariance = Double.nan, noiseShare = Double.nan
        public var noiseMethod: String?
        public var independentNoiseVariance = Double.nan, convergenceChange = Double.nan, bootstrapHalfWidth = Double.nan
        /// Whether the Sobol indices converged (nil for Morris, and in older files).
        public var converged: Bool?
        /// The indices outside [0, 1].
        public var estimationErrors: [String]?
        public init() {}
    }

    public var version: String?
    public var scenario: String?
    /// "sobol" or "morris".
    public var method: String?
    public var samples: Int?, replicates: Int?, points: Int?
    public var seed: String?
    public var axes: [Axis]
    /// Output name → its indices.
    public var metrics: [String: Output]

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension SensitivityFile {
    /// The file of a study's result.
    public init(_ r: SensitivityResults) {
        let study = r.study, result = r.result
        version = RunResults.version
        scenario = study.scenario.name
        method = study.method.rawValue
        samples = study.samples
        replicates = study.replicates
        points = result.points.count
        seed = String(Int(study.seed))
        axes = study.axes.map { Axis(path: $0.path.text, lo: $0.lo, hi: $0.hi) }
        metrics = [:]
        for m in result.metrics {
            var output = Output()
            for (i, axis) in study.axes.enumerated() {
                var index = Index()
                if let s = m.sobol {
                    index.firstOrder = s.first[i]; index.firstOrderCI95 = s.firstCI[i]
                    index.totalOrder = s.total[i]; index.totalOrderCI95 = s.totalCI[i]
                }
                if let e = m.morris { (index.muStar, index.mu, index.sigma) = (e.muStar[i], e.mu[i], e.sigma[i]) }
                output.parameters[axis.path.text] = index
            }
            output.outputVariance = m.outputVariance
            output.noiseVariance = m.noiseVariance
            output.noiseShare = m.noiseShare
            output.noiseMethod = "Var over \(min(SensitivityStudy.noisePoints, result.points.count)) design points of (mean − mean on independent streams) / 2"
            output.independentNoiseVariance = m.independentNoiseVariance
            output.convergenceChange = m.convergenceChange
            output.bootstrapHalfWidth = m.bootstrapHalfWidth
            output.converged = m.sobol == nil ? nil : m.converged
            output.estimationErrors = m.outOfRange
            metrics[m.metric.name] = output
        }
    }
}

// MARK: Writing

extension SensitivityFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String {
        var document: [Key: JSONText] = [
            .axes: .array(axes.map { a in
                var entry: [Key: JSONText] = [.lo: .number(a.lo), .hi: .number(a.hi)]
                if let path = a.path { entry[.path] = .string(path) }
                return JSONText.keyed(entry)
            }),
            .metrics: .object(metrics.mapValues(\.json)),
        ]
        if let version { document[.version] = .string(version) }
        if let scenario { document[.scenario] = .string(scenario) }
        if let method { document[.method] = .string(method) }
        if let samples { document[.samples] = .integer(samples) }
        if let replicates { document[.replicates] = .integer(replicates) }
        if let points { document[.points] = .integer(points) }
        if let seed { document[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        return JSONText.keyed(document).rendered
    }


}

extension SensitivityFile.Output {
    var json: JSONText {
        var entry: [SensitivityFile.Key: JSONText] = [
            .parameters: .object(parameters.mapValues(\.json)),
            .outputVariance: .number(outputVariance), .noiseVariance: .number(noiseVariance), .noiseShare: .number(noiseShare),
            .independentNoiseVariance: .number(independentNoiseVariance), .convergenceChange: .number(convergenceChange),
            .bootstrapHalfWidth: .number(bootstrapHalfWidth), .converged: converged.map { .bool($0) } ?? .null,
        ]
        if let noiseMethod { entry[.noiseMethod] = .string(noiseMethod) }
        if let estimationErrors { entry[.estimationErrors] = .array(estimationErrors.map { .string($0) }) }
        return JSONText.keyed(entry)
    }
}

extension SensitivityFile.Index {
    var json: JSONText {
        var entry: [SensitivityFile.Key: JSONText] = [:]
        if let firstOrder { entry[.firstOrder] = .number(firstOrder) }
        if let firstOrderCI95 { entry[.firstOrderCI95] = JSONText.pair(firstOrderCI95) }
        if let totalOrder { entry[.totalOrder] = .number(totalOrder) }
        if let totalOrderCI95 { entry[.totalOrderCI95] = JSONText.pair(totalOrderCI95) }
        if let muStar { entry[.muStar] = .number(muStar) }
        if let mu { entry[.mu] = .number(mu) }
        if let sigma { entry[.sigma] = .number(sigma) }
        return JSONText.keyed(entry)
    }
}

// MARK: Reading

extension SensitivityFile {
    /// Reads sensitivity.json's text. Keys a file of an older govsim lacks are nil or NaN; a
    /// file without `axes` and `metrics` is not a sensitivity study.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        func key(_ k: Key) -> String { k.rawValue }
        guard let axes = top.objects(key(.axes)), let metrics = top.object(key(.metrics)) else {
            throw ReadError(reason: "lacks 'axes' or 'metrics'")
        }
        self.axes = axes.map { Axis(path: $0.string(key(.path)), lo: $0.number(key(.lo)), hi: $0.number(key(.hi))) }
        version = top.string(key(.version))
        scenario = top.string(key(.scenario))
        method = top.string(key(.method))
        samples = top.int(key(.samples))
        replicates = top.int(key(.replicates))
        points = top.int(key(.points))
        seed = top.text(key(.seed))
        self.metrics = [:]
        for name in metrics.keys {
            guard let m = metrics.object(name) else { continue }
            var output = Output()
            if let parameters = m.object(key(.parameters)) {
                for path in parameters.keys {
                    guard let p = parameters.object(path) else { continue }
                    func number(_ k: Key) -> Double? { p.has(k.rawValue) ? p.number(k.rawValue) : nil }
                    func interval(_ k: Key) -> Interval? { p.has(k.rawValue) ? p.interval(k.rawValue) : nil }
                    var index = Index()
                    (index.firstOrder, index.firstOrderCI95) = (number(.firstOrder), interval(.firstOrderCI95))
                    (index.totalOrder, index.totalOrderCI95) = (number(.totalOrder), interval(.totalOrderCI95))
                    (index.muStar, index.mu, index.sigma) = (number(.muStar), number(.mu), number(.sigma))
                    output.parameters[path] = index
                }
            }
            output.outputVariance = m.number(key(.outputVariance))
            output.noiseVariance = m.number(key(.noiseVariance))
            output.noiseShare = m.number(key(.noiseShare))
            output.noiseMethod = m.string(key(.noiseMethod))
            output.independentNoiseVariance = m.number(key(.independentNoiseVariance))
            output.convergenceChange = m.number(key(.convergenceChange))
            output.bootstrapHalfWidth = m.number(key(.bootstrapHalfWidth))
            output.converged = m.bool(key(.converged))
            output.estimationErrors = m.strings(key(.estimationErrors))
            self.metrics[name] = output
        }
    }
}
