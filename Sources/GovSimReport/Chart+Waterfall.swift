import GovSim
import GovSimIO

extension Chart {
    /// A horizontal waterfall: the baseline's level on the first row, each step (a lever's share
    /// of the effect) as a bar from the running total before it to the total after it, with its
    /// interval as a whisker around the bar's end, and the policy's level on the last row.
    /// Steps that move the output the better way (`higherIsBetter`) are blue (as the tables mark them), the worse
    /// way vermillion; dotted connectors join each row's end to the next row's start.
    public static func waterfall(start: (label: String, value: Double), steps: [(label: String, estimate: Estimate)],
                                 end: (label: String, value: Double), higherIsBetter: Bool, title: String,
                                 subtitle: String? = nil, value axis: Axis, intervalName: String = "95% CI",
                                 betterName: String = "better", worseName: String = "worse", width: Double = 620) -> String {
        var running = start.value
        var spans: [(from: Double, to: Double)] = []
        var values = [start.value, end.value]
        for step in steps {
            let delta = step.estimate.value.isFinite ? step.estimate.value : 0
            spans.append((running, running + delta))
            if let i = step.estimate.interval, i.lo.isFinite, i.hi.isFinite { values += [running + i.lo, running + i.hi] }
            running += delta
            values.append(running)
        }
        let finite = values.filter(\.isFinite)
        let extent = start.value.isFinite && !finite.isEmpty ? LinearScale.extent(of: finite, includingZero: false) : nil
        let entries: [(Swatch, String)] = [(.box(Palette.blue, opacity: 0.85), betterName),
                                           (.box(Palette.vermillion, opacity: 0.85), worseName),
                                           (.line(Palette.ink, dash: nil), intervalName)]
        let labels = [start.label] + steps.map(\.label) + [end.label]
        return rows(count: labels.count, labels: labels, title: title, subtitle: subtitle, legend: entries, extent: extent,
                    axis: axis, width: width, lanes: 1) { svg, x, top, row in
            let mid = top + rowHeight / 2
            if row > 0 { svg.line(x1: 8, y1: top, x2: x.range.end, y2: top, stroke: Palette.grid) }
            if row == 0 || row == labels.count - 1 {
                let level = row == 0 ? start.value : end.value
                guard level.isFinite else { return }
                svg.group(title: "\(labels[row]): \(value(level))\(axis.suffix)") { svg in
                    svg.rect(x: x.range.start, y: mid - 8, width: max(1, x(level) - x.range.start), height: 16, fill: Palette.axis,
                             opacity: 0.55)
                    svg.text(value(level) + axis.suffix, x: x(level) + 6, y: mid + 4, size: smallSize)
                }
                if row == 0, let first = spans.first {
                    svg.line(x1: x(first.from), y1: mid + 8, x2: x(first.from), y2: mid + rowHeight - 8, stroke: Palette.axis, dash: "2 2")
                }
                return
            }
            let step = steps[row - 1], span = spans[row - 1]
            guard step.estimate.value.isFinite else {
                svg.text(step.estimate.note ?? "no data", x: x.range.start + 4, y: mid + 4, size: smallSize, fill: Palette.muted)
                return
            }
            let better = (step.estimate.value > 0) == higherIsBetter
            let colour = step.estimate.value == 0 ? Palette.axis : (better ? Palette.blue : Palette.vermillion)
            var tip = "\(step.label): \(signed(step.estimate.value))\(axis.suffix)"
            let interval = step.estimate.interval.flatMap { $0.lo.isFinite && $0.hi.isFinite ? $0 : nil }
            if let i = interval { tip += "; \(intervalName) \(signed(i.lo))\(axis.suffix) to \(signed(i.hi))\(axis.suffix)" }
            svg.group(title: tip) { svg in
                svg.rect(x: min(x(span.from), x(span.to)), y: mid - 8, width: max(1, abs(x(span.to) - x(span.from))), height: 16,
                         fill: colour, opacity: 0.85)
                var right = max(x(span.from), x(span.to))
                if let i = interval {
                    let lo = x(span.from + i.lo), hi = x(span.from + i.hi)
                    svg.line(x1: lo, y1: mid, x2: hi, y2: mid, stroke: Palette.ink, width: 1.5)
                    svg.line(x1: lo, y1: mid - 5, x2: lo, y2: mid + 5, stroke: Palette.ink, width: 1.5)
                    svg.line(x1: hi, y1: mid - 5, x2: hi, y2: mid + 5, stroke: Palette.ink, width: 1.5)
                    right = max(right, hi)
                }
                svg.text(signed(step.estimate.value) + axis.suffix, x: right + 6, y: mid + 4, size: smallSize)
            }
            // The connector to the next row starts where this bar ends.
            svg.line(x1: x(span.to), y1: mid + 8, x2: x(span.to), y2: mid + rowHeight - 8, stroke: Palette.axis, dash: "2 2")
        }
    }
}
