import Foundation
import GovSim
import GovSimExperiments

/// The files `govsim explain` writes: explain.json (per lever, its Shapley value, effect alone
/// and leave-one-out effect on every output, each with its 95% interval; the policy's whole
/// effect and the interaction) and explain.csv (the same, tidy: one row per lever, output and
/// measure). Bytes depend only on the scenarios, seed, trials and orders.
public struct ExplainResults: Sendable {
    public static let fileNames = [ExplainFile.fileName, "explain.csv"]

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

    /// explain.json (the schema: `ExplainFile`).
    public var json: String { ExplainFile(self).rendered }

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
        try AtomicFile.write(json, to: (directory as NSString).appendingPathComponent(ExplainFile.fileName))
        try AtomicFile.write(csv, to: (directory as NSString).appendingPathComponent("explain.csv"))
    }
}
