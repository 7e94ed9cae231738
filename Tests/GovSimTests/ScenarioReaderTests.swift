import Foundation
import XCTest
@testable import GovSim

final class ScenarioReaderTests: XCTestCase {
    private func read(_ tree: JSONValue) -> (Scenario, [ScenarioIssue]) {
        var s = Scenario()
        let issues = ScenarioReader.read(tree, into: &s)
        return (s, issues)
    }

    private func object(_ members: [String: JSONValue]) -> JSONValue { .object(members) }

    func testEmptyObjectGivesDefaults() {
        let (s, issues) = read(object([:]))
        XCTAssertEqual(issues, [])
        XCTAssertEqual(s, Scenario())
    }

    func testFieldsAreRead() {
        let (s, issues) = read(object([
            "run": object(["trials": .integer(12), "days": .integer(30)]),
            "mediation": object(["tiers": .array([object(["staff": .integer(9)])])]),
            "council": object(["enabled": .bool(true)]),
            "district": object(["cells": .array([object(["estate": .string("village")])])]),
        ]))
        XCTAssertEqual(issues, [])
        XCTAssertEqual(s.run.trials, 12)
        XCTAssertEqual(s.run.days, 30)
        XCTAssertEqual(s.mediation.tiers.count, 1)
        XCTAssertEqual(s.mediation.tiers[0].staff, 9)
        // A shorter list keeps each element's own defaults.
        XCTAssertEqual(s.mediation.tiers[0].name, "community")
        XCTAssertTrue(s.council.enabled)
        XCTAssertEqual(s.district.cells[0].estate, .village)
    }

    func testUnknownKeySuggestsTheClosest() {
        let (_, issues) = read(object(["mediation": object(["tiers": .array([object([:]), object(["staf": .integer(2)])])])]))
        XCTAssertEqual(issues, [ScenarioIssue(path: "mediation.tiers[1].staf", message: "unknown key 'staf'; did you mean 'staff'?")])
    }

    func testUnknownTopLevelKeyListsKnownOnes() {
        let (_, issues) = read(object(["zzzzzz": .integer(1)]))
        XCTAssertEqual(issues.count, 1)
        XCTAssertTrue(issues[0].message.contains("known keys here: name, description, run"), issues[0].message)
    }

    func testWrongTypeAndOutOfRangeNameThePath() {
        let (_, issues) = read(object([
            "mediation": object(["tiers": .array([object([:]), object(["staff": .integer(-2)])])]),
            "triage": object(["accuracy": .string("high")]),
            "council": object(["enabled": .integer(1)]),
            "run": object(["trials": .number(2.5)]),
            "district": object(["cells": .array([object(["estate": .string("vilage")])])]),
        ]))
        let byPath = Dictionary(uniqueKeysWithValues: issues.map { ($0.path, $0.message) })
        XCTAssertEqual(byPath["mediation.tiers[1].staff"], "expected an integer ≥ 0 (persons), got -2")
        XCTAssertEqual(byPath["triage.accuracy"], "expected a number from 0 to 1 (probability) or a distribution {dist: ...}, got \"high\"")
        XCTAssertEqual(byPath["council.enabled"], "expected true or false, got 1")
        XCTAssertEqual(byPath["run.trials"], "expected an integer from 1 to 1000000 (trials), got 2.5")
        XCTAssertEqual(byPath["district.cells[0].estate"], "expected one of \"oldEstate\", \"newEstate\", \"village\", got \"vilage\"; did you mean \"village\"?")
    }

    func testNonFiniteNumbersAreRejected() {
        let (_, issues) = read(object(["triage": object(["delayHours": .number(.infinity)])]))
        XCTAssertEqual(issues.map(\.path), ["triage.delayHours"])
    }

    func testDistributions() {
        let (s, issues) = read(object(["disputes": object(["rateMultiplier": object(["dist": .string("lognormal"), "median": .number(0.9), "sd": .number(0.3)])])]))
        XCTAssertEqual(issues, [])
        XCTAssertEqual(s.disputes.rateMultiplier, .lognormal(median: 0.9, sigma: 0.3))
    }

    func testBadDistributions() {
        func issue(_ d: [String: JSONValue], field: String = "accuracy") -> ScenarioIssue? {
            read(object(["triage": object([field: .object(d)])])).1.first
        }
        XCTAssertEqual(issue(["dist": .string("gaussian"), "mean": .integer(1), "sd": .integer(1)])?.message,
                       "'dist' must be one of beta, lognormal, normal, triangular, uniform, got \"gaussian\"")
        XCTAssertEqual(issue(["dist": .string("normall"), "mean": .integer(1), "sd": .integer(1)])?.message.hasSuffix("did you mean \"normal\"?"), true)
        XCTAssertEqual(issue(["dist": .string("uniform"), "min": .number(0.5)])?.message,
                       "a uniform distribution needs min, max; 'max' is missing")
        XCTAssertEqual(issue(["dist": .string("uniform"), "min": .number(0.5), "max": .number(0.2)])?.message,
                       "a uniform distribution needs min < max, got min 0.5, max 0.2")
        XCTAssertEqual(issue(["dist": .string("uniform"), "min": .number(0.5), "max": .number(2)])?.path, "triage.accuracy")
        XCTAssertEqual(issue(["dist": .string("normal"), "mean": .number(0.5), "sd": .number(-1)])?.path, "triage.accuracy.sd")
        XCTAssertEqual(issue(["dist": .string("normal"), "mean": .number(0.5), "sdd": .number(1)])?.message,
                       "unknown key 'sdd' for a normal distribution (it takes mean, sd); did you mean 'sd'?")
        XCTAssertNotNil(issue(["mean": .number(0.5)]))
    }

    func testSemanticChecks() {
        var s = Scenario()
        s.council.enabled = true
        s.council.residentSeats = 0.6
        XCTAssertEqual(s.semanticIssues(), [ScenarioIssue(path: "council", message: "residentSeats + propertySeats + socialOrgSeats must equal 1, got 1.1")])
        s = Scenario()
        s.disputes.land = .init(low: 0.7, medium: 0.5)
        XCTAssertEqual(s.semanticIssues().map(\.path), ["disputes.land"])
    }

    func testWriterOutputReadsBackToTheSameScenario() throws {
        var s = Scenario()
        s.name = "round \"trip\""
        s.disputes.rateMultiplier = .triangular(min: 0.5, mode: 1, max: 2)
        s.mediation.tiers[1].staff = 7
        s.district.cells.append(Scenario.CellGroup())
        s.district.cells[1].estate = .village
        let text = ScenarioWriter.text(of: s, header: ["test"])
        XCTAssertTrue(text.hasPrefix("// test\n{"))
        XCTAssertTrue(text.contains("staff: 7,  // persons"))
        // Parse as JSON5 the way the I/O layer does.
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let tree = try decoder.decode(JSONValue.self, from: Data(text.utf8))
        let (back, issues) = read(tree)
        XCTAssertEqual(issues, [])
        XCTAssertEqual(back, s)
    }

    func testDidYouMean() {
        XCTAssertEqual(closestMatch(to: "trails", among: ["trials", "days"]), "trials")
        XCTAssertEqual(closestMatch(to: "sede", among: ["seed", "days"]), "seed")
        XCTAssertNil(closestMatch(to: "banana", among: ["trials", "days"]))
    }
}
