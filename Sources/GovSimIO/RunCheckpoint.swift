import Foundation
import GovSim

/// The finished trials of an interrupted run, kept in its output folder as `checkpoint.txt` so
/// `govsim run --resume` can finish the run to exactly the files an uninterrupted run writes.
/// Each trial keeps everything its files need: outputs, weekly series and parameter draws.
public enum RunCheckpoint {
    public static let fileName = "checkpoint.txt"

    /// Identifies the run: the resolved scenario (with seed and requested trials).
    public static func digest(_ scenario: Scenario) -> String {
        var text = ScenarioWriter.text(of: scenario)
        if let p = scenario.posterior {
            // The sample is not part of the scenario text: a changed posterior file is a different run.
            text += "\nposterior " + p.paths.joined(separator: ",") + ";" + zip(p.rows, p.weights).map { row, w in
                (row + [w]).map { "\($0)" }.joined(separator: ",")
            }.joined(separator: ";")
        }
        return String(StreamSeed.key(text), radix: 16)
    }

    static func path(_ directory: String) -> String { (directory as NSString).appendingPathComponent(fileName) }

    public static func write(_ trials: [TrialResult], digest: String, to directory: String) throws(AtomicFile.WriteError) {
        var text = "govsim-checkpoint 1 \(digest)\n"
        for t in trials { text += TrialLine.encode(t) + "\n" }
        try AtomicFile.write(text, to: path(directory))
    }

    public enum ReadError: Error, CustomStringConvertible {
        case missing(String), different(String), damaged(String)
        public var description: String {
            switch self {
            case .missing(let d): return "\(d): no interrupted run to resume here (no \(RunCheckpoint.fileName))"
            case .different(let d): return "\(d): holds an interrupted run of a different scenario, seed or trial count; use another --out or run without --resume"
            case .damaged(let f): return "\(f): damaged; delete it and run again without --resume"
            }
        }
    }

    /// The finished trials, if the folder holds an interrupted run with this digest.
    public static func read(from directory: String, digest: String) throws(ReadError) -> [TrialResult] {
        guard let text = try? String(contentsOfFile: path(directory), encoding: .utf8) else { throw .missing(directory) }
        var lines = text.split(separator: "\n")
        guard let header = lines.first, header.hasPrefix("govsim-checkpoint 1 ") else { throw .damaged(path(directory)) }
        guard header.dropFirst("govsim-checkpoint 1 ".count) == digest else { throw .different(directory) }
        lines.removeFirst()
        return try lines.map { (line) throws(ReadError) -> TrialResult in
            guard let t = TrialLine.decode(line) else { throw .damaged(path(directory)) }
            return t
        }
    }

    public static func remove(from directory: String) {
        try? FileManager.default.removeItem(atPath: path(directory))
    }
}
