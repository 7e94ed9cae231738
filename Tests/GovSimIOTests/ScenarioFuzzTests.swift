import GovSimTestSupport
import Foundation
import XCTest
import GovSim
import GovSimExperiments
@testable import GovSimIO

/// Bad input never crashes or hangs the scenario loader: every input gives a scenario or a
/// `ScenarioFileError` naming the file, with at least one non-empty problem.
///
/// The committed corpus (Fixtures/fuzz) holds valid files (`ok-*`, which must load), each kind of
/// invalid file (`bad-*`, which must not), and the inputs that once crashed the process: numbers
/// Foundation's JSON5 decoder stops on with a failed precondition instead of throwing, and
/// distributions whose mean overflowed an `Int` in the residents check. A bounded, fixed-seed
/// mutation fuzz runs on top of it.
final class ScenarioFuzzTests: XCTestCase {
    let folder = TemporaryFolder()

    // MARK: Corpus

    /// The corpus files, by name.
    static func corpus() throws -> [(name: String, data: Data)] {
        let fixtures = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let directory = fixtures.appendingPathComponent("fuzz")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json5") }.sorted()
        return try names.map { ($0, try Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    /// Loads `path`, checking that a failure is a clear one: problems, none empty, naming a file
    /// in the test's folder.
    private func load(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> Result<LoadedScenario, ScenarioFileError> {
        do {
            return .success(try ScenarioLoader.load(path: path))
        } catch {
            XCTAssertFalse(error.problems.isEmpty, path, file: file, line: line)
            XCTAssertFalse(error.problems.contains(where: \.isEmpty), path, file: file, line: line)
            XCTAssertTrue(error.file.hasPrefix(folder.path), "\(error.file) is not in the test folder", file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix(error.file + ": "), error.description, file: file, line: line)
            return .failure(error)
        }
    }

    /// Every corpus file, written to a folder of its own so `extends` chains and cycles resolve.
    func testEveryCorpusFileLoadsOrFailsWithAClearError() throws {
        let corpus = try Self.corpus()
        XCTAssertGreaterThanOrEqual(corpus.count, 40)
        for (name, data) in corpus {
            XCTAssertTrue(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: data))
        }
        // The crash reproducers are turned away before Foundation decodes them.
        let expected = [
            "bad-hex-below-int64.json5": "the hex number '-0x8000000000000001' is too large",
            "bad-hex-above-int64.json5": "the hex number '0xFFFFFFFFFFFFFFFF' is too large",
            "bad-hex-exponent.json5": "invalid number '0x1e+5'",
            "bad-hex-minus-exponent.json5": "invalid number '0x1e-5'",
            "bad-too-many-digits.json5": "has too many digits (at most 100)",
            "bad-too-many-fraction-zeros.json5": "has too many digits (at most 100)",
            "bad-top-level-number.json5": "has too many digits (at most 100)",
            // A distribution's mean must lie in its field's range (issue 16).
            "bad-huge-households.json5": "district.cells[0].households: this normal distribution's mean is 1e+300, outside the field's range",
            "bad-infinite-households.json5": "district.cells[0].households: this lognormal distribution's mean is inf, outside the field's range",
            "bad-extends-cycle-a.json5": "extends: the files extend each other in a cycle",
            "bad-extends-bad-parent.json5": "the hex number '-0x8000000000000001' is too large",
        ]
        for (name, _) in corpus {
            switch load(folder.path + "/" + name) {
            case .success:
                XCTAssertTrue(name.hasPrefix("ok-"), "\(name) loaded")
            case .failure(let error):
                XCTAssertTrue(name.hasPrefix("bad-"), "\(name): \(error)")
                if let message = expected[name] {
                    XCTAssertTrue(error.description.contains(message), "\(name): \(error)")
                }
            }
        }
    }

    // MARK: Files that are not scenario files

    func testEmptyMissingDirectoryBOMAndNonUTF8Files() throws {
        XCTAssertEqual(try load(folder.write("empty.json5", "")).failureProblems, ["line 1, column 1: the file is empty"])
        XCTAssertEqual(try load(folder.path + "/missing.json5").failureProblems, ["no such file"])
        XCTAssertEqual(try load(folder.path).failureProblems, ["is a directory, not a scenario file"])
        XCTAssertEqual(try load(folder.write("bom.json5", "\u{FEFF}{ run: { trials: 2 } }")).get().scenario.run.trials, 2)
        let latin1 = folder.path + "/latin1.json5"
        XCTAssertTrue(FileManager.default.createFile(atPath: latin1, contents: Data("{ name: \"caf".utf8) + [0xE9] + Data("\" }".utf8)))
        XCTAssertEqual(try load(latin1).failureProblems, ["is not UTF-8 text"])
    }

    /// A named pipe would block the read forever and a device never ends: neither is read.
    /// Running as root makes a chmod 000 file readable all the same, so unreadability is only
    /// checked when it takes effect; a loop of symbolic links stands in for it otherwise.
    func testPipesDevicesSymlinkLoopsAndUnreadableFiles() throws {
        let fifo = folder.path + "/pipe.json5"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(try load(fifo).failureProblems, ["is not a regular file (a pipe, device or socket cannot be a scenario file)"])
        let viaExtends = folder.write("via-pipe.json5", "{ extends: \"pipe.json5\" }")
        XCTAssertEqual(try load(viaExtends).failureProblems, ["is not a regular file (a pipe, device or socket cannot be a scenario file)"])
        XCTAssertThrowsError(try ScenarioLoader.parse(path: "/dev/null")) {
            XCTAssertEqual(($0 as? ScenarioFileError)?.problems, ["is not a regular file (a pipe, device or socket cannot be a scenario file)"])
        }

        let a = folder.path + "/loop-a.json5", b = folder.path + "/loop-b.json5"
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
        XCTAssertEqual(try load(a).failureProblems, ["is a symbolic link to a missing file, or one of a loop of links"])

        let locked = folder.write("locked.json5", "{}")
        XCTAssertEqual(chmod(locked, 0), 0)
        defer { chmod(locked, 0o600) }
        if !FileManager.default.isReadableFile(atPath: locked) {
            XCTAssertEqual(try load(locked).failureProblems, ["cannot be read (check its permissions)"])
        }
    }

    func testTenThousandDeepNestingIsRefusedAtTheLimit() throws {
        let arrays = folder.write("arrays.json5", "{ a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + " }")
        XCTAssertEqual(try load(arrays).failureProblems, ["line 1, column 517: nesting deeper than 512 levels"])
        let objects = folder.write("objects.json5", String(repeating: "{a:", count: 10_000) + "1" + String(repeating: "}", count: 10_000))
        XCTAssertEqual(try load(objects).failureProblems, ["line 1, column 1537: nesting deeper than 512 levels"])
    }

    /// Foundation reads a number that ends its input past the end of the buffer; the loader hands
    /// it a newline after the text, so a file holding just a number of any length is safe.
    func testTopLevelNumbersOfEveryLength() throws {
        for length in 1...300 {
            let text = "1" + String(repeating: "0", count: length - 1)
            do {
                let tree = try ScenarioLoader.parse(text: text, file: "number.json5")
                XCTAssertNotNil(tree.numberValue, text)
                XCTAssertLessThanOrEqual(length, 100)
            } catch {
                XCTAssertGreaterThan(length, 100, error.description)
            }
        }
    }

    /// Misspelt keys are matched against the known ones; a very long one takes no time.
    func testVeryLongUnknownKeysAndPathsAreReportedQuickly() throws {
        let long = String(repeating: "x", count: 100_000)
        let many = (0..<2_000).map { "k\($0)\(String(repeating: "y", count: 40)): 1" }.joined(separator: ", ")
        let keys = folder.write("keys.json5", "{ \(long): 1, \(many) }")
        let sweep = folder.write("sweep.json5", "{ sweep: { vary: [{ path: \"\(long)\", lo: 0, hi: 1 }] } }")
        let start = ContinuousClock.now
        XCTAssertEqual(try load(keys).failureProblems.count, 2_001)
        // Text fields have a size limit (issue 16).
        XCTAssertEqual(try load(sweep).failureProblems, ["sweep.vary[0].path: expected at most 10000 bytes of text, got 100000"])
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(3))
    }

    // MARK: Mutation fuzz

    /// Mutated corpus files and random JSON5-ish documents, through the loader's parse and read:
    /// bounded by a count (not a clock, so every run covers the same inputs), with a fixed seed
    /// so a failure reproduces.
    func testMutatedAndRandomDocumentsNeverCrash() throws {
        let seeds = try Self.corpus().map { String(decoding: $0.data, as: UTF8.self) }
        let fuzz = ScenarioFuzzer(seeds: seeds, random: RandomStream(seed: 20_260_107))
        let limit = 20_000
        var tried = 0, rejected = 0
        while tried < limit {
            let text = fuzz.next()
            tried += 1
            do {
                _ = try Self.readAsTheLoaderDoes(text, file: "fuzz.json5")
            } catch {
                rejected += 1
                XCTAssertEqual(error.file, "fuzz.json5")
                XCTAssertFalse(error.problems.isEmpty, text)
                XCTAssertFalse(error.problems.contains(where: \.isEmpty), text)
            }
        }
        print("fuzz: \(tried) scenario inputs, \(rejected) rejected, \(tried - rejected) accepted")
        XCTAssertGreaterThan(tried - rejected, 0, "some inputs should be valid scenarios")
    }

    /// Parse, then read the tree into a scenario and its targets as `ScenarioLoader.load` does
    /// (without following `extends`, which the corpus covers).
    static func readAsTheLoaderDoes(_ text: String, file: String) throws(ScenarioFileError) -> Scenario {
        var tree = try ScenarioLoader.parse(text: text, file: file)
        if case .object(var members) = tree {
            members["extends"] = nil
            var references: [String: Scenario] = [:]
            if let targets = members.removeValue(forKey: "targets") { _ = try Target.parse(targets, file: file, references: &references) }
            tree = .object(members)
        }
        return try ScenarioLoader.read(tree, file: file)
    }
}

private extension Result where Failure == ScenarioFileError {
    struct UnexpectedSuccess: Error {}

    /// The problems of a failure; a success fails the test.
    var failureProblems: [String] {
        get throws {
            guard case .failure(let error) = self else { throw UnexpectedSuccess() }
            return error.problems
        }
    }
}

/// Inputs for the mutation fuzz: corpus texts mutated one to four times, or random JSON5-ish
/// documents built from the scenario's own keys and odd values.
struct ScenarioFuzzer {
    let seeds: [String]
    let random: RandomStream

    init(seeds: [String], random: RandomStream) {
        self.seeds = seeds
        self.random = random
    }

    /// Numbers at and beyond every edge the decoder and the reader have.
    static let oddNumbers = [
        "0", "-0", "1e999999", "-1e999999", "1e-999999", "NaN", "-Infinity", "+Infinity", "1.7976931348623157e308",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "0x7FFFFFFFFFFFFFFF", "-0x8000000000000000", "-0x8000000000000001", "-0x8000000000000400", "0xFFFFFFFFFFFFFFFF",
        "0x1e+5", "0x1e-5", "1e+", ".e1", "0x", "01", "1.2.3", "+.5", "5.", "9007199254740993.0",
        "1" + String(repeating: "0", count: 170) + "e-154", "0." + String(repeating: "0", count: 130) + "1e147",
        String(repeating: "9", count: 400), "1" + String(repeating: "0", count: 99) + "e-83",
    ]
    static let oddStrings = [
        "\"\"", "''", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "'\\x00'", "'\\x41'", "\"\\q\"",
        "\"tab\there\"", "'line\\\ncontinued'", "\"\u{FEFF}\u{A0}\u{2028}\"", "\"" + String(repeating: "é", count: 2_000) + "\"",
        "\"beta\"", "\"normal\"", "\"lognormal\"", "\"uniform\"", "\"triangular\"", "\"oldEstate\"", "\"village\"", "\"grid\"",
        "\"triage.accuracy\"", "\"mediation.tiers[0].staff\"", "\"ok-minimal.json5\"",
    ]
    static let keys = [
        "run", "trials", "days", "seed", "warmupDays", "district", "cells", "count", "households", "residentsPerHousehold",
        "estate", "name", "description", "triage", "accuracy", "delayHours", "mediation", "tiers", "staff", "casesPerStaffDay",
        "council", "enabled", "residentSeats", "propertySeats", "socialOrgSeats", "meetingsPerYear", "services", "budget",
        "sensors", "cameras", "coverage", "sweep", "vary", "path", "lo", "hi", "steps", "design", "targets", "value",
        "tolerance", "relativeTo", "change_pct", "safety_score", "dist", "mean", "sd", "median", "alpha", "beta", "min",
        "max", "mode", "extends", "\"quoted key\"", "'single'", "\\u0061b", "a\\u0000", "$", "_x", "é", "1",
    ]
    static let punctuation = ["{", "}", "[", "]", ":", ",", "\"", "'", "\\", "/", "*", "//", "/*", "*/", ".", "-", "+", "e", "x", "0x", "\n", "\u{FEFF}", "\u{0}"]

    func pick<T>(_ items: [T]) -> T { items[random.index(items.count)] }
    func count(_ n: Int) -> Int { random.index(n) }

    func next() -> String {
        random.bernoulli(0.7) ? mutated() : document(depth: 0)
    }

    /// A corpus text changed in a few places.
    func mutated() -> String {
        var bytes = Array(pick(seeds).utf8)
        for _ in 0...count(4) {
            let at = count(bytes.count + 1)
            let end = min(bytes.count, at + 1 + count(40))
            switch count(9) {
            case 0: if at < bytes.count { bytes[at] ^= UInt8(1 << count(8)) }            // flip a bit
            case 1: bytes.insert(contentsOf: Array(pick(Self.punctuation).utf8), at: at)
            case 2: bytes.removeSubrange(at..<end)
            case 3: bytes.insert(contentsOf: bytes[at..<end], at: end)                    // duplicate a span
            case 4: bytes.removeSubrange(at...)                                           // truncate
            case 5:                                                                       // splice in part of another file
                let other = Array(pick(seeds).utf8), from = count(other.count + 1)
                bytes.replaceSubrange(at..<end, with: other[from..<min(other.count, from + count(200))])
            case 6: bytes.replaceSubrange(at..<end, with: Array(pick(Self.oddNumbers).utf8))
            case 7: bytes.insert(contentsOf: Array(pick(Self.oddStrings).utf8), at: at)
            default:                                                                      // deep, maybe unbalanced, nesting
                let depth = pick([100, 511, 512, 513, 2_000])
                let open = pick(["[", "{a:", "[{b:"]), close = open == "[" ? "]" : open == "{a:" ? "}" : "}]"
                let text = String(repeating: open, count: depth) + "0" + String(repeating: close, count: random.bernoulli(0.8) ? depth : count(depth))
                bytes.insert(contentsOf: Array(text.utf8), at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random JSON5-ish value; at depth 0 usually an object, as scenario files are.
    func document(depth: Int) -> String {
        let space = pick(["", " ", "\n", " /* c */ ", "\t", " // c\n", "\u{A0}"])
        switch depth == 0 && random.bernoulli(0.9) ? 0 : count(depth > 4 ? 3 : 6) {
        case 0 where depth < 6:
            let members = (0..<count(5)).map { _ in pick(Self.keys) + ":" + space + document(depth: depth + 1) }
            return "{" + space + members.joined(separator: "," + space) + (random.bernoulli(0.3) ? "," : "") + "}"
        case 1 where depth < 6:
            let items = (0..<count(4)).map { _ in document(depth: depth + 1) }
            return "[" + items.joined(separator: ", ") + (random.bernoulli(0.3) ? ",]" : "]")
        case 0, 1, 2: return pick(Self.oddNumbers + ["1", "2", "7", "0.5", "50", "-3", "1e3"])
        case 3: return pick(Self.oddStrings)
        case 4: return pick(["true", "false", "null", "yes", "True", "undefined"])
        default: return pick(["1", "0.8", "2", "{ dist: \"beta\", alpha: 8, beta: 2 }", "{ dist: \"normal\", mean: 1e300, sd: 1 }"])
        }
    }
}
