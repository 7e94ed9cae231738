import Foundation
import Synchronization

/// Redraws a `ProgressBar` in place (`\r`) as trials finish, from any thread, at most every
/// `minInterval` seconds. It writes only through `write`; show it only when the sink is a
/// terminal (see `isTerminal`).
public final class ProgressReporter: Sendable {
    private struct State {
        var done = 0
        var lastDraw = -Double.infinity
        var longestLine = 0
        var finished = false
    }

    private let total: Int
    private let barWidth: Int
    private let minInterval: Double
    private let start: Double
    private let now: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// - Parameters:
    ///   - total: The number of trials expected.
    ///   - barWidth: Cells between the brackets.
    ///   - minInterval: Seconds between redraws.
    ///   - write: Where the text goes, usually standard error.
    ///   - now: A clock in seconds (monotonic by default); tests inject their own.
    public init(total: Int, barWidth: Int = 30, minInterval: Double = 0.1,
                write: @escaping @Sendable (String) -> Void,
                now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.total = total
        self.barWidth = barWidth
        self.minInterval = minInterval
        self.now = now
        self.write = write
        self.start = now()
    }

    /// Counts `n` more finished trials and redraws if the last redraw is old enough (the first
    /// call always draws). Does nothing after `finish()`.
    public func advance(by n: Int = 1) {
        state.withLock { state in
            guard !state.finished else { return }
            state.done += n
            let t = now()
            guard t - state.lastDraw >= minInterval else { return }
            state.lastDraw = t
            draw(&state, at: t, end: "")
        }
    }

    /// Draws the final state followed by a newline; later calls do nothing.
    public func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            state.finished = true
            draw(&state, at: now(), end: "\n")
        }
    }

    /// Whether the file descriptor is a terminal (`STDERR_FILENO`, say).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Writes `\r` and the line, padded with spaces to cover a longer line drawn before.
    private func draw(_ state: inout State, at t: Double, end: String) {
        let line = ProgressBar.render(done: state.done, total: total, elapsedSeconds: t - start, width: barWidth)
        let padding = String(repeating: " ", count: max(state.longestLine - line.count, 0))
        state.longestLine = max(state.longestLine, line.count)
        write("\r" + line + padding + end)
    }
}
