import GovSimIO
extension Chart {
    /// One point of a response curve: x and the mean across trials with its 95% confidence
    /// interval, in the axes' units.
    public struct CurvePoint: Sendable, Equatable {
        public var x: Double
        public var mean: Double, lo: Double, hi: Double
        public init(x: Double, mean: Double, lo: Double, hi: Double) {
            self.x = x
            self.mean = mean
            self.lo = lo
            self.hi = hi
        }
    }

    /// A response curve: the mean through the points in order of x, marked at every point, in
    /// the band of its 95% confidence interval (whiskers where the band would have one point).
    public static func curve(_ points: [CurvePoint], title: String, subtitle: String? = nil, x horizontal: Axis, y vertical: Axis,
                             width: Double = 540, height: Double = 320,
                             legendNames: (band: String, line: String) = (tr("95% CI of the mean"), tr("mean over trials"))) -> String {
        var svg = SVG(width: width, height: height, title: title)
        let top = heading(&svg, title: title, subtitle: subtitle)
        let points = points.filter { $0.x.isFinite && $0.mean.isFinite }.sorted { $0.x < $1.x }
        guard let xDomain = LinearScale.extent(of: points.map(\.x)),
              let yDomain = LinearScale.extent(of: points.flatMap { [$0.mean, $0.lo, $0.hi] }) else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: height - top - 16)
            return svg.rendered
        }
        let plotTop = legend(&svg, [(.box(Palette.skyBlue, opacity: 0.4), legendNames.band),
                                    (.line(Palette.blue, dash: nil), legendNames.line)],
                             x: 8, y: top, maxWidth: width - 16) + 8
        let bottom = height - 44
        let y = LinearScale(domain: yDomain, range: (bottom, plotTop)).niced()
        let left = leftMargin(for: y, suffix: vertical.suffix)
        let x = LinearScale(domain: xDomain, range: (left + 8, width - 24)).niced()
        yAxis(&svg, y, x0: left, x1: width - 16, axis: vertical)
        xAxis(&svg, x, y: bottom, gridTop: nil, axis: horizontal)
        let band = points.filter { $0.lo.isFinite && $0.hi.isFinite }
        if band.count > 1 {
            svg.polygon(band.map { (x($0.x), y($0.hi)) } + band.reversed().map { (x($0.x), y($0.lo)) },
                        fill: Palette.skyBlue, opacity: 0.4)
        }
        if points.count > 1 { svg.polyline(points.map { (x: x($0.x), y: y($0.mean)) }, stroke: Palette.blue, width: 2) }
        for p in points {
            let tip = "\(horizontal.title) \(value(p.x))\(horizontal.suffix): \(tr("mean")) \(value(p.mean))\(vertical.suffix), "
                + "\(tr("95% CI")) \(value(p.lo))–\(value(p.hi))\(vertical.suffix)"
            svg.group(title: tip) { g in
                if band.count < 2, p.lo.isFinite, p.hi.isFinite {
                    g.line(x1: x(p.x), y1: y(p.lo), x2: x(p.x), y2: y(p.hi), stroke: Palette.blue, width: 1.5)
                }
                g.circle(cx: x(p.x), cy: y(p.mean), r: 4, fill: Palette.blue, stroke: "#FFFFFF", strokeWidth: 1)
            }
        }
        return svg.rendered
    }
}
