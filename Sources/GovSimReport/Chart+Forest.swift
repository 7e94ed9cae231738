import GovSim
import GovSimIO

extension Chart {
    /// One estimate with its interval, in the value axis's unit; `note` says why an undefined
    /// (NaN) estimate is missing.
    public struct Estimate: Sendable {
        public var value: Double
        public var interval: Interval?
        public var note: String?
        public init(_ value: Double, interval: Interval? = nil, note: String? = nil) {
            self.value = value
            self.interval = interval
            self.note = note
        }
    }

    /// A labelled group of estimates, one per series: a metric with one estimate per policy, or
    /// a parameter with its first- and total-order indices.
    public struct EstimateGroup: Sendable {
        public var label: String
        public var estimates: [Estimate]
        public init(_ label: String, _ estimates: [Estimate]) {
            self.label = label
            self.estimates = estimates
        }
    }

    /// A forest plot: for every group, one point per series with a line across its interval,
    /// and a dashed vertical line at `reference` (no difference). Values are written signed.
    public static func forest(_ groups: [EstimateGroup], series: [String], title: String, subtitle: String? = nil,
                              value axis: Axis, intervalName: String = tr("95% CI"), reference: Double = 0,
                              width: Double = 540) -> String {
        lanes(groups, series: series, bars: false, title: title, subtitle: subtitle, axis: axis, intervalName: intervalName,
              reference: reference, width: width)
    }

    /// Horizontal bars from zero, one per series side by side in every group, with whiskers
    /// for the intervals.
    public static func groupedBars(_ groups: [EstimateGroup], series: [String], title: String, subtitle: String? = nil,
                                   value axis: Axis, intervalName: String = tr("95% CI"), width: Double = 540) -> String {
        lanes(groups, series: series, bars: true, title: title, subtitle: subtitle, axis: axis, intervalName: intervalName,
              reference: 0, width: width)
    }

    /// The forest plot and grouped bars: a band per group, a lane per series.
    private static func lanes(_ groups: [EstimateGroup], series: [String], bars: Bool, title: String, subtitle: String?,
                              axis: Axis, intervalName: String, reference: Double, width: Double) -> String {
        let defined = groups.flatMap(\.estimates).filter(\.value.isFinite)
        let values = defined.flatMap { e in [e.value] + [e.interval?.lo, e.interval?.hi].compactMap { $0 }.filter(\.isFinite) }
        let extent = defined.isEmpty ? nil : LinearScale.extent(of: values + [reference], includingZero: bars)
        var entries: [(Swatch, String)] = series.indices.map { s in
            let style = seriesStyle(s)
            return (bars ? .box(style.colour, opacity: 0.85) : .marker(style.colour, style.marker), series[s])
        }
        if defined.contains(where: { $0.interval != nil }) { entries.append((.line(Palette.ink, dash: nil), intervalName)) }
        let lanes = max(1, series.count)
        let format = bars ? short : signed
        return rows(count: groups.count, labels: groups.map(\.label), title: title, subtitle: subtitle, legend: entries,
                    extent: extent, axis: axis, width: width, lanes: lanes) { svg, x, top, g in
            let group = groups[g]
            if g > 0 { svg.line(x1: 8, y1: top, x2: x.range.end, y2: top, stroke: Palette.grid) }
            if !bars {
                svg.line(x1: x(reference), y1: top, x2: x(reference), y2: top + rowHeight * Double(lanes), stroke: Palette.axis,
                         dash: "4 3")
            }
            for (s, e) in group.estimates.enumerated() where s < lanes {
                let mid = top + (Double(s) + 0.5) * rowHeight
                let style = seriesStyle(s)
                let name = s < series.count ? series[s] : ""
                guard e.value.isFinite else {
                    svg.text("\(name): \(e.note ?? tr("no data"))", x: x.range.start + 4, y: mid + 4, size: smallSize, fill: Palette.muted)
                    continue
                }
                let interval = e.interval.flatMap { $0.lo.isFinite && $0.hi.isFinite ? $0 : nil }
                var tip = "\(group.label) — \(name): \(format(e.value))\(axis.suffix)"
                if let i = interval { tip += "; \(intervalName) \(format(i.lo))\(axis.suffix)\(tr(" to "))\(format(i.hi))\(axis.suffix)" }
                svg.group(title: tip) { svg in
                    svg.rect(x: x.range.start, y: mid - rowHeight / 2, width: x.range.end - x.range.start, height: rowHeight,
                             fill: "#000000", opacity: 0)
                    if bars {
                        svg.rect(x: min(x(0), x(e.value)), y: mid - 8, width: abs(x(e.value) - x(0)), height: 16, fill: style.colour,
                                 opacity: 0.85)
                    }
                    var end = max(x(e.value), bars ? x(0) : x(e.value)) + (bars ? 0 : 5)
                    if let i = interval {
                        let ink = bars ? Palette.ink : style.colour
                        svg.line(x1: x(i.lo), y1: mid, x2: x(i.hi), y2: mid, stroke: ink, width: 1.5)
                        svg.line(x1: x(i.lo), y1: mid - 5, x2: x(i.lo), y2: mid + 5, stroke: ink, width: 1.5)
                        svg.line(x1: x(i.hi), y1: mid - 5, x2: x(i.hi), y2: mid + 5, stroke: ink, width: 1.5)
                        end = max(end, x(i.hi))
                    }
                    if !bars { marker(&svg, style.marker, x: x(e.value), y: mid, colour: style.colour) }
                    svg.text(format(e.value) + axis.suffix, x: end + 6, y: mid + 4, size: smallSize)
                }
            }
        }
    }
}
