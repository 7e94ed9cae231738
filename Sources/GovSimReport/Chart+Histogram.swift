import Foundation
import GovSimIO

extension Chart {
    /// How many bins a histogram of `values` gets: Freedman–Diaconis (bin width 2·IQR/∛n) when
    /// the interquartile range is positive, else √n; always 5 to 40.
    public static func binCount(_ values: [Double]) -> Int {
        let sorted = values.filter(\.isFinite).sorted()
        guard let lo = sorted.first, let hi = sorted.last, hi > lo else { return 5 }
        let n = Double(sorted.count)
        let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25)
        let bins = iqr > 0 ? ((hi - lo) / (2 * iqr / cbrt(n))).rounded(.up) : n.squareRoot().rounded(.up)
        return Int(min(40, max(5, bins)))
    }

    /// Quantile `p` of sorted values, interpolating linearly at position p·(n − 1) like GSL.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let i = Int(position.rounded(.down)), next = min(i + 1, sorted.count - 1)
        return sorted[i] + (position - Double(i)) * (sorted[next] - sorted[i])
    }

    /// A histogram of `values` across trials (undefined values are left out), with the mean marked.
    public static func histogram(_ values: [Double], title: String, subtitle: String? = nil, x horizontal: Axis,
                                 width: Double = 540, height: Double = 300) -> String {
        var svg = SVG(width: width, height: height, title: title)
        let top = heading(&svg, title: title, subtitle: subtitle)
        let finite = values.filter(\.isFinite)
        guard let domain = LinearScale.extent(of: finite) else {
            noData(&svg, x: 8, y: top + 8, width: width - 16, height: height - top - 16)
            return svg.rendered
        }
        let bins = binCount(finite)
        let binWidth = (domain.upperBound - domain.lowerBound) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in finite { counts[min(bins - 1, Int((v - domain.lowerBound) / binWidth))] += 1 }
        let mean = finite.reduce(0, +) / Double(finite.count)

        let plotTop = legend(&svg, [(.box(Palette.skyBlue, opacity: 1), Catalogue.trialsPerBin(finite.count, bins)),
                                    (.line(Palette.vermillion, dash: "5 3"), "\(tr("mean")) \(value(mean))")],
                             x: 8, y: top, maxWidth: width - 16) + 8
        let bottom = height - 44
        let y = LinearScale(domain: 0...Double(max(1, counts.max() ?? 1)), range: (bottom, plotTop)).niced()
        let left = leftMargin(for: y, suffix: "")
        let x = LinearScale(domain: domain, range: (left, width - 16))
        yAxis(&svg, y, x0: left, x1: width - 16, axis: Axis(tr("trials")))
        xAxis(&svg, x, y: bottom, gridTop: nil, axis: horizontal, count: 6)
        for (i, count) in counts.enumerated() where count > 0 {
            let lo = domain.lowerBound + Double(i) * binWidth, hi = lo + binWidth
            svg.rect(x: x(lo), y: y(Double(count)), width: x(hi) - x(lo), height: bottom - y(Double(count)),
                     fill: Palette.skyBlue, stroke: "#FFFFFF",
                     title: "\(value(lo))–\(value(hi))\(horizontal.suffix): " + Catalogue.trialCount(count))
        }
        svg.line(x1: x(mean), y1: plotTop, x2: x(mean), y2: bottom, stroke: Palette.vermillion, width: 2, dash: "5 3")
        return svg.rendered
    }
}
