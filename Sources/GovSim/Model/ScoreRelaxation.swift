import CGSL

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

    /// Whether this machine runs the AVX2 build of the eight-at-a-time kernel (x86-64 CPUs with
    /// AVX2); otherwise the baseline build runs. Asked once: CPUID is slow in a virtual machine.
    public static let usesAVX2 = govsim_cpu_has_avx2() != 0

    /// The same on `range` of district-wide arrays (one array per score and offset, as the model's
    /// `Population` and the benchmarks keep them): the residents `range` are one cell's.
    public static func relax(_ range: Range<Int>, happiness: inout [Float], safety: inout [Float], trust: inout [Float],
                             happinessOffset: [Float], safetyOffset: [Float], trustOffset: [Float],
                             rate: Float, targets: Targets, trustOnHappiness: Float, safetyOnHappiness: Float,
                             threshold: Float) -> CellSums {
        happiness.withUnsafeMutableBufferPointer { h in
            safety.withUnsafeMutableBufferPointer { s in
                trust.withUnsafeMutableBufferPointer { t in
                    happinessOffset.withUnsafeBufferPointer { oh in
                        safetyOffset.withUnsafeBufferPointer { os in
                            trustOffset.withUnsafeBufferPointer { ot in
                                relax(happiness: UnsafeMutableBufferPointer(rebasing: h[range]),
                                      safety: UnsafeMutableBufferPointer(rebasing: s[range]),
                                      trust: UnsafeMutableBufferPointer(rebasing: t[range]),
                                      happinessOffset: UnsafeBufferPointer(rebasing: oh[range]),
                                      safetyOffset: UnsafeBufferPointer(rebasing: os[range]),
                                      trustOffset: UnsafeBufferPointer(rebasing: ot[range]),
                                      rate: rate, targets: targets, trustOnHappiness: trustOnHappiness,
                                      safetyOnHappiness: safetyOnHappiness, threshold: threshold)
                            }
                        }
                    }
                }
            }
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
    /// Eight residents at a time, in a C kernel (`CGSL/score_relaxation.h`, which says why C): the
    /// compiler will not vectorise the running sums of a plain loop, because it may not reorder
    /// floating-point additions. Each resident's scores are computed exactly as one at a time
    /// would; only the sums are kept in eight lanes (resident i of the buffer in lane i mod 8, the
    /// last count mod 8 residents added one at a time here) and added together at the end, so they
    /// round as this code defines, the same on any machine, with or without AVX2.
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

        // The first n − n mod 8 residents, eight at a time, in C (CGSL/score_relaxation.h: AVX2
        // where the CPU has it, chosen at run time; identical results either way).
        var lanes = govsim_relax_lanes()
        let blocks = n / 8
        if usesAVX2 {
            govsim_relax8_avx2(h, s, t, oh, os, ot, Int64(blocks), rate, targets.happiness, targets.safety, targets.trust,
                               trustOnHappiness, safetyOnHappiness, threshold, &lanes)
        } else {
            govsim_relax8(h, s, t, oh, os, ot, Int64(blocks), rate, targets.happiness, targets.safety, targets.trust,
                          trustOnHappiness, safetyOnHappiness, threshold, &lanes)
        }
        typealias V = SIMD8<Float>
        func lanesVector<T>(_ tuple: T) -> V { withUnsafeBytes(of: tuple) { $0.loadUnaligned(as: V.self) } }
        let sumH = lanesVector(lanes.happiness), sumS = lanesVector(lanes.safety), sumT = lanesVector(lanes.trust)
        let satisfied = lanesVector(lanes.satisfied)
        // The rest one at a time.
        var tail = (h: Float(0), s: Float(0), t: Float(0), sat: 0)
        let k = rate, wT = trustOnHappiness, wS = safetyOnHappiness
        var r = 8 * blocks
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
