import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimCLI

/// A bounded fuzz of the command line, in-process through `GovSimTool.main`: random argument
/// lists built from the real command and option names, with misspellings, missing and extra
/// values, `--`, `-`, negative, huge and empty values, and unicode. Every list must end with a
/// documented exit status; 64 must print "Error:" and a "Usage:" line, 65 a file name.
///
/// Simulations stay tiny: the only scenario that can run is a 2-cell, 50-household, 7-day,
/// 2-trial one in a temporary folder; every option that sets an amount of work is always given,
/// with a small or an invalid value; outputs go to the temporary folder, which is also the
/// working directory during the test, so not even a default `results/...` reaches the repository.
final class CLIFuzzTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    var previousDirectory = ""

    override func setUp() {
        temporary = TemporaryFolder("cli-fuzz")
        previousDirectory = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
    }

    override func tearDown() {
        _ = FileManager.default.changeCurrentDirectoryPath(previousDirectory)
        temporary = nil
    }

    func testRandomCommandLinesEndWithADocumentedStatus() throws {
        let tiny = temporary.write("tiny.json5", "{ run: { trials: 2, days: 7, seed: 5 }, district: { cells: [{ count: 2, households: 50 }] } }")
        let targets = temporary.write("targets.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 50, tolerance: 50 } } }")
        let missed = temporary.write("missed.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 5, tolerance: 1 } } }")
        let bad = temporary.write("bad.json5", "{ run: { trials: -0x8000000000000001 } }")
        let typo = temporary.write("typo.json5", "{ run: { trails: 2 } }")
        XCTAssertEqual(mkfifo(folder + "/pipe.json5", 0o600), 0)
        let baseline = govsim(["baseline", tiny, "--out", folder + "/baselines", "--quiet"])
        XCTAssertEqual(baseline.status, 0, baseline.err)
        let fuzz = CommandLineFuzzer(tool: GovSimTool.spec, folder: folder, random: RandomStream(seed: 20_260_107),
                                     scenarios: [tiny, targets, missed, bad, typo, folder + "/pipe.json5", folder + "/missing.json5", folder],
                                     baselines: [folder + "/baselines/tiny.baseline.json", folder + "/missing.baseline.json", tiny, folder, ""])

        // Bounded by a count, not a clock: every run tries the same command lines (~5 s here).
        let limit = 600
        var tried = 0, statuses: [Int32: Int] = [:]
        while tried < limit {
            let args = fuzz.next(case: tried)
            tried += 1
            let outcome = govsim(args), status = outcome.status
            statuses[status, default: 0] += 1
            let context = "govsim \(args.map { "'\($0)'" }.joined(separator: " ")) → \(status)\n\(outcome.err)"
            XCTAssertTrue([0, 1, 64, 65, 66, 73, 130].contains(status), context)
            let lines = outcome.err.split(separator: "\n")
            switch status {
            case 64:
                XCTAssertTrue(outcome.err.hasPrefix("Error: "), context)
                XCTAssertTrue(lines.contains { $0.hasPrefix("Usage: ") }, context)
            case 65:
                // The file or folder at fault is named: one of the words given, or a file beside them.
                let named = args.contains { !$0.isEmpty && outcome.err.contains($0) } || outcome.err.contains(folder) || outcome.err.contains("'': ")
                XCTAssertTrue(named, context)
            default:
                break
            }
        }
        print("fuzz: \(tried) command lines, exit statuses \(statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " "))")
        XCTAssertGreaterThan(statuses[0] ?? 0, 0, "some command lines should succeed")
        XCTAssertGreaterThan(statuses[64] ?? 0, 0)
        XCTAssertGreaterThan(statuses[65] ?? 0, 0)
    }

    /// Running without a command is a usage error like any other.
    func testNoCommandIsAUsageError() {
        let outcome = govsim([String]())
        XCTAssertEqual(outcome.status, 64)
        XCTAssertEqual(outcome.err, "Error: no command given\nUsage: govsim <command> [options]\nSee 'govsim help' for more.\n")
    }
}

/// Argument lists for the command-line fuzz, from a fixed-seed stream. About a third are
/// well-formed (known names, valid values, the right number of arguments); the rest carry
/// misspellings, odd values, missing values and stray words.
struct CommandLineFuzzer {
    let tool: ToolSpec
    let folder: String
    let random: RandomStream
    /// Paths to pass as scenarios: three good ones first (the tiny scenario, and two extending
    /// it with targets met and missed), then files that are bad in every way.
    let scenarios: [String]
    /// Paths to pass to `check --baseline`: a baseline of the tiny scenario first, then files that
    /// are not baselines. (Not the named pipe: the baseline reader is not guarded against one.)
    let baselines: [String]

    /// Options that set an amount of work: always given, so that a default never makes a run
    /// long, and never with a large valid value.
    static let work: Set<String> = ["trials", "days", "max-trials", "batch", "points", "samples", "replicates",
                                    "candidates", "finalists", "final-trials", "budget"]
    /// Options a well-formed command line always gives, since the command needs them.
    static let needed: Set<String> = ["vary", "over", "fit", "budget", "out"]

    /// Valid values per option, all small.
    static let valid: [String: [String]] = [
        "trials": ["2", "3", "+2"], "days": ["1", "3", "7"], "max-trials": ["2", "4"], "batch": ["2", "3"],
        "points": ["1", "2", "3"], "samples": ["2", "3"], "replicates": ["1", "2"], "candidates": ["1", "2"],
        "finalists": ["1", "2"], "final-trials": ["2", "3"], "budget": ["1", "2"],
        "seed": ["0", "1", "42", "9223372036854775807"], "threads": ["1", "2"], "precision": ["1000", "1e9"],
        "objective": ["safety_score", "satisfaction_pct"], "design": ["grid", "lhs", "sobol"], "method": ["sobol", "morris"],
        "metrics": ["safety_score", "safety_score,satisfaction_pct"], "weights": ["safety_score=0.5,satisfaction_pct=0.5", "safety_score=1"],
        "vary": ["triage.accuracy=0.5:0.9", "triage.accuracy=0.5:0.9:2", "mediation.tiers[0].staff=1:3:3", "council.meetingsPerYear=0:12:2"],
        "over": ["triage.accuracy=0.5:0.9", "council.meetingsPerYear=0:12"], "fit": ["triage.accuracy", "triage.accuracy=0.5:0.9"],
        "shard": ["1/2", "2/2", "1/1"], "margin": ["1", "5"], "alpha": ["0.05", "0.5"],
    ]
    /// Invalid or edge values per option (on top of `oddNumbers`).
    static let odd: [String: [String]] = [
        "trials": ["1"], "budget": ["1e9"], "seed": ["9223372036854775808", "18446744073709551616", "-5"], "threads": ["4097", "-2"],
        "precision": ["1e-10", "-0.25"], "objective": ["safty", "SAFETY_SCORE"], "design": ["grd"], "method": ["morse"],
        "metrics": ["nope", ",", "safety_score,,"], "weights": ["x=1", "safety_score=NaN", "=", "safety_score=-1"],
        "vary": ["triage.acuracy=0:1", "triage.accuracy=0.9:0.5", "triage.accuracy=0:2", "=", "triage.accuracy", "triage.accuracy=NaN:1",
                 "triage.accuracy=0.5:0.9:10001", "triage.accuracy=0.5:0.9:0", "triage.accuracy=1e999:1", "a=b:c:d:e"],
        "over": ["triage.accuracy", "nope=0:1"], "fit": ["triage.acuracy", "triage.accuracy=0.9:0.5", "run.days=1:2", "=0:1"],
        "shard": ["0/2", "3/2", "1/0", "1/", "/2", "-1/2", "99999999999999999999/1"], "margin": ["101", "-1"], "alpha": ["0", "0.6"],
    ]
    static let oddNumbers = ["0", "-1", "", "x", "1.5", "NaN", "inf", "-inf", "1e999", "99999999999999999999", "٣", "0x2", " 2", "2 ", "-0", "1,5"]
    /// Stray words.
    static let noise = ["--", "-", "-5", "-0.25", "--=", "-=", "---trials", "-qq", "--help", "-h", "—trials", "\u{FEFF}--trials",
                        "--TRIALS", "--trials=", "-n", "-j0", "-nx", "1e999", "", " ", "é", "日本語.json5", "😀", "\u{202E}run", "-o"]

    func pick<T>(_ items: [T]) -> T { items[random.index(items.count)] }

    /// A word with one letter dropped, doubled or swapped.
    func misspelt(_ word: String) -> String {
        var letters = Array(word)
        guard letters.count > 1 else { return word + word }
        let i = random.index(letters.count - 1)
        switch random.index(3) {
        case 0: letters.remove(at: i)
        case 1: letters.insert(letters[i], at: i)
        default: letters.swapAt(i, i + 1)
        }
        return String(letters)
    }

    /// The `index`-th argument list.
    func next(case index: Int) -> [String] {
        if random.bernoulli(0.05) {
            return pick([[], ["--help"], ["-h"], ["--version"], ["--version", "run"], ["-"], ["--"], [""], ["😀"], ["-v"], ["--out", folder]])
        }
        let clean = random.bernoulli(0.35)
        let command = pick(tool.commands)
        // Groups of words that belong together (an option and its value), shuffled as groups.
        var groups: [[String]] = []
        if clean {
            for argument in command.arguments {
                let count = argument.isRepeating ? 1 + random.index(2) : argument.isOptional ? random.index(2) : 1
                for _ in 0..<count { groups.append([command.name == "report" ? folder + "/out-\(random.index(index + 1))" : pick(Array(scenarios.prefix(3)))]) }
            }
        } else {
            for _ in 0..<random.index(4) {
                groups.append([random.bernoulli(0.9) ? pick(scenarios) : pick(["", "-", "nope.json5", folder + "/out-\(random.index(index + 1))"])])
            }
        }
        for option in command.options where Self.work.contains(option.long) || (clean && Self.needed.contains(option.long)) || random.bernoulli(0.35) {
            let name = !clean && random.bernoulli(0.05) ? misspelt(option.long) : option.long
            let form = random.index(option.short == nil ? 2 : 3)
            if option.isFlag {
                groups.append([form == 2 ? "-\(option.short!)" : "--\(name)"])
                continue
            }
            let value: String
            if option.long == "out" {
                value = outFolder(index, clean: clean)
            } else if option.long == "baseline" {
                value = clean ? baselines[0] : pick(baselines)
            } else if clean || random.bernoulli(0.7) {
                value = pick(Self.valid[option.long] ?? Self.oddNumbers)
            } else {
                value = pick((Self.odd[option.long] ?? []) + Self.oddNumbers)
            }
            switch form {
            case 0: groups.append(!clean && random.bernoulli(0.03) ? ["--\(name)"] : ["--\(name)", value])   // rarely, the value goes missing
            case 1: groups.append(["--\(name)=\(value)"])
            default: groups.append(value.isEmpty || random.bernoulli(0.5) ? ["-\(option.short!)", value] : ["-\(option.short!)\(value)"])
            }
        }
        if !clean && !command.options.contains(where: { $0.long == "out" }) && random.bernoulli(0.1) { groups.append(["--out", outFolder(index, clean: false)]) }
        for i in groups.indices.reversed() { groups.swapAt(i, random.index(i + 1)) }
        var words = groups.flatMap { $0 }
        for _ in 0..<(!clean && random.bernoulli(0.5) ? 1 + random.index(2) : 0) {
            words.insert(pick(Self.noise), at: random.index(words.count + 1))
        }
        return [!clean && random.bernoulli(0.05) ? misspelt(command.name) : command.name] + words
    }

    /// A fresh output folder for case `index`, or (rarely) one that cannot be created.
    func outFolder(_ index: Int, clean: Bool) -> String {
        random.bernoulli(clean ? 0.05 : 0.1) ? pick(["/proc/govsim-no/out", "", folder + "/tiny.json5"]) : folder + "/out-\(index)"
    }
}
