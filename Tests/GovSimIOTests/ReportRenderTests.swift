import Foundation
import XCTest
@testable import GovSimIO

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
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
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

    func testReportRendersInHeadlessChromium() throws {
        guard let executable = Self.chromium else {
            throw XCTSkip("no chromium on the PATH: install it (apt-get install chromium) to render report.html")
        }
        let out = try ReportFixture.results(in: folder)
        try RunReport.write(resultsFolder: out)
        let page = URL(fileURLWithPath: out + "/report.html").absoluteString

        // The DOM Chromium built: the page's parts are all there, and nothing failed.
        let dom = try chromium(executable, ["--dump-dom", page])
        XCTAssertEqual(dom.status, 0, dom.err)
        XCTAssertEqual(Self.pageErrors(dom.err), [], "page errors")
        XCTAssertTrue(dom.out.contains("<h1>tiny &amp; &lt;small&gt;</h1>"), String(dom.out.prefix(1_000)))
        XCTAssertEqual(dom.out.components(separatedBy: "<svg ").count - 1, 14, "every chart parsed as SVG")
        for element in ["<table>", "<details>", "class=\"card\"", "<polyline", "<polygon"] {
            XCTAssertTrue(dom.out.contains(element), element)
        }

        // The screenshot: a PNG of the window's size, with far more ink than a blank page.
        let shot = folder.path + "/report.png", blankShot = folder.path + "/blank.png"
        let rendered = try chromium(executable, ["--screenshot=\(shot)", "--window-size=1200,3000", page])
        XCTAssertEqual(rendered.status, 0, rendered.err)
        XCTAssertEqual(Self.pageErrors(rendered.err), [], "page errors")
        let blankPage = folder.write("blank.html", "<!DOCTYPE html><html><body></body></html>")
        _ = try chromium(executable, ["--screenshot=\(blankShot)", "--window-size=1200,3000",
                                      URL(fileURLWithPath: blankPage).absoluteString])
        let png = try XCTUnwrap(Self.png(try Data(contentsOf: URL(fileURLWithPath: shot))), "report.png is not a PNG")
        let blank = try XCTUnwrap(Self.png(try Data(contentsOf: URL(fileURLWithPath: blankShot))), "blank.png is not a PNG")
        XCTAssertEqual(png.width, 1200)
        XCTAssertEqual(png.height, 3000)
        XCTAssertGreaterThan(png.idat, 50_000, "a page of charts compresses less than this only if it is empty")
        XCTAssertGreaterThan(png.idat, 4 * blank.idat, "the report paints far more than a blank page (\(blank.idat) bytes)")
    }
}
