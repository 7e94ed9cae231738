import Foundation
import GovSim

/// The files `govsim explain` writes: explain.json (per lever, its Shapley value, effect alone
/// and leave-one-out effect on every output, each with its 95% interval; the policy's whole
/// effect and the interaction) and explain.csv (the same, tidy: one row per lever, output and
/// measure). Bytes depend only on the scenarios, seed, trials and orders.
public struct ExplainResults: Sendable {
    public static let fileNames = ["explain.json", "explain.csv"]

    public var baselineName: String
    public var policyName: String
    public var seed: UInt64
    public var days: Int
    public var attribution: LeverAttribution
    public var decomposition: [LeverAttribution.Decomposition]

    public init(baselineName: String, policyName: String, seed: UInt64, days: Int, attribution: LeverAttribution,
                results: [[TrialResult]]) {
        self.baselineName = baselineName
        self.policyName = policyName
        self.seed = seed
        self.days = days
        self.attribution = attribution
        decomposition = attribution.decompose(results)
    }

    /// The identity of an explanation for its journal: the coalitions' scenarios and the trials.
    public static func digest(_ arms: [Scenario], trials: Int) -> String {
        var text = arms.map { ScenarioWriter.text(of: $0) }.joined(separator: "\n--- coalition ---\n")
        text += "\n--- plan ---\nexplain trials \(trials)"
        return String(StreamSeed.key(text), radix: 16)
    }

    /// One estimate as JSON: mean, ci95, n (and the orders' sampling error when sampled).
    static func entry(_ e: LeverAttribution.Estimate) -> JSONText {
        var out: [String: JSONText] = ["mean": .number(e.mean), "ci95": .array([.number(e.ci95.lo), .number(e.ci95.hi)]),
                                       "n": .integer(e.n)]
        if let se = e.samplingSE { out["sampling_se"] = .number(se) }
        return .object(out)
    }

    /// metric name → entry, for every output.
    func byMetric(_ pick: (LeverAttribution.Decomposition) -> LeverAttribution.Estimate) -> JSONText {
        .object(Dictionary(uniqueKeysWithValues: decomposition.map { ($0.metric.name, ExplainResults.entry(pick($0))) }))
    }

    public var json: String {
        let levers = attribution.levers.levers.enumerated().map { i, lever -> JSONText in
            .object([
                "path": .string(lever.path), "from": .string(lever.from), "to": .string(lever.to),
                "shapley": byMetric { $0.shapley[i] }, "alone": byMetric { $0.alone[i] },
                "leave_one_out": byMetric { $0.leaveOneOut[i] },
            ])
        }
        var total: [String: JSONText] = [:]
        for d in decomposition {
            guard case .object(var e) = ExplainResults.entry(d.total) else { continue }
            e["baseline_mean"] = .number(d.baselineMean)
            e["policy_mean"] = .number(d.policyMean)
            e["unit"] = .string(d.metric.unit)
            e["kind"] = .string(d.metric.kind.rawValue)
            e["higher_is_better"] = .bool(d.metric.higherIsBetter)
            total[d.metric.name] = .object(e)
        }
        let pathways = LeverAttribution.pathways.map { p in
            JSONText.object(["output": .string(p.output.name), "through": .array(p.through.map { .string($0.name) })])
        }
        let object: [String: JSONText] = [
            "version": .string(RunResults.version), "baseline": .string(baselineName), "policy": .string(policyName),
            "seed": .string(String(seed)), "days": .integer(days),
            "trials": .integer(decomposition.first?.total.n ?? 0),
            "method": .string(attribution.isExact ? "exact" : "sampled"),
            "coalitions": .integer(attribution.coalitions.count), "orders": .integer(attribution.orders.count),
            "levers": .array(levers), "total": .object(total), "interaction": byMetric(\.interaction),
            "pathways": .array(pathways), "ignored": .array(attribution.levers.ignored.map { .string($0) }),
        ]
        return JSONText.object(object).rendered + "\n"
    }

    public var csv: String {
        var table = CSVTable(header: ["lever", "output", "measure", "mean", "ci95_lo", "ci95_hi", "n", "sampling_se"])
        func add(_ lever: String, _ d: LeverAttribution.Decomposition, _ measure: String, _ e: LeverAttribution.Estimate) {
            table.append([lever, d.metric.name, measure, CSVTable.number(e.mean), CSVTable.number(e.ci95.lo), CSVTable.number(e.ci95.hi),
                          String(e.n), e.samplingSE.map(CSVTable.number) ?? ""])
        }
        for d in decomposition {
            add("", d, "total", d.total)
            add("", d, "interaction", d.interaction)
            for (i, lever) in attribution.levers.levers.enumerated() {
                add(lever.path, d, "shapley", d.shapley[i])
                add(lever.path, d, "alone", d.alone[i])
                add(lever.path, d, "leave_one_out", d.leaveOneOut[i])
            }
        }
        return table.rendered
    }

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        try AtomicFile.write(json, to: (directory as NSString).appendingPathComponent("explain.json"))
        try AtomicFile.write(csv, to: (directory as NSString).appendingPathComponent("explain.csv"))
    }
}
