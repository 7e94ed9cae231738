import CGSL
import GovSim
import Foundation

/// Kim and Nelson's fully sequential indifference-zone selection (procedure KN): among k
/// systems observed in stages, eliminates each one whose running mean falls far enough behind
/// another's, and stops when one is left. If the best system's mean exceeds every other's by at
/// least δ, it is the one selected with probability ≥ 1 − α, for normal observations with any
/// variances and any correlation between systems — so common random numbers are allowed, and
/// the pairwise variances come from the paired differences.
///
/// S.-H. Kim and B. L. Nelson, "A fully sequential procedure for indifference-zone selection in
/// simulation", ACM Transactions on Modeling and Computer Simulation 11(3) (2001) 251–273.
///
/// Larger is better: feed negated values for an objective where lower is better. Observation r
/// of every system must be the r-th trial (the same trial index for every system).
public struct KimNelson: Sendable {
    public let k: Int
    /// First-stage observations per system (≥ 2).
    public let n0: Int
    /// Indifference zone: the smallest difference in means worth detecting (objective's unit).
    public let delta: Double
    public let alpha: Double
    /// h² = 2η(n0 − 1), η = ½[(2α/(k − 1))^(−2/(n0 − 1)) − 1].
    public let h2: Double
    /// Systems still in contention, in index order.
    public private(set) var survivors: [Int]
    /// Observations per system used so far (the stage r; 0 before the first stage).
    public private(set) var stage = 0
    /// The stage at which each system was eliminated (nil while it survives).
    public private(set) var eliminatedAt: [Int?]
    /// The chosen system, once the procedure has stopped.
    public private(set) var selected: Int?
    /// S²_il, the first-stage variance of X_i − X_l.
    var s2: [[Double]] = []
    var sums: [Double]

    public init(k: Int, n0: Int, delta: Double, alpha: Double) {
        precondition(k >= 1 && n0 >= 2 && delta > 0 && alpha > 0 && alpha < 1)
        self.k = k
        self.n0 = n0
        self.delta = delta
        self.alpha = alpha
        let eta = k > 1 ? 0.5 * (pow(2 * alpha / Double(k - 1), -2 / Double(n0 - 1)) - 1) : 0
        h2 = 2 * eta * Double(n0 - 1)
        survivors = Array(0..<k)
        eliminatedAt = Array(repeating: nil, count: k)
        sums = Array(repeating: 0, count: k)
        if k == 1 { selected = 0 }
    }

    /// The stage after which no pair of survivors can continue (⌊h²S²/δ²⌋ + 1 at most): the
    /// procedure needs at most this many observations per system.
    public var lastStage: Int {
        guard !s2.isEmpty else { return Int.max }
        var n = n0
        for i in survivors { for l in survivors where l != i { n = max(n, Int((h2 * s2[i][l] / (delta * delta)).rounded(.down)) + 1) } }
        return n
    }

    /// Observations each survivor needs before the next stage can be screened.
    public var needed: Int { stage == 0 ? n0 : stage + 1 }

    /// Runs every stage the observations allow (`x[i]`: system i's observations in trial
    /// order; survivors must have at least `needed`). Returns the selected system once stopped.
    @discardableResult
    public mutating func update(_ x: [[Double]]) -> Int? {
        if stage == 0 {
            guard selected == nil, survivors.allSatisfy({ x[$0].count >= n0 }) else { return selected }
            s2 = (0..<k).map { i in
                (0..<k).map { l in i == l ? 0 : MetricSummary((0..<n0).map { x[i][$0] - x[l][$0] }).sd.squared }
            }
            for i in 0..<k { sums[i] = x[i].prefix(n0).reduce(0, +) }
            stage = n0
            screen()
        }
        while selected == nil && survivors.allSatisfy({ x[$0].count > stage }) {
            for i in survivors { sums[i] += x[i][stage] }
            stage += 1
            screen()
        }
        return selected
    }

    /// Stops at the current stage, choosing the survivor with the largest mean (when a trial
    /// cap is reached before the procedure ends: the guarantee then no longer holds).
    public mutating func stopNow() {
        guard selected == nil else { return }
        selected = best(survivors)
    }

    private func mean(_ i: Int) -> Double { sums[i] / Double(stage) }

    private func best(_ set: [Int]) -> Int {
        set.max { a, b in mean(a) != mean(b) ? mean(a) < mean(b) : a > b }!
    }

    private mutating func screen() {
        let r = Double(stage)
        let old = survivors
        survivors = old.filter { i in
            old.allSatisfy { l in
                guard l != i else { return true }
                let w = max(0, delta / (2 * r) * (h2 * s2[i][l] / (delta * delta) - r))
                return mean(i) >= mean(l) - w
            }
        }
        for i in old where !survivors.contains(i) { eliminatedAt[i] = stage }
        if survivors.isEmpty { survivors = [best(old)] }
        if survivors.count == 1 {
            selected = survivors[0]
        } else if stage >= lastStage {
            // Every continuation region is empty: the largest mean wins (ties to the lower index).
            selected = best(survivors)
            for i in survivors where i != selected { eliminatedAt[i] = stage }
            survivors = [selected!]
        }
    }
}

/// Multiple comparisons with the best, inside an indifference zone: which arms cannot be told
/// apart from the one with the best mean.
public enum IndifferenceGroup {
    /// Arm indices (the best first) whose simultaneous (1 − α) interval (Bonferroni over the
    /// k − 1 comparisons, paired t over common trials) of arm − best, in the better direction,
    /// reaches above −δ: arms not shown to be more than δ behind the best. A single arm means
    /// the best is ahead of every other by more than δ at that confidence.
    public static func members(_ values: [[Double]], best: Int, delta: Double, alpha: Double = 0.05,
                               higherIsBetter: Bool) -> [Int] {
        let k = values.count
        guard k > 1 else { return [best] }
        let level = 1 - alpha / Double(k - 1) / 2
        var group = [best]
        for i in 0..<k where i != best {
            var g: [Double] = []
            for (x, y) in zip(values[i], values[best]) where !x.isNaN && !y.isNaN { g.append(higherIsBetter ? x - y : y - x) }
            let s = MetricSummary(g)
            guard s.n > 1 else { group.append(i); continue }
            let upper = s.mean + gsl_cdf_tdist_Pinv(level, Double(s.n - 1)) * s.sd / Double(s.n).squareRoot()
            if upper >= -delta { group.append(i) }
        }
        return group
    }
}
