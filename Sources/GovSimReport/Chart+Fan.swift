import GovSimIO
extension Chart {
    /// One x position of a fan chart: the mean, median and 5th–95th percentiles across trials.
    public struct FanPoint: Sendable, Equatable {
        public var x: Double
        public var mean: Double, p05: Double, p50: Double, p95: Double
        public init(x: Double, mean: Double, p05: Double, p50: Double, p95: Double) {
            self.x = x
            self.mean = mean
            self.p05 = p05
            self.p50 = p50
            self.p95 = p95
        }
    }

    /// A labelled vertical marker on a chart's x axis (a policy switching on, docs/model.md §11).
    public struct Break: Sendable, Equatable {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// A fan chart over whole-number x (weeks): the band 90% of trials fall in (p05–p95), the
    /// median line and the dashed mean line, with each point's values as a tooltip. Undefined
    /// values are left out of the line they would break. The run records no quartiles, so there
    /// is no 50% band.
    /// `breaks` inside the x range are drawn as dashed vertical lines with their labels.
    public static func fan(_ points: [FanPoint], title: String, subtitle: String? = nil, x horizontal: Axis, y vertical: Axis,
                           width: Double = 540, height: Double = 320, breaks: [Break] = []) -> String {
        var svg = SVG(width: width, height: height, title: title)
        let top = heading(&svg, title: title, subtitle: subtitle)
        let points = points.filter { $0.x.isFinite && [$0.mean, $0.p05, $0.p50, $0.p95].contains(where: \.isFinite) }
        guard var xDomain = LinearScale.extent(of: points.map(\.x)),
              let yDomain = LinearScale.extent(of: points.flatMap { [$0.p05, $0.p50, $0.p95, $0.mean] }) else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: height - top - 16)
            return svg.rendered
        }
        let plotTop = legend(&svg, [(.box(Palette.skyBlue, opacity: 0.4), tr("90% of trials (p05–p95)")),
                                    (.line(Palette.blue, dash: nil), tr("median")),
                                    (.line(Palette.vermillion, dash: "5 3"), tr("mean"))],
                             x: 8, y: top, maxWidth: width - 16) + 8
        let bottom = height - 44
        // 5% headroom, never below zero for data that never is (counts).
        let pad = (yDomain.upperBound - yDomain.lowerBound) * 0.05
        let nonNegative = points.allSatisfy { [$0.mean, $0.p05, $0.p50, $0.p95].allSatisfy { !($0 < 0) } }
        let lo = nonNegative ? max(0, yDomain.lowerBound - pad) : yDomain.lowerBound - pad
        let y = LinearScale(domain: lo...(yDomain.upperBound + pad), range: (bottom, plotTop)).niced()
        let left = leftMargin(for: y, suffix: vertical.suffix)
        // A single week gets half a week either side, and ticks stay on whole weeks.
        if points.count == 1 { xDomain = (points[0].x - 0.5)...(points[0].x + 0.5) }
        let x = LinearScale(domain: xDomain, range: (left, width - 16))
        let xTicks = max(1, min(6, Int((xDomain.upperBound - xDomain.lowerBound).rounded())))

        yAxis(&svg, y, x0: left, x1: width - 16, axis: vertical)
        xAxis(&svg, x, y: bottom, gridTop: nil, axis: horizontal, count: xTicks)
        let band = points.filter { $0.p05.isFinite && $0.p95.isFinite }
        if band.count > 1 {
            svg.polygon(band.map { (x($0.x), y($0.p95)) } + band.reversed().map { (x($0.x), y($0.p05)) },
                        fill: Palette.skyBlue, opacity: 0.4)
        }
        for (keyPath, colour, dash) in [(\FanPoint.p50, Palette.blue, nil), (\FanPoint.mean, Palette.vermillion, "5 3")] {
            let line = points.filter { $0[keyPath: keyPath].isFinite }.map { (x: x($0.x), y: y($0[keyPath: keyPath])) }
            if line.count > 1 {
                svg.polyline(line, stroke: colour, width: 2, dash: dash)
            } else {
                for p in line { svg.circle(cx: p.x, cy: p.y, r: 3, fill: colour) }
            }
        }
        for (i, b) in breaks.enumerated() where xDomain.contains(b.x) {
            let bx = x(b.x)
            svg.line(x1: bx, y1: plotTop, x2: bx, y2: bottom, stroke: Palette.ink, width: 1.5, dash: "4 3")
            // Labels step down so that close breaks stay legible; near the right edge they read leftwards.
            let anchor: SVG.Anchor = bx > (x.range.start + x.range.end) / 2 ? .end : .start
            svg.text(b.label, x: bx + (anchor == .end ? -4 : 4), y: plotTop + 12 + 13 * Double(i % 3), anchor: anchor, size: 11)
        }
        // Invisible columns carry each point's values as a tooltip.
        let columnWidth = points.count > 1 ? (x.range.end - x.range.start) / Double(points.count - 1) : 20
        for p in points {
            let at = p.x == p.x.rounded() ? LinearScale.grouped(p.x, decimals: 0) : value(p.x)
            let tip = "\(horizontal.title) \(at): \(tr("median")) \(value(p.p50)), "
                + "\(tr("mean")) \(value(p.mean)), \(tr("90% of trials")) \(value(p.p05))–\(value(p.p95))"
            svg.rect(x: x(p.x) - columnWidth / 2, y: plotTop, width: columnWidth, height: bottom - plotTop,
                     fill: "#000000", opacity: 0, title: tip)
        }
        return svg.rendered
    }
}
