import XCTest
import GovSimCLI

final class ParsedArgumentsTests: XCTestCase {
    private func parsed(_ args: [String]) throws -> ParsedArguments {
        try ArgumentParser.parse(["v"] + args, for: ParsingFixtures.run)
    }

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? UsageError)?.message
        }
    }

    func testIntWithinRange() throws {
        XCTAssertEqual(try parsed(["--trials", "250"]).int("trials", in: 1...1_000_000), 250)
        XCTAssertNil(try parsed([]).int("trials", in: 1...1_000_000))
        XCTAssertEqual(try parsed(["--seed", "-5"]).int("seed"), -5)
    }

    func testIntRejectsTextAndOutOfRange() throws {
        let p = try parsed(["--trials", "abc"])
        XCTAssertEqual(message { _ = try p.int("trials", in: 1...1_000_000) },
                       "--trials: expected an integer from 1 to 1000000, got 'abc'")
        let q = try parsed(["--trials", "0"])
        XCTAssertEqual(message { _ = try q.int("trials", in: 1...1_000_000) },
                       "--trials: expected an integer from 1 to 1000000, got '0'")
        let r = try parsed(["--days", "2.5"])
        XCTAssertEqual(message { _ = try r.int("days") }, "--days: expected an integer, got '2.5'")
    }

    func testTypedErrorsCarryTheCommand() throws {
        let p = try parsed(["--trials", "x"])
        XCTAssertThrowsError(try p.int("trials", in: 1...10)) { error in
            XCTAssertEqual((error as? UsageError)?.command, "run")
        }
    }

    func testUInt64() throws {
        XCTAssertEqual(try parsed(["--seed", "18446744073709551615"]).uint64("seed"), UInt64.max)
        XCTAssertNil(try parsed([]).uint64("seed"))
        let p = try parsed(["--seed", "-5"])
        XCTAssertEqual(message { _ = try p.uint64("seed") },
                       "--seed: expected an integer from 0 to 18446744073709551615, got '-5'")
    }

    func testDouble() throws {
        XCTAssertEqual(try parsed(["--rate", "0.25"]).double("rate", in: 0...1), 0.25)
        XCTAssertEqual(try parsed(["--rate", "-1e3"]).double("rate"), -1000)
        XCTAssertNil(try parsed([]).double("rate", in: 0...1))
        let p = try parsed(["--rate", "1.5"])
        XCTAssertEqual(message { _ = try p.double("rate", in: 0...1) }, "--rate: expected a number from 0 to 1, got '1.5'")
        XCTAssertEqual(message { _ = try p.double("rate", in: 0.25...1.5) }, nil)
        XCTAssertEqual(message { _ = try p.double("rate", in: 0.25...0.75) }, "--rate: expected a number from 0.25 to 0.75, got '1.5'")
        let q = try parsed(["--rate", "nan"])
        XCTAssertEqual(message { _ = try q.double("rate") }, "--rate: expected a number, got 'nan'")
    }
}
