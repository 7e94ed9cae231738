import Foundation
import GovSim
import GovSimExperiments

/// explain.json, the one schema of the file: `ExplainResults` writes it through this type and
/// the explain report reads it back through this type, so a key is named once, in `Key`.
///
/// Per lever, its Shapley value, its effect alone and its leave-one-out effect on every output,
/// each with its 95% interval; the policy's whole effect on every output (with both arms' means)
/// and the interaction left over; the mechanism pathways; the changes that are not levers.
public struct ExplainFile: Sendable {
    public static let fileName = "explain.json"

    /// Every key the file has, at every level.
    public enum Key: String, CaseIterable, Sendable {
        case version, baseline, policy, seed, days, trials, method, coalitions, orders
        case levers, total, interaction, pathways, ignored
        // A lever's entry.
        case path, from, to, shapley, alone, leaveOneOut = "leave_one_out"
        // An estimate's entry.
        case mean, ci95, n, samplingSE = "sampling_se"
        // A whole effect's entry adds these.
        case baselineMean = "baseline_mean", policyMean = "policy_mean", unit, kind, higherIsBetter = "higher_is_better"
        // A pathway's entry.
        case output, through
    }

    /// One estimated effect, in the output's unit: the mean over paired trials, its 95% interval,
    /// the trials, and, when the orders were sampled, their sampling error (included in `ci95`).
    public struct Estimate: Sendable {
        public var mean = Double.nan
        public var ci95 = Interval(lo: .nan, hi: .nan)
        public var n: Int?
        public var samplingSE: Double?
        public init() {}
    }

    /// The policy's whole effect on one output and both arms' means, with the output's unit,
    /// kind and direction.
    public struct Total: Sendable {
        public var estimate = Estimate()
        public var baselineMean = Double.nan, policyMean = Double.nan
        public var unit: String?, kind: String?
        public var higherIsBetter: Bool?
        public init() {}
    }

    /// One lever (a scenario path the policy changes, from the baseline's value to the
    /// policy's) and its effects by output name.
    public struct Lever: Sendable {
        public var path: String?, from: String?, to: String?
        public var shapley: [String: Estimate] = [:], alone: [String: Estimate] = [:], leaveOneOut: [String: Estimate] = [:]
        public init() {}
    }

    /// An output and the mechanism outputs it moves through (names of `Metric`).
    public struct Pathway: Sendable {
        public var output: String?
        public var through: [String] = []
        public init() {}
    }

    public var version: String?
    /// The two scenarios' names.
    public var baseline: String?, policy: String?
    public var seed: String?
    public var days: Int?, trials: Int?
    /// "exact" (every coalition) or "sampled" (random orders).
    public var method: String?
    public var coalitions: Int?, orders: Int?
    public var levers: [Lever]
    /// Output name → the policy's whole effect.
    public var total: [String: Total]
    /// Output name → what the levers' Shapley values leave of the whole effect (zero when exact).
    public var interaction: [String: Estimate] = [:]
    public var pathways: [Pathway] = []
    /// The paths the policy changes that are not levers (not attributed).
    public var ignored: [String]?

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension ExplainFile {
    /// The file of an explanation.
    public init(_ r: ExplainResults) {
        let decomposition = r.decomposition
        func byMetric(_ pick: (LeverAttribution.Decomposition) -> LeverAttribution.Estimate) -> [String: Estimate] {
            Dictionary(uniqueKeysWithValues: decomposition.map { ($0.metric.name, Estimate(pick($0))) })
        }
        version = RunResults.version
        baseline = r.baselineName
        policy = r.policyName
        seed = String(r.seed)
        days = r.days
        trials = decomposition.first?.total.n ?? 0
        method = r.attribution.isExact ? "exact" : "sampled"
        coalitions = r.attribution.coalitions.count
        orders = r.attribution.orders.count
        levers = r.attribution.levers.levers.enumerated().map { i, l in
            var lever = Lever()
            (lever.path, lever.from, lever.to) = (l.path, l.from, l.to)
            lever.shapley = byMetric { $0.shapley[i] }
            lever.alone = byMetric { $0.alone[i] }
            lever.leaveOneOut = byMetric { $0.leaveOneOut[i] }
            return lever
        }
        total = Dictionary(uniqueKeysWithValues: decomposition.map { d in
            var t = Total()
            t.estimate = Estimate(d.total)
            (t.baselineMean, t.policyMean) = (d.baselineMean, d.policyMean)
            (t.unit, t.kind, t.higherIsBetter) = (d.metric.unit, d.metric.kind.rawValue, d.metric.higherIsBetter)
            return (d.metric.name, t)
        })
        interaction = byMetric(\.interaction)
        pathways = LeverAttribution.pathways.map { p in
            var pathway = Pathway()
            (pathway.output, pathway.through) = (p.output.name, p.through.map(\.name))
            return pathway
        }
        ignored = r.attribution.levers.ignored
    }
}

extension ExplainFile.Estimate {
    init(_ e: LeverAttribution.Estimate) {
        (mean, ci95, n, samplingSE) = (e.mean, e.ci95, e.n, e.samplingSE)
    }
}

// MARK: Writing

extension ExplainFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null, and a final newline.
    public var rendered: String {
        var document: [Key: JSONText] = [
            .levers: .array(levers.map(\.json)),
            .total: .object(total.mapValues(\.json)),
            .interaction: .object(interaction.mapValues(\.json)),
            .pathways: .array(pathways.map(\.json)),
        ]
        if let version { document[.version] = .string(version) }
        if let baseline { document[.baseline] = .string(baseline) }
        if let policy { document[.policy] = .string(policy) }
        if let seed { document[.seed] = .string(seed) }
        if let days { document[.days] = .integer(days) }
        if let trials { document[.trials] = .integer(trials) }
        if let method { document[.method] = .string(method) }
        if let coalitions { document[.coalitions] = .integer(coalitions) }
        if let orders { document[.orders] = .integer(orders) }
        if let ignored { document[.ignored] = .array(ignored.map { .string($0) }) }
        return JSONText.keyed(document).rendered + "\n"
    }

}

extension ExplainFile.Estimate {
    var members: [ExplainFile.Key: JSONText] {
        var entry: [ExplainFile.Key: JSONText] = [.mean: .number(mean), .ci95: .array([.number(ci95.lo), .number(ci95.hi)])]
        if let n { entry[.n] = .integer(n) }
        if let samplingSE { entry[.samplingSE] = .number(samplingSE) }
        return entry
    }

    var json: JSONText { JSONText.keyed(members) }
}

extension ExplainFile.Total {
    var json: JSONText {
        var entry = estimate.members
        entry[.baselineMean] = .number(baselineMean)
        entry[.policyMean] = .number(policyMean)
        if let unit { entry[.unit] = .string(unit) }
        if let kind { entry[.kind] = .string(kind) }
        if let higherIsBetter { entry[.higherIsBetter] = .bool(higherIsBetter) }
        return JSONText.keyed(entry)
    }
}

extension ExplainFile.Lever {
    var json: JSONText {
        var entry: [ExplainFile.Key: JSONText] = [
            .shapley: .object(shapley.mapValues(\.json)), .alone: .object(alone.mapValues(\.json)),
            .leaveOneOut: .object(leaveOneOut.mapValues(\.json)),
        ]
        if let path { entry[.path] = .string(path) }
        if let from { entry[.from] = .string(from) }
        if let to { entry[.to] = .string(to) }
        return JSONText.keyed(entry)
    }
}

extension ExplainFile.Pathway {
    var json: JSONText {
        var entry: [ExplainFile.Key: JSONText] = [.through: .array(through.map { .string($0) })]
        if let output { entry[.output] = .string(output) }
        return JSONText.keyed(entry)
    }
}

// MARK: Reading

extension ExplainFile {
    /// Reads explain.json's text. Keys a file of an older govsim lacks are nil, NaN or empty; a
    /// file without `levers` and `total` is not an explanation.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        func key(_ k: Key) -> String { k.rawValue }
        guard let levers = top.objects(key(.levers)), let total = top.object(key(.total)) else {
            throw ReadError(reason: "lacks 'levers' or 'total'")
        }
        func estimate(_ o: JSONObject) -> Estimate {
            var e = Estimate()
            e.mean = o.number(key(.mean))
            e.ci95 = o.interval(key(.ci95))
            e.n = o.int(key(.n))
            e.samplingSE = o.has(key(.samplingSE)) ? o.number(key(.samplingSE)) : nil
            return e
        }
        func byOutput(_ o: JSONObject?) -> [String: Estimate] {
            guard let o else { return [:] }
            return Dictionary(uniqueKeysWithValues: o.keys.compactMap { name in o.object(name).map { (name, estimate($0)) } })
        }
        version = top.string(key(.version))
        baseline = top.string(key(.baseline))
        policy = top.string(key(.policy))
        seed = top.text(key(.seed))
        days = top.int(key(.days))
        trials = top.int(key(.trials))
        method = top.string(key(.method))
        coalitions = top.int(key(.coalitions))
        orders = top.int(key(.orders))
        self.levers = levers.map { l in
            var lever = Lever()
            (lever.path, lever.from, lever.to) = (l.string(key(.path)), l.string(key(.from)), l.string(key(.to)))
            lever.shapley = byOutput(l.object(key(.shapley)))
            lever.alone = byOutput(l.object(key(.alone)))
            lever.leaveOneOut = byOutput(l.object(key(.leaveOneOut)))
            return lever
        }
        self.total = Dictionary(uniqueKeysWithValues: total.keys.compactMap { name -> (String, Total)? in
            guard let o = total.object(name) else { return nil }
            var t = Total()
            t.estimate = estimate(o)
            (t.baselineMean, t.policyMean) = (o.number(key(.baselineMean)), o.number(key(.policyMean)))
            (t.unit, t.kind, t.higherIsBetter) = (o.string(key(.unit)), o.string(key(.kind)), o.bool(key(.higherIsBetter)))
            return (name, t)
        })
        interaction = byOutput(top.object(key(.interaction)))
        pathways = (top.objects(key(.pathways)) ?? []).map { p in
            var pathway = Pathway()
            (pathway.output, pathway.through) = (p.string(key(.output)), p.strings(key(.through)) ?? [])
            return pathway
        }
        ignored = top.strings(key(.ignored))
    }
}
