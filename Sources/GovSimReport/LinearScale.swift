import Foundation
import GovSimIO

/// Maps data values (the domain, in the data's unit) linearly onto pixels (the range), with
/// "nice" ticks at 1, 2 or 5 × 10^k. The range may run backwards (a y axis grows upwards).
public struct LinearScale: Sendable, Equatable {
    public var domain: ClosedRange<Double>
    /// Pixel positions of `domain.lowerBound` and `domain.upperBound`.
    public var range: (start: Double, end: Double)

    public init(domain: ClosedRange<Double>, range: (start: Double, end: Double)) {
        self.domain = domain
        self.range = range
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }

    /// The pixel position of `x` (values outside the domain extrapolate).
    public func callAsFunction(_ x: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (range.start + range.end) / 2 }
        return range.start + (x - domain.lowerBound) / span * (range.end - range.start)
    }

    /// The tick spacing for about `count` intervals over `span`: 1, 2 or 5 × 10^k.
    public static func tickStep(span: Double, count: Int = 5) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        let power = pow(10, (log10(raw)).rounded(.down))
        let ratio = raw / power
        return power * (ratio >= 7.07 ? 10 : ratio >= 3.16 ? 5 : ratio >= 1.41 ? 2 : 1)
    }

    /// The tick spacing this scale uses for about `count` intervals.
    public func tickStep(count: Int = 5) -> Double {
        LinearScale.tickStep(span: domain.upperBound - domain.lowerBound, count: count)
    }

    /// Multiples of the tick step inside the domain (ends included when they are multiples).
    public func ticks(count: Int = 5) -> [Double] {
        let step = tickStep(count: count)
        let first = (domain.lowerBound / step - 1e-9).rounded(.up), last = (domain.upperBound / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 * step == 0 ? 0 : $0 * step }
    }

    /// The same scale with its domain widened to whole tick steps, so the axis starts and ends on
    /// a tick. Widening can change the step (0…16 asks for 5, not 2), so it repeats until stable.
    public func niced(count: Int = 5) -> LinearScale {
        var scale = self
        for _ in 0..<10 {
            let step = scale.tickStep(count: count)
            let lo = (scale.domain.lowerBound / step + 1e-9).rounded(.down) * step
            let hi = max((scale.domain.upperBound / step - 1e-9).rounded(.up) * step, lo + step)
            if lo == scale.domain.lowerBound && hi == scale.domain.upperBound { break }
            scale.domain = lo...hi
        }
        return scale
    }

    /// A domain that holds every finite value, padded when they are all equal (±5%, or ±1 at 0)
    /// and stretched to 0 when `includingZero`; nil when there is no finite value.
    public static func extent(of values: [Double], includingZero: Bool = false) -> ClosedRange<Double>? {
        let finite = values.filter(\.isFinite)
        guard var lo = finite.min(), var hi = finite.max() else { return nil }
        if includingZero { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.05
            let wasNonNegative = lo >= 0
            lo -= pad
            hi += pad
            if wasNonNegative && includingZero { lo = max(lo, 0) }
        }
        return lo...hi
    }

    /// A tick label: as many decimals as the step needs, thousands grouped, and millions ("1.5M")
    /// or thousands ("20k") abbreviated when the step is that coarse; `suffix` is appended ("%").
    /// Zero is always "0".
    public static func label(_ x: Double, step: Double, suffix: String = "") -> String {
        if x == 0 { return "0" + suffix }
        let (scale, letter) = step >= 100_000 ? (1e6, "M") : step >= 1_000 ? (1e3, "k") : (1, "")
        let decimals = max(0, Int((-log10(step / scale) - 1e-9).rounded(.up)))
        return grouped(x / scale, decimals: decimals) + letter + suffix
    }

    /// `x` with `decimals` decimals and the integer part's thousands separated by commas.
    public static func grouped(_ x: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", x)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        let digits = Array(parts[0])
        var integer = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { integer += "," }
            integer.append(ch)
        }
        return (negative ? "-" : "") + integer + (parts.count > 1 ? "." + parts[1] : "")
    }
}
