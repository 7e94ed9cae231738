import XCTest
import Foundation
@testable import GovSim

/// The estimators against functions whose indices are known analytically.
final class SensitivityTests: XCTestCase {
    /// Ishigami (a = 7, b = 0.1) on [−π, π]³: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
    func testSobolIndicesOfTheIshigamiFunction() {
        let n = 8_192
        let (a, b) = SobolIndices.baseMatrices(parameters: 3, rows: n)
        let f = SobolIndices.evaluationPoints(a: a, b: b).map { u -> Double in
            let x = u.map { -Double.pi + 2 * Double.pi * $0 }
            return sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0])
        }
        let e = SobolIndices.estimate(f, parameters: 3, bootstrap: 300, seed: 2)
        let first = [0.3139, 0.4424, 0.0], total = [0.5576, 0.4424, 0.2437]
        for i in 0..<3 {
            // The analytic value lies inside the 95% bootstrap interval of each estimate.
            XCTAssertTrue(e.firstCI[i].lo <= first[i] && first[i] <= e.firstCI[i].hi, "S\(i + 1) = \(e.first[i]) \(e.firstCI[i])")
            XCTAssertTrue(e.totalCI[i].lo <= total[i] && total[i] <= e.totalCI[i].hi, "ST\(i + 1) = \(e.total[i]) \(e.totalCI[i])")
            XCTAssertLessThan(e.firstCI[i].halfWidth, 0.05, "N = 8192 pins each index to ±0.05")
        }
    }

    /// A linear function: effects are its coefficients exactly, with no spread.
    func testMorrisEffectsOfALinearFunction() {
        let t = MorrisScreening.trajectories(parameters: 3, count: 10, seed: 4)
        let values = t.map { path in path.map { 2 * $0[0] + 0 * $0[1] - 1 * $0[2] } }
        let e = MorrisScreening.effects(t, values: values)
        for (got, want) in zip(e.muStar, [2.0, 0, 1]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        for (got, want) in zip(e.mu, [2.0, 0, -1]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        for s in e.sigma { XCTAssertEqual(s, 0, accuracy: 1e-12) }
        XCTAssertTrue(t.allSatisfy { $0.count == 4 && $0.allSatisfy { $0.allSatisfy { (0...1).contains($0) } } })
    }
}
