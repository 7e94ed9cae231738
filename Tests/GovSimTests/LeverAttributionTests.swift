import GovSimTestSupport
import XCTest
@testable import GovSim

/// `govsim explain`'s engine: which paths are levers, the scenarios in between, and the Shapley
/// values, alone and leave-one-out effects on known functions and on the model.
final class LeverAttributionTests: XCTestCase {
    /// A policy of three levers: more staff at the first tier, the council on (with a schedule),
    /// cameras on.
    static func policy(_ base: Scenario) -> Scenario {
        var p = base
        p.name = "policy"
        p.mediation.tiers[0].staff = 6
        p.council.enabled = true
        p.council.schedule.startDay = 30
        p.council.schedule.rampDays = 60
        p.sensors.cameras.coverage = 0.8
        return p
    }

    func testLeversAreThePathsThePolicyChanges() {
        let base = TestScenarios.small()
        let levers = PolicyLevers(baseline: base, policy: Self.policy(base))
        XCTAssertEqual(levers.levers.map(\.path),
                       ["mediation.tiers[0].staff", "sensors.cameras.coverage", "council.enabled", "council.schedule"])
        XCTAssertEqual(levers.levers[0].from, ScenarioWriter.parameterText(base.mediation.tiers[0].staff))
        XCTAssertEqual(levers.levers[0].to, "6")
        XCTAssertEqual(levers.levers[3].to, "30, 60", "a schedule is one lever: its start and ramp together")
        XCTAssertEqual(levers.ignored, [], "the name is not a lever")
        // Pulling every lever gives the policy; pulling none, the baseline; one, just that change.
        var all = levers.scenario(pulling: 0..<4)
        all.name = "policy"
        XCTAssertEqual(all, Self.policy(base))
        XCTAssertEqual(levers.scenario(pulling: []), base)
        var staffOnly = base
        staffOnly.mediation.tiers[0].staff = 6
        XCTAssertEqual(levers.scenario(pulling: [0]), staffOnly)
    }

    func testListsOfDifferentLengthAndLabelsAreHandledWhole() {
        let base = TestScenarios.small()
        var p = base
        p.district.cells.append(Scenario.CellGroup())
        p.district.cells[0].name = "renamed"
        p.mediation.tiers[1].staff = 9
        let levers = PolicyLevers(baseline: base, policy: p)
        XCTAssertEqual(levers.levers.map(\.path), ["district.cells", "mediation.tiers[1].staff"])
        XCTAssertTrue(levers.levers[0].from.hasPrefix("1 ") && levers.levers[0].to.hasPrefix("2 "), levers.levers[0].from)
        XCTAssertEqual(levers.scenario(pulling: [0]).district.cells, p.district.cells)
        XCTAssertEqual(levers.scenario(pulling: [0]).mediation.tiers[1].staff, base.mediation.tiers[1].staff)
        XCTAssertEqual(levers.ignored, [], "a label inside a list taken whole is not reported separately")
    }

    /// Results of synthetic coalitions: output 0 is x_S = Σ_{i∈S} a_i + b·[0∈S][1∈S] + noise(t),
    /// the same noise in every coalition of a trial (common random numbers).
    func synthetic(_ attribution: LeverAttribution, a: [Double], b: Double, trials: Int) -> [[TrialResult]] {
        attribution.coalitions.map { mask in
            (0..<trials).map { t in
                var metrics = [Double](repeating: 0, count: Metric.allCases.count)
                let on = { (i: Int) in mask & (UInt64(1) << UInt64(i)) != 0 }
                var x = 50 + sin(Double(t) * 1.7) * 5 + (on(0) && on(1) ? b : 0)
                for i in a.indices where on(i) { x += a[i] * (1 + 0.1 * cos(Double(t))) }
                metrics[Metric.safetyScore.rawValue] = x
                return TrialResult(trial: t, metrics: metrics, series: [], parameterDraws: [])
            }
        }
    }

    /// A stand-in policy of `k` levers (the tiers' staff and other fields of the small scenario).
    func levers(_ k: Int) -> PolicyLevers {
        let base = TestScenarios.small()
        var p = base
        let paths = ["mediation.tiers[0].staff", "mediation.tiers[1].staff", "mediation.tiers[2].staff",
                     "mediation.referralHours", "mediation.petitionDays", "volunteers.training", "volunteers.patrolScale",
                     "council.meetingsPerYear", "council.costPerMeeting", "preventiveVisits.visitsPerWeek",
                     "preventiveVisits.costPerVisit", "volunteers.costPerVolunteerYear"]
        for path in paths.prefix(k) {
            let parameter = try! ParameterPath(path, in: p)
            p = parameter.setting(parameter.value(in: p) + 1, in: p)
        }
        let levers = PolicyLevers(baseline: base, policy: p)
        precondition(levers.levers.count == k)
        return levers
    }

    func testExactShapleyOnAKnownGame() {
        let attribution = LeverAttribution(levers: levers(3), seed: 1)
        XCTAssertTrue(attribution.isExact)
        XCTAssertEqual(attribution.coalitions.count, 8)
        let a = [2.0, -1.0, 0.5], b = 3.0
        let d = attribution.decompose(synthetic(attribution, a: a, b: b, trials: 40))[Metric.safetyScore.rawValue]
        let scale = (0..<40).map { 1 + 0.1 * cos(Double($0)) }.reduce(0, +) / 40
        // The interaction b is shared equally between levers 0 and 1.
        let expected = [a[0] * scale + b / 2, a[1] * scale + b / 2, a[2] * scale]
        for i in 0..<3 { XCTAssertEqual(d.shapley[i].mean, expected[i], accuracy: 1e-9) }
        XCTAssertEqual(d.alone[0].mean, a[0] * scale, accuracy: 1e-9)
        XCTAssertEqual(d.leaveOneOut[0].mean, a[0] * scale + b, accuracy: 1e-9)
        XCTAssertEqual(d.interaction.mean, b, accuracy: 1e-9)
        XCTAssertEqual(d.shapley.map(\.mean).reduce(0, +), d.total.mean, accuracy: 1e-9, "efficiency: the values add up")
        // The trial noise is common to all coalitions, so only the lever's own noise is left.
        XCTAssertLessThan(d.shapley[0].ci95.halfWidth, 0.1)
    }

    /// On random games of 1–6 levers with a random pairwise interaction: the values add up to the
    /// whole effect (efficiency), and a lever with no effect alone or together gets 0 (null player).
    func testShapleyValuesAreEfficientAndGiveANullLeverNothing() {
        let failure = PropertyCheck.firstFailure(count: 30) { seed -> String? in
            let stream = RandomStream(seed: seed)
            let k = 1 + stream.index(6)
            let attribution = LeverAttribution(levers: levers(k), seed: seed)
            var a = (0..<k).map { _ in stream.uniform() * 10 - 5 }
            let null = stream.index(k)
            a[null] = 0
            let b = null < 2 && k > 1 ? 0 : stream.uniform() * 6 - 3  // the interaction is between levers 0 and 1
            let d = attribution.decompose(synthetic(attribution, a: a, b: k > 1 ? b : 0, trials: 5))[Metric.safetyScore.rawValue]
            let sum = d.shapley.map(\.mean).reduce(0, +)
            if abs(sum - d.total.mean) > 1e-9 * max(1, abs(d.total.mean)) { return "k \(k): Σ Shapley \(sum) ≠ total \(d.total.mean)" }
            if abs(d.shapley[null].mean) > 1e-9 { return "k \(k): the null lever \(null) got \(d.shapley[null].mean)" }
            return nil
        }
        XCTAssertNil(failure)
    }

    func testSampledShapleyIsExactOnAnAdditiveGameAndCoversWithInteractions() {
        let attribution = LeverAttribution(levers: levers(10), permutations: 40, seed: 7)
        XCTAssertFalse(attribution.isExact)
        XCTAssertEqual(attribution.orders.count, 40)
        XCTAssertLessThan(attribution.coalitions.count, 1 << 10)
        let a = (0..<10).map { Double($0) - 4 }
        let additive = attribution.decompose(synthetic(attribution, a: a, b: 0, trials: 30))[Metric.safetyScore.rawValue]
        let scale = (0..<30).map { 1 + 0.1 * cos(Double($0)) }.reduce(0, +) / 30
        for i in 0..<10 {
            XCTAssertEqual(additive.shapley[i].mean, a[i] * scale, accuracy: 1e-9, "every order gives an additive lever its own effect")
            XCTAssertEqual(additive.shapley[i].samplingSE ?? .nan, 0, accuracy: 1e-9)
        }
        let b = 4.0
        let joint = attribution.decompose(synthetic(attribution, a: a, b: b, trials: 30))[Metric.safetyScore.rawValue]
        XCTAssertEqual(joint.shapley.map(\.mean).reduce(0, +), joint.total.mean, accuracy: 1e-9, "efficiency holds for sampled orders too")
        for i in 0..<2 {
            let exact = a[i] * scale + b / 2
            XCTAssertTrue(joint.shapley[i].ci95.lo <= exact && exact <= joint.shapley[i].ci95.hi,
                          "lever \(i): \(joint.shapley[i]) should cover \(exact)")
            XCTAssertGreaterThan(joint.shapley[i].samplingSE ?? 0, 0)
        }
    }

    /// On the model: one trial list per coalition from a paired comparison; the levers' Shapley
    /// values add up to the policy's effect in every output, and with one lever every measure is
    /// the same paired difference.
    func testOnTheModelTheValuesAddUpToThePolicysEffect() {
        let base = TestScenarios.small(days: 90)
        let levers = PolicyLevers(baseline: base, policy: Self.policy(base))
        let attribution = LeverAttribution(levers: levers, seed: 11)
        let arms = attribution.scenarios()
        let outcome = Comparison(arms: arms, seed: 11, threads: 2).run(Comparison.Plan(trials: 6))
        let decomposition = attribution.decompose(outcome.results)
        for d in decomposition where d.total.mean.isFinite {
            let sum = d.shapley.map(\.mean).reduce(0, +)
            XCTAssertEqual(sum, d.total.mean, accuracy: 1e-9 * max(1, abs(d.total.mean)), d.metric.name)
        }
        let single = PolicyLevers(baseline: base, policy: { var p = base; p.mediation.tiers[0].staff = 6; return p }())
        let one = LeverAttribution(levers: single, seed: 11)
        let results = Comparison(arms: one.scenarios(), seed: 11, threads: 1).run(Comparison.Plan(trials: 6)).results
        let d = one.decompose(results)[Metric.satisfactionPct.rawValue]
        XCTAssertEqual(d.shapley[0].mean, d.total.mean, accuracy: 1e-12)
        XCTAssertEqual(d.alone[0], d.total)
        XCTAssertEqual(d.leaveOneOut[0], d.total)
    }
}
