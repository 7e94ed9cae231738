import GovSimTestSupport
import XCTest
import GovSim
@testable import GovSimExperiments
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
        let fit = Calibration(files: [file.targeted], parameters: parameters, trials: trials, seed: seed, threads: 2, budget: 150).run()
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
        let calibration = Calibration(files: [loaded.targeted], parameters: [Calibration.Parameter(path: try ParameterPath("estates.oldEstate.propertyDisputeRate", in: loaded.scenario), lo: 0.05, hi: 1)],
                                      trials: 4, seed: nil, threads: 2, budget: 30)
        let result = calibration.run()
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

    /// A relative target's reference and a predicted value's counterfactual are read when the
    /// stating file is loaded: the targets carry the scenarios, so predicting reads no file.
    func testTargetsCarryTheirReferencesReadAtLoad() throws {
        let base = folder.write("base.json5", "{ run: { days: 30 }, estates: { oldEstate: { baseHappiness: 61 } } }")
        let policy = folder.write("policy.json5", """
        { extends: "base.json5", council: { enabled: true },
          targets: { disputes: { relativeTo: "base.json5", change_pct: -30, tolerance: 10 },
                     satisfaction_pct: { value: 60, tolerance: 5, kind: "predicted" } } }
        """)
        let loaded = try ScenarioLoader.load(path: policy)
        let reference = try ScenarioLoader.load(path: base).scenario
        guard case .change(_, let r) = loaded.targets.first(where: \.isChange)!.observed else { return XCTFail("no change target") }
        XCTAssertTrue(r.scenario == reference)
        XCTAssertEqual(r.written, "base.json5")
        XCTAssertEqual(r.key, ScenarioLoader.canonical(base))
        XCTAssertTrue(loaded.counterfactual?.scenario == reference, "the counterfactual of a predicted value is the file it extends")
        // The file can go: everything check needs was read.
        try FileManager.default.removeItem(atPath: base)
        let results = TargetEvaluator(threads: 2).evaluate([loaded.targeted], trials: 4, seed: 1)!
        XCTAssertEqual(results[0].predictions.count, 2)
        XCTAssertNotNil(results[0].predictions.first { $0.target.kind == .predicted }?.counterfactual)
    }

    /// A reference that cannot be loaded is a problem of the stating file at the target's path;
    /// one outside the stating file's folder is named, never shown.
    func testUnreadableReferencesAreReportedAtTheTarget() throws {
        folder.write("broken.json5", "{ run: { days: -3 } }")
        let bad = folder.write("bad.json5", "{ targets: { disputes: { relativeTo: \"broken.json5\", change_pct: 5, tolerance: 1 } } }")
        XCTAssertThrowsError(try ScenarioLoader.load(path: bad)) { error in
            let problems = (error as! ScenarioFileError).problems
            XCTAssertEqual(problems.count, 1)
            XCTAssertTrue(problems[0].hasPrefix("targets.disputes.relativeTo: 'broken.json5' is not a valid scenario file: "), problems[0])
            XCTAssertTrue(problems[0].contains("run.days"), problems[0])
        }
        let outside = TemporaryFolder()
        let secret = outside.write("secret.json5", "{ run: { days: \"hunter2\" } }")
        let peeking = folder.write("peek.json5", "{ targets: { disputes: { relativeTo: \"\(secret)\", change_pct: 5, tolerance: 1 } } }")
        XCTAssertThrowsError(try ScenarioLoader.load(path: peeking)) { error in
            let text = (error as! ScenarioFileError).description
            XCTAssertTrue(text.contains("lies outside this scenario's folder"), text)
            XCTAssertFalse(text.contains("hunter2"), text)
        }
    }

    /// `--fixed` fixes the priors of the references too, so a relative target stays a paired
    /// difference of two fixed runs (it used to pair a fixed file with a drawing reference).
    func testFixingReachesTheReferences() throws {
        folder.write("base.json5", "{ run: { days: 30 } }")
        let policy = folder.write("policy.json5", """
        { extends: "base.json5", targets: { disputes: { relativeTo: "base.json5", change_pct: 0, tolerance: 1 } } }
        """)
        let fixed = try ScenarioLoader.load(path: policy).fixingShippedPriors()
        guard case .change(_, let r) = fixed.targets[0].observed else { return XCTFail("no change target") }
        var named = r.scenario
        named.name = fixed.scenario.name
        XCTAssertTrue(named == fixed.scenario, "the reference (the policy's own base, unchanged) is fixed as the policy is")
        XCTAssertFalse(named == (try ScenarioLoader.load(path: policy).scenario), "fixing changes a scenario with shipped priors")
        // Same scenario on the same trials: the paired change is exactly zero.
        let p = TargetEvaluator(threads: 2).evaluate([fixed.targeted], trials: 6, seed: 2)![0].predictions[0]
        XCTAssertEqual(p.mean, 0)
    }

    /// A calibrated file keeps each target's kind (a prediction stays a prediction).
    func testCalibratedFileKeepsPredictedKind() throws {
        let path = folder.write("k.json5", """
        { run: { trials: 4, days: 30 }, district: { cells: [{ count: 2, households: 100, estate: "oldEstate" }] },
          targets: { complaint_rate_pct: { value: 10, tolerance: 2 }, satisfaction_pct: { value: 60, tolerance: 5, kind: "predicted" } } }
        """)
        let loaded = try ScenarioLoader.load(path: path)
        let text = Calibration.calibratedText(for: loaded, header: [], paths: ["estates.oldEstate.propertyDisputeRate"], values: [0.3],
                                              posterior: nil, directory: folder.path, names: [:])
        let calibrated = try ScenarioLoader.load(path: folder.write("k.calibrated.json5", text))
        XCTAssertEqual(calibrated.targets, loaded.targets)
    }
}
