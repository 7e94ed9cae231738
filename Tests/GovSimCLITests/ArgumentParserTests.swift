import XCTest
import GovSimCLI

final class ArgumentParserTests: XCTestCase {
    private func parse(_ args: [String], _ command: CommandSpec = ParsingFixtures.run) throws -> ParsedArguments {
        try ArgumentParser.parse(args, for: command)
    }

    private func error(_ args: [String], _ command: CommandSpec = ParsingFixtures.run) -> UsageError? {
        do {
            _ = try ArgumentParser.parse(args, for: command)
            return nil
        } catch {
            return error as? UsageError
        }
    }

    // MARK: Forms

    func testLongOptionWithSeparateValue() throws {
        let p = try parse(["village.json5", "--trials", "40"])
        XCTAssertEqual(p.value("trials"), "40")
        XCTAssertEqual(p.positionals, ["village.json5"])
        XCTAssertEqual(p.argument("scenario"), "village.json5")
        XCTAssertFalse(p.wantsHelp)
    }

    func testLongOptionWithEquals() throws {
        let p = try parse(["--trials=40", "village.json5", "--out=a=b"])
        XCTAssertEqual(p.value("trials"), "40")
        XCTAssertEqual(p.value("out"), "a=b")
    }

    func testEmptyValueAfterEquals() throws {
        XCTAssertEqual(try parse(["v", "--out="]).value("out"), "")
    }

    func testShortOptionWithSeparateAndAttachedValue() throws {
        XCTAssertEqual(try parse(["v", "-t", "4"]).value("trials"), "4")
        XCTAssertEqual(try parse(["v", "-t4"]).value("trials"), "4")
    }

    func testFlagsLongShortAndBundled() throws {
        let p = try parse(["v", "--quiet"])
        XCTAssertTrue(p.flag("quiet"))
        XCTAssertFalse(p.flag("verbose"))
        let q = try parse(["-qv", "v"])
        XCTAssertTrue(q.flag("quiet"))
        XCTAssertTrue(q.flag("verbose"))
    }

    func testBundledFlagsEndingInValueOption() throws {
        let p = try parse(["v", "-qt", "9"])
        XCTAssertTrue(p.flag("quiet"))
        XCTAssertEqual(p.value("trials"), "9")
        XCTAssertEqual(try parse(["v", "-qt9"]).value("trials"), "9")
    }

    func testAbsentOptionIsNil() throws {
        let p = try parse(["v"])
        XCTAssertNil(p.value("trials"))
        XCTAssertEqual(p.values("vary"), [])
    }

    func testDoubleDashEndsOptions() throws {
        let p = try parse(["--", "--trials"])
        XCTAssertEqual(p.positionals, ["--trials"])
        XCTAssertNil(p.value("trials"))
        XCTAssertEqual(try parse(["-q", "--", "-h"]).argument("scenario"), "-h")
    }

    func testNegativeNumbersAreValues() throws {
        XCTAssertEqual(try parse(["v", "--seed", "-5"]).value("seed"), "-5")
        XCTAssertEqual(try parse(["v", "--rate", "-0.25"]).value("rate"), "-0.25")
        XCTAssertEqual(try parse(["v", "-s", "-1e3"]).value("seed"), "-1e3")
        XCTAssertEqual(try parse(["-5"]).positionals, ["-5"])
    }

    func testSingleDashIsAValue() throws {
        XCTAssertEqual(try parse(["v", "--out", "-"]).value("out"), "-")
        XCTAssertEqual(try parse(["-"]).argument("scenario"), "-")
    }

    func testRepeatingOptionKeepsEveryValue() throws {
        let p = try parse(["v", "--vary", "a=1:2", "--vary=b=3:4"])
        XCTAssertEqual(p.values("vary"), ["a=1:2", "b=3:4"])
        XCTAssertEqual(p.value("vary"), "b=3:4")
    }

    func testRepeatingArgumentTakesTheRest() throws {
        let p = try parse(["base", "a", "b", "--metric", "m"], ParsingFixtures.compare)
        XCTAssertEqual(p.argument("baseline"), "base")
        XCTAssertEqual(p.arguments("results"), ["a", "b"])
        XCTAssertEqual(p.positionals, ["base", "a", "b"])
    }

    func testOptionalRepeatingArgumentMayBeEmpty() throws {
        XCTAssertEqual(try parse([], ParsingFixtures.check).arguments("scenario"), [])
        XCTAssertEqual(try parse(["a", "b"], ParsingFixtures.check).arguments("scenario"), ["a", "b"])
    }

    func testRepeatingArgumentBeforeARequiredOne() throws {
        let copy = CommandSpec(name: "copy", abstract: "Copy.", arguments: [
            ArgumentSpec(name: "files", help: "Sources.", isRepeating: true),
            ArgumentSpec(name: "dest", help: "Destination."),
        ])
        let p = try parse(["a", "b", "c"], copy)
        XCTAssertEqual(p.arguments("files"), ["a", "b"])
        XCTAssertEqual(p.argument("dest"), "c")
        XCTAssertEqual(error(["a"], copy)?.message, "missing argument '<dest>'")
        XCTAssertEqual(error([], copy)?.message, "missing argument '<files>'")
    }

    func testOptionalArgumentAfterARequiredOne() throws {
        let export = CommandSpec(name: "export", abstract: "Export.", arguments: [
            ArgumentSpec(name: "results", help: "Results."),
            ArgumentSpec(name: "format", help: "Format.", isOptional: true),
        ])
        XCTAssertNil(try parse(["r"], export).argument("format"))
        XCTAssertEqual(try parse(["r", "csv"], export).argument("format"), "csv")
        XCTAssertEqual(error(["r", "csv", "x"], export)?.message, "unexpected argument 'x'")
    }

    // MARK: Help

    func testHelpWithoutRequiredArguments() throws {
        XCTAssertTrue(try parse(["--help"]).wantsHelp)
        XCTAssertTrue(try parse(["-h"], ParsingFixtures.compare).wantsHelp)
    }

    func testHelpWinsOverOtherMistakes() throws {
        XCTAssertTrue(try parse(["--bogus", "x", "y", "-h"]).wantsHelp)
        XCTAssertTrue(try parse(["--trials", "--help"]).wantsHelp)
    }

    func testHelpAfterDoubleDashIsAnArgument() throws {
        let p = try parse(["--", "--help"])
        XCTAssertFalse(p.wantsHelp)
        XCTAssertEqual(p.positionals, ["--help"])
    }

    // MARK: Errors

    func testUnknownLongOptionSuggestsTheClosest() {
        let e = error(["v", "--trails", "3"])
        XCTAssertEqual(e?.message, "unknown option '--trails'; did you mean '--trials'?")
        XCTAssertEqual(e?.command, "run")
        XCTAssertEqual(e?.description, e?.message)
    }

    func testUnknownLongOptionWithEqualsSuggestsToo() {
        XCTAssertEqual(error(["v", "--sed=4"])?.message, "unknown option '--sed'; did you mean '--seed'?")
    }

    func testUnknownLongOptionWithNothingClose() {
        XCTAssertEqual(error(["v", "--zzzzzzzz"])?.message, "unknown option '--zzzzzzzz'")
    }

    func testUnknownShortOption() {
        XCTAssertEqual(error(["v", "-x"])?.message, "unknown option '-x'")
        XCTAssertEqual(error(["v", "-qx"])?.message, "unknown option '-x'")
    }

    func testMissingValueAtTheEnd() {
        XCTAssertEqual(error(["v", "--trials"])?.message, "missing value for '--trials <n>'")
        XCTAssertEqual(error(["v", "-t"])?.message, "missing value for '--trials <n>'")
    }

    func testMissingValueBeforeAnotherOption() {
        XCTAssertEqual(error(["v", "--trials", "--quiet"])?.message, "missing value for '--trials <n>'")
        XCTAssertEqual(error(["v", "--out", "--"])?.message, "missing value for '--out <dir>'")
    }

    func testValueGivenToAFlag() {
        XCTAssertEqual(error(["v", "--quiet=yes"])?.message, "option '--quiet' does not take a value")
        XCTAssertEqual(error(["v", "--help=yes"])?.message, "option '--help' does not take a value")
    }

    func testOptionGivenTwice() {
        XCTAssertEqual(error(["v", "--trials", "1", "-t", "2"])?.message, "option '--trials' was given more than once")
        XCTAssertEqual(error(["v", "-q", "--quiet"])?.message, "option '--quiet' was given more than once")
    }

    func testHelpLetterCannotBeBundled() {
        XCTAssertEqual(error(["v", "-qh"])?.message, "'-h' cannot be combined with other options")
    }

    func testMissingRequiredArgument() {
        XCTAssertEqual(error([])?.message, "missing argument '<scenario>'")
        XCTAssertEqual(error(["--trials", "3"])?.message, "missing argument '<scenario>'")
        XCTAssertEqual(error(["base"], ParsingFixtures.compare)?.message, "missing argument '<results>'")
    }

    func testUnexpectedExtraArgument() {
        let e = error(["a.json5", "b.json5"])
        XCTAssertEqual(e?.message, "unexpected argument 'b.json5'")
        XCTAssertEqual(e?.command, "run")
    }
}
