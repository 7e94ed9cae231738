import XCTest
import CGSL
@testable import GovSim

/// Summary statistics against known values and GSL's own routines.
final class SummaryTests: XCTestCase {
    func testMeanSdQuantilesOfOneToHundred() {
        let x = (1...100).map(Double.init)
        let s = MetricSummary(x.shuffled())
        XCTAssertEqual(s.n, 100)
        XCTAssertEqual(s.mean, 50.5, accuracy: 1e-12)
        // Sample variance of 1..n is n(n+1)/12.
        XCTAssertEqual(s.sd, (100.0 * 101 / 12).squareRoot(), accuracy: 1e-12)
        // GSL's quantile interpolates at (n − 1)·p: p05 → 1 + 4.95.
        XCTAssertEqual(s.p05, 5.95, accuracy: 1e-12)
        XCTAssertEqual(s.p50, 50.5, accuracy: 1e-12)
        XCTAssertEqual(s.p95, 95.05, accuracy: 1e-12)
        // t(0.975, 99) = 1.9842169515 (tables).
        let half = 1.9842169515 * s.sd / 10
        XCTAssertEqual(s.ci95.lo, 50.5 - half, accuracy: 1e-8)
        XCTAssertEqual(s.ci95.hi, 50.5 + half, accuracy: 1e-8)
    }

    func testAgreesWithGSLOnRandomData() {
        let rng = RandomStream(seed: 99)
        var x = (0..<1_001).map { _ in rng.lognormal(median: 2, sigma: 0.7) }
        let s = MetricSummary(x)
        let n = x.count
        x.withUnsafeMutableBufferPointer { b in
            XCTAssertEqual(s.mean, gsl_stats_mean(b.baseAddress, 1, n), accuracy: 1e-12)
            XCTAssertEqual(s.sd, gsl_stats_sd(b.baseAddress, 1, n), accuracy: 1e-12)
            gsl_sort(b.baseAddress, 1, n)
            XCTAssertEqual(s.p50, b[500], accuracy: 1e-12)  // odd n: the middle value
        }
    }

    func testNaNIsSkippedAndAllNaNIsUndefined() {
        let s = MetricSummary([1, .nan, 3])
        XCTAssertEqual(s.n, 2)
        XCTAssertEqual(s.mean, 2)
        let none = MetricSummary([.nan, .nan])
        XCTAssertEqual(none.n, 0)
        XCTAssertTrue(none.mean.isNaN && none.ci95.lo.isNaN)
    }

    func testSingleValueHasZeroWidthInterval() {
        let s = MetricSummary([7])
        XCTAssertEqual(s.sd, 0)
        XCTAssertEqual(s.ci95, Interval(lo: 7, hi: 7))
    }
}
