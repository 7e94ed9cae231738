import GovSimTestSupport
import Foundation
import XCTest
@testable import GovSim

/// Every default has a source or a prior (docs/evidence.md), priors are centred on the defaults,
/// and the priors reach runs without breaking common random numbers.
final class ProvenanceTests: XCTestCase {
    /// Every numeric parameter with its path and bounds, including a cell group's overrides.
    final class Parameters: PathTrackingVisitor {
        var found: [(path: String, value: Parameter, bounds: Bounds)] = []
        override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) { found.append((path(key), value, bounds)) }
    }

    static func parameters(of s: Scenario) -> [(path: String, value: Parameter, bounds: Bounds)] {
        let v = Parameters()
        var copy = s
        copy.visit(v)
        return v.found
    }

    func testEveryParameterHasAnEntry() {
        let missing = Self.parameters(of: Scenario()).map(\.path).filter { ParameterProvenance.entry(for: $0) == nil }
        XCTAssertEqual(missing, [], "parameters with no source or prior in ParameterProvenance")
    }

    func testAGroupOverrideHasTheDistrictFieldsProvenance() {
        XCTAssertEqual(ParameterProvenance.entry(for: "district.cells[3].council.propertyDisputeReduction"),
                       ParameterProvenance.entry(for: "council.propertyDisputeReduction"))
        XCTAssertEqual(ParameterProvenance.entry(for: "district.cells[3].households")?.source, .input)
        XCTAssertEqual(ParameterProvenance.entry(for: "mediation.tiers[7].successLow"),
                       ParameterProvenance.entry(for: "mediation.tiers[0].successLow"))
    }

    /// An assumption is a guess: it must ship as a distribution.
    func testEveryAssumptionShipsAPrior() {
        for p in Self.parameters(of: Scenario()) {
            guard let e = ParameterProvenance.entry(for: p.path), case .assumption = e.source else { continue }
            XCTAssertNotNil(e.shape, "\(p.path) is an assumption with no prior")
        }
    }

    /// Each evidence or assumption id cited names a heading of docs/evidence.md.
    func testEveryCitedIdIsInTheEvidenceFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/evidence.md"), encoding: .utf8)
        let headings = Set(text.split(separator: "\n").filter { $0.hasPrefix("## ") }.compactMap {
            $0.dropFirst(3).split(separator: " ").first.map(String.init)
        })
        var cited = Set<String>()
        for p in Self.parameters(of: Scenario()) { cited.formUnion(ParameterProvenance.entry(for: p.path)?.source.ids ?? []) }
        XCTAssertFalse(cited.isEmpty)
        XCTAssertEqual(cited.subtracting(headings).sorted(), [], "ids cited but not in docs/evidence.md")
    }

    /// A shipped prior's mean is the default (to the 4 digits a lognormal's median is rounded to),
    /// and a bounded prior stays inside its field's bounds.
    func testPriorsAreCentredOnTheDefaultsAndInsideTheirBounds() {
        let defaults = Self.parameters(of: Scenario())
        let shipped = Self.parameters(of: Scenario.withShippedPriors)
        XCTAssertEqual(defaults.map(\.path), shipped.map(\.path))
        var priors = 0
        for (d, s) in zip(defaults, shipped) where s.value.isDistribution {
            priors += 1
            let central = d.value.value
            XCTAssertEqual(s.value.value, central, accuracy: 1e-3 * max(1, abs(central)), "\(s.path): prior mean ≠ default")
            let support = s.value.support, range = s.bounds.range
            switch s.value {
            case .beta(let a, let b):
                XCTAssertTrue(a > 0 && b > 0, "\(s.path): beta(\(a), \(b))")
                XCTAssertTrue(range.lowerBound <= 0 && range.upperBound >= 1, "\(s.path): a beta prior on a field bounded \(range)")
            case .triangular, .uniform:
                XCTAssertTrue(range.contains(support.lowerBound) && range.contains(support.upperBound), "\(s.path): \(support) outside \(range)")
            default: break
            }
        }
        XCTAssertGreaterThan(priors, 100)
    }

    /// --fixed on the defaults is the engine's default scenario exactly.
    func testFixingTheShippedPriorsGivesTheDefaults() {
        var fixed = Scenario.withShippedPriors.fixingShippedPriors()
        XCTAssertEqual(fixed.run.uncertainty, .fixed)
        XCTAssertEqual(fixed.distributionPaths, [])
        fixed.run.uncertainty = .priors
        XCTAssertEqual(fixed, Scenario())
    }

    /// A distribution the scenario writes itself is not a shipped prior: --fixed keeps it.
    func testFixingKeepsTheScenariosOwnDistributions() {
        var s = Scenario.withShippedPriors
        s.residents.adaptationDays = .uniform(min: 30, max: 60)
        let fixed = s.fixingShippedPriors()
        XCTAssertEqual(fixed.distributionPaths, ["residents.adaptationDays"])
        XCTAssertFalse(s.shippedPriorPaths.contains("residents.adaptationDays"))
        XCTAssertTrue(s.shippedPriorPaths.contains("residents.failedTrustLoss"))
    }

    /// Two policies draw the same value for every parameter they share (common random numbers
    /// hold with priors on), and a policy's draws do not depend on which policy runs.
    func testPoliciesShareTheirParameterDraws() {
        let baseline = Scenario.withShippedPriors
        var policy = baseline
        policy.council.enabled = true
        policy.sensors.cameras.coverage = 0.5
        for trial in [0, 7, 123] {
            let a = Dictionary(uniqueKeysWithValues: baseline.realised(seed: 42, trial: trial).draws.map { ($0.path, $0.value) })
            let b = Dictionary(uniqueKeysWithValues: policy.realised(seed: 42, trial: trial).draws.map { ($0.path, $0.value) })
            XCTAssertEqual(a, b)
        }
    }

    /// A prior widens the trials' spread: safety over 40 trials of a small district varies more
    /// with the residents' and estates' priors on than with them fixed (same seed and trials).
    func testPriorsWidenTheSpreadOfOutcomes() {
        let fixed = TestScenarios.small()
        var uncertain = fixed
        uncertain.residents = Scenario.withShippedPriors.residents
        uncertain.estates = Scenario.withShippedPriors.estates
        let f = MetricSummary(TestScenarios.run(fixed, trials: 40).map { $0[.safetyScore] })
        let u = MetricSummary(TestScenarios.run(uncertain, trials: 40).map { $0[.safetyScore] })
        XCTAssertGreaterThan(u.sd, 2 * f.sd, "priors on the residents' and estates' parameters should widen the spread of safety")
        XCTAssertGreaterThan(u.prediction90.hi - u.prediction90.lo, f.prediction90.hi - f.prediction90.lo)
    }
}
