import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// The SVG writer, scales and chart builders: escaping, numbers, ticks, and charts that stay
/// well-formed XML for empty, constant and undefined data.
final class SVGTests: XCTestCase {
    /// Parses `text` as XML and fails the test with the parser's error if it is not well-formed.
    static func assertWellFormed(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse()
        XCTAssertTrue(ok, "\(what) is not well-formed XML: \(String(describing: parser.parserError))\n\(text.prefix(2_000))",
                      file: file, line: line)
    }

    func testEscaping() {
        XCTAssertEqual(SVG.escape(#"a<b & "c" 'd' >"#), "a&lt;b &amp; &quot;c&quot; &#39;d&#39; &gt;")
        XCTAssertEqual(SVG.escape("bell\u{7}\ttab\nline"), "bell\ttab\nline", "control characters XML forbids are dropped")
        XCTAssertEqual(SVG.escape("安全 – 100%"), "安全 – 100%")
        var svg = SVG(width: 100, height: 50, title: "a < b & c")
        svg.text("</svg><script>alert(1)</script>", x: 1, y: 2)
        svg.rect(x: 0, y: 0, width: 1, height: 1, fill: "#000", title: "\"quoted\" & <tagged>")
        XCTAssertFalse(svg.rendered.contains("<script>"))
        Self.assertWellFormed(svg.rendered, "escaped svg")
    }

    func testNumbersAreCompact() {
        XCTAssertEqual(SVG.number(1.0), "1")
        XCTAssertEqual(SVG.number(1.234), "1.23")
        XCTAssertEqual(SVG.number(2.5), "2.5")
        XCTAssertEqual(SVG.number(-0.001), "0")
        XCTAssertEqual(SVG.number(-3.456), "-3.46")
        XCTAssertEqual(SVG.number(.nan), "0")
        XCTAssertEqual(Chart.value(6_128_394.4), "6,128,394")
        XCTAssertEqual(Chart.value(65.14), "65.1")
        XCTAssertEqual(Chart.value(4.531), "4.53")
        XCTAssertEqual(Chart.value(.nan), "–")
        XCTAssertEqual(Chart.short(1_938_030), "1.94M")
        XCTAssertEqual(Chart.short(36_000), "36.0k")
    }

    func testNiceTicksOnKnownDomains() {
        func ticks(_ lo: Double, _ hi: Double, _ count: Int = 5) -> [Double] {
            LinearScale(domain: lo...hi, range: (0, 100)).niced(count: count).ticks(count: count)
        }
        XCTAssertEqual(ticks(0, 97), [0, 20, 40, 60, 80, 100])
        XCTAssertEqual(ticks(0, 1), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(ticks(63.2, 68.9), [63, 64, 65, 66, 67, 68, 69])
        XCTAssertEqual(ticks(0, 2_000_000), [0, 500_000, 1_000_000, 1_500_000, 2_000_000])
        // -7…7 steps by 2 to -8…8, which asks for a step of 5: the axis still ends on ticks.
        XCTAssertEqual(ticks(-7, 7), [-10, -5, 0, 5, 10])
        XCTAssertEqual(LinearScale.tickStep(span: 97), 20)
        XCTAssertEqual(LinearScale.tickStep(span: 3.3), 0.5)
        XCTAssertEqual(LinearScale.tickStep(span: 0), 1)
        let scale = LinearScale(domain: 0...100, range: (300, 100))
        XCTAssertEqual(scale(0), 300)
        XCTAssertEqual(scale(25), 250)
        XCTAssertEqual(scale.niced(), scale, "an already nice domain stays")
    }

    func testTickLabels() {
        XCTAssertEqual(LinearScale.label(1_500_000, step: 500_000), "1.5M")
        XCTAssertEqual(LinearScale.label(2_000_000, step: 1_000_000), "2M")
        XCTAssertEqual(LinearScale.label(40_000, step: 20_000), "40k")
        XCTAssertEqual(LinearScale.label(2_500, step: 500), "2,500")
        XCTAssertEqual(LinearScale.label(0.25, step: 0.05), "0.25")
        XCTAssertEqual(LinearScale.label(80, step: 20, suffix: "%"), "80%")
        XCTAssertEqual(LinearScale.label(0, step: 500_000), "0")
        XCTAssertEqual(LinearScale.label(-2, step: 2), "-2")
    }

    func testExtentPadsConstantsAndSkipsUndefined() {
        XCTAssertNil(LinearScale.extent(of: []))
        XCTAssertNil(LinearScale.extent(of: [.nan, .infinity]))
        XCTAssertEqual(LinearScale.extent(of: [5, 5]), 4.75...5.25)
        XCTAssertEqual(LinearScale.extent(of: [0, 0]), -1...1)
        XCTAssertEqual(LinearScale.extent(of: [0], includingZero: true), 0...1)
        XCTAssertEqual(LinearScale.extent(of: [3, .nan, 7], includingZero: true), 0...7)
    }

    func testBinCounts() {
        XCTAssertEqual(Chart.binCount([]), 5)
        XCTAssertEqual(Chart.binCount([1, 2, 3]), 5, "at least 5")
        // 1,000 evenly spread values: IQR 499.5, width 2·499.5/10 ≈ 99.9, so 10 bins.
        XCTAssertEqual(Chart.binCount((0..<1_000).map(Double.init)), 10)
        // A long tail would ask for thousands of bins: at most 40.
        XCTAssertEqual(Chart.binCount((0..<100).map(Double.init) + [1_000_000]), 40)
        // No spread between the quartiles: √n bins (√103 → 11).
        XCTAssertEqual(Chart.binCount((0..<101).map { _ in 1.0 } + [2, 1_000_000]), 11)
    }

    /// Every chart stays well-formed and says "no data" for empty input; constant and undefined
    /// data give a valid chart.
    func testEmptyConstantAndUndefinedSeriesRenderValidXML() {
        let flat = (1...10).map { Chart.FanPoint(x: Double($0), mean: 50, p05: 50, p50: 50, p95: 50) }
        let undefined = [Chart.FanPoint(x: 1, mean: .nan, p05: .nan, p50: .nan, p95: .nan)]
        let single = [Chart.FanPoint(x: 1, mean: 2, p05: 1, p50: 2, p95: 3)]
        let charts: [(String, String)] = [
            ("empty fan", Chart.fan([], title: "t", x: .init("week"), y: .init("v"))),
            ("undefined fan", Chart.fan(undefined, title: "t", x: .init("week"), y: .init("v"))),
            ("constant fan", Chart.fan(flat, title: "t", x: .init("week"), y: .init("v"))),
            ("one-point fan", Chart.fan(single, title: "t", x: .init("week"), y: .init("v"))),
            ("empty histogram", Chart.histogram([], title: "t", x: .init("v"))),
            ("constant histogram", Chart.histogram([3, 3, 3], title: "t", x: .init("v", suffix: "%"))),
            ("empty bars", Chart.bars([], title: "t", value: .init("yuan"))),
            ("undefined bars", Chart.bars([Chart.Bar("a", .nan), Chart.Bar("b", 0, interval: Interval(lo: .nan, hi: .nan))],
                                          title: "t", value: .init("yuan"))),
            ("empty breakdown", Chart.breakdown([], parts: ["a"], layout: .stacked, title: "t", value: .init("n"))),
            ("zero breakdown", Chart.breakdown([Chart.Row("r", [0, 0])], parts: ["a", "b"], layout: .grouped, title: "t",
                                               value: .init("n"))),
        ]
        for (what, svg) in charts {
            Self.assertWellFormed(svg, what)
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), what)
        }
        for (what, svg) in charts where what.hasPrefix("empty") || what == "undefined fan" {
            XCTAssertTrue(svg.contains(">no data</text>"), what)
        }
        XCTAssertTrue(charts[2].1.contains("<polyline"), "a constant series still draws its line")
        XCTAssertTrue(charts[5].1.contains("3 trials"), "a constant histogram puts every trial in one bin")
    }

    func testChartsAreDeterministicAndWellFormed() {
        func make() -> [String] {
            let points = (1...52).map { w in
                Chart.FanPoint(x: Double(w), mean: 60 + sin(Double(w)), p05: 55 + cos(Double(w)), p50: 60, p95: 65 + 0.1 * Double(w))
            }
            let values = (0..<200).map { 50 + 10 * sin(Double($0) * 0.7) }
            return [
                Chart.fan(points, title: "Safety & <score>", x: .init("week"), y: .init("points 0–100")),
                Chart.histogram(values, title: "h", x: .init("%", suffix: "%")),
                Chart.bars([Chart.Bar("mediation", 1_938_030, interval: Interval(lo: 1_903_090, hi: 1_967_785)),
                            Chart.Bar("council", 36_000)], title: "Cost", value: .init("yuan")),
                Chart.breakdown([Chart.Row("arisen", [2_300, 470, 60]), Chart.Row("reported", [1_850, 450, 0])],
                                parts: ["reported", "self-resolved", "other"], layout: .stacked, title: "d", value: .init("n")),
            ]
        }
        let a = make(), b = make()
        XCTAssertEqual(a, b)
        for (i, svg) in a.enumerated() { Self.assertWellFormed(svg, "chart \(i)") }
        XCTAssertTrue(a[0].contains("<title>Safety &amp; &lt;score&gt;</title>"))
        XCTAssertTrue(a[2].contains("1.94M"))
    }
}
