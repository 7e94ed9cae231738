import Foundation
import GovSim
import GovSimExperiments

/// The files `govsim explain` writes: explain.json (per lever, its Shapley value, effect alone
/// and leave-one-out effect on every output, each with its 95% interval; the policy's whole
/// effect and the interaction) and explain.csv (the same, tidy: one row per lever, output and
/// measure). Bytes depend only on the scenarios, seed, trials and orders.
public struct ExplainResults: Sendable {
    public static let fileNames = [ExplainFile.fileName, ExplainFile.Table.fileName]

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

    /// explain.csv: a row per lever, output and measure (the schema: `ExplainFile.Table`).
    public var csv: String { ExplainFile.Table(self).rendered }

    public func write(to directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        try AtomicFile.write(json, to: (directory as NSString).appendingPathComponent(ExplainFile.fileName))
        try AtomicFile.write(csv, to: (directory as NSString).appendingPathComponent(ExplainFile.Table.fileName))
    }
}
