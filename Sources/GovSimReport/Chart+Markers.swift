import GovSim
import GovSimIO
extension Chart {
    /// A point marker's shape. Series differ in shape as well as colour, so they stay apart in
    /// grey print and for readers with any colour vision.
    public enum Marker: Sendable, CaseIterable { case circle, square, diamond, triangle, cross }

    /// Series `i`'s colour and shape: the Okabe–Ito series colours, each with its own shape.
    static func seriesStyle(_ i: Int) -> (colour: String, marker: Marker) {
        (Palette.series[i % Palette.series.count], Marker.allCases[i % Marker.allCases.count])
    }

    /// Draws `shape` centred on (x, y), about `size` px across, outlined in white so that
    /// overlapping markers stay distinct (a cross is two strokes of `colour`).
    static func marker(_ svg: inout SVG, _ shape: Marker, x: Double, y: Double, colour: String, size: Double = 10) {
        let r = size / 2
        switch shape {
        case .circle:
            svg.circle(cx: x, cy: y, r: r, fill: colour, stroke: "#FFFFFF", strokeWidth: 1)
        case .square:
            svg.polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)], fill: colour, stroke: "#FFFFFF")
        case .diamond:
            let d = r * 1.3
            svg.polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], fill: colour, stroke: "#FFFFFF")
        case .triangle:
            let d = r * 1.25
            svg.polygon([(x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8)], fill: colour, stroke: "#FFFFFF")
        case .cross:
            svg.line(x1: x - r, y1: y - r, x2: x + r, y2: y + r, stroke: colour, width: 2.5)
            svg.line(x1: x - r, y1: y + r, x2: x + r, y2: y - r, stroke: colour, width: 2.5)
        }
    }

    /// A parameter value as given: up to four significant figures without trailing zeros
    /// ("0.025", "0.3333", "12"), whole and grouped from 1,000 ("2,000,000"); "–" when undefined.
    public static func precise(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if abs(x) >= 1_000 { return LinearScale.grouped(x, decimals: 0) }
        let text = String(format: "%.4g", x)
        return Double(text) == 0 ? "0" : text
    }

    /// A value with its sign ("+1.5", "-0.2", "0"), for differences.
    static func signed(_ x: Double) -> String {
        x > 0 ? "+" + value(x) : value(x)
    }

    /// How a change of `metric` reads: in points for a score or a share (a share's relative
    /// change would read as a change of points), as % of the reference's mean otherwise; "–"
    /// when undefined. `signed` formats the number (each caller keeps its own precision).
    public static func change(_ metric: Metric, difference: Double, relativePct: Double, signed: (Double) -> String) -> String {
        if metric.kind == .share || metric.kind == .score { return difference.isFinite ? signed(difference) + Catalogue.points(share: metric.kind == .share) : "–" }
        return relativePct.isFinite ? signed(relativePct) + "%" : "–"
    }
}
