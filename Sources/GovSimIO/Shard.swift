import Foundation
import GovSim

/// One shard of a run: the trials [lo, hi) of a run split into N parts, kept with everything
/// `govsim merge` needs to write exactly the data files one unsharded run writes.
///
/// A shard folder holds `shard.txt` (a JSON header line, then one line per trial: outputs,
/// weekly series and parameter draws) and `scenario.resolved.json5` (the whole run's scenario).
public struct Shard: Sendable {
    public var index: Int        // 1-based
    public var count: Int
    public var totalTrials: Int
    public var seed: UInt64
    public var version: String
    public var digest: String
    public var scenarioPath: String
    public var extends: [String]
    public var trials: [TrialResult]

    public static let fileName = "shard.txt"

    public init(index: Int, count: Int, totalTrials: Int, seed: UInt64, version: String, digest: String,
                scenarioPath: String, extends: [String], trials: [TrialResult]) {
        self.index = index
        self.count = count
        self.totalTrials = totalTrials
        self.seed = seed
        self.version = version
        self.digest = digest
        self.scenarioPath = scenarioPath
        self.extends = extends
        self.trials = trials
    }

    /// The trial indices of shard `index` of `count` over `total` trials: contiguous blocks.
    public static func range(index: Int, count: Int, total: Int) -> Range<Int> {
        (total * (index - 1) / count)..<(total * index / count)
    }

    public func write(to directory: String, resolvedScenario: String) throws(AtomicFile.WriteError) {
        try AtomicFile.makeDirectory(directory)
        let header = JSONText.object([
            "govsim_shard": .integer(1), "index": .integer(index), "count": .integer(count), "total_trials": .integer(totalTrials),
            "seed": .integer(Int(seed)), "version": .string(version), "digest": .string(digest),
            "scenario_file": .string(scenarioPath), "extends": .array(extends.map { .string($0) }),
        ]).rendered.replacingOccurrences(of: "\n", with: " ")
        var text = header + "\n"
        for t in trials { text += TrialLine.encode(t) + "\n" }
        try AtomicFile.write(text, to: (directory as NSString).appendingPathComponent(Shard.fileName))
        try AtomicFile.write(resolvedScenario, to: (directory as NSString).appendingPathComponent("scenario.resolved.json5"))
    }

    public struct MergeError: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Reads a shard folder.
    public static func read(_ directory: String) throws(MergeError) -> Shard {
        guard !directory.isEmpty else { throw MergeError(description: "'': not a shard folder (an empty name)") }
        let path = (directory as NSString).appendingPathComponent(fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw MergeError(description: "\(directory): not a shard folder (no \(fileName); write one with govsim run --shard i/N)")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, case .object(let h)? = try? JSONDecoder().decode(JSONValue.self, from: Data(first.utf8)),
              case .integer(let index)? = h["index"], case .integer(let count)? = h["count"],
              case .integer(let total)? = h["total_trials"], case .integer(let seed)? = h["seed"],
              case .string(let version)? = h["version"], case .string(let digest)? = h["digest"],
              case .string(let file)? = h["scenario_file"], case .array(let ext)? = h["extends"] else {
            throw MergeError(description: "\(path): damaged shard header")
        }
        guard count >= 1, count <= 1_000_000, (1...count).contains(index), total >= count, total <= 1_000_000, seed >= 0 else {
            throw MergeError(description: "\(path): damaged shard header (index \(index) of \(count), \(total) trials, seed \(seed))")
        }
        lines.removeFirst()
        var trials: [TrialResult] = []
        for line in lines {
            guard let t = TrialLine.decode(line), !(t.metrics + t.series + t.parameterDraws).contains(where: { $0.isInfinite }) else {
                throw MergeError(description: "\(path): damaged trial line")
            }
            trials.append(t)
        }
        return Shard(index: Int(index), count: Int(count), totalTrials: Int(total), seed: UInt64(seed), version: version, digest: digest,
                     scenarioPath: file, extends: ext.compactMap { if case .string(let s) = $0 { return s }; return nil }, trials: trials)
    }

    /// Checks that `shards` are exactly shards 1…N of one run and returns its trials in order.
    public static func merge(_ shards: [(directory: String, shard: Shard)]) throws(MergeError) -> [TrialResult] {
        guard let (firstDirectory, first) = shards.first else { throw MergeError(description: "no shard folders given") }
        var seen: [Int: String] = [:]
        for (directory, s) in shards {
            if s.digest != first.digest || s.seed != first.seed || s.totalTrials != first.totalTrials {
                throw MergeError(description: "\(directory): shard of a different run than \(firstDirectory) (scenario, seed or trial count differ)")
            }
            if s.version != first.version {
                throw MergeError(description: "\(directory): written by govsim \(s.version), \(firstDirectory) by govsim \(first.version)")
            }
            if s.count != first.count {
                throw MergeError(description: "\(directory): shard \(s.index) of \(s.count), but \(firstDirectory) is one of \(first.count)")
            }
            if let other = seen[s.index] { throw MergeError(description: "shard \(s.index) of \(s.count) given twice: \(other) and \(directory)") }
            seen[s.index] = directory
            let expected = Array(range(index: s.index, count: s.count, total: s.totalTrials))
            if s.trials.map(\.trial) != expected {
                throw MergeError(description: "\(directory): shard \(s.index) of \(s.count) is incomplete (\(s.trials.count) of \(expected.count) trials)")
            }
        }
        let missing = (1...first.count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw MergeError(description: "missing shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(first.count)")
        }
        return shards.map(\.shard).sorted { $0.index < $1.index }.flatMap(\.trials)
    }
}
