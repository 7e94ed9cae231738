import GovSim
import GovSimIO

extension Chart {
    /// One point of a scatter plot, in the axes' units, with optional whiskers; `label` is
    /// written beside it and `tooltip` shown on hovering.
    public struct ScatterPoint: Sendable {
        public var x: Double, y: Double
        public var xInterval: Interval?, yInterval: Interval?
        /// Index into the chart's series: the point's colour and shape.
        public var series: Int
        public var label: String?
        public var tooltip: String?
        public init(x: Double, y: Double, xInterval: Interval? = nil, yInterval: Interval? = nil, series: Int = 0,
                    label: String? = nil, tooltip: String? = nil) {
            self.x = x
            self.y = y
            self.xInterval = xInterval
            self.yInterval = yInterval
            self.series = series
            self.label = label
            self.tooltip = tooltip
        }
    }

    /// A named series of a scatter plot, drawn in `colour` with `marker`.
    public struct ScatterSeries: Sendable {
        public var name: String
        public var colour: String
        public var marker: Marker
        public init(_ name: String, colour: String, marker: Marker) {
            self.name = name
            self.colour = colour
            self.marker = marker
        }

        /// The `i`-th series in the palette's order of colours and shapes.
        public static func numbered(_ i: Int, _ name: String) -> ScatterSeries {
            let style = seriesStyle(i)
            return ScatterSeries(name, colour: style.colour, marker: style.marker)
        }
    }

    /// A dashed reference line across the plot: vertical at x = `value` or horizontal at
    /// y = `value`, named in the legend. An `optional` one is left off the plot (and said so in
    /// the legend) when it lies more than three times the data's span beyond the data, so that
    /// it does not squash the points; the others always widen the axis to show it.
    public struct Reference: Sendable {
        public var vertical: Bool
        public var value: Double
        public var name: String
        public var colour: String
        public var optional: Bool
        public init(x value: Double, _ name: String, colour: String = Palette.muted, optional: Bool = false) {
            (vertical, self.value, self.name, self.colour, self.optional) = (true, value, name, colour, optional)
        }
        public init(y value: Double, _ name: String, colour: String = Palette.muted, optional: Bool = false) {
            (vertical, self.value, self.name, self.colour, self.optional) = (false, value, name, colour, optional)
        }
    }

    /// A scatter plot with whiskers, dashed reference lines, an optional line through the
    /// points `path` (in that order; named `pathName`) and an optional ring round point
    /// `highlight`.
    public static func scatter(_ points: [ScatterPoint], series: [ScatterSeries], title: String, subtitle: String? = nil,
                               x horizontal: Axis, y vertical: Axis, references: [Reference] = [], path: [Int] = [],
                               pathName: String = "", highlight: Int? = nil, highlightName: String = "",
                               width: Double = 540, height: Double = 360) -> String {
        var svg = SVG(width: width, height: height, title: title)
        let top = heading(&svg, title: title, subtitle: subtitle)
        let drawn = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
        func reach(_ p: ScatterPoint, _ vertical: Bool) -> [Double] {
            let i = vertical ? p.yInterval : p.xInterval
            return [vertical ? p.y : p.x, i?.lo ?? .nan, i?.hi ?? .nan].filter(\.isFinite)
        }
        guard let xExtent = LinearScale.extent(of: drawn.flatMap { reach(points[$0], false) }),
              let yExtent = LinearScale.extent(of: drawn.flatMap { reach(points[$0], true) }) else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: height - top - 16)
            return svg.rendered
        }
        // 5% room round the data, so that no marker or label sits on the frame.
        func padded(_ d: ClosedRange<Double>) -> ClosedRange<Double> {
            let pad = (d.upperBound - d.lowerBound) * 0.05
            return (d.lowerBound - pad)...(d.upperBound + pad)
        }
        let xData = padded(xExtent), yData = padded(yExtent)
        func near(_ r: Reference) -> Bool {
            guard r.optional else { return true }
            let d = r.vertical ? xData : yData
            let span = d.upperBound - d.lowerBound
            return r.value >= d.lowerBound - 3 * span && r.value <= d.upperBound + 3 * span
        }
        let shown = references.filter(near)
        var entries: [(Swatch, String)] = series.indices.filter { s in drawn.contains { points[$0].series == s } }
            .map { (.marker(series[$0].colour, series[$0].marker), series[$0].name) }
        if !path.isEmpty { entries.append((.line(Palette.muted, dash: nil), pathName)) }
        for r in references {
            entries.append((.line(r.colour, dash: "5 3"),
                            near(r) ? r.name : "\(r.name) (\(value(r.value))\(tr(", off the chart")))"))
        }
        if let h = highlight, drawn.contains(h) { entries.append((.ring(Palette.ink), highlightName)) }
        let plotTop = legend(&svg, entries, x: 8, y: top, maxWidth: width - 16) + 8
        let bottom = height - 44
        let y = LinearScale(domain: LinearScale.extent(of: [yData.lowerBound, yData.upperBound]
                                                        + shown.filter { !$0.vertical }.map(\.value))!,
                            range: (bottom, plotTop)).niced()
        let left = leftMargin(for: y, suffix: vertical.suffix)
        let x = LinearScale(domain: LinearScale.extent(of: [xData.lowerBound, xData.upperBound]
                                                        + shown.filter(\.vertical).map(\.value))!,
                            range: (left, width - 24)).niced()
        yAxis(&svg, y, x0: left, x1: width - 24, axis: vertical)
        xAxis(&svg, x, y: bottom, gridTop: plotTop, axis: horizontal)
        for r in shown {
            if r.vertical {
                svg.line(x1: x(r.value), y1: plotTop, x2: x(r.value), y2: bottom, stroke: r.colour, width: 1.5, dash: "5 3")
            } else {
                svg.line(x1: left, y1: y(r.value), x2: width - 24, y2: y(r.value), stroke: r.colour, width: 1.5, dash: "5 3")
            }
        }
        let line = path.filter(drawn.contains).map { (x: x(points[$0].x), y: y(points[$0].y)) }
        if line.count > 1 { svg.polyline(line, stroke: Palette.muted, width: 1.5) }
        for p in drawn.map({ points[$0] }) {
            let style = p.series < series.count ? series[p.series] : ScatterSeries.numbered(p.series, "")
            let tip = p.tooltip ?? "\(p.label.map { $0 + ": " } ?? "")\(horizontal.title) \(value(p.x))\(horizontal.suffix), "
                + "\(vertical.title) \(value(p.y))\(vertical.suffix)"
            svg.group(title: tip) { g in
                for (interval, isY) in [(p.xInterval, false), (p.yInterval, true)] {
                    guard let i = interval, i.lo.isFinite, i.hi.isFinite else { continue }
                    if isY {
                        g.line(x1: x(p.x), y1: y(i.lo), x2: x(p.x), y2: y(i.hi), stroke: style.colour, width: 1.5)
                    } else {
                        g.line(x1: x(i.lo), y1: y(p.y), x2: x(i.hi), y2: y(p.y), stroke: style.colour, width: 1.5)
                    }
                }
                marker(&g, style.marker, x: x(p.x), y: y(p.y), colour: style.colour)
                if let label = p.label {
                    let right = x(p.x) + 8 + textWidth(label, size: smallSize) < width - 4
                    g.text(label, x: right ? x(p.x) + 8 : x(p.x) - 8, y: y(p.y) - 7, anchor: right ? .start : .end, size: smallSize)
                }
            }
        }
        if let h = highlight, drawn.contains(h) {
            svg.circle(cx: x(points[h].x), cy: y(points[h].y), r: 10, fill: "none", stroke: Palette.ink, strokeWidth: 2)
        }
        return svg.rendered
    }
}
