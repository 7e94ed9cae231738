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
}
