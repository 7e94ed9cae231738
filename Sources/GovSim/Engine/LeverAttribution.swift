import CGSL
import Foundation

/// Splits a multi-lever policy's effect on every output among its levers (`govsim explain`), on
/// common random numbers: the baseline with every subset of the levers pulled ("coalitions")
/// runs as an arm of one `Comparison`, so trial i of every coalition shares the streams of the
/// processes its levers leave alone, and every contrast below is paired within a trial.
///
/// For lever i of k, with x_S the output of coalition S in a trial:
/// - **alone**: x_{i} − x_∅, what the lever does by itself;
/// - **leave-one-out**: x_N − x_{N∖i}, what the policy loses without it;
/// - **Shapley value**: the average of x_{S∪i} − x_S over the orders in which the levers could be
///   pulled (Shapley 1953), so the levers' values add up to the policy's whole effect x_N − x_∅
///   in every trial, interactions shared out evenly between the levers that make them.
///   Exact, over all 2^k coalitions, for k ≤ `exactLimit`; above, estimated from `permutations`
///   random orders, half of them the reverses of the other half (antithetic pairs), with the
///   sampling error stated beside the trial noise.
///
/// Each contrast is computed per trial and its interval is over trials, so it is the 95%
/// interval of the mean effect on these arms; a sampled Shapley value's interval adds the error
/// of having sampled the orders (conservatively: the order-to-order spread also holds some trial
/// noise).
public struct LeverAttribution: Sendable {
    /// Above this many levers the Shapley values are sampled (2^8 = 256 coalitions at most).
    public static let exactLimit = 8
    /// The most levers a policy may have (coalitions are 64-bit masks; beyond ~30 the arms
    /// needed would not run in any reasonable time anyway).
    public static let leverLimit = 30

    public let levers: PolicyLevers
    /// The coalitions run, as bit masks over the levers (bit i: lever i pulled); the first is
    /// the empty one (the baseline), and every single lever, every leave-one-out and the whole
    /// policy are among them.
    public let coalitions: [UInt64]
    /// The random orders of a sampled decomposition (empty when exact).
    public let orders: [[Int]]

    public var k: Int { levers.levers.count }
    public var isExact: Bool { orders.isEmpty }
    public var everything: UInt64 { k == 64 ? ~0 : (UInt64(1) << UInt64(k)) - 1 }

    /// - Parameters:
    ///   - permutations: orders sampled when there are more than `exactLimit` levers (rounded
    ///     up to an even number: each order and its reverse).
    ///   - seed: the scenario seed; the orders come from its own stream ("explain.orders").
    public init(levers: PolicyLevers, permutations: Int = 64, seed: UInt64) {
        precondition(levers.levers.count <= LeverAttribution.leverLimit, "too many levers")
        self.levers = levers
        let k = levers.levers.count
        let all: UInt64 = (UInt64(1) << UInt64(k)) - 1
        if k <= LeverAttribution.exactLimit {
            coalitions = (0...all).map { $0 }
            orders = []
            return
        }
        let stream = RandomStream(seed: StreamSeed.substream(seed, StreamSeed.key("explain.orders")))
        var orders: [[Int]] = []
        for _ in 0..<max(1, (permutations + 1) / 2) {
            var order = Array(0..<k)
            for i in stride(from: k - 1, to: 0, by: -1) {  // Fisher–Yates
                order.swapAt(i, stream.index(i + 1))
            }
            orders.append(order)
            orders.append(order.reversed())
        }
        var masks: Set<UInt64> = [0, all]
        for i in 0..<k { masks.insert(UInt64(1) << UInt64(i)); masks.insert(all & ~(UInt64(1) << UInt64(i))) }
        for order in orders {
            var mask: UInt64 = 0
            for i in order { mask |= UInt64(1) << UInt64(i); masks.insert(mask) }
        }
        coalitions = masks.sorted()
        self.orders = orders
    }

    /// The scenario of each coalition, in `coalitions` order.
    public func scenarios() -> [Scenario] {
        coalitions.map { mask in levers.scenario(pulling: (0..<k).filter { mask & (UInt64(1) << UInt64($0)) != 0 }) }
    }

    /// An effect and its 95% interval over trials.
    public struct Estimate: Sendable, Equatable {
        public var mean: Double
        public var ci95: Interval
        /// Trials it is over (those where every arm it needs defined the output).
        public var n: Int
        /// A sampled Shapley value's standard error from sampling the orders (included in `ci95`).
        public var samplingSE: Double?

        static let undefined = Estimate(mean: .nan, ci95: Interval(lo: .nan, hi: .nan), n: 0, samplingSE: nil)
    }

    /// One output's decomposition.
    public struct Decomposition: Sendable {
        public var metric: Metric
        /// The baseline's and the whole policy's means.
        public var baselineMean: Double
        public var policyMean: Double
        /// The whole policy's effect, x_N − x_∅.
        public var total: Estimate
        /// Per lever.
        public var shapley: [Estimate]
        public var alone: [Estimate]
        public var leaveOneOut: [Estimate]
        /// What the levers do together beyond the sum of what each does alone: total − Σ alone.
        public var interaction: Estimate
    }

    /// The decomposition of every output from the coalitions' trials (`results[c]` are
    /// coalition c's trials in trial order, as `Comparison` returns them).
    public func decompose(_ results: [[TrialResult]]) -> [Decomposition] {
        precondition(results.count == coalitions.count, "one trial list per coalition")
        let index = Dictionary(uniqueKeysWithValues: coalitions.enumerated().map { ($1, $0) })
        let n = results.map(\.count).min() ?? 0
        let weights = LeverAttribution.shapleyWeights(k)
        let all = everything
        let bit = { (i: Int) in UInt64(1) << UInt64(i) }
        return Metric.allCases.map { m in
            // Trials in which every coalition defined the output.
            let trials = (0..<n).filter { t in results.allSatisfy { !$0[t][m].isNaN } }
            let x = { (mask: UInt64, t: Int) in results[index[mask]!][t][m] }
            let column = { (mask: UInt64) in trials.map { x(mask, $0) } }
            let paired = { (from: UInt64, to: UInt64) -> Estimate in
                Estimate(PairedDifference(baseline: column(from), arm: column(to), kind: m.kind))
            }
            let total = paired(0, all)
            let alone = (0..<k).map { paired(0, bit($0)) }
            let leaveOneOut = (0..<k).map { paired(all & ~bit($0), all) }
            var shapley: [Estimate] = []
            for i in 0..<k {
                if isExact {
                    let perTrial = trials.map { t -> Double in
                        var phi = 0.0
                        for mask in coalitions where mask & bit(i) == 0 {
                            phi += weights[mask.nonzeroBitCount] * (x(mask | bit(i), t) - x(mask, t))
                        }
                        return phi
                    }
                    shapley.append(Estimate(tInterval: perTrial, samplingSE: nil))
                } else {
                    // Per order, its marginal contribution in every trial.
                    let contributions = orders.map { order -> [Double] in
                        let before = order.prefix { $0 != i }.reduce(UInt64(0)) { $0 | bit($1) }
                        return trials.map { x(before | bit(i), $0) - x(before, $0) }
                    }
                    let perTrial = trials.indices.map { t in contributions.reduce(0) { $0 + $1[t] } / Double(orders.count) }
                    // Orders come in antithetic pairs: the pairs' means are independent.
                    let pairMeans = stride(from: 0, to: orders.count, by: 2).map { j in
                        (mean(contributions[j]) + mean(contributions[j + 1])) / 2
                    }
                    let spread = MetricSummary(pairMeans).sd
                    let se = pairMeans.count > 1 ? spread / Double(pairMeans.count).squareRoot() : .nan
                    shapley.append(Estimate(tInterval: perTrial, samplingSE: se))
                }
            }
            let interaction = trials.map { t in
                (x(all, t) - x(0, t)) - (0..<k).reduce(0.0) { $0 + x(bit($1), t) - x(0, t) }
            }
            return Decomposition(metric: m, baselineMean: mean(column(0)), policyMean: mean(column(all)), total: total,
                                 shapley: shapley, alone: alone, leaveOneOut: leaveOneOut,
                                 interaction: Estimate(tInterval: interaction, samplingSE: nil))
        }
    }

    /// The Shapley weight of a coalition of size s not holding the lever: s!(k − s − 1)!/k!.
    static func shapleyWeights(_ k: Int) -> [Double] {
        guard k > 0 else { return [] }
        let factorial = { (n: Int) in (0..<n).reduce(1.0) { $0 * Double($1 + 1) } }
        return (0..<k).map { s in factorial(s) * factorial(k - s - 1) / factorial(k) }
    }

    /// Outputs that show which mechanisms a lever works through: the model scores safety from
    /// harm residents suffer or witness, the response they get and the patrols they see, and
    /// satisfaction from disputes, how they are settled and the escalations they lead to
    /// (docs/model.md). The model does not split a score by pathway itself; these are the
    /// mechanism outputs each lever moves, decomposed in the same way.
    public static let pathways: [(output: Metric, through: [Metric])] = [
        (.safetyScore, [.incidents, .seriousHarm, .massIncidents, .responseMinutesMedian, .emergencyResponseMinutesMedian]),
        (.satisfactionPct, [.disputes, .resolutionPct, .medianResolutionHours, .petitions, .massIncidents, .meanTrust]),
    ]
}

extension LeverAttribution.Estimate {
    init(_ d: PairedDifference) {
        self.init(mean: d.difference, ci95: d.ci95, n: d.n, samplingSE: nil)
    }

    /// The mean of per-trial values with a Student t interval over trials, widened by the
    /// sampling error of the orders when there is one.
    init(tInterval values: [Double], samplingSE: Double?) {
        let s = MetricSummary(values)
        guard s.n > 1 else {
            self.init(mean: s.n == 1 ? s.mean : .nan, ci95: Interval(lo: .nan, hi: .nan), n: s.n, samplingSE: samplingSE)
            return
        }
        let se = s.sd / Double(s.n).squareRoot()
        let combined = (se * se + (samplingSE.map { $0.isFinite ? $0 * $0 : 0 } ?? 0)).squareRoot()
        let half = gsl_cdf_tdist_Pinv(0.975, Double(s.n - 1)) * combined
        self.init(mean: s.mean, ci95: Interval(lo: s.mean - half, hi: s.mean + half), n: s.n, samplingSE: samplingSE)
    }
}

private func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
}
