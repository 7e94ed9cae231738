import Foundation
import XCTest
import GovSim
@testable import GovSimIO
@testable import GovSimReport

/// The charts the analysis reports add: forest plot, grouped bars, scatter, heatmap, coloured
/// scatter and response curve, each well-formed for real, empty, constant and undefined data.
final class ChartTests: XCTestCase {
    let axis = Chart.Axis("change (%)", suffix: "%")

    /// Every chart of `charts` is well-formed SVG; those named "empty…" say "no data".
    func check(_ charts: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
        for (what, svg) in charts {
            SVGTests.assertWellFormed(svg, what, file: file, line: line)
            XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), what, file: file, line: line)
            if what.hasPrefix("empty") { XCTAssertTrue(svg.contains(">no data</text>"), what, file: file, line: line) }
        }
    }

    func testForestAndGroupedBars() {
        let groups = [
            Chart.EstimateGroup("safety_score ↑", [Chart.Estimate(3.5, interval: Interval(lo: 1.2, hi: 5.8)),
                                                   Chart.Estimate(-1, interval: Interval(lo: -2, hi: 0.5))]),
            Chart.EstimateGroup("petitions ↓", [Chart.Estimate(.nan, note: "baseline mean is 0"), Chart.Estimate(0)]),
        ]
        let forest = Chart.forest(groups, series: ["a & b", "c"], title: "Change <per> output", value: axis)
        let bars = Chart.groupedBars(groups, series: ["first order", "total order"], title: "Indices", value: Chart.Axis("share (0–1)"))
        let constant = [Chart.EstimateGroup("x", [Chart.Estimate(2, interval: Interval(lo: 2, hi: 2))])]
        check([("forest", forest), ("bars", bars),
               ("empty forest", Chart.forest([], series: [], title: "t", value: axis)),
               ("empty undefined forest", Chart.forest([Chart.EstimateGroup("x", [Chart.Estimate(.nan)])], series: ["s"], title: "t",
                                                       value: axis)),
               ("constant forest", Chart.forest(constant, series: ["s"], title: "t", value: axis)),
               ("empty bars", Chart.groupedBars([], series: ["s"], title: "t", value: axis))])
        XCTAssertTrue(forest.contains("<title>Change &lt;per&gt; output</title>"))
        XCTAssertTrue(forest.contains(">+3.50%</text>"), "values signed, with the unit")
        XCTAssertTrue(forest.contains(">a &amp; b: baseline mean is 0</text>"), "an undefined estimate says why")
        XCTAssertTrue(forest.contains("stroke-dasharray=\"4 3\""), "the dashed zero line")
        XCTAssertTrue(forest.contains("<polygon"), "the second series is a square, not a circle")
        XCTAssertTrue(bars.contains("safety_score ↑ — first order: 3.50; 95% CI 1.20 to 5.80"), "tooltips give the interval")
        XCTAssertEqual(forest, Chart.forest(groups, series: ["a & b", "c"], title: "Change <per> output", value: axis), "deterministic")
    }

    func testScatter() {
        let points = [
            Chart.ScatterPoint(x: 3_000, y: 1.9, xInterval: Interval(lo: 2_000, hi: 4_000), yInterval: Interval(lo: 1.5, hi: 2.3),
                               series: 0, label: "cameras"),
            Chart.ScatterPoint(x: 80_000, y: 1.2, series: 1, label: "council"),
            Chart.ScatterPoint(x: .nan, y: 1, series: 1),
        ]
        let series = [Chart.ScatterSeries.numbered(0, "a"), Chart.ScatterSeries("b", colour: Palette.vermillion, marker: .cross)]
        let svg = Chart.scatter(points, series: series, title: "Cost-effectiveness", x: Chart.Axis("extra cost (yuan)"),
                                y: Chart.Axis("safety (points)"), references: [Chart.Reference(x: 0, "no extra cost"),
                                                                               Chart.Reference(y: 1e9, "far", optional: true)],
                                path: [0, 1], pathName: "frontier", highlight: 1, highlightName: "chosen")
        let flat = (0..<4).map { _ in Chart.ScatterPoint(x: 5, y: 5, series: 0) }
        check([("scatter", svg), ("constant scatter", Chart.scatter(flat, series: series, title: "t", x: axis, y: axis)),
               ("empty scatter", Chart.scatter([], series: series, title: "t", x: axis, y: axis)),
               ("empty undefined scatter", Chart.scatter([Chart.ScatterPoint(x: .nan, y: .nan)], series: [], title: "t", x: axis, y: axis))])
        XCTAssertTrue(svg.contains(">cameras</text>") && svg.contains(">council</text>"), "labelled points")
        XCTAssertTrue(svg.contains(">far (1,000,000,000, off the chart)</text>"), "an optional reference far away is left off")
        XCTAssertTrue(svg.contains(">no extra cost</text>"))
        XCTAssertTrue(svg.contains("<polyline"), "the path")
        XCTAssertTrue(svg.contains("fill=\"none\" stroke=\"#222222\" stroke-width=\"2\""), "the ring round the highlight")
        XCTAssertTrue(svg.contains(">80k</text>"), "the x axis reaches the points")
    }

    func testHeatmapAndColourScatter() {
        XCTAssertEqual(Chart.sequential(0), "#440154")
        XCTAssertEqual(Chart.sequential(1), "#FDE725")
        XCTAssertEqual(Chart.sequential(.nan), "#440154")
        XCTAssertEqual(Chart.sequential(2), "#FDE725", "clamped")
        let values: [[Double]] = [[1, 2, 3], [4, .nan, 6]]
        let heat = Chart.heatmap(values, columns: ["0", "0.5", "1"], rows: ["0", "0.05"], title: "Safety",
                                 x: Chart.Axis("coverage (fraction 0–1)"), y: Chart.Axis("share (fraction 0–1)"),
                                 value: Chart.Axis("safety (points 0–100)"))
        let constant = Chart.heatmap([[7, 7], [7, 7]], columns: ["a", "b"], rows: ["c", "d"], title: "t", x: axis, y: axis, value: axis)
        let scatter = Chart.colourScatter([(0.1, 0.2, 3), (0.5, 0.9, 7), (0.7, 0.1, .nan)], title: "t", x: axis, y: axis, value: axis)
        check([("heatmap", heat), ("constant heatmap", constant), ("colour scatter", scatter),
               ("empty heatmap", Chart.heatmap([], columns: [], rows: [], title: "t", x: axis, y: axis, value: axis)),
               ("empty undefined heatmap", Chart.heatmap([[.nan]], columns: ["a"], rows: ["b"], title: "t", x: axis, y: axis, value: axis)),
               ("empty colour scatter", Chart.colourScatter([], title: "t", x: axis, y: axis, value: axis))])
        XCTAssertTrue(heat.contains("fill=\"#440154\""), "the lowest cell is the scale's start")
        XCTAssertTrue(heat.contains("fill=\"#FDE725\""), "the highest its end")
        XCTAssertTrue(heat.contains("fill=\"#EEEEEE\""), "an undefined cell is grey")
        XCTAssertTrue(heat.contains(">colour: safety (points 0–100)</text>"), "the colour bar says what colour means")
        XCTAssertTrue(heat.contains("↑ share (fraction 0–1)"), "the y axis's title")
        XCTAssertTrue(constant.contains(">7.00%</text>") && constant.contains(Chart.sequential(0.5)), "a constant grid is mid-scale")
        XCTAssertTrue(scatter.contains("stroke=\"#888888\""), "an undefined value is a grey ring")
    }

    func testCurve() {
        let points = [Chart.CurvePoint(x: 2, mean: 60, lo: 58, hi: 62), Chart.CurvePoint(x: 0, mean: 55, lo: 53, hi: 57),
                      Chart.CurvePoint(x: 1, mean: .nan, lo: .nan, hi: .nan)]
        let svg = Chart.curve(points, title: "Safety", x: Chart.Axis("staff (persons)"), y: Chart.Axis("safety (points 0–100)"))
        check([("curve", svg),
               ("one-point curve", Chart.curve([points[0]], title: "t", x: axis, y: axis)),
               ("constant curve", Chart.curve((0..<5).map { Chart.CurvePoint(x: Double($0), mean: 1, lo: 1, hi: 1) }, title: "t",
                                              x: axis, y: axis)),
               ("empty curve", Chart.curve([], title: "t", x: axis, y: axis)),
               ("empty undefined curve", Chart.curve([points[2]], title: "t", x: axis, y: axis))])
        XCTAssertTrue(svg.contains("<polygon"), "the 95% CI band")
        XCTAssertTrue(svg.contains("<polyline"), "the mean line")
        XCTAssertTrue(svg.contains("staff (persons) 0: mean 55.0, 95% CI 53.0–57.0"), "tooltips in order of x")
    }

    func testPreciseValues() {
        XCTAssertEqual(Chart.precise(0.025), "0.025")
        XCTAssertEqual(Chart.precise(1.0 / 3), "0.3333")
        XCTAssertEqual(Chart.precise(12), "12")
        XCTAssertEqual(Chart.precise(2_000_000), "2,000,000")
        XCTAssertEqual(Chart.precise(-0.0), "0")
        XCTAssertEqual(Chart.precise(.nan), "–")
        XCTAssertEqual(Chart.signed(1.5), "+1.50")
        XCTAssertEqual(Chart.signed(-0.2), "-0.20")
        XCTAssertEqual(Chart.signed(0), "0")
    }
}
