import Foundation
import GovSim
import GovSimExperiments

/// compare.json, the one schema of the file: `CompareResults` writes it through this type and
/// the compare report reads it back through this type, so a key is named once, in `Key`. The
/// python loader (python/govsim/results.py) reads the same keys.
public struct CompareFile: Sendable {
    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case version, seed, baseline, arms, trials, stoppedBecause = "stopped_because", objective
        case satisfactionDefinition = "satisfaction_definition", threshold, thresholdSpread = "threshold_spread", meaning
        case ranking, probabilityBest = "probability_best", probabilityBestMeaning = "probability_best_meaning"
        case indifference, indistinguishable, selection
        case differences, costEffectiveness = "cost_effectiveness", differencesByGroup = "differences_by_group", groups, estates
        // The selection procedure's entry.
        case procedure, delta, alpha, firstStage = "first_stage", selected, stage, eliminatedAt = "eliminated_at", guaranteed, guarantee
        // A difference's entry.
        case n, baselineMean = "baseline_mean", armMean = "arm_mean", difference, ci95, pi90, ci95Method = "ci95_method"
        case relativeChangePct = "relative_change_pct", relativeChangeCI95 = "relative_change_ci95", effectSize = "effect_size"
        case pValue = "p_value", test, correlation, unpairedHalfWidth = "unpaired_half_width", unit, kind, bound, note
        // A policy's cost-effectiveness.
        case extraCost = "extra_cost", safetyPointsPerMillion = "safety_points_per_million_yuan"
        case satisfactionPointsPerMillion = "satisfaction_points_per_million_yuan"
        case costPerDisputeAverted = "cost_per_dispute_averted", costPerSafetyPoint = "cost_per_safety_point"
    }

    /// One policy against the baseline on one output (NaN where the file has null). The fields
    /// that are nil are those a group's or estate type's difference does not give.
    public struct Difference: Sendable {
        public var n = 0
        public var baselineMean = Double.nan, armMean = Double.nan, difference = Double.nan
        /// 95% confidence interval of the mean difference, and which interval it is.
        public var ci95 = Interval(lo: .nan, hi: .nan), ci95Method = ""
        /// 90% predictive interval of the difference in one realisation.
        public var pi90 = Interval(lo: .nan, hi: .nan)
        public var relativeChangePct: Double?, relativeChangeCI95: Interval?, effectSize: Double?
        public var pValue = Double.nan, test = ""
        public var correlation: Double?, unpairedHalfWidth: Double?
        public var unit = "", kind = ""
        public var bound: Double?, note: String?

        public init() {}

        /// The difference `d` on `metric`; `district` adds the fields only the district gives.
        init(_ d: PairedDifference, _ metric: Metric, district: Bool) {
            n = d.n
            (baselineMean, armMean, difference) = (d.baselineMean, d.armMean, d.difference)
            ci95 = d.ci95; ci95Method = d.method; pi90 = d.prediction90
            pValue = d.pValue; test = d.testMethod
            unit = metric.unit; kind = metric.kind.rawValue
            bound = d.bound; note = d.note
            if district {
                relativeChangePct = d.relativeChangePct; relativeChangeCI95 = d.relativeChangeCI95
                effectSize = d.effectSize; correlation = d.correlation; unpairedHalfWidth = d.unpairedHalfWidth
            }
        }
    }

    /// The Kim–Nelson selection, when the comparison ran one.
    public struct Selection: Sendable {
        public var procedure: String, delta: Double, alpha: Double, firstStage: Int
        public var selected: String, stage: Int
        /// The stage each arm was eliminated at (nil: never).
        public var eliminatedAt: [String: Int?]
        public var guaranteed: Bool, guarantee: String
    }

    /// A policy's differences by group and by estate type (metric → difference in each).
    public struct Parts: Sendable {
        public var groups: [String: [String: Difference]], estates: [String: [String: Difference]]
    }

    public var version: String?
    public var seed: String?
    public var baseline: String?
    /// The arms, the baseline first.
    public var arms: [String]
    public var trials: [String: Int]
    public var stoppedBecause: String?
    public var objective: String?
    /// The mean satisfaction threshold, its spread (points) and what they mean.
    public var satisfiedThreshold = Double.nan, satisfiedThresholdSpread = Double.nan, satisfactionMeaning: String?
    public var ranking: [String]?
    public var probabilityBest = Double.nan, probabilityBestMeaning: String?
    /// δ, and the arms that cannot be told apart from the first.
    public var indifference = Double.nan, indistinguishable: [String]?
    public var selection: Selection?
    /// Policy arm → metric → difference from the baseline.
    public var differences: [String: [String: Difference]]
    public var costEffectiveness: [String: CompareResults.CostEffectiveness]
    public var differencesByGroup: [String: Parts]?

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension CompareFile {
    /// The file of a comparison.
    public init(_ r: CompareResults) {
        let names = r.names, outcome = r.outcome
        version = RunResults.version
        seed = String(Int(r.seed))
        baseline = names[0]
        arms = names
        trials = Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], outcome.results[$0].count) })
        stoppedBecause = outcome.stoppedBecause
        objective = r.objective.name
        satisfiedThreshold = r.satisfiedThreshold
        satisfiedThresholdSpread = r.satisfiedThresholdSpread
        satisfactionMeaning = "a resident is satisfied when their happiness is at or above their own threshold, drawn around the mean threshold with this spread (points 0–100)"
        ranking = outcome.ranking.map { names[$0] }
        probabilityBest = outcome.probabilityBest
        probabilityBestMeaning = "share of paired bootstrap resamples in which the first-ranked arm has the best mean (ties split); descriptive, not a guarantee"
        indifference = r.indifference
        indistinguishable = outcome.indistinguishable.map { names[$0] }
        selection = outcome.selection.map { sel in
            Selection(procedure: "Kim–Nelson KN (Kim & Nelson 2001, ACM TOMACS 11(3):251–273)",
                      delta: sel.delta, alpha: sel.alpha, firstStage: sel.firstStage, selected: names[sel.selected], stage: sel.stage,
                      eliminatedAt: Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], sel.eliminatedAt[$0]) }),
                      guaranteed: sel.guaranteed,
                      guarantee: sel.guaranteed
                          ? "P(correct selection) ≥ \(1 - sel.alpha) when the best arm's mean exceeds every other's by ≥ \(sel.delta)"
                          : "none: the trial cap stopped the procedure before it ended; the arm with the best mean is shown")
        }
        differences = [:]
        costEffectiveness = [:]
        var byPart: [String: Parts] = [:]
        for arm in 1..<names.count {
            differences[names[arm]] = Dictionary(uniqueKeysWithValues: Metric.allCases.map { m in
                (m.name, Difference(outcome.differences[arm - 1][m.rawValue], m, district: true))
            })
            costEffectiveness[names[arm]] = r.costEffectiveness(arm)
            var parts = Parts(groups: [:], estates: [:])
            for (part, list) in r.partDifferences(arm) {
                let metrics = Dictionary(uniqueKeysWithValues: list.map { ($0.0.name, Difference($0.1, $0.0, district: false)) })
                if part.kind == .group { parts.groups[part.name] = metrics } else { parts.estates[part.name] = metrics }
            }
            if !parts.groups.isEmpty { byPart[names[arm]] = parts }
        }
        differencesByGroup = byPart.isEmpty ? nil : byPart
    }
}

// MARK: Writing

extension CompareFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String {
        var document: [Key: JSONText] = [
            .arms: .array(arms.map { .string($0) }),
            .trials: .object(trials.mapValues { .integer($0) }),
            .satisfactionDefinition: JSONText.keyed([
                CompareFile.Key.threshold: .number(satisfiedThreshold), .thresholdSpread: .number(satisfiedThresholdSpread),
                .meaning: satisfactionMeaning.map { .string($0) } ?? .null,
            ]),
            .probabilityBest: .number(probabilityBest),
            .indifference: .number(indifference),
            .selection: selection.map(\.json) ?? .null,
            .differences: .object(differences.mapValues(CompareFile.json)),
            .costEffectiveness: .object(costEffectiveness.mapValues(CompareFile.json)),
        ]
        if let version { document[.version] = .string(version) }
        if let seed { document[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        if let baseline { document[.baseline] = .string(baseline) }
        if let stoppedBecause { document[.stoppedBecause] = .string(stoppedBecause) }
        if let objective { document[.objective] = .string(objective) }
        if let ranking { document[.ranking] = .array(ranking.map { .string($0) }) }
        if let probabilityBestMeaning { document[.probabilityBestMeaning] = .string(probabilityBestMeaning) }
        if let indistinguishable { document[.indistinguishable] = .array(indistinguishable.map { .string($0) }) }
        if let differencesByGroup {
            document[.differencesByGroup] = .object(differencesByGroup.mapValues { p in
                JSONText.keyed([CompareFile.Key.groups: .object(p.groups.mapValues(CompareFile.json)),
                                    .estates: .object(p.estates.mapValues(CompareFile.json))])
            })
        }
        return JSONText.keyed(document).rendered
    }



    static func json(_ metrics: [String: Difference]) -> JSONText { .object(metrics.mapValues(\.json)) }

    static func json(_ ce: CompareResults.CostEffectiveness) -> JSONText {
        JSONText.keyed([CompareFile.Key.extraCost: .number(ce.extraCost), .safetyPointsPerMillion: .number(ce.safetyPointsPerMillion),
                .satisfactionPointsPerMillion: .number(ce.satisfactionPointsPerMillion),
                .costPerDisputeAverted: .number(ce.costPerDisputeAverted), .costPerSafetyPoint: .number(ce.costPerSafetyPoint)])
    }
}

extension CompareFile.Difference {
    var json: JSONText {
        var entry: [CompareFile.Key: JSONText] = [
            .n: .integer(n), .baselineMean: .number(baselineMean), .armMean: .number(armMean),
            .difference: .number(difference), .ci95: JSONText.pair(ci95), .pi90: JSONText.pair(pi90),
            .ci95Method: .string(ci95Method), .pValue: .number(pValue), .test: .string(test),
            .unit: .string(unit), .kind: .string(kind),
        ]
        if let relativeChangePct { entry[.relativeChangePct] = .number(relativeChangePct) }
        if let relativeChangeCI95 { entry[.relativeChangeCI95] = JSONText.pair(relativeChangeCI95) }
        if let effectSize { entry[.effectSize] = .number(effectSize) }
        if let correlation { entry[.correlation] = .number(correlation) }
        if let unpairedHalfWidth { entry[.unpairedHalfWidth] = .number(unpairedHalfWidth) }
        if let bound { entry[.bound] = .number(bound) }
        if let note { entry[.note] = .string(note) }
        return JSONText.keyed(entry)
    }
}

extension CompareFile.Selection {
    var json: JSONText {
        JSONText.keyed([
            CompareFile.Key.procedure: .string(procedure), .delta: .number(delta), .alpha: .number(alpha), .firstStage: .integer(firstStage),
            .selected: .string(selected), .stage: .integer(stage),
            .eliminatedAt: .object(eliminatedAt.mapValues { $0.map { .integer($0) } ?? .null }),
            .guaranteed: .bool(guaranteed), .guarantee: .string(guarantee),
        ])
    }
}

// MARK: Reading

extension CompareFile {
    /// Reads compare.json's text. Keys a file of an older govsim lacks are nil or NaN; a file
    /// without two arms and `differences` is not a comparison.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        func key(_ k: Key) -> String { k.rawValue }
        guard let arms = top.strings(key(.arms)), arms.count >= 2, let differences = top.object(key(.differences)) else {
            throw ReadError(reason: "lacks 'arms' (two or more) or 'differences'")
        }
        self.arms = arms
        version = top.string(key(.version))
        seed = top.text(key(.seed))
        baseline = top.string(key(.baseline))
        trials = [:]
        if let t = top.object(key(.trials)) { for arm in t.keys { trials[arm] = t.int(arm) } }
        stoppedBecause = top.string(key(.stoppedBecause))
        objective = top.string(key(.objective))
        if let s = top.object(key(.satisfactionDefinition)) {
            satisfiedThreshold = s.number(key(.threshold))
            satisfiedThresholdSpread = s.number(key(.thresholdSpread))
            satisfactionMeaning = s.string(key(.meaning))
        }
        ranking = top.strings(key(.ranking))
        probabilityBest = top.number(key(.probabilityBest))
        probabilityBestMeaning = top.string(key(.probabilityBestMeaning))
        indifference = top.number(key(.indifference))
        indistinguishable = top.strings(key(.indistinguishable))
        if let s = top.object(key(.selection)) {
            var eliminated: [String: Int?] = [:]
            if let e = s.object(key(.eliminatedAt)) { for arm in e.keys { eliminated[arm] = e.int(arm) } }
            selection = Selection(procedure: s.string(key(.procedure)) ?? "", delta: s.number(key(.delta)), alpha: s.number(key(.alpha)),
                                  firstStage: s.int(key(.firstStage)) ?? 0, selected: s.string(key(.selected)) ?? "",
                                  stage: s.int(key(.stage)) ?? 0, eliminatedAt: eliminated,
                                  guaranteed: s.bool(key(.guaranteed)) ?? false, guarantee: s.string(key(.guarantee)) ?? "")
        }
        self.differences = [:]
        for arm in differences.keys { if let m = differences.object(arm) { self.differences[arm] = CompareFile.differences(m) } }
        costEffectiveness = [:]
        if let ce = top.object(key(.costEffectiveness)) {
            for arm in ce.keys {
                guard let c = ce.object(arm) else { continue }
                costEffectiveness[arm] = CompareResults.CostEffectiveness(
                    extraCost: c.number(key(.extraCost)), safetyPointsPerMillion: c.number(key(.safetyPointsPerMillion)),
                    satisfactionPointsPerMillion: c.number(key(.satisfactionPointsPerMillion)),
                    costPerDisputeAverted: c.number(key(.costPerDisputeAverted)), costPerSafetyPoint: c.number(key(.costPerSafetyPoint)))
            }
        }
        if let byGroup = top.object(key(.differencesByGroup)) {
            var parts: [String: Parts] = [:]
            for arm in byGroup.keys {
                guard let p = byGroup.object(arm) else { continue }
                func block(_ k: Key) -> [String: [String: Difference]] {
                    guard let b = p.object(k.rawValue) else { return [:] }
                    return Dictionary(uniqueKeysWithValues: b.keys.compactMap { name in b.object(name).map { (name, CompareFile.differences($0)) } })
                }
                parts[arm] = Parts(groups: block(.groups), estates: block(.estates))
            }
            differencesByGroup = parts
        }
    }

    /// The entries of a metric → difference block.
    static func differences(_ block: JSONObject) -> [String: Difference] {
        var out: [String: Difference] = [:]
        for name in block.keys {
            guard let e = block.object(name) else { continue }
            func key(_ k: Key) -> String { k.rawValue }
            func optional(_ k: Key) -> Double? { e.has(k.rawValue) ? e.number(k.rawValue) : nil }
            var d = Difference()
            d.n = e.int(key(.n)) ?? 0
            (d.baselineMean, d.armMean, d.difference) = (e.number(key(.baselineMean)), e.number(key(.armMean)), e.number(key(.difference)))
            d.ci95 = e.interval(key(.ci95)); d.ci95Method = e.string(key(.ci95Method)) ?? ""
            d.pi90 = e.interval(key(.pi90))
            d.relativeChangePct = optional(.relativeChangePct)
            d.relativeChangeCI95 = e.has(key(.relativeChangeCI95)) ? e.interval(key(.relativeChangeCI95)) : nil
            d.effectSize = optional(.effectSize)
            d.pValue = e.number(key(.pValue)); d.test = e.string(key(.test)) ?? ""
            d.correlation = optional(.correlation)
            d.unpairedHalfWidth = optional(.unpairedHalfWidth)
            d.unit = e.string(key(.unit)) ?? ""; d.kind = e.string(key(.kind)) ?? ""
            d.bound = optional(.bound)
            d.note = e.string(key(.note))
            out[name] = d
        }
        return out
    }
}
