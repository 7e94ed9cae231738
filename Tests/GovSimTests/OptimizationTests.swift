import GovSimTestSupport
import XCTest
@testable import GovSim

final class OptimizationTests: XCTestCase {
    func testChoosesAFeasibleMixAndIsReproducible() throws {
        var s = TestScenarios.small(days: 60)
        s.volunteers.initialShare = 0
        let levers = [Axis(path: try ParameterPath("volunteers.initialShare", in: s), lo: 0, hi: 0.08),
                      Axis(path: try ParameterPath("response.gridWorkersPerCell", in: s), lo: 1, hi: 3)]
        func optimise(threads: Int, budget: Double) -> Optimization.Result {
            Optimization(scenario: s, levers: levers, weights: [(.safetyScore, 1)], budget: budget, candidates: 8, trials: 4,
                         finalists: 2, finalTrials: 10, seed: 2, threads: threads).run()!
        }
        // A budget a little above what the district costs as it stands.
        let budget = optimise(threads: 2, budget: .infinity).candidates[0].cost.mean + 50_000
        let r = optimise(threads: 2, budget: budget)
        XCTAssertEqual(r.candidates.count, 9)
        XCTAssertEqual(r.candidates[0].values, [0, 1], "candidate 0 is the scenario as it stands")
        for c in r.candidates { XCTAssertEqual(c.feasible, c.cost.mean <= budget) }
        XCTAssertTrue(r.candidates.contains { !$0.feasible }, "the budget binds: more grid workers cost more than it allows")
        let best = try XCTUnwrap(r.best)
        XCTAssertTrue(r.candidates[best].feasible)
        XCTAssertLessThanOrEqual(try XCTUnwrap(r.candidates[best].finalCost).mean, budget)
        // Volunteers are cheap and raise perceived safety: the chosen mix beats the status quo.
        XCTAssertGreaterThan(try XCTUnwrap(r.bestVersusStatusQuo).ci95.lo, 0)
        XCTAssertTrue(r.candidates.contains { $0.onFrontier })
        XCTAssertEqual(optimise(threads: 1, budget: budget).candidates.map(\.objective.mean), r.candidates.map(\.objective.mean))
    }

    /// A lever that changes only the cost gives every candidate the same trials: all tie, and the
    /// cheapest is chosen, not the one a rounding error puts first.
    func testAStatisticalTieIsBrokenByCost() throws {
        var s = TestScenarios.small(days: 30)
        s.volunteers.initialShare = 0.02
        let levers = [Axis(path: try ParameterPath("volunteers.costPerVolunteerYear", in: s), lo: 100, hi: 2_000)]
        let r = Optimization(scenario: s, levers: levers, weights: [(.safetyScore, 1)], budget: .infinity, candidates: 6, trials: 3,
                             finalists: 4, finalTrials: 6, seed: 3, threads: 2).run()!
        let best = try XCTUnwrap(r.best)
        let finalists = r.candidates.indices.filter { r.candidates[$0].finalCost != nil }
        XCTAssertGreaterThan(finalists.count, 1)
        let cheapest = finalists.min { r.candidates[$0].finalCost!.mean < r.candidates[$1].finalCost!.mean }!
        XCTAssertEqual(best, cheapest, "every finalist ties on the objective, so the cheapest is chosen")
        XCTAssertEqual(Set(r.tied + [r.top!]), Set(finalists), "every finalist is tied with the top one")
    }

    /// The chosen mix's effect is reported on every output, the objective's equal to the gain, and
    /// a constraint on another output's change makes the candidates that break it infeasible.
    func testEffectsOnEveryOutputAndConstraints() throws {
        var s = TestScenarios.small(days: 60)
        s.volunteers.initialShare = 0
        let levers = [Axis(path: try ParameterPath("volunteers.initialShare", in: s), lo: 0, hi: 0.08)]
        func optimise(_ constraints: [Optimization.Constraint]) -> Optimization.Result {
            var o = Optimization(scenario: s, levers: levers, weights: [(.safetyScore, 1)], budget: .infinity, candidates: 6, trials: 4,
                                 finalists: 2, finalTrials: 8, seed: 2, threads: 2)
            o.constraints = constraints
            o.secondObjective = .satisfactionPct
            return o.run()!
        }
        let free = optimise([])
        XCTAssertEqual(free.effects.count, Metric.allCases.count)
        XCTAssertEqual(free.effects[Metric.safetyScore.rawValue].difference, try XCTUnwrap(free.bestVersusStatusQuo).difference, accuracy: 1e-9)
        XCTAssertTrue(free.candidates.contains { $0.onSecondFront })
        // Volunteers cost money: capping the cost's rise at +0% leaves only candidates no dearer than the status quo.
        let capped = optimise([Optimization.Constraint(metric: .costTotal, atMost: true, bound: 0, relative: true)])
        let statusQuoCost = capped.candidates[0].means[Metric.costTotal.rawValue]
        for c in capped.candidates { XCTAssertEqual(c.feasible, c.means[Metric.costTotal.rawValue] <= statusQuoCost) }
        XCTAssertTrue(capped.candidates.contains { !$0.feasible })
    }

    func testConstraintsReadAsWritten() {
        let c = Optimization.Constraint(metric: .meanTrust, atMost: false, bound: -1, relative: false)
        XCTAssertEqual(c.text, "mean_trust>=-1")
        XCTAssertTrue(c.holds(candidate: 49.5, statusQuo: 50))
        XCTAssertFalse(c.holds(candidate: 48.9, statusQuo: 50))
        let r = Optimization.Constraint(metric: .medianResolutionHours, atMost: true, bound: 10, relative: true)
        XCTAssertEqual(r.text, "median_resolution_hours<=+10%")
        XCTAssertTrue(r.holds(candidate: 109, statusQuo: 100))
        XCTAssertFalse(r.holds(candidate: 111, statusQuo: 100))
    }
}
