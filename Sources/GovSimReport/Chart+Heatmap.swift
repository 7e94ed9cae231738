import Foundation
import GovSimIO

extension Chart {
    /// Viridis, the sequential scale the heatmaps use: dark purple (low) to yellow (high). Its
    /// lightness rises steadily, so it reads the same for any colour vision and in grey print.
    static let viridis: [(r: Double, g: Double, b: Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    /// The colour of `t` (0 low … 1 high, clamped) on the sequential scale, as "#RRGGBB".
    public static func sequential(_ t: Double) -> String {
        let t = t.isFinite ? min(1, max(0, t)) : 0
        let position = t * Double(viridis.count - 1)
        let i = min(Int(position), viridis.count - 2), f = position - Double(i)
        let a = viridis[i], b = viridis[i + 1]
        func mix(_ u: Double, _ v: Double) -> Int { Int((u + (v - u) * f).rounded()) }
        return String(format: "#%02X%02X%02X", mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// Whether text on the sequential colour of `t` should be white (the dark lower half).
    static func lightInk(_ t: Double) -> Bool { t < 0.55 }

    /// Height (px) of the colour bar block.
    static let colourBarHeight = 54.0

    /// A horizontal colour bar at (x, y): the value axis's title, the scale over `domain`, and
    /// its tick labels; returns the y below it.
    static func colourBar(_ svg: inout SVG, domain: ClosedRange<Double>, axis: Axis, x: Double, y: Double, width: Double) -> Double {
        svg.text(tr("colour: ") + axis.title, x: x, y: y + 12, size: smallSize)
        let steps = 40
        let step = width / Double(steps)
        for i in 0..<steps {
            svg.rect(x: x + Double(i) * step, y: y + 18, width: step + 0.5, height: 12, fill: sequential((Double(i) + 0.5) / Double(steps)))
        }
        let scale = LinearScale(domain: domain, range: (x, x + width))
        for (value, label) in tickLabels(scale, suffix: axis.suffix, count: 4) {
            svg.line(x1: scale(value), y1: y + 30, x2: scale(value), y2: y + 34, stroke: Palette.axis)
            svg.text(label, x: scale(value), y: y + 46, anchor: .middle, size: smallSize, fill: Palette.muted)
        }
        return y + colourBarHeight
    }

    /// A heatmap: `values[row][column]` as cells coloured on the sequential scale, rows from the
    /// bottom up (like a y axis), the value written in every cell it fits, undefined cells grey.
    /// `columns` and `rows` label the cells along the x and y axes; the y axis's title stands
    /// level above the rows, where a long one still fits.
    public static func heatmap(_ values: [[Double]], columns: [String], rows: [String], title: String, subtitle: String? = nil,
                               x horizontal: Axis, y vertical: Axis, value axis: Axis, width: Double = 540,
                               domain fixedDomain: ClosedRange<Double>? = nil) -> String {
        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let top = headingHeight(subtitle: subtitle)
        let left = 8 + (rows.map { textWidth($0, size: smallSize) }.max() ?? 0) + 10
        let plotWidth = width - left - 16
        let cellWidth = plotWidth / Double(max(1, columns.count))
        let cellHeight = min(48, max(24, cellWidth * 0.6))
        let plotTop = top + colourBarHeight + 26
        let bottom = plotTop + cellHeight * Double(max(1, rows.count))
        var svg = SVG(width: width, height: bottom + 48, title: title)
        _ = heading(&svg, title: title, subtitle: subtitle)
        // A fixed domain (wider than the values) keeps noise from being stretched over the whole scale.
        guard !columns.isEmpty, !rows.isEmpty, let domain = fixedDomain ?? LinearScale.extent(of: finite) else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: bottom + 40 - top - 8)
            return svg.rendered
        }
        _ = colourBar(&svg, domain: domain, axis: axis, x: left, y: top, width: min(280, plotWidth))
        let t = LinearScale(domain: domain, range: (0, 1))
        for (r, label) in rows.enumerated() {
            let y = bottom - Double(r + 1) * cellHeight
            svg.text(label, x: left - 6, y: y + cellHeight / 2 + 4, anchor: .end, size: smallSize, fill: Palette.muted)
            for (c, column) in columns.enumerated() {
                let v = r < values.count && c < values[r].count ? values[r][c] : .nan
                let tip = "\(horizontal.title) \(column), \(vertical.title) \(label): \(value(v))\(v.isFinite ? axis.suffix : "")"
                let x = left + Double(c) * cellWidth
                svg.rect(x: x, y: y, width: cellWidth, height: cellHeight, fill: v.isFinite ? sequential(t(v)) : "#EEEEEE",
                         stroke: "#FFFFFF", title: tip)
                let text = v.isFinite ? short(v) + axis.suffix : "–"
                if textWidth(text, size: smallSize) + 6 < cellWidth && cellHeight >= 18 {
                    svg.text(text, x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, anchor: .middle, size: smallSize,
                             fill: v.isFinite && lightInk(t(v)) ? "#FFFFFF" : Palette.ink)
                }
            }
        }
        var shown = columns.indices.map { $0 }
        let widest = (columns.map { textWidth($0, size: smallSize) }.max() ?? 0) + 8
        if widest > cellWidth { shown = shown.filter { $0 % Int((widest / cellWidth).rounded(.up)) == 0 } }
        for c in shown {
            svg.text(columns[c], x: left + (Double(c) + 0.5) * cellWidth, y: bottom + 16, anchor: .middle, size: smallSize,
                     fill: Palette.muted)
        }
        svg.text(horizontal.title, x: left + plotWidth / 2, y: bottom + 36, anchor: .middle, size: smallSize)
        svg.text("↑ " + vertical.title, x: 8, y: plotTop - 8, size: smallSize)
        return svg.rendered
    }

    /// Points at (x, y) coloured by `value` on the sequential scale, for designs that are not a
    /// grid (Latin hypercube, Sobol); points with an undefined value are grey rings.
    public static func colourScatter(_ points: [(x: Double, y: Double, value: Double)], title: String, subtitle: String? = nil,
                                     x horizontal: Axis, y vertical: Axis, value axis: Axis,
                                     width: Double = 540, height: Double = 380) -> String {
        var svg = SVG(width: width, height: height, title: title)
        let top = heading(&svg, title: title, subtitle: subtitle)
        let points = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard let xDomain = LinearScale.extent(of: points.map(\.x)), let yDomain = LinearScale.extent(of: points.map(\.y)),
              let domain = LinearScale.extent(of: points.map(\.value)) else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: height - top - 16)
            return svg.rendered
        }
        let plotTop = top + colourBarHeight + 12
        let bottom = height - 44
        let y = LinearScale(domain: yDomain, range: (bottom - 8, plotTop + 8)).niced()
        let left = leftMargin(for: y, suffix: vertical.suffix)
        let x = LinearScale(domain: xDomain, range: (left + 8, width - 24)).niced()
        _ = colourBar(&svg, domain: domain, axis: axis, x: left, y: top, width: min(280, width - left - 24))
        yAxis(&svg, y, x0: left, x1: width - 16, axis: vertical)
        xAxis(&svg, x, y: bottom, gridTop: plotTop, axis: horizontal)
        let t = LinearScale(domain: domain, range: (0, 1))
        for p in points {
            let tip = "\(horizontal.title) \(value(p.x)), \(vertical.title) \(value(p.y)): \(value(p.value))"
                + (p.value.isFinite ? axis.suffix : "")
            if p.value.isFinite {
                svg.circle(cx: x(p.x), cy: y(p.y), r: 7, fill: sequential(t(p.value)), stroke: Palette.ink, strokeWidth: 0.5, title: tip)
            } else {
                svg.circle(cx: x(p.x), cy: y(p.y), r: 6, fill: "none", stroke: Palette.axis, strokeWidth: 1.5, title: tip)
            }
        }
        return svg.rendered
    }
}
