import Foundation
import GovSim
import GovSimExperiments

/// check.json, the one schema of the file: `CheckResults` writes it through this type and the
/// check report reads it back through this type, so a key is named once, in `Key`.
///
/// Every target of every checked file, observed against predicted, with its kind (`fitted` or
/// `predicted`) and how it was observed (`observed_as`: a value or a % change). A fitted target
/// is `met` when the predicted mean lies within its tolerance; a prediction is a `hit` when the
/// observed figure lies inside the 90% predictive interval (`predicted_pi90`), and carries the
/// no-policy `counterfactual` beside it.
public struct CheckFile: Sendable {
    public static let fileName = "check.json"

    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case version, allMet = "all_met", allPassed = "all_passed", fittedMet = "fitted_met"
        case predictionsHit = "predictions_hit", predictions, files
        // A checked file's entry.
        case file, scenario, trials, seed, targets
        // A target's entry.
        case output, tolerance, predicted, predictedCI95 = "predicted_ci95", predictedPI90 = "predicted_pi90", met, kind
        case hit, counterfactual, counterfactualPI90 = "counterfactual_pi90"
        case observed, observedAs = "observed_as", relativeTo = "relative_to"
    }

    /// How a target's figure was observed: `value` (a level) or `change_pct` (a % change
    /// against `relative_to`).
    public enum ObservedAs: String, Sendable {
        case value, changePct = "change_pct"
    }

    /// One target of one file: what was observed, what govsim predicted, and whether it passed.
    public struct Target: Sendable {
        /// The output's name (`Metric.name`).
        public var output: String?
        /// The observed figure: a value in the output's unit, or a % change.
        public var observed = Double.nan
        public var observedAs: ObservedAs?
        /// The scenario file a % change is against, as its file wrote it.
        public var relativeTo: String?
        /// The tolerance, in the observed figure's unit.
        public var tolerance = Double.nan
        /// "fitted" or "predicted" (nil in files older than the kinds: read as fitted).
        public var kind: String?
        public var predicted = Double.nan
        public var predictedCI95 = Interval(lo: .nan, hi: .nan), predictedPI90 = Interval(lo: .nan, hi: .nan)
        public var met: Bool?
        /// Whether the observed figure lies in the 90% predictive interval: a prediction's only.
        public var hit: Bool?
        /// The no-policy value and its 90% predictive interval: a prediction's only, nil when
        /// the file has no counterfactual.
        public var counterfactual: Double?, counterfactualPI90: Interval?
        public init() {}

        public var isPrediction: Bool { kind == GovSimExperiments.Target.Kind.predicted.rawValue }
        /// A fitted target passes when met, a prediction when hit (older files: when met).
        public var passed: Bool { isPrediction ? (hit ?? met) == true : met == true }
        public var isChange: Bool { observedAs == .changePct }
    }

    /// One checked scenario file and its targets.
    public struct File: Sendable {
        /// The file's path as it was checked.
        public var file: String?
        public var scenario: String?
        public var trials: Int?
        public var seed: String?
        public var targets: [Target] = []
        public init() {}
    }

    public var version: String?
    /// Every target passed as `met` (predictions too): an older reading kept for scripts.
    public var allMet: Bool?
    /// Every fitted target met and every prediction hit.
    public var allPassed: Bool?
    /// Every fitted target met (predictions aside): what check's exit status says.
    public var fittedMet: Bool?
    public var predictionsHit: Int?, predictions: Int?
    public var files: [File]

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension CheckFile {
    /// The file of a check of `results`.
    public init(_ results: [TargetEvaluator.FileResult]) {
        let all = results.flatMap(\.predictions)
        version = RunResults.version
        allMet = all.allSatisfy(\.met)
        allPassed = all.allSatisfy(\.passed)
        fittedMet = all.allSatisfy { $0.met || $0.target.kind != .fitted }
        predictionsHit = all.filter { $0.target.kind == .predicted && $0.hit }.count
        predictions = all.filter { $0.target.kind == .predicted }.count
        files = results.map { r in
            var file = File()
            file.file = r.file.path
            file.scenario = r.file.scenario.name
            file.trials = r.trials
            file.seed = String(Int(r.seed))
            file.targets = r.predictions.map { p in
                var t = Target()
                t.output = p.target.metric.name
                t.tolerance = p.target.tolerance
                t.predicted = p.mean
                (t.predictedCI95, t.predictedPI90) = (p.ci95, p.pi90)
                t.met = p.met
                t.kind = p.target.kind.rawValue
                if p.target.kind == .predicted {
                    t.hit = p.hit
                    (t.counterfactual, t.counterfactualPI90) = (p.counterfactual, p.counterfactualPI90)
                }
                switch p.target.observed {
                case .value(let v): (t.observed, t.observedAs) = (v, .value)
                case .change(let pct, let reference): (t.observed, t.observedAs, t.relativeTo) = (pct, .changePct, reference.written)
                }
                return t
            }
            return file
        }
    }
}

// MARK: Writing

extension CheckFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String {
        var document: [Key: JSONText] = [.files: .array(files.map(\.json))]
        if let version { document[.version] = .string(version) }
        if let allMet { document[.allMet] = .bool(allMet) }
        if let allPassed { document[.allPassed] = .bool(allPassed) }
        if let fittedMet { document[.fittedMet] = .bool(fittedMet) }
        if let predictionsHit { document[.predictionsHit] = .integer(predictionsHit) }
        if let predictions { document[.predictions] = .integer(predictions) }
        return JSONText.keyed(document).rendered
    }


}

extension CheckFile.File {
    var json: JSONText {
        var entry: [CheckFile.Key: JSONText] = [.targets: .array(targets.map(\.json))]
        if let file { entry[.file] = .string(file) }
        if let scenario { entry[.scenario] = .string(scenario) }
        if let trials { entry[.trials] = .integer(trials) }
        if let seed { entry[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        return JSONText.keyed(entry)
    }
}

extension CheckFile.Target {
    var json: JSONText {
        var entry: [CheckFile.Key: JSONText] = [
            .tolerance: .number(tolerance), .predicted: .number(predicted),
            .predictedCI95: JSONText.pair(predictedCI95), .predictedPI90: JSONText.pair(predictedPI90), .observed: .number(observed),
        ]
        if let output { entry[.output] = .string(output) }
        if let met { entry[.met] = .bool(met) }
        if let kind { entry[.kind] = .string(kind) }
        if let observedAs { entry[.observedAs] = .string(observedAs.rawValue) }
        if let relativeTo { entry[.relativeTo] = .string(relativeTo) }
        // A prediction always says whether it hit and what no policy gives (null when unknown).
        if isPrediction || hit != nil {
            if let hit { entry[.hit] = .bool(hit) }
            entry[.counterfactual] = counterfactual.map { .number($0) } ?? .null
            entry[.counterfactualPI90] = counterfactualPI90.map(JSONText.pair) ?? .null
        }
        return JSONText.keyed(entry)
    }
}

// MARK: Reading

extension CheckFile {
    /// Reads check.json's text. Keys a file of an older govsim lacks are nil or NaN; a file
    /// without `files` is not a check.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        func key(_ k: Key) -> String { k.rawValue }
        guard let files = top.objects(key(.files)) else { throw ReadError(reason: "lacks 'files'") }
        version = top.string(key(.version))
        allMet = top.bool(key(.allMet))
        allPassed = top.bool(key(.allPassed))
        fittedMet = top.bool(key(.fittedMet))
        predictionsHit = top.int(key(.predictionsHit))
        predictions = top.int(key(.predictions))
        self.files = files.map { f in
            var file = File()
            file.file = f.string(key(.file))
            file.scenario = f.string(key(.scenario))
            file.trials = f.int(key(.trials))
            file.seed = f.text(key(.seed))
            file.targets = (f.objects(key(.targets)) ?? []).map { o in
                var t = Target()
                t.output = o.string(key(.output))
                t.observed = o.number(key(.observed))
                t.observedAs = o.string(key(.observedAs)).flatMap(ObservedAs.init(rawValue:))
                t.relativeTo = o.string(key(.relativeTo))
                t.tolerance = o.number(key(.tolerance))
                t.kind = o.string(key(.kind))
                t.predicted = o.number(key(.predicted))
                t.predictedCI95 = o.interval(key(.predictedCI95))
                t.predictedPI90 = o.interval(key(.predictedPI90))
                t.met = o.bool(key(.met))
                t.hit = o.bool(key(.hit))
                let counterfactual = o.number(key(.counterfactual))
                t.counterfactual = counterfactual.isNaN ? nil : counterfactual
                t.counterfactualPI90 = o.numbers(key(.counterfactualPI90)) == nil ? nil : o.interval(key(.counterfactualPI90))
                return t
            }
            return file
        }
    }
}
