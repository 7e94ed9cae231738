import Foundation
import GovSim
import GovSimExperiments

/// The files of a sweep. Each point's trials are kept in `points/point-NNNNN.csv` as soon as
/// the point finishes, so an interrupted sweep resumes without redoing or losing finished
/// points; `sweep.csv` and `sweep_trials.csv` are then built from the point files, so a resumed
/// sweep writes exactly the bytes an uninterrupted one does.
public struct SweepFolder: Sendable {
    public var directory: String
    public var sweep: Sweep
    public var design: DesignKind

    public init(directory: String, sweep: Sweep, design: DesignKind) {
        self.directory = directory
        self.sweep = sweep
        self.design = design
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    private var pointsDirectory: String { path("points") }
    private func pointFile(_ p: Int) -> String {
        (pointsDirectory as NSString).appendingPathComponent(String(format: "point-%05d.csv", p))
    }

    /// The data files of a finished sweep (report.html is drawn from them; the point files are
    /// the sweep's journal).
    public static let fileNames = [SweepFile.fileName, SweepFile.Table.fileName, SweepFile.Trials.fileName]

    /// sweep.json: what defines the sweep (a resumed sweep must match it exactly; the schema:
    /// `SweepFile`).
    public var descriptor: String { SweepFile(sweep, design: design).rendered }

    /// Identifies the sweep: the digest of its descriptor (scenario, seed, trials, design, axes
    /// and every point's values). Each point file carries it.
    public var digest: String { String(StreamSeed.key(descriptor), radix: 16) }

    public enum ResumeError: Error, CustomStringConvertible {
        case differentSweep(String)
        case unreadable(String)
        case damaged(String, String)
        public var description: String {
            switch self {
            case .differentSweep(let d): return "\(d): holds a different sweep (scenario, seed, trials, design or axes differ); use another --out or drop --resume"
            case .unreadable(let f): return "\(f): cannot be read back; delete it and resume again"
            case .damaged(let f, let why): return "\(f): \(why); delete it and resume again"
            }
        }
    }

    /// Prepares the folder: with `resume`, checks it holds this sweep and returns the points
    /// already finished; without, clears old point files.
    public func prepare(resume: Bool) throws -> [Int: [TrialResult]] {
        try AtomicFile.makeDirectory(pointsDirectory)
        let existing = try? String(contentsOfFile: path(SweepFile.fileName), encoding: .utf8)
        if resume, let existing, existing != descriptor { throw ResumeError.differentSweep(directory) }
        if !resume {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: pointsDirectory)) ?? [] where file.hasPrefix("point-") {
                try? FileManager.default.removeItem(atPath: (pointsDirectory as NSString).appendingPathComponent(file))
            }
        }
        try AtomicFile.write(descriptor, to: path(SweepFile.fileName))
        guard resume else { return [:] }
        var done: [Int: [TrialResult]] = [:]
        for p in sweep.unitPoints.indices {
            guard let data = FileManager.default.contents(atPath: pointFile(p)) else { continue }
            guard let text = String(data: data, encoding: .utf8) else { throw ResumeError.unreadable(pointFile(p)) }
            done[p] = try read(point: p, text)
        }
        return done
    }

    /// A point file's first line: what it is, the sweep's digest, the point and its values, and
    /// the digest of the table under it.
    public func pointHeader(_ p: Int, table: String) -> String {
        "# govsim-point 1 sweep \(digest) point \(p) values \(sweep.values(at: p).map(CSVTable.number).joined(separator: ";")) data \(String(StreamSeed.key(table), radix: 16))\n"
    }

    /// Point `p`'s trials from its file: refused unless it is this sweep's, for this point and
    /// its values, unedited, with exactly trials 0..<trials in order and values in their ranges.
    public func read(point p: Int, _ text: String) throws(ResumeError) -> [TrialResult] {
        let file = pointFile(p)
        guard let newline = text.firstIndex(of: "\n") else { throw .damaged(file, "empty or cut short") }
        let header = String(text[...newline]), table = String(text[text.index(after: newline)...])
        let fields = header.dropLast().split(separator: " ")
        guard fields.count == 11, fields[0] == "#", fields[1] == "govsim-point", fields[2] == "1" else {
            throw .damaged(file, "not a point file of this govsim (no govsim-point header)")
        }
        guard fields[4] == digest else { throw .damaged(file, "belongs to another sweep") }
        guard header == pointHeader(p, table: table) else {
            if fields[6] != String(p) { throw .damaged(file, "holds point \(fields[6]), not \(p)") }
            if fields[8] != sweep.values(at: p).map(CSVTable.number).joined(separator: ";") { throw .damaged(file, "its point values differ from this sweep's point \(p)") }
            throw .damaged(file, "its trials were changed after it was written (digest mismatch)")
        }
        guard let trials = (try? TrialsFile(text: table))?.outputs else { throw .damaged(file, "its table cannot be read") }
        guard trials.map(\.trial) == Array(0..<sweep.trials) else {
            throw .damaged(file, "holds trials \(trials.count == 0 ? "none" : "\(trials.map(\.trial).prefix(5))…"), expected 0–\(sweep.trials - 1) in order")
        }
        for t in trials {
            for m in Metric.allCases where (m.kind == .score || m.kind == .share) && !(t[m].isNaN || m.kind.bounds.contains(t[m])) {
                throw .damaged(file, "trial \(t.trial)'s \(m.name) \(t[m]) lies outside 0–100")
            }
        }
        return trials
    }

    /// Keeps one finished point on disk (atomically): the header line, then its trials' outputs
    /// (the schema: `TrialsFile(outputs:)`).
    public func keep(point p: Int, trials: [TrialResult]) throws {
        let text = TrialsFile(outputs: trials).rendered
        try AtomicFile.write(pointHeader(p, table: text) + text, to: pointFile(p))
    }

    /// Writes sweep.csv (a row per point and metric, with its paired difference from the
    /// reference: the scenario as written, on the same trials; the schema: `SweepFile.Table`) and
    /// sweep_trials.csv (a row per point and trial; the schema: `SweepFile.Trials`) from every
    /// point's trials.
    public func writeTables(_ results: [Int: [TrialResult]], reference: [TrialResult]) throws {
        let axisColumns = sweep.axes.map(\.path.text)
        var summary = SweepFile.Table(axes: axisColumns)
        var rows = SweepFile.Trials(axes: axisColumns)
        for p in sweep.unitPoints.indices {
            guard let trials = results[p] else { continue }
            let pointValues = sweep.values(at: p)
            for m in Metric.allCases {
                summary.append(point: p, values: pointValues, metric: m, summary: MetricSummary(trials.map { $0[m] }),
                               difference: PairedDifference(baseline: reference.map { $0[m] }, arm: trials.map { $0[m] }, kind: m.kind))
            }
            rows.append(point: p, values: pointValues, trials: trials)
        }
        try AtomicFile.write(summary.rendered, to: path(SweepFile.Table.fileName))
        try AtomicFile.write(rows.rendered, to: path(SweepFile.Trials.fileName))
    }
}
