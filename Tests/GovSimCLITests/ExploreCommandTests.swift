import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimIO
@testable import GovSimReport
@testable import GovSimCLI

/// `govsim explore`: its files, its numbers against `govsim sweep` on the same points, the same
/// bytes on any thread count, `govsim report` redrawing the page, and its usage errors.
final class ExploreCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    var tiny: String { folder + "/tiny.json5" }
    let levers = ["--vary", "services.budget=0:600000", "--vary", "volunteers.initialShare=0:0.04"]

    override func setUp() {
        temporary = TemporaryFolder("explore")
        try! """
        { name: "tiny", run: { trials: 3, days: 28, seed: 5 },
          district: { cells: [{ count: 2, households: 100, estate: "oldEstate" }] },
          services: { budget: 120000 }, volunteers: { initialShare: 0.01 } }
        """.write(toFile: tiny, atomically: true, encoding: .utf8)
    }

    override func tearDown() { temporary = nil }


    private func object(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    private func explore(_ out: String, threads: Int) -> CommandOutcome {
        govsim(["explore", tiny] + levers + ["--points", "3", "--trials", "4", "--threads", String(threads), "--out", folder + "/" + out])
    }

    func testExploreWritesASelfContainedPageThatRedrawsByteForByte() throws {
        let r = explore("ex", threads: 1)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("tiny: 9 design points × 4 trials, paired with the baseline, seed 5\n"), r.out)
        XCTAssertTrue(r.out.contains("Results: \(folder)/ex/ (explore.html, explore.json, manifest.json)"), r.out)
        let out = folder + "/ex"
        for file in ["explore.html", "explore.json", "manifest.json", "SHA256SUMS"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + file), file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/.incomplete"), "the folder committed")
        let manifest = try object(out + "/manifest.json")
        XCTAssertEqual((manifest["command"] as? [String])?.prefix(2), ["govsim", "explore"])
        XCTAssertEqual(manifest["trials"] as? Int, (9 + 1) * 4, "every point's trials and the baseline's")
        XCTAssertEqual(manifest["threads"] as? Int, 1)
        XCTAssertEqual(try text(out + "/SHA256SUMS").split(separator: "\n").map { String($0.split(separator: " ").last!) }, ["explore.json", "manifest.json"])

        // Self-contained: no network, no external file; the data is explore.json itself, once.
        let html = try text(out + "/explore.html"), json = try text(out + "/explore.json")
        for banned in ["http://", "https://", "src=", "<link", "@import", "url("] {
            XCTAssertFalse(html.contains(banned), "explore.html holds \(banned)")
        }
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n"))
        XCTAssertEqual(html.components(separatedBy: "<script type=\"application/json\" id=\"data\">").count, 2)
        XCTAssertTrue(html.contains("<script type=\"application/json\" id=\"data\">\n" + json.replacingOccurrences(of: "<", with: "\\u003c") + "</script>"))
        XCTAssertEqual(html.components(separatedBy: "const T = ").count, 2, "one table of strings")
        XCTAssertEqual(html.components(separatedBy: "type=\"range\"").count, 3, "a slider per lever")
        XCTAssertTrue(html.contains("<label for=\"lever-0\"><code>services.budget</code>"), "the sliders are labelled")
        XCTAssertTrue(html.contains("nearest design point"))

        // `govsim report` draws the same bytes from explore.json.
        try FileManager.default.removeItem(atPath: out + "/explore.html")
        let redraw = govsim(["report", out])
        XCTAssertEqual(redraw.status, 0, redraw.err)
        XCTAssertEqual(redraw.out, "Report: \(out)/explore.html\n")
        XCTAssertEqual(try text(out + "/explore.html"), html)
        // --lang zh redraws it in Chinese, --lang en in English again, byte for byte.
        let zh = govsim(["report", out, "--lang", "zh"])
        XCTAssertEqual(zh.status, 0, zh.err)
        XCTAssertTrue(try text(out + "/explore.html").contains("<html lang=\"zh-CN\">"))
        XCTAssertEqual(govsim(["report", out, "--lang", "en"]).status, 0)
        XCTAssertEqual(try text(out + "/explore.html"), html)
        // An edited explore.json is refused (its digest no longer matches); a foreign one too.
        try json.replacingOccurrences(of: "govsim-explore 1", with: "something else").write(toFile: out + "/explore.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(govsim(["report", out]).status, 65)
        try FileManager.default.removeItem(atPath: out + "/SHA256SUMS")
        let foreign = govsim(["report", out])
        XCTAssertEqual(foreign.status, 65)
        XCTAssertTrue(foreign.err.contains("explore.json: is not explore data"), foreign.err)
    }

    func testTwoPointsPerLeverHaveNoInterpolationError() throws {
        let r = govsim(["explore", tiny, "--vary", "services.budget=0:600000", "--points", "2", "--trials", "2", "--out", folder + "/two", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        let outputs = try object(folder + "/two/explore.json")["outputs"] as! [[String: Any]]
        XCTAssertTrue(outputs.allSatisfy { $0["interpolation"] is NSNull })
        XCTAssertTrue(try text(folder + "/two/explore.html").contains("Its error cannot be measured with 2 design points per lever"))
    }

    func testTheSameBytesOnOneOrTwoThreads() throws {
        XCTAssertEqual(explore("t1", threads: 1).status, 0)
        XCTAssertEqual(explore("t2", threads: 2).status, 0)
        for file in ["explore.json", "explore.html"] {
            XCTAssertEqual(try text(folder + "/t1/" + file), try text(folder + "/t2/" + file), file)
        }
    }

    /// At every design point, explore.json gives the numbers sweep.csv gives for the same point
    /// (same seed and trials): the mean, quantiles and the paired difference from the scenario as
    /// written with its 95% CI; and each difference is the point's mean less the baseline's.
    func testNumbersMatchTheSweepOfTheSamePoints() throws {
        XCTAssertEqual(explore("ex", threads: 2).status, 0)
        let sweep = govsim(["sweep", tiny, "--vary", "services.budget=0:600000:3", "--vary", "volunteers.initialShare=0:0.04:3",
                            "--trials", "4", "--out", folder + "/sw", "--quiet"])
        XCTAssertEqual(sweep.status, 0, sweep.err)
        let data = try object(folder + "/ex/explore.json")
        let table = try CSVTable.parse(try text(folder + "/sw/sweep.csv"))
        func column(_ name: String) -> Int { table.header.firstIndex(of: name)! }
        var rows: [String: [String]] = [:]
        for row in table.rows { rows["\(row[column("point")])/\(row[column("metric")])"] = row }
        let points = data["points"] as! [[String: Any]]
        XCTAssertEqual(points.count, 9)
        let baseline = (data["baseline"] as! [String: Any])["outputs"] as! [String: [String: Any]]
        let outputs = (data["outputs"] as! [[String: Any]]).map { $0["name"] as! String }
        XCTAssertEqual(outputs, ExploreResults.metrics.map(\.name))
        XCTAssertTrue(outputs.starts(with: ["safety_score", "satisfaction_pct", "cost_total"]))
        func close(_ a: Double?, _ b: Double?, _ what: String) {
            guard let a, let b else { return XCTAssertTrue(a == nil && b == nil, "\(what): \(String(describing: a)) vs \(String(describing: b))") }
            XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b)), what)
        }
        func number(_ text: String) -> Double? { Double(text) }
        for p in points {
            let index = p["point"] as! Int
            let stats = p["outputs"] as! [String: [String: Any]]
            let grid = p["index"] as! [Int]
            XCTAssertEqual(index, grid[0] * 3 + grid[1], "the last lever varies fastest")
            XCTAssertEqual(p["values"] as! [Double], [Double(grid[0]) * 300000, Double(grid[1]) * 0.02])
            for name in outputs {
                let row = rows["\(index)/\(name)"]!, s = stats[name]!
                for (key, col) in [("mean", "mean"), ("p05", "p05"), ("p50", "p50"), ("p95", "p95"), ("sd", "sd"), ("difference", "difference")] {
                    close(s[key] as? Double, number(row[column(col)]), "point \(index) \(name) \(key)")
                }
                let ci = s["difference_ci95"] as! [Any]
                close(ci[0] as? Double, number(row[column("difference_ci95_lo")]), "point \(index) \(name) difference CI")
                close(ci[1] as? Double, number(row[column("difference_ci95_hi")]), "point \(index) \(name) difference CI")
                if let a = s["mean"] as? Double, let b = baseline[name]!["mean"] as? Double, s["n"] as? Int == 4, baseline[name]!["n"] as? Int == 4 {
                    close(s["difference"] as? Double, a - b, "point \(index) \(name): difference = point − baseline")
                }
            }
        }
        // The interpolation's leave-one-out error: each middle point's mean against the average of
        // its two neighbours along a lever (the levers' steps are evenly spaced here).
        let means = Dictionary(uniqueKeysWithValues: points.map { p in
            (p["index"] as! [Int], ((p["outputs"] as! [String: [String: Any]])["safety_score"]!["mean"] as! Double))
        })
        var errors: [Double] = []
        for (index, mean) in means.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            for k in 0..<2 where index[k] == 1 {
                var below = index, above = index
                below[k] = 0
                above[k] = 2
                errors.append(means[below]! + (means[above]! - means[below]!) * 0.5 - mean)
            }
        }
        let safety = (data["outputs"] as! [[String: Any]]).first { $0["name"] as? String == "safety_score" }!
        let loo = safety["interpolation"] as! [String: Any]
        XCTAssertEqual(loo["n"] as? Int, 6)
        XCTAssertEqual(loo["rms_error"] as! Double, (errors.map { $0 * $0 }.reduce(0, +) / 6).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(loo["max_abs_error"] as! Double, errors.map(abs).max()!, accuracy: 1e-12)
        let levers = data["levers"] as! [[String: Any]]
        XCTAssertEqual(levers.map { $0["values"] as! [Double] }, [[0, 300000, 600000], [0, 0.02, 0.04]])
        XCTAssertEqual((data["baseline"] as! [String: Any])["values"] as! [Double], [120000, 0.01])
    }

    func testUsageMistakesExit64NamingTheOption() throws {
        let cases: [(args: [String], message: String)] = [
            ([], "give at least one --vary PATH=lo:hi"),
            (["--vary", "services.budget"], "--vary services.budget: expected PATH=lo:hi"),
            (["--vary", "services.budget=a:b"], "--vary services.budget=a:b: expected PATH=lo:hi with two numbers"),
            (["--vary", "services.budget=0:1:3"], "--vary services.budget=0:1:3: expected PATH=lo:hi with two numbers (the steps are --points)"),
            (["--vary", "services.budget=5:5"], "--vary services.budget=5:5: lo must be less than hi"),
            (["--vary", "services.budget=9:5"], "--vary services.budget=9:5: lo must be less than hi"),
            (["--vary", "services.budgit=0:5"], "--vary services.budgit=0:5: no numeric parameter 'services.budgit'; did you mean 'services.budget'?"),
            (["--vary", "triage.accuracy=0.5:2"], "--vary triage.accuracy=0.5:2: the range must lie within the parameter's"),
            (["--vary", "services.budget=0:1", "--vary", "services.budget=0:2"], "services.budget is varied twice"),
            (["--vary", "mediation.tiers[0].staff=1:2"], "mediation.tiers[0].staff is a whole number, and 5 points from 1 to 2 repeat values"),
            (["--vary", "services.budget=0:1", "--points", "1"], "--points: expected an integer from 2 to 400, got '1'"),
            (["--vary", "services.budget=0:1", "--vary", "volunteers.initialShare=0:0.1", "--points", "21"],
             "--points 21 over 2 levers makes 21 × 21 = 441 design points, more than 400"),
            (["--vary", "services.budget=0:1", "--trials", "1"], "--trials: expected an integer from 2 to 1000000"),
        ]
        for c in cases {
            let r = govsim(["explore", tiny] + c.args + ["--out", folder + "/never"])
            XCTAssertEqual(r.status, 64, "\(c.args): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("Error: " + c.message) || r.err.contains(c.message), "\(c.args): \(r.err)")
            XCTAssertTrue(r.err.contains("See 'govsim help explore'"), r.err)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/never"), "a usage mistake writes nothing")
        // A usage mistake is told before the file is read; a bad file is then a data error.
        XCTAssertEqual(govsim(["explore", folder + "/missing.json5", "--vary", "a=0:1", "--points", "1"]).status, 64)
        XCTAssertEqual(govsim(["explore", folder + "/missing.json5", "--vary", "services.budget=0:1"]).status, 65)
    }

    /// Every string the script shows comes from its table `T`, which is `ExploreReport.english`:
    /// a translation is one more table with the same keys.
    func testEveryStringThePageUsesIsInItsTable() throws {
        let script = ExploreReport.script
        let pattern = try NSRegularExpression(pattern: #"say\('(\w+)'|T\.(\w+)"#)
        var keys: Set<String> = ["better", "worse"]   // T[v], v one of these
        for match in pattern.matches(in: script, range: NSRange(script.startIndex..., in: script)) {
            for group in 1...2 {
                if let range = Range(match.range(at: group), in: script) { keys.insert(String(script[range])) }
            }
        }
        // Keys the script passes on to `say` through a variable.
        let passed = ["settingA", "settingB", "settingAInterpolated", "settingBInterpolated",
                      "sliderText", "sliderTextBetween", "sliderValueText", "sliderValueTextBetween"]
        for key in passed { XCTAssertTrue(script.contains("'\(key)'"), key) }
        keys.formUnion(passed)
        XCTAssertTrue(keys.isSuperset(of: ["noB", "aMinusB", "interval", "emulator", "emulatorNone"]), "\(keys)")
        for key in keys { XCTAssertNotNil(ExploreReport.english[key], key) }
        for m in ExploreResults.metrics {
            XCTAssertNotNil(ExploreReport.english["metric.\(m.name)"], m.name)
            XCTAssertNotNil(ExploreReport.english["unit.\(m.name)"], m.name)
        }
        XCTAssertEqual(ExploreReport.fill("{a} and {b}", ["a": "1", "b": "2"]), "1 and 2")
    }

    /// The Chinese table has every key of the English one, with the same `{placeholders}`, and
    /// `--lang zh` draws the page in it; explore.json is the same in either language.
    func testThePageInChinese() throws {
        let placeholders = { (text: String) in
            Set((try! NSRegularExpression(pattern: #"\{(\w+)\}"#)).matches(in: text, range: NSRange(text.startIndex..., in: text))
                .map { (text as NSString).substring(with: $0.range(at: 1)) })
        }
        XCTAssertEqual(Set(ExploreReport.chinese.keys), Set(ExploreReport.english.keys))
        for (key, english) in ExploreReport.english {
            XCTAssertEqual(placeholders(ExploreReport.chinese[key] ?? ""), placeholders(english), key)
        }
        XCTAssertEqual(explore("en", threads: 2).status, 0)
        let zh = govsim(["explore", tiny] + levers + ["--points", "3", "--trials", "4", "--threads", "2", "--lang", "zh", "--out", folder + "/zh"])
        XCTAssertEqual(zh.status, 0, zh.err)
        let html = try text(folder + "/zh/explore.html")
        XCTAssertTrue(html.contains("<html lang=\"zh-CN\">"))
        XCTAssertTrue(html.contains("Noto Sans CJK SC"))
        for term in ["所选设置下的结果", "安全感", "满意度", "基线"] { XCTAssertTrue(html.contains(term), term) }
        XCTAssertEqual(try text(folder + "/zh/explore.json"), try text(folder + "/en/explore.json"))
        // Redrawn, it keeps its language.
        XCTAssertEqual(govsim(["report", folder + "/zh"]).status, 0)
        XCTAssertEqual(try text(folder + "/zh/explore.html"), html)
    }

    func testHelpExplainsTheCommand() {
        let r = govsim(["help", "explore"])
        XCTAssertEqual(r.status, 0)
        for text in ["OVERVIEW:", "USAGE: govsim explore <scenario>", "--vary <path=lo:hi>", "--points <n>", "(default: 5)", "Trials per design point and for the baseline.",
                     "common", "EXAMPLES:", "govsim report results/example-explore"] {
            XCTAssertTrue(r.out.contains(text), text)
        }
        XCTAssertTrue(govsim(["--help"]).out.contains("explore"))
    }
}
