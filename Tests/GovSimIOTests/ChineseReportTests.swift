import Foundation
import XCTest
import GovSimTestSupport
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// report.html in Simplified Chinese (`Language.zh`), for every kind of results folder: the page
/// says `lang="zh-CN"`, picks fonts with Chinese glyphs, uses the domain's own terms, and leaves
/// no English in its headings, table headers, figure captions, chart titles, axis titles and
/// legends. English pages are untouched by the language machinery.
final class ChineseReportTests: XCTestCase {
    let folder = TemporaryFolder()

    // MARK: - The no-English check

    /// Words of ASCII letters a Chinese page may keep in its headings and labels beside the
    /// identifiers (metric keys, parameter paths, scenario and file names, which stay as they
    /// are): the program's name, statistical symbols, the names of methods, "k" of tick labels (10k).
    static let allowedWords: Set<String> = [
        "govsim", "p", "n", "d", "r", "i", "CI", "Sobol", "Morris", "Kim", "Nelson", "Cohen", "s", "t",
        "p05", "p95", "FOLDER", "report", "k",
    ]

    /// The text of every element that names or labels something: headings, table headers,
    /// captions, card labels, the kicker, and in the SVG charts every `<text>` (titles, axis
    /// titles, legends; tick labels are numbers). Tags inside are dropped, entities decoded.
    static func labels(_ html: String) -> [String] {
        var out: [String] = []
        let patterns = [
            "<h1>(.*?)</h1>", "<h2>(.*?)</h2>", "<h3>(.*?)</h3>", "<th[^>]*>(.*?)</th>", "<figcaption>(.*?)</figcaption>",
            "<dt>(.*?)</dt>", "<p class=\"kicker\">(.*?)</p>", "<text[^>]*>(.*?)</text>", "<title>(.*?)</title>",
            "<summary>(.*?)</summary>", "<span class=\"unit\">(.*?)</span>",
        ]
        for pattern in patterns {
            let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                let inner = String(html[Range(match.range(at: 1), in: html)!])
                let text = inner.replacingOccurrences(of: "<wbr/>", with: "")
                    .replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&amp;", with: "&")
                out.append(text)
            }
        }
        return out
    }

    /// English left in `html`'s labels: every run of ASCII letters that is not an allowed word
    /// nor part of an identifier (`identifiers`: metric keys, parameter paths, scenario names,
    /// file names, which are cut out of the text first).
    static func english(in html: String, identifiers: [String]) -> [String] {
        var found: [String] = []
        for label in labels(html) {
            // The given identifiers first, longest first, so none is cut in two by a shorter one.
            var text = label
            for key in identifiers.sorted(by: { $0.count > $1.count }) { text = text.replacingOccurrences(of: key, with: " ") }
            // Dotted paths, snake_case keys and file names (x.json, policy_share:…) are identifiers, as are options.
            text = text.replacingOccurrences(of: "[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)+", with: " ", options: .regularExpression)
            text = text.replacingOccurrences(of: "[A-Za-z0-9]+_[A-Za-z0-9_]+", with: " ", options: .regularExpression)
            text = text.replacingOccurrences(of: "--[a-z-]+", with: " ", options: .regularExpression)
            // Then the one-word metric keys (disputes, petitions…), as whole words only.
            for key in Metric.allCases.map(\.name) where !key.contains("_") {
                text = text.replacingOccurrences(of: "\\b\(key)\\b", with: " ", options: .regularExpression)
            }
            let words = text.components(separatedBy: CharacterSet.letters.inverted.union(.nonBaseCharacters))
                .filter { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.isASCII } }
            for word in words where !allowedWords.contains(word) { found.append("\(word) in “\(label)”") }
        }
        return found
    }

    /// The checks every Chinese page must pass; returns the page.
    @discardableResult
    func checkChinese(_ out: String, kind: ReportKind, identifiers: [String], terms: [String],
                      file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let html = try kind.html(resultsFolder: out, language: .zh)
        XCTAssertTrue(html.contains("<html lang=\"zh-CN\">"), "\(kind): lang", file: file, line: line)
        XCTAssertTrue(html.contains("\"Noto Sans CJK SC\""), "\(kind): a CJK font stack", file: file, line: line)
        XCTAssertTrue(html.contains("\"Microsoft YaHei\"") && html.contains("\"PingFang SC\""), "\(kind): fonts", file: file, line: line)
        for term in terms { XCTAssertTrue(html.contains(term), "\(kind): the term \(term)", file: file, line: line) }
        XCTAssertEqual(Self.english(in: html, identifiers: identifiers), [], "\(kind): English left in the labels", file: file, line: line)
        // The English page of the same folder is unchanged by the language machinery.
        let english = try kind.html(resultsFolder: out, language: .en)
        XCTAssertTrue(english.contains("<html lang=\"en\">"), file: file, line: line)
        XCTAssertFalse(english.contains("Noto Sans CJK SC"), file: file, line: line)
        XCTAssertNil(english.unicodeScalars.first { DisplayWidth.isWide($0) }.map { String($0) }.flatMap { c in
            // Only the scenario's own text may hold Chinese in an English page.
            identifiers.contains { $0.contains(c) } ? nil : c
        }, "\(kind): Chinese in the English page", file: file, line: line)
        XCTAssertEqual(try kind.html(resultsFolder: out), english, "English is the default", file: file, line: line)
        return html
    }

    // MARK: - The checker itself

    func testTheCheckerFindsEnglishAndAllowsIdentifiers() {
        let page = """
        <h2>Where disputes went</h2><th class="l">safety_<wbr/>score</th><h2>按 sensors.cameras.coverage 的响应</h2>
        <text x="1">每周矛盾纠纷（起）</text><text x="2">95% CI</text><dt>govsim 0.1.0</dt><h1>base</h1>
        """
        // "disputes" is a metric's key: a one-word key cannot be told from the English word.
        XCTAssertEqual(Self.english(in: page, identifiers: ["base"]), ["Where in “Where disputes went”", "went in “Where disputes went”"])
        XCTAssertEqual(Self.english(in: "<h2>Safety score by group</h2>", identifiers: []).count, 4)
    }

    // MARK: - Every report kind

    func testRunReportInChinese() throws {
        let out = try ReportFixture.results(in: folder)
        let html = try checkChinese(out, kind: .run, identifiers: ["tiny & <small>"],
                                    terms: ["安全感", "满意度", "矛盾纠纷", "信访", "群体性事件", "置信区间", "预测区间", "人民调解",
                                            "购买服务", "物联网传感器", "志愿者", "居民议事会", "预防性走访", "养老服务", "独居老人", "元"])
        XCTAssertTrue(html.contains("<h1>tiny &amp; &lt;small&gt;</h1>"), "the scenario's name stays as it is")
        XCTAssertTrue(html.contains("<code>safety_score</code>"), "metric keys stay as they are")
        // The Chinese page is as deterministic as the English one.
        XCTAssertEqual(try RunReport.html(resultsFolder: out, language: .zh), html)
    }

    func testMappedRunReportInChinese() throws {
        let out = try MapFixture.results(in: folder)
        let html = try checkChinese(out, kind: .run, identifiers: ["mapped", "old & <east>", "village", "oldEstate"],
                                    terms: ["地图", "各片区对比", "片区"])
        XCTAssertTrue(html.contains("<h2>地图</h2>"))
    }

    func testCompareReportInChinese() throws {
        let out = try AnalysisFixture.compare(in: folder)
        try checkChinese(out, kind: .compare, identifiers: ["base", "cameras & <council>"],
                         terms: ["基线", "政策", "置信区间", "预测区间", "成本效益", "新增成本（元）", "满意", "配对"])
    }

    func testSweepReportsInChinese() throws {
        for axes in [1, 2] {
            let out = try AnalysisFixture.sweep(in: folder, axes: axes)
            try checkChinese(out, kind: .sweep, identifiers: ["base", "sensors.cameras.coverage", "volunteers.initialShare"],
                             terms: ["参数扫描", "安全感", "满意居民占比", "总成本", "设计点"])
        }
        let lhs = try AnalysisFixture.sweep(in: folder, axes: 2, design: .lhs)
        try checkChinese(lhs, kind: .sweep, identifiers: ["base"], terms: ["拉丁超立方"])
    }

    func testSensitivityReportsInChinese() throws {
        for method in [SensitivityStudy.Method.sobol, .morris] {
            let out = try AnalysisFixture.sensitivity(in: folder, method: method)
            try checkChinese(out, kind: .sensitivity, identifiers: ["base"], terms: ["敏感性分析", "试验噪声", "安全感"])
        }
    }

    func testOptimizeReportInChinese() throws {
        let out = try AnalysisFixture.optimize(in: folder)
        try checkChinese(out, kind: .optimize, identifiers: ["base"], terms: ["政策优化", "预算", "现状", "候选方案", "元"])
    }

    func testCheckReportInChinese() throws {
        let out = folder.path + "/check"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let target = { (output: String, kind: String, met: Bool) in
            """
            {"output": "\(output)", "kind": "\(kind)", "observed": 60, "tolerance": 5, "predicted": 58, "predicted_ci95": [56, 60],
             "predicted_pi90": [50, 66], "met": \(met), "hit": \(met), "counterfactual": 55}
            """
        }
        _ = folder.write("check/check.json", """
            {"version": "0.1.0", "files": [{"file": "scenarios/cases/zhuji.json5", "trials": 20, "seed": 7, "targets": [
              \(target("safety_score", "fitted", true)), \(target("satisfaction_pct", "predicted", false))]}]}
            """)
        try checkChinese(out, kind: .check, identifiers: ["scenarios/cases/zhuji.json5", "zhuji"],
                         terms: ["校验", "达标", "未命中", "预测 − 观测", "容差"])
    }

    // MARK: - Pieces

    func testChangeReadsInPointsOrPercentagePointsInChinese() {
        Language.$current.withValue(.zh) {
            XCTAssertEqual(Chart.change(.safetyScore, difference: 1.5, relativePct: 2, signed: Chart.signed), "+1.50 分")
            XCTAssertEqual(Chart.change(.satisfactionPct, difference: -3, relativePct: 2, signed: Chart.signed), "-3.00 个百分点")
            XCTAssertEqual(Chart.change(.disputes, difference: -3, relativePct: -12, signed: Chart.signed), "-12.0%")
        }
        XCTAssertEqual(Chart.change(.satisfactionPct, difference: -3, relativePct: 2, signed: Chart.signed), "-3.00 pts")
    }

    /// Chart labels are laid out from estimated text widths: a Chinese character is about 1 em,
    /// a Latin letter about 0.58 em, so a Chinese label's legend entries and margins are wide enough.
    func testTextWidthCountsChineseCharactersAsOneEm() {
        XCTAssertEqual(Chart.textWidth("abcd", size: 10), 4 * 5.8, accuracy: 1e-9)
        XCTAssertEqual(Chart.textWidth("安全感", size: 10), 30, accuracy: 1e-9)
        XCTAssertEqual(Chart.textWidth("安全感 62", size: 10), 30 + 3 * 5.8, accuracy: 1e-9)
    }

    func testEveryMetricHasAChineseName() {
        for m in Metric.allCases {
            let zh = m.displayNames.zh
            XCTAssertTrue(zh.unicodeScalars.contains { DisplayWidth.isWide($0) }, "\(m.name): \(zh)")
            XCTAssertTrue(Catalogue.zh[m.unit] != nil, "\(m.name): unit \(m.unit) has no Chinese")
        }
    }

    /// A phrase keyed in the catalogue is Chinese, and no Chinese text is left empty.
    func testTheCatalogueHoldsChinese() {
        for (english, chinese) in Catalogue.zh where english.contains(where: \.isLetter) {
            XCTAssertFalse(chinese.isEmpty, english)
            XCTAssertTrue(chinese.unicodeScalars.contains { DisplayWidth.isWide($0) }, "\(english): \(chinese)")
        }
        XCTAssertEqual(Language.ofPage("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>"), .zh)
        XCTAssertEqual(Language.ofPage("<!DOCTYPE html>\n<html lang=\"en\">\n<head>"), .en)
        XCTAssertNil(Language.ofPage("not a page"))
    }
}
