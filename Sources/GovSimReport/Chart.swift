import Foundation
import GovSimIO

/// Chart builders for reports. Each returns a standalone `<svg>` element of the given width (px;
/// bar charts take the height their rows need), drawn in the Okabe–Ito palette. Every chart has
/// a title saying what it shows and axis titles with units, and says "no data" rather than
/// draw nothing.
public enum Chart {
    /// An axis: its title (with the unit, e.g. "safety score (points 0–100)") and a suffix for
    /// its tick labels (e.g. "%").
    public struct Axis: Sendable {
        public var title: String
        public var suffix: String
        public init(_ title: String, suffix: String = "") {
            self.title = title
            self.suffix = suffix
        }
    }

    /// A legend entry's sample: a filled box or a line.
    enum Swatch {
        case box(String, opacity: Double)
        case line(String, dash: String?)
        case marker(String, Marker)
        case ring(String)
    }

    static let titleSize = 16.0, fontSize = 13.0, smallSize = 12.0
    /// Intervals the value axis aims for.
    static let tickCount = 5

    /// Approximate width (px) of `text` at `size`; enough to lay out margins without a font.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double {
        // East Asian wide and fullwidth characters (CJK) are about 1 em wide, others ~0.58 em
        // (computed as before for text without any, so English pages keep their bytes).
        let wide = text.filter { $0.unicodeScalars.first.map(DisplayWidth.isWide) == true }.count
        return Double(text.count - wide) * size * 0.58 + Double(wide) * size
    }

    /// The y below the heading (px).
    static func headingHeight(subtitle: String?) -> Double { subtitle == nil ? 30 : 46 }

    /// Draws the title and an optional muted subtitle; returns the y below them (px).
    static func heading(_ svg: inout SVG, title: String, subtitle: String?) -> Double {
        svg.text(title, x: 8, y: 20, size: titleSize, bold: true)
        if let subtitle { svg.text(subtitle, x: 8, y: 38, size: smallSize, fill: Palette.muted) }
        return headingHeight(subtitle: subtitle)
    }

    /// Where legend entries go when laid out left to right from (x, y), wrapping at `maxWidth`:
    /// each entry's baseline position, and the y below the legend.
    static func legendLayout(_ labels: [String], x: Double, y: Double, maxWidth: Double) -> (at: [(x: Double, y: Double)], bottom: Double) {
        var cx = x, cy = y + 12
        var at: [(x: Double, y: Double)] = []
        for label in labels {
            let width = 22 + textWidth(label, size: smallSize) + 14
            if cx > x, cx + width > x + maxWidth {
                cx = x
                cy += 18
            }
            at.append((cx, cy))
            cx += width
        }
        return (at, cy + 8)
    }

    /// Draws legend entries left to right from (x, y), wrapping at `maxWidth`; returns the y below.
    static func legend(_ svg: inout SVG, _ entries: [(Swatch, String)], x: Double, y: Double, maxWidth: Double) -> Double {
        let layout = legendLayout(entries.map(\.1), x: x, y: y, maxWidth: maxWidth)
        for ((swatch, label), (cx, cy)) in zip(entries, layout.at) {
            switch swatch {
            case let .box(color, opacity): svg.rect(x: cx, y: cy - 9, width: 16, height: 10, fill: color, opacity: opacity)
            case let .line(color, dash): svg.line(x1: cx, y1: cy - 4, x2: cx + 16, y2: cy - 4, stroke: color, width: 2, dash: dash)
            case let .marker(color, shape): marker(&svg, shape, x: cx + 8, y: cy - 4, colour: color)
            case let .ring(color): svg.circle(cx: cx + 8, cy: cy - 4, r: 6, fill: "none", stroke: color, strokeWidth: 2)
            }
            svg.text(label, x: cx + 22, y: cy, size: smallSize)
        }
        return layout.bottom
    }

    /// "no data", centred in the plot area.
    static func noData(_ svg: inout SVG, x: Double, y: Double, width: Double, height: Double) {
        svg.rect(x: x, y: y, width: width, height: height, fill: "#F6F6F6", stroke: Palette.grid)
        svg.text(tr("no data"), x: x + width / 2, y: y + height / 2 + 5, anchor: .middle, size: 14, fill: Palette.muted)
    }

    /// Tick labels of a scale, with the step they were made for.
    static func tickLabels(_ scale: LinearScale, suffix: String, count: Int = tickCount) -> [(value: Double, label: String)] {
        let step = scale.tickStep(count: count)
        return scale.ticks(count: count).map { ($0, LinearScale.label($0, step: step, suffix: suffix)) }
    }

    /// A vertical value axis on the left of the plot: grid lines across [x0, x1], tick labels
    /// right-aligned before x0, and the axis title turned upright at the left edge.
    static func yAxis(_ svg: inout SVG, _ scale: LinearScale, x0: Double, x1: Double, axis: Axis) {
        for (value, label) in tickLabels(scale, suffix: axis.suffix) {
            let y = scale(value)
            svg.line(x1: x0, y1: y, x2: x1, y2: y, stroke: Palette.grid)
            svg.text(label, x: x0 - 6, y: y + 4, anchor: .end, size: smallSize, fill: Palette.muted)
        }
        svg.text(axis.title, x: 14, y: (scale.range.start + scale.range.end) / 2, anchor: .middle, size: smallSize, rotate: -90)
    }

    /// A horizontal axis at y: tick marks and labels below it, optional grid lines up to `gridTop`,
    /// and the axis title centred under it. Fewer ticks are drawn when their labels would crowd.
    static func xAxis(_ svg: inout SVG, _ scale: LinearScale, y: Double, gridTop: Double?, axis: Axis,
                      count: Int = tickCount) {
        svg.line(x1: scale.range.start, y1: y, x2: scale.range.end, y2: y, stroke: Palette.axis)
        let length = abs(scale.range.end - scale.range.start)
        var count = count, ticks = tickLabels(scale, suffix: axis.suffix, count: count)
        while count > 1, ticks.map({ textWidth($0.label, size: smallSize) + 12 }).reduce(0, +) > length {
            count -= 1
            ticks = tickLabels(scale, suffix: axis.suffix, count: count)
        }
        for (value, label) in ticks {
            let x = scale(value)
            if let gridTop { svg.line(x1: x, y1: gridTop, x2: x, y2: y, stroke: Palette.grid) }
            svg.line(x1: x, y1: y, x2: x, y2: y + 4, stroke: Palette.axis)
            svg.text(label, x: x, y: y + 16, anchor: .middle, size: smallSize, fill: Palette.muted)
        }
        svg.text(axis.title, x: (scale.range.start + scale.range.end) / 2, y: y + 34, anchor: .middle, size: smallSize)
    }

    /// Left margin (px) that fits the rotated axis title and the widest tick label of `scale`.
    static func leftMargin(for scale: LinearScale, suffix: String) -> Double {
        let widest = tickLabels(scale, suffix: suffix).map { textWidth($0.label, size: smallSize) }.max() ?? 0
        return 28 + widest + 8
    }

    /// A value for text and tooltips: three significant figures at most, thousands grouped, "0"
    /// for zero and "–" when undefined.
    public static func value(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 100 { return LinearScale.grouped(x, decimals: 0) }
        if magnitude >= 10 { return LinearScale.grouped(x, decimals: 1) }
        return LinearScale.grouped(x, decimals: 2)
    }

    /// A value shortened for a bar end: "1.94M", "25.3k", or `value(x)` below 10,000.
    public static func short(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if abs(x) >= 1e6 { return value(x / 1e6) + "M" }
        if abs(x) >= 1e4 { return value(x / 1e3) + "k" }
        return value(x)
    }
}
