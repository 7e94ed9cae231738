import XCTest
@testable import GovSim

final class SmokeTests: XCTestCase {
    func testOneTrialPrints() {
        var s = Scenario()
        s.run.days = 365
        let r = runTrial(s, seed: 1, trial: 0)
        for m in Metric.allCases { print(m.name, r[m]) }
    }
}
