import Foundation
import XCTest
import GovSimTestSupport
import GovSim
import GovSimIO
@testable import GovSimReport
@testable import GovSimCLI

/// `--lang zh` and GOVSIM_LANG=zh, run in-process: only report.html and the tables on stdout
/// change; every data file is byte-identical in every language; an unknown language is a usage
/// error; `govsim report` redraws a Chinese page byte for byte.
final class LanguageCommandTests: XCTestCase {
    private var temporary: TemporaryFolder!
    var folder: String { temporary.path }
    override func setUp() {
        temporary = TemporaryFolder("lang")
        temporary.write("tiny.json5", """
            { name: "tiny-lang", run: { trials: 4, days: 21, seed: 3 },
              district: { cells: [{ count: 2, households: 120, estate: "oldEstate" }] } }
            """)
        temporary.write("policy.json5", "{ extends: \"tiny.json5\", name: \"council\", council: { enabled: true } }")
    }
    override func tearDown() { temporary = nil }

    /// The data files of a results folder (every file but report.html and the lock), by name;
    /// manifest.json without the fields that differ from one run to the next (the clock, and the
    /// command line, which holds `--lang`), SHA256SUMS without manifest.json's line.
    func dataFiles(_ out: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where name != "report.html" && name != ".govsim.lock" {
            var data = try XCTUnwrap(read(out + "/" + name), name)
            if name == "manifest.json" {
                var json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
                for key in ["started", "wall_seconds", "trials_per_second", "resident_days_per_second", "command"] { json[key] = nil }
                data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
            } else if name == "SHA256SUMS" {
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.hasSuffix("manifest.json") }
                data = Data(lines.joined(separator: "\n").utf8)
            }
            files[name] = data
        }
        return files
    }

    func html(_ out: String) throws -> String { try text(out + "/report.html") }

    /// Words of ASCII letters in `text` other than identifiers (metric keys, paths and file names,
    /// options, `names`: scenario and estate names) and statistical symbols: English left in a
    /// Chinese table.
    func englishWords(in text: String, names: [String]) -> [String] {
        var rest = text.replacingOccurrences(of: "[A-Za-z0-9_~-]*[./_][A-Za-z0-9_./~-]*", with: " ", options: .regularExpression)
        rest = rest.replacingOccurrences(of: "--[a-z-]+", with: " ", options: .regularExpression)
        for name in names + Metric.allCases.map(\.name) {
            rest = rest.replacingOccurrences(of: "\\b\(name)\\b", with: " ", options: .regularExpression)
        }
        let words = rest.components(separatedBy: CharacterSet.letters.inverted).filter { !$0.isEmpty && $0.unicodeScalars.allSatisfy(\.isASCII) }
        return words.filter { !["p", "d", "r", "k", "Kim", "Nelson", "govsim"].contains($0) }
    }

    // MARK: - run

    func testRunDataFilesAreByteIdenticalInEveryLanguage() throws {
        let tiny = folder + "/tiny.json5"
        let en = govsim(["run", tiny, "--out", folder + "/en"])
        let zh = govsim(["run", tiny, "--out", folder + "/zh", "--lang", "zh"])
        let env = govsim(["run", tiny, "--out", folder + "/env"], environment: ["GOVSIM_LANG": "zh"])
        for r in [en, zh, env] { XCTAssertEqual(r.status, 0, r.err) }
        let english = try dataFiles(folder + "/en")
        XCTAssertEqual(Set(english.keys), ["SHA256SUMS", "manifest.json", "scenario.resolved.json5", "summary.json", "timeseries.csv", "trials.csv"])
        XCTAssertEqual(try dataFiles(folder + "/zh"), english)
        XCTAssertEqual(try dataFiles(folder + "/env"), english)
        // GOVSIM_LANG=zh draws the same page as --lang zh (but for the footer's command line and clock).
        let body = { (page: String) in page.components(separatedBy: "<footer>")[0] }
        XCTAssertEqual(body(try html(folder + "/env")), body(try html(folder + "/zh")))

        XCTAssertTrue(try html(folder + "/en").contains("<html lang=\"en\">"))
        XCTAssertTrue(try html(folder + "/zh").contains("<html lang=\"zh-CN\">"))

        // stdout: the English table as before, the Chinese one with the domain's terms.
        XCTAssertTrue(en.out.contains("Predicted safety score"), en.out)
        XCTAssertTrue(en.out.contains("metric                   unit"), en.out)
        XCTAssertTrue(zh.out.contains("预测安全感"), zh.out)
        XCTAssertTrue(zh.out.contains("预测满意度"), zh.out)
        XCTAssertTrue(zh.out.contains("置信区间") && zh.out.contains("预测区间"), zh.out)
        XCTAssertTrue(zh.out.contains("信访") && zh.out.contains("群体性事件") && zh.out.contains("元"), zh.out)
        XCTAssertTrue(zh.out.contains("safety_score"), "the metric keys stay beside their names")
        XCTAssertFalse(zh.out.contains("Predicted"), zh.out)
        XCTAssertEqual(englishWords(in: zh.out, names: ["tiny-lang", "oldEstate"]), [], zh.out)
        XCTAssertEqual(env.out.replacingOccurrences(of: "(env)", with: "(zh)").components(separatedBy: "\n").count,
                       zh.out.components(separatedBy: "\n").count)
    }

    /// The Chinese table's columns line up on screen: its last column is right-aligned, so every
    /// line of the table (header, rule, rows) ends at the rule's display column, counting a
    /// Chinese character as two columns (counted in characters, the rows would be ragged).
    func testChineseRunTableLinesUpOnScreen() throws {
        let r = govsim(["run", folder + "/tiny.json5", "--out", folder + "/zh", "--lang", "zh"])
        XCTAssertEqual(r.status, 0, r.err)
        let lines = r.out.components(separatedBy: "\n")
        let ruleIndex = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("---") })
        let table = lines[(ruleIndex - 1)...].prefix { !$0.isEmpty }
        XCTAssertEqual(table.count, 2 + Metric.headline.count)
        XCTAssertTrue(table.first!.hasPrefix("指标"), table.first!)
        XCTAssertTrue(table.dropFirst(2).first!.hasPrefix("安全感"), table.joined(separator: "\n"))
        for line in table { XCTAssertEqual(DisplayWidth.of(line), lines[ruleIndex].count, line) }
        XCTAssertNotEqual(Set(table.map(\.count)).count, 1, "the lines differ in characters: the test measures display width")
    }

    func testUnknownLanguageIsAUsageError() {
        let bad = govsim(["run", folder + "/tiny.json5", "--out", folder + "/x", "--lang", "fr"])
        XCTAssertEqual(bad.status, ExitStatus.usage)
        XCTAssertTrue(bad.err.contains("--lang: expected en or zh, got 'fr'"), bad.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/x"), "nothing ran")
        let env = govsim(["compare", folder + "/tiny.json5", folder + "/policy.json5", "--out", folder + "/y"],
                         environment: ["GOVSIM_LANG": "fr"])
        XCTAssertEqual(env.status, ExitStatus.usage)
        XCTAssertTrue(env.err.contains("GOVSIM_LANG: expected en or zh, got 'fr'"), env.err)
        // The option wins over the environment.
        let wins = govsim(["run", folder + "/tiny.json5", "--out", folder + "/z", "--lang", "en"], environment: ["GOVSIM_LANG": "fr"])
        XCTAssertEqual(wins.status, 0, wins.err)
        XCTAssertTrue(wins.out.contains("Predicted safety score"))
        let zh = govsim(["run", folder + "/tiny.json5", "--out", folder + "/w", "--lang", "zh"], environment: ["GOVSIM_LANG": "en"])
        XCTAssertTrue(zh.out.contains("预测安全感"), zh.out)
    }

    func testEveryCommandThatDrawsAReportTakesLang() {
        for name in ["run", "compare", "sweep", "sensitivity", "optimize", "check", "merge", "report"] {
            let command = GovSimTool.spec.command(named: name)!
            XCTAssertNotNil(command.option("lang"), name)
            let help = govsim([name, "--help"]).out
            XCTAssertTrue(help.contains("--lang <l>"), "\(name) help lists --lang")
        }
    }

    // MARK: - compare

    func testCompareDataFilesAreByteIdenticalInEveryLanguage() throws {
        let args = ["compare", folder + "/tiny.json5", folder + "/policy.json5", "--trials", "3"]
        let en = govsim(args + ["--out", folder + "/en"])
        let zh = govsim(args + ["--out", folder + "/zh", "--lang", "zh"])
        for r in [en, zh] { XCTAssertEqual(r.status, 0, r.err) }
        let english = try dataFiles(folder + "/en")
        XCTAssertEqual(Set(english.keys), ["SHA256SUMS", "manifest.json", "compare.json", "compare.csv", "trials.csv"])
        XCTAssertEqual(try dataFiles(folder + "/zh"), english)
        XCTAssertTrue(en.out.contains("tiny-lang vs council: paired trials"), en.out)
        XCTAssertTrue(zh.out.contains("tiny-lang 对比 council：配对试验"), zh.out)
        XCTAssertTrue(zh.out.contains("排名") && zh.out.contains("基线") && zh.out.contains("成本效益"), zh.out)
        XCTAssertFalse(zh.out.contains("Ranked by"), zh.out)
        XCTAssertEqual(englishWords(in: zh.out, names: ["tiny-lang", "council", "oldEstate"]), [], zh.out)
        XCTAssertFalse(englishWords(in: en.out, names: ["tiny-lang", "council"]).isEmpty, "the check finds English")
        let page = try html(folder + "/zh")
        XCTAssertTrue(page.contains("<html lang=\"zh-CN\">"))
        XCTAssertTrue(page.contains("与基线的差异"))
    }

    // MARK: - check

    func testCheckReportInChinese() throws {
        let met = temporary.write("met.json5", "{ extends: \"tiny.json5\", targets: { safety_score: { value: 50, tolerance: 50 } } }")
        let en = govsim(["check", met, "--trials", "3", "--out", folder + "/en"])
        let zh = govsim(["check", met, "--trials", "3", "--out", folder + "/zh"], environment: ["GOVSIM_LANG": "zh"])
        for r in [en, zh] { XCTAssertEqual(r.status, 0, r.err) }
        XCTAssertEqual(try dataFiles(folder + "/zh"), try dataFiles(folder + "/en"))
        let page = try html(folder + "/zh")
        XCTAssertTrue(page.contains("<html lang=\"zh-CN\">") && page.contains("达标"), page)
    }

    // MARK: - report

    func testReportRedrawsAChinesePageByteForByte() throws {
        let out = folder + "/zh"
        XCTAssertEqual(govsim(["run", folder + "/tiny.json5", "--out", out, "--lang", "zh"]).status, 0)
        let first = try XCTUnwrap(read(out + "/report.html"))
        // With no --lang and no GOVSIM_LANG, the page keeps its language.
        try FileManager.default.removeItem(atPath: out + "/report.html")
        try first.write(to: URL(fileURLWithPath: out + "/report.html"))
        let again = govsim(["report", out])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertEqual(read(out + "/report.html"), first)
        // Asked for, it changes language; and back.
        XCTAssertEqual(govsim(["report", out, "--lang", "en"]).status, 0)
        XCTAssertTrue(try html(out).contains("<html lang=\"en\">"))
        XCTAssertEqual(govsim(["report", out], environment: ["GOVSIM_LANG": "zh"]).status, 0)
        XCTAssertEqual(read(out + "/report.html"), first)
        XCTAssertEqual(govsim(["report", out, "--lang", "fr"]).status, ExitStatus.usage)
    }
}
