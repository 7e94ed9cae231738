import GovSimTestSupport
import XCTest
@testable import GovSim

final class RealisationTests: XCTestCase {
    func testDrawsAreReproducibleClampedAndRounded() {
        var s = Scenario()
        s.triage.accuracy = .normal(mean: 0.9, sd: 0.5)          // often above 1: clamped
        s.mediation.tiers[0].staff = .uniform(min: 1, max: 9)    // integer field: rounded
        let a = s.realised(seed: 3, trial: 11), b = s.realised(seed: 3, trial: 11)
        XCTAssertEqual(a.scenario, b.scenario)
        XCTAssertEqual(a.draws.map(\.path), ["triage.accuracy", "mediation.tiers[0].staff"])
        var sawClamp = false
        for trial in 0..<200 {
            let r = s.realised(seed: 3, trial: trial).scenario
            XCTAssertTrue((0...1).contains(r.triage.accuracy.value))
            if r.triage.accuracy.value == 1 { sawClamp = true }
            let staff = r.mediation.tiers[0].staff.value
            XCTAssertEqual(staff, staff.rounded())
            XCTAssertTrue((1...9).contains(staff))
            XCTAssertFalse(r.triage.accuracy.isDistribution)
        }
        XCTAssertTrue(sawClamp)
    }

    /// A parameter's draw depends only on its own path: making another parameter uncertain
    /// does not change it (what keeps paired comparisons paired).
    func testDrawsAreKeyedByPath() {
        var s = Scenario()
        s.disputes.rateMultiplier = .lognormal(median: 1, sigma: 0.3)
        let before = s.realised(seed: 9, trial: 4).scenario.disputes.rateMultiplier
        s.triage.accuracy = .beta(alpha: 8, beta: 2)
        XCTAssertEqual(s.realised(seed: 9, trial: 4).scenario.disputes.rateMultiplier, before)
    }

    /// Residents are the same under two policies: coverage changes flags, not the draws.
    func testPopulationIsSharedAcrossPolicies() {
        let a = TestScenarios.small()
        var b = a
        b.elderlyCare.wearableCoverage = 0.8
        let simA = Simulation(scenario: a, seed: 1, trial: 0), simB = Simulation(scenario: b, seed: 1, trial: 0)
        XCTAssertEqual(simA.population.householdStart, simB.population.householdStart)
        XCTAssertEqual(simA.population.happinessOffset, simB.population.happinessOffset)
        XCTAssertEqual(simA.population.trustOffset, simB.population.trustOffset)
    }
}
