import XCTest
import CGSL
@testable import GovSim

final class ScoreRelaxationTests: XCTestCase {
    /// Each resident's new scores are exactly the one-at-a-time formula's; the sums agree with a
    /// plain sum to rounding; the satisfied count is exact. 1,003 residents: 125 blocks of eight
    /// and a tail of three.
    func testMatchesTheResidentFormulaAndCountsExactly() {
        let n = 1_003
        let rng = RandomStream(seed: 42)
        func draw(_ lo: Float, _ hi: Float) -> [Float] { (0..<n).map { _ in lo + (hi - lo) * Float(rng.uniform()) } }
        var h = draw(-5, 105), s = draw(0, 100), t = draw(0, 100)
        let oh = draw(-30, 30), os = draw(-25, 25), ot = draw(-30, 30)
        let (h0, s0, t0) = (h, s, t)
        let k: Float = 1 / 45, wT: Float = 0.3, wS: Float = 0.3, threshold: Float = 60
        let targets = ScoreRelaxation.Targets(happiness: 34, safety: 61.5, trust: 55)

        let sums = h.withUnsafeMutableBufferPointer { hb in
            s.withUnsafeMutableBufferPointer { sb in
                t.withUnsafeMutableBufferPointer { tb in
                    oh.withUnsafeBufferPointer { ohb in
                        os.withUnsafeBufferPointer { osb in
                            ot.withUnsafeBufferPointer { otb in
                                ScoreRelaxation.relax(happiness: hb, safety: sb, trust: tb, happinessOffset: ohb,
                                                      safetyOffset: osb, trustOffset: otb, rate: k, targets: targets,
                                                      trustOnHappiness: wT, safetyOnHappiness: wS, threshold: threshold)
                            }
                        }
                    }
                }
            }
        }

        var sumH = 0.0, sumS = 0.0, sumT = 0.0, satisfied = 0
        for r in 0..<n {
            let tr = clamp100(t0[r] + k * (targets.trust + ot[r] - t0[r]))
            let sf = clamp100(s0[r] + k * (targets.safety + os[r] - s0[r]))
            let hp = clamp100(h0[r] + k * (targets.happiness + oh[r] + wT * tr + wS * sf - h0[r]))
            XCTAssertEqual(t[r], tr); XCTAssertEqual(s[r], sf); XCTAssertEqual(h[r], hp)
            sumH += Double(hp); sumS += Double(sf); sumT += Double(tr)
            if hp >= threshold { satisfied += 1 }
        }
        XCTAssertEqual(sums.satisfied, satisfied)
        XCTAssertEqual(Double(sums.happiness), sumH, accuracy: 1e-5 * sumH)
        XCTAssertEqual(Double(sums.safety), sumS, accuracy: 1e-5 * sumS)
        XCTAssertEqual(Double(sums.trust), sumT, accuracy: 1e-5 * sumT)
    }

    /// The baseline and AVX2 builds of the C kernel give the same bits: scores and lane sums
    /// (skipped where the CPU has no AVX2). Includes NaN and out-of-range scores.
    func testBothKernelsGiveIdenticalBits() throws {
        try XCTSkipUnless(govsim_cpu_has_avx2() != 0, "no AVX2 on this CPU")
        let blocks = 125, n = 8 * blocks
        let rng = RandomStream(seed: 7)
        func draw(_ lo: Float, _ hi: Float) -> [Float] { (0..<n).map { _ in lo + (hi - lo) * Float(rng.uniform()) } }
        var h = draw(-20, 120), s = draw(-20, 120), t = draw(-20, 120)
        h[3] = .nan; s[17] = .infinity; t[30] = -.infinity
        let oh = draw(-30, 30), os = draw(-25, 25), ot = draw(-30, 30)
        func run(_ kernel: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
                            UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, Int64,
                            Float, Float, Float, Float, Float, Float, Float, UnsafeMutablePointer<govsim_relax_lanes>) -> Void)
            -> [UInt32] {
            var (h1, s1, t1) = (h, s, t)
            var lanes = govsim_relax_lanes()
            kernel(&h1, &s1, &t1, oh, os, ot, Int64(blocks), 1 / 45, 34, 61.5, 55, 0.3, 0.3, 60, &lanes)
            let sums = withUnsafeBytes(of: lanes) { Array($0.bindMemory(to: Float.self)) }
            return (h1 + s1 + t1 + sums).map(\.bitPattern)
        }
        let baseline = run { govsim_relax8($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) }
        let avx2 = run { govsim_relax8_avx2($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) }
        XCTAssertEqual(baseline, avx2)
    }

    func testEmptyCellSumsToZero() {
        let empty = UnsafeMutableBufferPointer<Float>(start: nil, count: 0)
        let sums = ScoreRelaxation.relax(happiness: empty, safety: empty, trust: empty,
                                         happinessOffset: UnsafeBufferPointer(empty), safetyOffset: UnsafeBufferPointer(empty),
                                         trustOffset: UnsafeBufferPointer(empty), rate: 0.1,
                                         targets: ScoreRelaxation.Targets(happiness: 50, safety: 50, trust: 50),
                                         trustOnHappiness: 0.3, safetyOnHappiness: 0.3, threshold: 60)
        XCTAssertEqual(sums, ScoreRelaxation.CellSums(happiness: 0, safety: 0, trust: 0, satisfied: 0))
    }
}
