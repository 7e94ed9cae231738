import Foundation

/// One line of progress: `[#########.........]   412/1000 trials  83.1/s  ETA 7s`.
public enum ProgressBar {
    /// Renders the bar (`width` cells between the brackets) with the count, and once something is
    /// done and time has passed, the rate and the time left (at the end: the time taken).
    /// The count is padded to the width of `total` so the line does not shift as it grows.
    public static func render(done: Int, total: Int, elapsedSeconds: Double, width: Int) -> String {
        let cells = max(width, 0)
        let filled = total > 0 ? min(max(done, 0), total) * cells / total : cells
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled) + "]"
        let count = String(done)
        let totalText = String(total)
        var line = "\(bar)  \(String(repeating: " ", count: max(totalText.count - count.count, 0)))\(count)/\(totalText) trials"
        if elapsedSeconds > 0, done > 0 {
            let rate = Double(done) / elapsedSeconds
            line += "  " + String(format: "%.1f/s", rate)
            if done >= total {
                line += "  done in " + duration(elapsedSeconds)
            } else {
                line += "  ETA " + duration(Double(total - done) / rate)
            }
        }
        return line
    }

    /// `7s`, `1m05s`, `2h03m` (rounded to the nearest second; negative counts as zero).
    public static func duration(_ seconds: Double) -> String {
        let s = seconds.isFinite ? Int(max(seconds, 0).rounded()) : 0
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + twoDigits(s % 60) + "s" }
        return "\(s / 3600)h" + twoDigits(s % 3600 / 60) + "m"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
