import GovSimTestSupport
import Foundation
import XCTest
@testable import GovSimIO
@testable import GovSimReport

/// Renders report.html in headless Chromium: the page must load without script or page errors,
/// have the expected elements, and paint a screenshot that is not blank. Skipped when no
/// `chromium` is on the PATH (Debian: `apt-get install chromium`; .ci/run installs it).
final class ReportRenderTests: XCTestCase {
    let folder = TemporaryFolder()
    /// Longest a Chromium run may take (s).
    static let timeout: TimeInterval = 120

    static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs Chromium headless with `arguments`; returns its exit status, stdout and stderr.
    func chromium(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let outPath = folder.path + "/chromium.out", errPath = folder.path + "/chromium.err"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr",
                             "--user-data-dir=\(folder.path)/profile"] + arguments
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let deadline = Date().addingTimeInterval(Self.timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("chromium took longer than \(Self.timeout) s: \(arguments)")
        }
        process.waitUntilExit()
        return (process.terminationStatus, folder.read("chromium.out") ?? "", folder.read("chromium.err") ?? "")
    }

    /// Lines of Chromium's log that report a script error, a console message or a failed load.
    static func pageErrors(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { line in
            ["CONSOLE", "Uncaught", "net::ERR_", "Failed to load"].contains { line.contains($0) }
        }
    }

    /// Total length of a PNG's IDAT chunks (its compressed pixels) and its size, or nil if the
    /// bytes are not a PNG.
    static func png(_ data: Data) -> (width: Int, height: Int, idat: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 33, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func u32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        var (width, height, idat, i) = (0, 0, 0, 8)
        while i + 8 <= bytes.count {
            let length = u32(i), type = String(decoding: bytes[i + 4..<i + 8], as: UTF8.self)
            if type == "IHDR" { (width, height) = (u32(i + 8), u32(i + 12)) }
            if type == "IDAT" { idat += length }
            i += 12 + length
        }
        return (width, height, idat)
    }

    /// Loads report.html of `out` in Chromium and checks the page: no script or page error,
    /// `charts` SVG charts in the DOM, and a screenshot (1200 × 3000 px) with far more ink than a
    /// blank page. Returns the DOM. With GOVSIM_REPORT_PNGS set to a folder, the screenshot is
    /// kept there as `name`.png to look at.
    func render(_ out: String, name: String, charts: Int, chromium executable: String,
                file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let page = URL(fileURLWithPath: out + "/report.html").absoluteString
        let dom = try chromium(executable, ["--dump-dom", page])
        XCTAssertEqual(dom.status, 0, dom.err, file: file, line: line)
        XCTAssertEqual(Self.pageErrors(dom.err), [], "\(name): page errors", file: file, line: line)
        XCTAssertEqual(dom.out.components(separatedBy: "<svg ").count - 1, charts, "\(name): every chart parsed as SVG",
                       file: file, line: line)

        let shot = folder.path + "/\(name).png", blankShot = folder.path + "/blank.png"
        let rendered = try chromium(executable, ["--screenshot=\(shot)", "--window-size=1200,3000", page])
        XCTAssertEqual(rendered.status, 0, rendered.err, file: file, line: line)
        XCTAssertEqual(Self.pageErrors(rendered.err), [], "\(name): page errors", file: file, line: line)
        if !FileManager.default.fileExists(atPath: blankShot) {
            let blankPage = folder.write("blank.html", "<!DOCTYPE html><html><body></body></html>")
            _ = try chromium(executable, ["--screenshot=\(blankShot)", "--window-size=1200,3000",
                                          URL(fileURLWithPath: blankPage).absoluteString])
        }
        let png = try XCTUnwrap(Self.png(try Data(contentsOf: URL(fileURLWithPath: shot))), "\(name).png is not a PNG",
                                file: file, line: line)
        let blank = try XCTUnwrap(Self.png(try Data(contentsOf: URL(fileURLWithPath: blankShot))), "blank.png is not a PNG",
                                  file: file, line: line)
        XCTAssertEqual(png.width, 1200, file: file, line: line)
        XCTAssertEqual(png.height, 3000, file: file, line: line)
        XCTAssertGreaterThan(png.idat, 50_000, "\(name): a page of charts compresses less than this only if it is empty",
                             file: file, line: line)
        XCTAssertGreaterThan(png.idat, 4 * blank.idat, "\(name): far more paint than a blank page (\(blank.idat) bytes)",
                             file: file, line: line)
        if let keep = ProcessInfo.processInfo.environment["GOVSIM_REPORT_PNGS"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: keep + "/\(name).png")
            try? FileManager.default.copyItem(atPath: shot, toPath: keep + "/\(name).png")
        }
        return dom.out
    }

    func testReportRendersInHeadlessChromium() throws {
        guard let executable = Self.chromium else {
            throw XCTSkip("no chromium on the PATH: install it (apt-get install chromium) to render report.html")
        }
        let out = try ReportFixture.results(in: folder)
        try RunReport.write(resultsFolder: out)
        let dom = try render(out, name: "run", charts: 14, chromium: executable)
        XCTAssertTrue(dom.contains("<h1>tiny &amp; &lt;small&gt;</h1>"), String(dom.prefix(1_000)))
        for element in ["<table>", "<details>", "class=\"card\"", "<polyline", "<polygon"] {
            XCTAssertTrue(dom.contains(element), element)
        }
    }

    /// A run with a geometry file: the run's charts, the groups' three bar charts and three
    /// maps load and paint.
    func testAMappedReportRendersInHeadlessChromium() throws {
        guard let executable = Self.chromium else {
            throw XCTSkip("no chromium on the PATH: install it (apt-get install chromium) to render report.html")
        }
        let out = try MapFixture.results(in: folder)
        try RunReport.write(resultsFolder: out)
        let html = try XCTUnwrap(folder.read("mapped/report.html"))
        let charts = html.components(separatedBy: "<svg ").count - 1
        let dom = try render(out, name: "mapped", charts: charts, chromium: executable)
        XCTAssertEqual(dom.components(separatedBy: "<path ").count - 1, 3 * 2, "one path per group in each of 3 maps")
        XCTAssertTrue(dom.contains("<h2>Maps</h2>"))
    }

    /// The reports of compare, sweep (response curves over one axis, heatmaps over two),
    /// sensitivity and optimize all load cleanly and paint.
    func testEveryAnalysisReportRendersInHeadlessChromium() throws {
        guard let executable = Self.chromium else {
            throw XCTSkip("no chromium on the PATH: install it (apt-get install chromium) to render report.html")
        }
        let folders: [(String, String, Int)] = [
            // Two forest plots (changes in points, relative changes in %) and the cost scatter.
            ("compare", try AnalysisFixture.compare(in: folder), 3),
            ("sweep-curves", try AnalysisFixture.sweep(in: folder, axes: 1), 3),
            ("sweep-heatmaps", try AnalysisFixture.sweep(in: folder, axes: 2), 3),
            ("sensitivity-sobol", try AnalysisFixture.sensitivity(in: folder), 2),
            ("optimize", try AnalysisFixture.optimize(in: folder), 1),
            // A waterfall per headline output.
            ("explain", try AnalysisFixture.explain(in: folder), 3),
        ]
        for (name, out, charts) in folders {
            try ReportKind.detect(in: out).write(resultsFolder: out)
            let dom = try render(out, name: name, charts: charts, chromium: executable)
            XCTAssertTrue(dom.contains("<h1>"), name)
            XCTAssertTrue(dom.contains("<table class=\"data\">"), name)
        }
    }

    /// Measures a report in Chromium: a copy of the page with a script that, at load, notes the
    /// page's sideways overflow (scrollWidth − innerWidth), the smallest chart text as drawn
    /// (font size × the SVG's scale), the smallest table text, and every table frame or code
    /// block whose content is wider than the frame. With `print`, the page's print rules are
    /// applied as screen rules at A4's text width (718 px: 210 mm less 2 × 10 mm margins at 96 dpi).
    func measure(_ out: String, name: String, width: Int, print: Bool, chromium executable: String) throws -> [String: Any] {
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let script = """
        <script>
        (function () {
          if (\(print)) {
            var rules = [];
            for (var sheet of document.styleSheets) for (var r of sheet.cssRules)
              if (r.media && r.media.mediaText.indexOf('print') >= 0) for (var x of r.cssRules) rules.push(x.cssText);
            var st = document.createElement('style'); st.textContent = rules.join('\\n'); document.head.appendChild(st);
            document.body.style.width = '718px';
          }
          var minChart = 1e9, minTable = 1e9, clipped = [];
          for (var svg of document.querySelectorAll('svg')) {
            var drawn = svg.getBoundingClientRect().width, own = svg.width.baseVal.value || drawn;
            for (var t of svg.querySelectorAll('text')) {
              var size = parseFloat(getComputedStyle(t).fontSize) * drawn / own;
              if (size > 0 && t.textContent.trim()) minChart = Math.min(minChart, size);
            }
          }
          for (var c of document.querySelectorAll('td, th')) minTable = Math.min(minTable, parseFloat(getComputedStyle(c).fontSize));
          for (var f of document.querySelectorAll('.table-wrap, pre' + (\(print) ? ', figure' : '')))
            if (f.scrollWidth > f.clientWidth + 1) clipped.push(f.tagName + ':' + (f.textContent || '').slice(0, 40));
          document.body.setAttribute('data-measure', JSON.stringify({
            overflow: \(print) ? document.body.scrollWidth - 718 : document.documentElement.scrollWidth - window.innerWidth,
            minChart: minChart, minTable: minTable, clipped: clipped }));
        })();
        </script>
        """
        let page = folder.write("\(name)-measure-\(width)-\(print).html", html.replacingOccurrences(of: "</body>", with: script + "</body>"))
        let dom = try chromium(executable, ["--dump-dom", "--window-size=\(width),900", "--force-device-scale-factor=1",
                                            URL(fileURLWithPath: page).absoluteString])
        XCTAssertEqual(dom.status, 0, dom.err)
        guard let start = dom.out.range(of: "data-measure=\""), let end = dom.out[start.upperBound...].firstIndex(of: "\"") else {
            XCTFail("\(name): the measuring script left no data-measure (\(Self.pageErrors(dom.err)))")
            return [:]
        }
        let json = String(dom.out[start.upperBound..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// Every report kind reads on a 390 px phone (no sideways page scroll, chart and table text
    /// ≥ 11 px) and prints to A4 with no table, code block or chart wider than the page. Print
    /// to PDF works too. The thresholds are the issue's: 11 px is the smallest comfortable text.
    func testEveryReportReadsOnAPhoneAndPrintsToA4() throws {
        guard let executable = Self.chromium else {
            throw XCTSkip("no chromium on the PATH: install it (apt-get install chromium) to measure report.html")
        }
        let run = try ReportFixture.results(in: folder), mapped = try MapFixture.results(in: folder)
        try RunReport.write(resultsFolder: run)
        try RunReport.write(resultsFolder: mapped)
        let folders: [(String, String)] = [
            ("run", run), ("run with maps", mapped),
            ("compare", try AnalysisFixture.compare(in: folder)),
            ("sweep", try AnalysisFixture.sweep(in: folder, axes: 2)),
            ("sensitivity", try AnalysisFixture.sensitivity(in: folder)),
            ("optimize", try AnalysisFixture.optimize(in: folder)),
            ("explain", try AnalysisFixture.explain(in: folder)),
        ]
        for (name, out) in folders {
            if !name.hasPrefix("run") { try ReportKind.detect(in: out).write(resultsFolder: out) }
            let phone = try measure(out, name: name, width: 390, print: false, chromium: executable)
            XCTAssertLessThanOrEqual((phone["overflow"] as? Double) ?? 1e9, 0, "\(name) at 390 px: the page scrolls sideways")
            XCTAssertGreaterThanOrEqual((phone["minChart"] as? Double) ?? 0, 11, "\(name) at 390 px: chart text smaller than 11 px")
            XCTAssertGreaterThanOrEqual((phone["minTable"] as? Double) ?? 0, 11, "\(name) at 390 px: table text smaller than 11 px")
            let paper = try measure(out, name: name, width: 1200, print: true, chromium: executable)
            XCTAssertLessThanOrEqual((paper["overflow"] as? Double) ?? 1e9, 0, "\(name) printed: wider than A4")
            XCTAssertEqual((paper["clipped"] as? [String]) ?? ["?"], [], "\(name) printed: content wider than its frame is cut off")
            let pdf = folder.path + "/\(name).pdf"
            let printed = try chromium(executable, ["--print-to-pdf=\(pdf)", "--no-pdf-header-footer",
                                                    URL(fileURLWithPath: out + "/report.html").absoluteString])
            XCTAssertEqual(printed.status, 0, printed.err)
            let head = try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5)
            XCTAssertEqual(String(decoding: head, as: UTF8.self), "%PDF-", "\(name).pdf")
        }
    }

    /// Whether fontconfig has a font for Simplified Chinese (Debian: fonts-noto-cjk; .ci/run
    /// installs it), without which Chromium draws Chinese text as empty boxes.
    static var hasChineseFont: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-list")
        process.arguments = [":lang=zh-cn", "family"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return false }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self).contains("CJK")
    }

    /// The text of every SVG chart that is drawn outside its chart's box (a clipped label): a
    /// copy of the page with a script that compares each `<text>`'s box on the page (as Chromium
    /// lays it out in the page's fonts, rotated axis titles included) with its SVG's box.
    func clippedChartText(_ out: String, name: String, chromium executable: String) throws -> [String] {
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        let script = """
        <script>
        (function () {
          var out = [];
          for (var svg of document.querySelectorAll('svg')) {
            var box = svg.getBoundingClientRect();
            for (var t of svg.querySelectorAll('text')) {
              var b = t.getBoundingClientRect();
              if (t.textContent.trim() && (b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1
                  || b.bottom > box.bottom + 1)) out.push(t.textContent.trim());
            }
          }
          document.body.setAttribute('data-clipped', JSON.stringify(out));
        })();
        </script>
        """
        let page = folder.write("\(name)-clipped.html", html.replacingOccurrences(of: "</body>", with: script + "</body>"))
        let dom = try chromium(executable, ["--dump-dom", "--window-size=1200,900", URL(fileURLWithPath: page).absoluteString])
        XCTAssertEqual(dom.status, 0, dom.err)
        guard let start = dom.out.range(of: "data-clipped=\""), let end = dom.out[start.upperBound...].firstIndex(of: "\"") else {
            XCTFail("\(name): the script left no data-clipped (\(Self.pageErrors(dom.err)))")
            return ["?"]
        }
        let json = String(dom.out[start.upperBound..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String])
    }

    /// Pages in Chinese (`--lang zh`) load and paint like the English ones, with a font that has
    /// the glyphs; no chart label is drawn outside its chart (Chinese labels are wider per
    /// character than the English ones the layout was first tuned for), and they read on a phone
    /// and print to A4 like the English pages. GOVSIM_REPORT_PNGS keeps the screenshots (zh-*.png).
    func testChineseReportsRenderInHeadlessChromium() throws {
        guard let executable = Self.chromium else {
            throw XCTSkip("no chromium on the PATH: install it (apt-get install chromium) to render report.html")
        }
        XCTAssertTrue(Self.hasChineseFont, "no font for Chinese: install fonts-noto-cjk (apt-get install fonts-noto-cjk)")
        let run = try ReportFixture.results(in: folder), mapped = try MapFixture.results(in: folder)
        let folders: [(String, String, Int?)] = [
            ("zh-run", run, 14), ("zh-mapped", mapped, nil),
            ("zh-compare", try AnalysisFixture.compare(in: folder), 3),
            ("zh-sweep-curves", try AnalysisFixture.sweep(in: folder, axes: 1), 3),
            ("zh-sweep-heatmaps", try AnalysisFixture.sweep(in: folder, axes: 2), 3),
            ("zh-sensitivity", try AnalysisFixture.sensitivity(in: folder, method: .morris), 2),
            ("zh-optimize", try AnalysisFixture.optimize(in: folder), 1),
        ]
        for (name, out, charts) in folders {
            try ReportKind.detect(in: out).write(resultsFolder: out, language: .zh)
            let html = try XCTUnwrap(String(contentsOfFile: out + "/report.html", encoding: .utf8))
            let dom = try render(out, name: name, charts: charts ?? html.components(separatedBy: "<svg ").count - 1, chromium: executable)
            XCTAssertTrue(dom.contains("<html lang=\"zh-CN\">"), name)
            XCTAssertEqual(try clippedChartText(out, name: name, chromium: executable), [], "\(name): chart text outside its chart")
            let phone = try measure(out, name: name, width: 390, print: false, chromium: executable)
            XCTAssertLessThanOrEqual((phone["overflow"] as? Double) ?? 1e9, 0, "\(name) at 390 px: the page scrolls sideways")
            XCTAssertGreaterThanOrEqual((phone["minChart"] as? Double) ?? 0, 11, "\(name) at 390 px: chart text smaller than 11 px")
            let paper = try measure(out, name: name, width: 1200, print: true, chromium: executable)
            XCTAssertLessThanOrEqual((paper["overflow"] as? Double) ?? 1e9, 0, "\(name) printed: wider than A4")
            XCTAssertEqual((paper["clipped"] as? [String]) ?? ["?"], [], "\(name) printed: content wider than its frame is cut off")
        }
    }
}
