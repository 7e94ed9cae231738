import GovSimTestSupport
import XCTest
import GovSim
@testable import GovSimIO

final class ScenarioLoaderTests: XCTestCase {
    let folder = TemporaryFolder()

    private func problems(_ path: String) -> ScenarioFileError? {
        do {
            _ = try ScenarioLoader.load(path: path)
            return nil
        } catch {
            return error
        }
    }

    func testGoodFileWithCommentsAndDefaults() throws {
        let path = folder.write("good.json5", """
        // a comment
        { run: { trials: 3, days: 20, }, /* block */ council: { enabled: true }, }
        """)
        let loaded = try ScenarioLoader.load(path: path)
        XCTAssertEqual(loaded.scenario.name, "good")
        XCTAssertEqual(loaded.scenario.run.trials, 3)
        XCTAssertTrue(loaded.scenario.council.enabled)
        XCTAssertEqual(loaded.scenario.mediation, Scenario.withShippedPriors.mediation)
    }

    /// An extending file whose list is shorter than the inherited one drops entries: valid, but
    /// said in a warning that names the path, both lengths and the parent.
    func testAShortenedInheritedListIsWarnedAbout() throws {
        _ = folder.write("three.json5", "{ mediation: { tiers: [{ staff: 2 }, { staff: 1 }, { staff: 1 }] } }")
        let one = folder.write("one.json5", "{ extends: \"three.json5\", mediation: { tiers: [{ staff: 4 }] } }")
        let loaded = try ScenarioLoader.load(path: one)
        XCTAssertEqual(loaded.scenario.mediation.tiers.count, 1)
        XCTAssertEqual(loaded.warnings.count, 1)
        XCTAssertTrue(loaded.warnings[0].contains("mediation.tiers: this list of 1 replaces the 3 entries of three.json5"), loaded.warnings[0])
        let all = folder.write("all.json5", "{ extends: \"three.json5\", mediation: { tiers: [{ staff: 4 }, {}, {}] } }")
        XCTAssertEqual(try ScenarioLoader.load(path: all).warnings, [])
    }

    /// A field the file leaves out draws from its shipped prior; a field it sets is its own;
    /// `run.uncertainty: "fixed"` puts the rest at the central values; `extends` keeps both.
    func testShippedPriorsFillWhatTheFileLeavesOut() throws {
        let base = folder.write("base.json5", "{ residents: { failedTrustLoss: 9 } }")
        let loaded = try ScenarioLoader.load(path: base).scenario
        XCTAssertEqual(loaded.residents.failedTrustLoss, .fixed(9))
        XCTAssertEqual(loaded.residents.disputeTrustLoss, Scenario.withShippedPriors.residents.disputeTrustLoss)
        XCTAssertTrue(loaded.residents.disputeTrustLoss.isDistribution)
        let fixed = folder.write("fixed.json5", "{ extends: \"base.json5\", run: { uncertainty: \"fixed\" } }")
        let f = try ScenarioLoader.load(path: fixed).scenario
        XCTAssertEqual(f.residents.failedTrustLoss, .fixed(9))
        XCTAssertEqual(f.residents.disputeTrustLoss, Scenario().residents.disputeTrustLoss)
        XCTAssertEqual(f.distributionPaths, [])
        let bad = folder.write("bad.json5", "{ run: { uncertainty: \"none\" } }")
        XCTAssertEqual(problems(bad)?.problems.first?.hasPrefix("run.uncertainty:"), true)
    }

    func testUnknownKeyNamesFileAndPathWithSuggestion() {
        let path = folder.write("typo.json5", "{ mediation: { tiers: [{}, { staf: 3 }] } }")
        XCTAssertEqual(problems(path)?.description, "\(path): mediation.tiers[1].staf: unknown key 'staf'; did you mean 'staff'?")
    }

    func testEveryProblemIsReported() {
        let path = folder.write("many.json5", "{ run: { trials: 0 }, triage: { accuracy: 1.5 } }")
        XCTAssertEqual(problems(path)?.problems, [
            "run.trials: expected an integer from 1 to 1000000 (trials), got 0",
            "triage.accuracy: expected a number from 0 to 1 (probability), got 1.5",
        ])
    }

    func testSyntaxErrorIsReportedWithoutCrashing() {
        let path = folder.write("broken.json5", "{ run: { trials: 3 \n days: 4 } }")
        let error = problems(path)
        XCTAssertEqual(error?.file, path)
        XCTAssertEqual(error?.problems, ["line 2, column 2: expected ',' or '}' after a member, found 'days'"])
        // A malformed hex number that crashes Foundation's decoder is caught before it.
        let crashy = folder.write("crashy.json5", "{ run: { trials: 0x1e+5 } }")
        XCTAssertEqual(problems(crashy)?.problems.count, 1)
        XCTAssertEqual(problems(folder.write("empty.json5", "  "))?.problems, ["line 1, column 1: the file is empty"])
    }

    func testTopLevelMustBeAnObject() {
        let path = folder.write("array.json5", "[1, 2]")
        XCTAssertEqual(problems(path)?.problems, ["expected an object {...} at the top of the file, got an array"])
    }

    func testMissingFileDirectoryAndNonUTF8() {
        XCTAssertEqual(problems(folder.path + "/nope.json5")?.problems, ["no such file"])
        XCTAssertEqual(problems(folder.path)?.problems, ["is a directory, not a scenario file"])
        let binary = folder.path + "/binary.json5"
        _ = FileManager.default.createFile(atPath: binary, contents: Data([0xFF, 0xFE, 0x00, 0x7B]))
        XCTAssertEqual(problems(binary)?.problems, ["is not UTF-8 text"])
    }

    func testExtendsMergesObjectsAndReplacesLists() throws {
        folder.write("base.json5", """
        { name: "base", run: { trials: 9, days: 100 }, council: { meetingsPerYear: 6 },
          mediation: { tiers: [{ staff: 5 }, { staff: 4 }] } }
        """)
        let path = folder.write("policy.json5", """
        { extends: "base.json5", run: { days: 50 }, council: { enabled: true }, mediation: { tiers: [{ staff: 8 }] } }
        """)
        let loaded = try ScenarioLoader.load(path: path)
        let s = loaded.scenario
        XCTAssertEqual(s.name, "policy", "the child's own file name, not the parent's name")
        XCTAssertEqual(s.run.trials, 9)
        XCTAssertEqual(s.run.days, 50)
        XCTAssertTrue(s.council.enabled)
        XCTAssertEqual(s.council.meetingsPerYear, 6)
        XCTAssertEqual(s.mediation.tiers.map(\.staff), [8])
        XCTAssertEqual(loaded.extends.count, 1)
    }

    func testBadExtends() {
        let missing = folder.write("orphan.json5", "{ extends: \"nowhere.json5\" }")
        XCTAssertTrue(problems(missing)?.problems.first?.hasPrefix("extends: no such file 'nowhere.json5'") ?? false)
        let wrongType = folder.write("number.json5", "{ extends: 3 }")
        XCTAssertTrue(problems(wrongType)?.problems.first?.hasPrefix("extends: expected the name of a scenario file") ?? false)
        folder.write("a.json5", "{ extends: \"b.json5\" }")
        let b = folder.write("b.json5", "{ extends: \"a.json5\" }")
        XCTAssertEqual(problems(b)?.problems, ["extends: the files extend each other in a cycle: b.json5 → a.json5 → b.json5"])
        let selfish = folder.write("self.json5", "{ extends: \"self.json5\" }")
        XCTAssertEqual(problems(selfish)?.problems, ["extends: the files extend each other in a cycle: self.json5 → self.json5"])
    }

    func testProblemInParentIsReportedAgainstTheParent() {
        let parent = folder.write("parent.json5", "{ council: { enabeld: true } }")
        let child = folder.write("child.json5", "{ extends: \"parent.json5\" }")
        let error = problems(child)
        XCTAssertEqual(error?.file, parent)
        XCTAssertEqual(error?.problems, ["council.enabeld: unknown key 'enabeld'; did you mean 'enabled'?"])
    }

    func testSemanticProblemsAreReported() {
        let path = folder.write("seats.json5", "{ council: { enabled: true, residentSeats: 0.9 } }")
        XCTAssertEqual(problems(path)?.problems, ["council: residentSeats + propertySeats + socialOrgSeats must equal 1, got 1.4"])
    }

    /// Every shipped scenario loads.
    func testShippedScenariosLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenarios = root.appendingPathComponent("scenarios")
        let files = FileManager.default.enumerator(atPath: scenarios.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".json5") }
        XCTAssertGreaterThanOrEqual(files.count, 9)
        for file in files {
            XCTAssertNoThrow(try ScenarioLoader.load(path: scenarios.appendingPathComponent(file).path), file)
        }
    }
}
