import GovSim
/// Variance-based (Sobol) sensitivity indices and Morris elementary effects, as estimators on
/// plain numbers: the model adapter (`SensitivityStudy`) and the tests on analytic functions
/// feed them the same way.
public enum SobolIndices {
    /// Saltelli's design on a Sobol sequence of 2k dimensions: base matrices A (first k columns)
    /// and B (last k), N rows each, in unit coordinates.
    public static func baseMatrices(parameters k: Int, rows n: Int) -> (a: [[Double]], b: [[Double]]) {
        let sobol = SobolSequence(dimensions: 2 * k)
        var a: [[Double]] = [], b: [[Double]] = []
        for _ in 0..<n {
            let x = sobol.next()
            a.append(Array(x[0..<k]))
            b.append(Array(x[k..<(2 * k)]))
        }
        return (a, b)
    }

    /// Every point to evaluate, in the order `estimate` expects: A's rows, B's rows, then for each
    /// parameter i the rows of A_B(i) (A with column i taken from B). N·(k + 2) points.
    public static func evaluationPoints(a: [[Double]], b: [[Double]]) -> [[Double]] {
        let k = a.first?.count ?? 0
        var points = a + b
        for i in 0..<k {
            points += zip(a, b).map { rowA, rowB in
                var x = rowA
                x[i] = rowB[i]
                return x
            }
        }
        return points
    }

    public struct Estimate: Sendable, Equatable {
        /// First-order indices S_i (Saltelli 2010) and total-order indices ST_i (Jansen 1999).
        public var first: [Double]
        public var total: [Double]
        /// 95% bootstrap percentile intervals over the N rows.
        public var firstCI: [Interval]
        public var totalCI: [Interval]
        /// Variance of the output over A and B.
        public var variance: Double
    }

    /// Estimates the indices from outputs at `evaluationPoints` (length N·(k + 2)).
    public static func estimate(_ f: [Double], parameters k: Int, bootstrap: Int = 500, seed: UInt64 = 1) -> Estimate {
        let n = f.count / (k + 2)
        let rows = Array(0..<n)
        let point = indices(f, k: k, n: n, rows: rows)
        let rng = RandomStream(seed: StreamSeed.mix(seed ^ 0x5E45_171F_17E5_0B01))
        var firsts = [[Double]](repeating: [], count: k), totals = [[Double]](repeating: [], count: k)
        for _ in 0..<bootstrap {
            let sample = (0..<n).map { _ in rng.index(n) }
            let e = indices(f, k: k, n: n, rows: sample)
            for i in 0..<k {
                firsts[i].append(e.first[i])
                totals[i].append(e.total[i])
            }
        }
        func interval(_ xs: [Double]) -> Interval {
            let s = MetricSummary(xs)
            return Interval(lo: s.p025, hi: s.p975)
        }
        return Estimate(first: point.first, total: point.total, firstCI: firsts.map(interval), totalCI: totals.map(interval),
                        variance: point.variance)
    }

    /// Outputs are centred on the mean of A and B first: the first-order estimator multiplies
    /// raw outputs, and an offset far from zero (a safety score near 60) would swamp it in noise.
    static func indices(_ f: [Double], k: Int, n: Int, rows: [Int]) -> (first: [Double], total: [Double], variance: Double) {
        let centre = MetricSummary(rows.map { f[$0] } + rows.map { f[n + $0] }).mean
        let fA = rows.map { f[$0] - centre }, fB = rows.map { f[n + $0] - centre }
        let variance = MetricSummary(fA + fB).sd.squared
        var first: [Double] = [], total: [Double] = []
        for i in 0..<k {
            let fAB = rows.map { f[(2 + i) * n + $0] - centre }
            var s = 0.0, t = 0.0
            for j in 0..<rows.count {
                s += fB[j] * (fAB[j] - fA[j])
                t += (fA[j] - fAB[j]).squared
            }
            let m = Double(rows.count)
            first.append(variance > 0 ? s / m / variance : .nan)
            total.append(variance > 0 ? t / (2 * m) / variance : .nan)
        }
        return (first, total, variance)
    }
}

/// Morris elementary effects: the cheap screen. Each trajectory starts at a random grid point
/// and moves one parameter at a time by Δ = p / (2(p − 1)) of its range.
public enum MorrisScreening {
    /// `r` trajectories of k + 1 points each, in unit coordinates, on a grid of `levels` levels.
    public static func trajectories(parameters k: Int, count r: Int, levels p: Int = 4, seed: UInt64) -> [[[Double]]] {
        let rng = RandomStream(seed: StreamSeed.mix(seed ^ 0x3022_1500_0A0B_0C0D))
        let delta = Double(p) / (2 * Double(p - 1))
        let starts = (0..<p).map { Double($0) / Double(p - 1) }.filter { $0 + delta <= 1 + 1e-12 }
        return (0..<r).map { _ in
            var x = (0..<k).map { _ in starts[rng.index(starts.count)] }
            var order = Array(0..<k)
            for i in stride(from: k - 1, to: 0, by: -1) { order.swapAt(i, rng.index(i + 1)) }
            var path = [x]
            for i in order {
                x[i] += delta
                path.append(x)
            }
            return path
        }
    }

    public struct Effects: Sendable, Equatable {
        /// Mean absolute elementary effect (importance), mean effect (direction), and its
        /// standard deviation (non-linearity or interactions), per parameter, in output units
        /// per full range of the parameter.
        public var muStar: [Double]
        public var mu: [Double]
        public var sigma: [Double]
    }

    /// Elementary effects from outputs along the trajectories (`values[t][j]` at point j of t).
    public static func effects(_ trajectories: [[[Double]]], values: [[Double]]) -> Effects {
        let k = trajectories.first?.first?.count ?? 0
        var ee = [[Double]](repeating: [], count: k)
        for (t, path) in trajectories.enumerated() {
            for j in 1..<path.count {
                guard let i = (0..<k).first(where: { path[j][$0] != path[j - 1][$0] }) else { continue }
                ee[i].append((values[t][j] - values[t][j - 1]) / (path[j][i] - path[j - 1][i]))
            }
        }
        return Effects(muStar: ee.map { MetricSummary($0.map(abs)).mean },
                       mu: ee.map { MetricSummary($0).mean },
                       sigma: ee.map { MetricSummary($0).sd })
    }
}

extension Double {
    var squared: Double { self * self }
}
