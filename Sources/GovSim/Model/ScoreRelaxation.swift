/// Residents' daily relaxation: each resident's three scores move a step toward the cell's
/// targets plus the resident's own offsets, bounded to 0–100 (docs/model.md §3.11):
///
///     trust'     = clamp(trust     + rate · (trustTarget  + trustOffset  − trust))
///     safety'    = clamp(safety    + rate · (safetyTarget + safetyOffset − safety))
///     happiness' = clamp(happiness + rate · (happinessTarget + happinessOffset
///                                           + trustOnHappiness · trust' + safetyOnHappiness · safety' − happiness))
///
/// This is the model's hot loop (`Simulation.updateResidents` calls it once per cell per day),
/// public so that benchmarks run govsim's own code on their own arrays.
public enum ScoreRelaxation {
    /// Where a cell's scores relax to, before each resident's offsets (points, 0–100 scale).
    /// The happiness target excludes the trust and safety terms (`50·(wT + wS)` already taken off,
    /// as the model does), which are added from each resident's new trust and safety.
    public struct Targets: Sendable, Equatable {
        public var happiness: Float
        public var safety: Float
        public var trust: Float
        public init(happiness: Float, safety: Float, trust: Float) {
            self.happiness = happiness; self.safety = safety; self.trust = trust
        }
    }

    /// What one pass over a cell returns: the sums of the new scores (points × residents) and the
    /// number of residents whose new happiness is at or above the satisfaction threshold.
    public struct CellSums: Sendable, Equatable {
        public var happiness: Float
        public var safety: Float
        public var trust: Float
        public var satisfied: Int
        public init(happiness: Float, safety: Float, trust: Float, satisfied: Int) {
            self.happiness = happiness; self.safety = safety; self.trust = trust; self.satisfied = satisfied
        }
    }

    /// One day's relaxation of one cell's residents, in place.
    ///
    /// - Parameters:
    ///   - happiness, safety, trust: the cell's scores (points, 0–100), updated in place.
    ///   - happinessOffset, safetyOffset, trustOffset: the residents' personal offsets (points);
    ///     each buffer has at least as many elements as `happiness`.
    ///   - rate: the fraction of the gap closed per day (1 / `residents.adaptationDays`, per day).
    ///   - targets: the cell's targets (points).
    ///   - trustOnHappiness, safetyOnHappiness: happiness points per point of trust and of safety.
    ///   - threshold: happiness (points) at which a resident counts as satisfied.
    /// - Returns: the cell's sums of the new scores and its satisfied count.
    ///
    /// Eight residents at a time (SIMD8): the compiler will not vectorise the running sums itself,
    /// because it may not reorder floating-point additions. Each resident's scores are computed
    /// exactly as one at a time would; only the sums are kept in eight lanes (resident i of the
    /// buffer in lane i mod 8, the last count mod 8 residents added one at a time) and added
    /// together at the end, so they round as this code defines, the same on any machine and for
    /// any vector width the compiler picks.
    ///
    /// `@inline(never)` on purpose: inlined into `updateResidents`, the optimiser kept the loop's
    /// constants in stack slots and turned some of the clamps' selects into per-lane branches;
    /// called, the loop is branch-free and runs about twice as fast. The call costs nothing next
    /// to a cell's ~1,000 residents. (Debug builds run SIMD8 through unspecialised generics,
    /// several times slower than a scalar loop; release builds are what this is for.)
    @inline(never)
    public static func relax(happiness: UnsafeMutableBufferPointer<Float>, safety: UnsafeMutableBufferPointer<Float>,
                             trust: UnsafeMutableBufferPointer<Float>,
                             happinessOffset: UnsafeBufferPointer<Float>, safetyOffset: UnsafeBufferPointer<Float>,
                             trustOffset: UnsafeBufferPointer<Float>,
                             rate: Float, targets: Targets, trustOnHappiness: Float, safetyOnHappiness: Float,
                             threshold: Float) -> CellSums {
        let n = happiness.count
        precondition(safety.count >= n && trust.count >= n && happinessOffset.count >= n
                     && safetyOffset.count >= n && trustOffset.count >= n, "ScoreRelaxation.relax: buffers shorter than happiness")
        guard n > 0, let h = happiness.baseAddress, let s = safety.baseAddress, let t = trust.baseAddress,
              let oh = happinessOffset.baseAddress, let os = safetyOffset.baseAddress, let ot = trustOffset.baseAddress
        else { return CellSums(happiness: 0, safety: 0, trust: 0, satisfied: 0) }

        typealias V = SIMD8<Float>
        var sumH = V(), sumS = V(), sumT = V(), satisfied = V()
        var tail = (h: Float(0), s: Float(0), t: Float(0), sat: 0)
        let k = rate, wT = trustOnHappiness, wS = safetyOnHappiness
        let kV = V(repeating: k), zero = V(repeating: 0), hundred = V(repeating: 100), one = V(repeating: 1)
        let tHV = V(repeating: targets.happiness), tSV = V(repeating: targets.safety), tTV = V(repeating: targets.trust)
        let wTV = V(repeating: wT), wSV = V(repeating: wS), thresholdV = V(repeating: threshold)
        @inline(__always) func clampV(_ x: V) -> V {
            // Two selects (x < 0 → 0, then > 100 → 100): the generic pointwiseMin/Max are not
            // inlined and run lane by lane.
            var y = x
            y.replace(with: zero, where: x .< zero)
            y.replace(with: hundred, where: y .> hundred)
            return y
        }
        @inline(__always) func load(_ q: UnsafePointer<Float>, _ r: Int) -> V {
            UnsafeRawPointer(q + r).loadUnaligned(as: V.self)
        }
        @inline(__always) func store(_ v: V, _ q: UnsafeMutablePointer<Float>, _ r: Int) {
            UnsafeMutableRawPointer(q + r).storeBytes(of: v, as: V.self)
        }
        var r = 0
        while r + 8 <= n {
            let t0 = load(t, r), s0 = load(s, r), h0 = load(h, r)
            let tr = clampV(t0 + kV * (tTV + load(ot, r) - t0))
            let sf = clampV(s0 + kV * (tSV + load(os, r) - s0))
            let hp = clampV(h0 + kV * (tHV + load(oh, r) + wTV * tr + wSV * sf - h0))
            store(tr, t, r); store(sf, s, r); store(hp, h, r)
            sumT += tr; sumS += sf; sumH += hp
            satisfied += zero.replacing(with: one, where: hp .>= thresholdV)
            r += 8
        }
        while r < n {
            let tr = clamp100(t[r] + k * (targets.trust + ot[r] - t[r]))
            let sf = clamp100(s[r] + k * (targets.safety + os[r] - s[r]))
            let hp = clamp100(h[r] + k * (targets.happiness + oh[r] + wT * tr + wS * sf - h[r]))
            t[r] = tr; s[r] = sf; h[r] = hp
            tail.t += tr; tail.s += sf; tail.h += hp
            if hp >= threshold { tail.sat += 1 }
            r += 1
        }
        // Lane counts are whole numbers below 2^24, so the Float sum is exact.
        return CellSums(happiness: sumH.sum() + tail.h, safety: sumS.sum() + tail.s, trust: sumT.sum() + tail.t,
                        satisfied: Int(satisfied.sum()) + tail.sat)
    }
}
