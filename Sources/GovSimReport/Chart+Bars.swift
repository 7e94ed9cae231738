import GovSim
import GovSimIO

extension Chart {
    /// One bar: a label, its value and an optional interval drawn as a whisker.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var interval: Interval?
        public init(_ label: String, _ value: Double, interval: Interval? = nil) {
            self.label = label
            self.value = value
            self.interval = interval
        }
    }

    /// One row of a breakdown: a label and a value per part.
    public struct Row: Sendable {
        public var label: String
        public var values: [Double]
        public init(_ label: String, _ values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    /// How a breakdown draws the parts of a row: end to end in one bar, or side by side.
    public enum Layout: Sendable { case stacked, grouped }

    static let rowHeight = 28.0

    /// Horizontal bars from zero, one per row, with whiskers for the intervals (`intervalName`
    /// says what they are in the legend). A bar with an undefined value reads "no data".
    public static func bars(_ bars: [Bar], title: String, subtitle: String? = nil, value axis: Axis,
                            barName: String = tr("mean"), intervalName: String = tr("90% of trials (p05–p95)"),
                            width: Double = 540) -> String {
        let defined = bars.filter { $0.value.isFinite }
        let extent = LinearScale.extent(of: defined.flatMap { [$0.value, $0.interval?.lo ?? 0, $0.interval?.hi ?? 0] },
                                        includingZero: true)
        let hasIntervals = defined.contains { $0.interval.map { $0.lo.isFinite && $0.hi.isFinite } ?? false }
        var entries: [(Swatch, String)] = [(.box(Palette.blue, opacity: 0.85), barName)]
        if hasIntervals { entries.append((.line(Palette.ink, dash: nil), intervalName)) }
        return rows(count: bars.count, labels: bars.map(\.label), title: title, subtitle: subtitle, legend: entries,
                    extent: extent, axis: axis, width: width, lanes: 1) { svg, x, y, i in
            let bar = bars[i]
            let mid = y + rowHeight / 2
            guard bar.value.isFinite else {
                svg.text(tr("no data"), x: x.range.start + 4, y: mid + 4, size: smallSize, fill: Palette.muted)
                return
            }
            let interval = bar.interval.flatMap { $0.lo.isFinite && $0.hi.isFinite ? $0 : nil }
            var tip = "\(bar.label): \(barName) \(value(bar.value))\(axis.suffix)"
            if let i = interval { tip += "; \(intervalName) \(value(i.lo))–\(value(i.hi))\(axis.suffix)" }
            svg.group(title: tip) { g in
                // The whole row is the tooltip's target, not just the (possibly tiny) bar.
                g.rect(x: x.range.start, y: y, width: x.range.end - x.range.start, height: rowHeight, fill: "#000000", opacity: 0)
                g.rect(x: min(x(0), x(bar.value)), y: mid - 8, width: abs(x(bar.value) - x(0)), height: 16,
                       fill: Palette.blue, opacity: 0.85)
                var end = max(x(bar.value), x(0))
                if let i = interval {
                    g.line(x1: x(i.lo), y1: mid, x2: x(i.hi), y2: mid, stroke: Palette.ink, width: 1.5)
                    g.line(x1: x(i.lo), y1: mid - 5, x2: x(i.lo), y2: mid + 5, stroke: Palette.ink, width: 1.5)
                    g.line(x1: x(i.hi), y1: mid - 5, x2: x(i.hi), y2: mid + 5, stroke: Palette.ink, width: 1.5)
                    end = max(end, x(i.hi))
                }
                g.text(short(bar.value) + axis.suffix, x: end + 6, y: mid + 4, size: smallSize)
            }
        }
    }

    /// A breakdown of each row into `parts`: stacked end to end (the bar is the row's total) or
    /// grouped side by side. Undefined values count as zero in a stack.
    public static func breakdown(_ rows: [Row], parts: [String], layout: Layout, title: String, subtitle: String? = nil,
                                 value axis: Axis, width: Double = 540) -> String {
        let colours = parts.indices.map { Palette.series[$0 % Palette.series.count] }
        let clean = rows.map { Row($0.label, $0.values.map { $0.isFinite ? max(0, $0) : 0 }) }
        let totals = clean.map { $0.values.reduce(0, +) }
        let extent = rows.allSatisfy({ $0.values.allSatisfy { !$0.isFinite } }) ? nil
            : LinearScale.extent(of: layout == .stacked ? totals : clean.flatMap(\.values), includingZero: true)
        let lanes = layout == .stacked ? 1 : max(1, parts.count)
        return self.rows(count: rows.count, labels: rows.map(\.label), title: title, subtitle: subtitle,
                         legend: zip(colours, parts).map { (.box($0, opacity: 1), $1) },
                         extent: extent, axis: axis, width: width, lanes: lanes) { svg, x, y, r in
            let row = clean[r], total = totals[r]
            switch layout {
            case .stacked:
                var start = 0.0
                for (p, v) in row.values.enumerated() where v > 0 && p < parts.count {
                    let share = total > 0 ? " (\(LinearScale.grouped(100 * v / total, decimals: 0))%)" : ""
                    svg.rect(x: x(start), y: y + rowHeight / 2 - 9, width: x(start + v) - x(start), height: 18, fill: colours[p],
                             stroke: "#FFFFFF", title: "\(row.label) — \(parts[p]): \(value(v))\(axis.suffix)\(share)")
                    start += v
                }
                svg.text(short(total) + axis.suffix, x: x(total) + 6, y: y + rowHeight / 2 + 4, size: smallSize)
            case .grouped:
                let lane = (rowHeight * Double(lanes) - 8) / Double(lanes)
                for (p, v) in row.values.enumerated() where p < parts.count {
                    let top = y + 4 + Double(p) * lane
                    svg.rect(x: x(0), y: top, width: x(v) - x(0), height: lane - 2, fill: colours[p],
                             title: "\(row.label) — \(parts[p]): \(value(v))\(axis.suffix)")
                    svg.text(short(v) + axis.suffix, x: x(v) + 6, y: top + lane / 2 + 3, size: smallSize - 1)
                }
            }
        }
    }

    /// The frame shared by bar charts: heading, legend, a label column, one band of `lanes`
    /// rows' height per label, and the value axis at the bottom. `draw` fills row i given the
    /// value scale and the row's top (px).
    static func rows(count: Int, labels: [String], title: String, subtitle: String?, legend entries: [(Swatch, String)],
                             extent: ClosedRange<Double>?, axis: Axis, width: Double, lanes: Int,
                             draw: (inout SVG, LinearScale, Double, Int) -> Void) -> String {
        let band = rowHeight * Double(lanes)
        let top = headingHeight(subtitle: subtitle)
        let plotTop = legendLayout(entries.map(\.1), x: 8, y: top, maxWidth: width - 16).bottom + 10
        let bottom = plotTop + Double(max(count, 1)) * band
        var svg = SVG(width: width, height: bottom + 46, title: title)
        _ = heading(&svg, title: title, subtitle: subtitle)
        guard count > 0, let extent else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: bottom + 30 - top)
            return svg.rendered
        }
        _ = legend(&svg, entries, x: 8, y: top, maxWidth: width - 16)
        let left = min(width * 0.45, 8 + (labels.map { textWidth($0) }.max() ?? 0) + 12)
        let x = LinearScale(domain: extent, range: (left, width - 72)).niced()
        xAxis(&svg, x, y: bottom, gridTop: plotTop, axis: axis)
        for (i, label) in labels.enumerated() {
            let y = plotTop + Double(i) * band
            svg.text(label, x: left - 8, y: y + band / 2 + 4, anchor: .end)
            draw(&svg, x, y, i)
        }
        return svg.rendered
    }
}
