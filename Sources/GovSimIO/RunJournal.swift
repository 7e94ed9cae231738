import Foundation
import GovSim

/// The finished trials of a run (or a shard), appended to `checkpoint.txt` in its output folder
/// as each trial finishes, so SIGKILL, SIGHUP, an OOM kill or a preemption keeps them; `--resume`
/// finishes the run to exactly the files an uninterrupted run writes.
///
/// Each line is written with one `write(2)` as soon as its trial finishes (it survives the
/// process being killed) and the file is fsynced at least once a second (it survives the
/// machine stopping). A line carries a digest of itself: a torn last line (the process killed
/// mid-write) is dropped; a damaged line elsewhere, a trial outside the run, twice, or of the
/// wrong shape makes the journal refused.
public final class RunJournal: @unchecked Sendable {
    public static let fileName = RunCheckpoint.fileName
    static let magic = "govsim-journal 1 "

    private let fd: Int32
    private let lock = NSLock()
    private var lastSync = ContinuousClock.now
    private var failure: String?
    public let path: String

    static func path(_ directory: String) -> String { (directory as NSString).appendingPathComponent(fileName) }

    /// Starts the journal of a run identified by `digest` with `kept` trials already in it (those
    /// read back on resume): the file is rewritten whole (atomically), then opened for appending.
    /// `keptArms`, per arm, the trials of a comparison's arms already in it.
    public init(directory: String, digest: String, kept: [TrialResult], keptArms: [[Int: TrialResult]] = []) throws(AtomicFile.WriteError) {
        path = RunJournal.path(directory)
        var text = RunJournal.magic + digest + "\n"
        for t in kept { text += RunJournal.line(t) }
        for (arm, trials) in keptArms.enumerated() {
            for t in trials.values.sorted(by: { $0.trial < $1.trial }) { text += RunJournal.line(t, arm: arm) }
        }
        try AtomicFile.write(text, to: path)
        fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(fd) }

    /// A trial as a journal line: its `TrialLine` (after `arm@` for a trial of a comparison's
    /// arm), a space, the digest of that, a newline.
    public static func line(_ t: TrialResult, arm: Int? = nil) -> String {
        let body = (arm.map { "\($0)@" } ?? "") + TrialLine.encode(t)
        return body + " " + String(StreamSeed.key(body), radix: 16) + "\n"
    }

    /// Appends a finished trial (from any thread); `arm` for a comparison's journal. After a
    /// failed write (a full disk) nothing more is appended, and the part of the line that was
    /// written is cut off again, so the journal stays whole lines that `--resume` can read.
    public func append(_ t: TrialResult, arm: Int? = nil) {
        let bytes = Array(RunJournal.line(t, arm: arm).utf8)
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        let end = lseek(fd, 0, SEEK_END)
        var written = 0, error: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n > 0 { written += n; continue }
                if n < 0 && errno == EINTR { continue }
                error = n < 0 ? errno : ENOSPC
                return
            }
        }
        if written != bytes.count {
            failure = String(cString: strerror(error))
            if end >= 0 { _ = ftruncate(fd, end) }
            return
        }
        if ContinuousClock.now - lastSync >= .seconds(1) {
            fsync(fd)
            lastSync = ContinuousClock.now
        }
    }

    /// Whether a write has failed (the command should stop starting trials: they would be lost).
    public var failed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return failure != nil
    }

    /// Flushes to disk; the first write error, if any.
    public func sync() -> String? {
        lock.lock()
        defer { lock.unlock() }
        if fsync(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        return failure.map { "cannot write \(path): \($0)" }
    }

    public enum ReadError: Error, CustomStringConvertible {
        case missing(String), different(String), damaged(String, String)
        public var description: String {
            switch self {
            case .missing(let d): return "\(d): nothing to resume here (no \(RunJournal.fileName) and no finished run)"
            case .different(let d): return "\(d): holds an interrupted run of a different scenario, seed or trial count; use another --out or run without --resume"
            case .damaged(let f, let why): return "\(f): damaged (\(why)); delete it and run again without --resume"
            }
        }
    }

    /// Whether the folder holds a journal.
    public static func exists(in directory: String) -> Bool { FileManager.default.fileExists(atPath: path(directory)) }

    /// What a journal's trials must look like: their indices, weekly values and parameter draws.
    public struct Shape: Sendable {
        public var expected: Range<Int>
        public var series: Int
        public var draws: Int
        public init(expected: Range<Int>, series: Int, draws: Int) {
            self.expected = expected
            self.series = series
            self.draws = draws
        }
    }

    /// The journalled trials of the run identified by `digest`, each one of `expected`, with
    /// `series` weekly values and `draws` parameter draws, finite or NaN.
    public static func read(from directory: String, digest: String, expected: Range<Int>, series: Int, draws: Int) throws(ReadError) -> [TrialResult] {
        let arms = try read(from: directory, digest: digest, arms: [Shape(expected: expected, series: series, draws: draws)], prefixed: false)
        return arms[0].values.sorted { $0.trial < $1.trial }
    }

    /// The journalled trials of the comparison identified by `digest`, per arm (`arms[a]` the
    /// shape of arm a's trials), keyed by trial index.
    public static func read(from directory: String, digest: String, arms: [Shape]) throws(ReadError) -> [[Int: TrialResult]] {
        try read(from: directory, digest: digest, arms: arms, prefixed: true)
    }

    static func read(from directory: String, digest: String, arms: [Shape], prefixed: Bool) throws(ReadError) -> [[Int: TrialResult]] {
        let file = path(directory)
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else { throw .missing(directory) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let torn = lines.last.map { !$0.isEmpty } ?? false
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first else { throw .damaged(file, "empty") }
        // A checkpoint of the older format (written whole on Ctrl-C) reads the same way.
        let old = "govsim-checkpoint 1 "
        guard header.hasPrefix(magic) || (!prefixed && header.hasPrefix(old)) else { throw .damaged(file, "no journal header") }
        guard header.dropFirst(header.hasPrefix(magic) ? magic.count : old.count) == digest else { throw .different(directory) }
        lines.removeFirst()
        var trials = [[Int: TrialResult]](repeating: [:], count: arms.count)
        for (k, raw) in lines.enumerated() {
            let last = k == lines.count - 1
            var body = raw
            if header.hasPrefix(magic) {
                guard let space = raw.lastIndex(of: " "), String(StreamSeed.key(String(raw[..<space])), radix: 16) == raw[raw.index(after: space)...] else {
                    if last && torn { break }  // killed mid-line: that trial runs again
                    throw .damaged(file, "line \(k + 2) fails its digest")
                }
                body = raw[..<space]
            }
            var arm = 0
            if prefixed {
                guard let at = body.firstIndex(of: "@"), let a = Int(body[..<at]), arms.indices.contains(a) else {
                    throw .damaged(file, "line \(k + 2) names no arm of this comparison")
                }
                arm = a
                body = body[body.index(after: at)...]
            }
            let shape = arms[arm]
            let of = prefixed ? " of arm \(arm)" : ""
            guard let t = TrialLine.decode(body) else { throw .damaged(file, "line \(k + 2) is not a trial") }
            guard shape.expected.contains(t.trial) else {
                throw .damaged(file, "trial \(t.trial)\(of) is not one of this run's \(shape.expected.lowerBound)–\(shape.expected.upperBound - 1)")
            }
            guard trials[arm][t.trial] == nil else { throw .damaged(file, "trial \(t.trial)\(of) appears twice") }
            guard t.series.count == shape.series, t.parameterDraws.count == shape.draws else {
                throw .damaged(file, "trial \(t.trial)\(of) has \(t.series.count) weekly values and \(t.parameterDraws.count) draws, expected \(shape.series) and \(shape.draws)")
            }
            guard !(t.metrics + t.series + t.parameterDraws).contains(where: { $0.isInfinite }) else {
                throw .damaged(file, "trial \(t.trial)\(of) holds an infinite value")
            }
            trials[arm][t.trial] = t
        }
        return trials
    }

    /// Weekly values a trial of `s` records.
    public static func seriesCount(_ s: Scenario) -> Int { s.run.days / 7 * WeeklySeries.allCases.count }

    public static func remove(from directory: String) {
        unlink(path(directory))
        AtomicFile.syncDirectory(directory)
    }
}
