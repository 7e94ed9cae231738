import GovSimTestSupport
import XCTest
import GovSim
@testable import GovSimIO

final class CalibrationTests: XCTestCase {
    let folder = TemporaryFolder()

    private func small() -> Scenario {
        var s = Scenario()
        s.name = "synthetic"
        s.run.days = 120
        s.district.cells[0].count = 3
        s.district.cells[0].households = 200
        s.district.cells[0].estate = .oldEstate
        return s
    }

    /// Calibration recovers parameters whose true values are known: targets are what the model
    /// itself predicts at the truth (same seed and trials, so the objective is exactly zero
    /// there), and the fit starts elsewhere.
    func testRecoversKnownParametersFromSyntheticTargets() throws {
        var truth = small()
        truth.estates.oldEstate.propertyDisputeRate = 0.35
        truth.estates.oldEstate.baseHappiness = 64
        let trials = 12, seed: UInt64 = 3
        let results = Ensemble(scenario: truth, seed: seed, threads: 2).run(trials: 0..<trials)
        let complaint = MetricSummary(results.map { $0[.complaintRatePct] }).mean
        let satisfaction = MetricSummary(results.map { $0[.satisfactionPct] }).mean

        var start = small()
        start.estates.oldEstate.propertyDisputeRate = 0.15
        start.estates.oldEstate.baseHappiness = 55
        let file = LoadedScenario(scenario: start, path: folder.path + "/synthetic.json5", extends: [],
                                  targets: [Target(metric: .complaintRatePct, observed: .value(complaint), tolerance: 0.5),
                                            Target(metric: .satisfactionPct, observed: .value(satisfaction), tolerance: 0.5)])
        let parameters = [Calibration.Parameter(path: try ParameterPath("estates.oldEstate.propertyDisputeRate", in: start), lo: 0.05, hi: 1.5),
                          Calibration.Parameter(path: try ParameterPath("estates.oldEstate.baseHappiness", in: start), lo: 40, hi: 80)]
        let fit = try Calibration(files: [file], parameters: parameters, trials: trials, seed: seed, threads: 2, budget: 150).run()
        XCTAssertTrue(fit.fit.allSatisfy { $0.predictions.allSatisfy(\.met) }, "the fitted values meet the synthetic targets")
        // Within the precision the targets carry: 0.5 percentage points of complaint rate is about
        // 0.02 disputes per household-year here, 0.5 points of satisfaction about 0.3 happiness points.
        XCTAssertEqual(fit.values[0], 0.35, accuracy: 0.03)
        XCTAssertEqual(fit.values[1], 64, accuracy: 0.6)
    }

    func testCalibratedFileExtendsTheOriginalAndKeepsTargets() throws {
        let path = folder.write("base.json5", """
        { run: { trials: 4, days: 30 }, district: { cells: [{ count: 2, households: 100, estate: "oldEstate" }] },
          targets: { complaint_rate_pct: { value: 10, tolerance: 2 } } }
        """)
        let loaded = try ScenarioLoader.load(path: path)
        let calibration = Calibration(files: [loaded], parameters: [Calibration.Parameter(path: try ParameterPath("estates.oldEstate.propertyDisputeRate", in: loaded.scenario), lo: 0.05, hi: 1)],
                                      trials: 4, seed: nil, threads: 2, budget: 30)
        let result = try calibration.run()
        let text = calibration.calibratedText(for: loaded, result: result, directory: folder.path, names: [:], command: ["govsim", "calibrate"])
        let out = folder.write("base.calibrated.json5", text)
        let calibrated = try ScenarioLoader.load(path: out)
        XCTAssertEqual(calibrated.scenario.estates.oldEstate.propertyDisputeRate.value, result.values[0], accuracy: 1e-12)
        XCTAssertEqual(calibrated.targets, loaded.targets)
        XCTAssertTrue(text.contains("extends: \"base.json5\""))
    }

    func testTargetsParseAndReportProblems() throws {
        folder.write("b.json5", "{}")
        let good = folder.write("t.json5", """
        { extends: "b.json5", targets: { disputes: { relativeTo: "b.json5", change_pct: -70, tolerance: 10 }, safety_score: { value: 68, tolerance: 2 } } }
        """)
        let loaded = try ScenarioLoader.load(path: good)
        XCTAssertEqual(loaded.targets.map(\.metric), [.safetyScore, .disputes])
        let bad = folder.write("bad.json5", """
        { targets: { safety_scor: { value: 1, tolerance: 1 }, disputes: { value: 3 }, petitions: { value: 1, tolerance: 1, tolerence: 2 },
                     incidents: { relativeTo: "nowhere.json5", change_pct: 5, tolerance: 1 } } }
        """)
        XCTAssertThrowsError(try ScenarioLoader.load(path: bad)) { error in
            XCTAssertEqual((error as! ScenarioFileError).problems, [
                "targets.disputes.tolerance: expected a number > 0 (in the output's unit, or percentage points for change_pct)",
                "targets.incidents.relativeTo: no such file 'nowhere.json5' (looked for \(folder.path)/nowhere.json5)",
                "targets.petitions.tolerence: unknown key 'tolerence'; did you mean 'tolerance'?",
                "targets.safety_scor: no output 'safety_scor'; did you mean 'safety_score'?",
            ])
        }
        // Targets are not inherited through extends.
        let child = folder.write("child.json5", "{ extends: \"t.json5\" }")
        XCTAssertEqual(try ScenarioLoader.load(path: child).targets, [])
    }
}
