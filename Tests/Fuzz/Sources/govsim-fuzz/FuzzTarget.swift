import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport
#if GOVSIM_FUZZ
import CFuzzDriver
#endif

/// One fuzz input: its first byte picks the reader, the rest is the file (or files) it reads.
/// Every input must end in a value or a thrown error; a trap, a hang or an allocation libFuzzer
/// calls too large is a bug. A scenario the reader accepts and the resource estimate lets through
/// is also run briefly (one trial of at most 10 days, when it has at most 50,000 residents), as
/// `govsim validate` promising a file can run should mean it runs.
///
///   0 scenario file (JSON5; `extends` resolves next to it)
///   1 shard.txt, then merged as the only shard
///   2 a run's journal (checkpoint.txt), trials 0..<64 of `FuzzShapes.series` weekly values and 1 draw
///   3 a comparison's journal, two arms of that shape
///   4 a sweep's point file (point 0 of `FuzzShapes.sweep`)
///   5 a run's result folder (summary.json, trials.csv, timeseries.csv, scenario.resolved.json5,
///     manifest.json, split by `FuzzShapes.separator`), drawn as report.html
///   6 a comparison's result folder (compare.json, trials.csv), drawn as report.html
enum FuzzTarget {
    static let directory: String = {
        let d = NSTemporaryDirectory() + "govsim-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: d + "/x", withIntermediateDirectories: true)
        return d
    }()

    static func write(_ data: Data, _ name: String) -> String {
        let path = directory + "/x/" + name
        _ = FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    /// Reads one input; whether the reader accepted it (the replay prints it).
    @discardableResult
    static func one(_ input: [UInt8]) -> Bool {
        guard let kind = input.first else { return false }
        let body = Data(input.dropFirst())
        switch kind % 7 {
        case 0: return scenario(body)
        case 1:
            _ = write(body, Shard.fileName)
            guard let shard = try? Shard.read(directory + "/x") else { return false }
            return (try? Shard.merge([(directory + "/x", shard)])) != nil
        case 2, 3:
            _ = write(body, RunJournal.fileName)
            let digest = String(decoding: body.prefix(while: { $0 != 10 }), as: UTF8.self).split(separator: " ").last.map(String.init) ?? ""
            let shape = RunJournal.Shape(expected: 0..<64, series: FuzzShapes.series, draws: 1)
            if kind % 7 == 2 {
                return (try? RunJournal.read(from: directory + "/x", digest: digest, expected: shape.expected, series: shape.series, draws: shape.draws)) != nil
            }
            return (try? RunJournal.read(from: directory + "/x", digest: digest, arms: [shape, shape])) != nil
        case 4:
            return (try? FuzzShapes.sweep.read(point: 0, String(decoding: body, as: UTF8.self))) != nil
        case 5:
            return folder(body, ["summary.json", "trials.csv", "timeseries.csv", "scenario.resolved.json5", "manifest.json"], .run)
        default:
            return folder(body, ["compare.json", "trials.csv"], .compare)
        }
    }

    static func scenario(_ body: Data) -> Bool {
        let path = write(body, "scenario.json5")
        guard var s = try? ScenarioLoader.load(path: path).scenario, ResourceEstimate(s, threads: 1).refusal == nil else { return false }
        s.run.days = min(s.run.days, 10)
        s.run.trials = 1
        let estimate = ResourceEstimate(s, threads: 1)
        guard estimate.refusal == nil, estimate.residents <= 50_000 else { return true }
        _ = runTrial(s, seed: UInt64(s.run.seed), trial: 0)
        return true
    }

    static func folder(_ body: Data, _ names: [String], _ kind: ReportKind) -> Bool {
        let folder = directory + "/r\(kind.rawValue)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var parts = body.split(separator: FuzzShapes.separator)
        while parts.count < names.count { parts.append(Data()) }
        for (name, part) in zip(names, parts) { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(part)) }
        _ = try? OutputFolder.verify(folder)
        return (try? kind.html(resultsFolder: folder)) != nil
    }
}

/// What the fixed-shape readers expect (the corpus was made with these; scripts/fuzz remakes it).
enum FuzzShapes {
    /// Weekly values of a 14-day trial.
    static let series = RunJournal.seriesCount({ var s = Scenario(); s.run.days = 14; return s }())
    /// A file boundary in a result-folder input (a byte that no JSON or CSV of govsim holds).
    static let separator: UInt8 = 0x1E
    static let sweep: SweepFolder = {
        var s = Scenario()
        s.run.days = 14
        s.district.cells[0].count = 1
        s.district.cells[0].households = 60
        let axes = [Axis(path: try! ParameterPath("triage.accuracy", in: s), lo: 0.5, hi: 0.9, steps: 2)]
        let sweep = Sweep(scenario: s, axes: axes, unitPoints: Design.unitPoints(.grid, axes: axes, count: 0, seed: 1), trials: 3, seed: 5, threads: 1)
        return SweepFolder(directory: FuzzTarget.directory + "/sweep", sweep: sweep, design: .grid)
    }()
}

#if GOVSIM_FUZZ
/// With libFuzzer (-sanitize=fuzzer): hands the command line to libFuzzer's driver.
@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            FuzzTarget.one(Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
    }
}
#else
/// Without libFuzzer: replays the files given (a corpus, a crash reproducer), or with
/// `--make-corpus DIR` writes the seed corpus.
@main
struct Replay {
    static func main() {
        var args = Array(CommandLine.arguments.dropFirst())
        if args.first == "--make-corpus", args.count == 2 {
            Corpus.make(in: args[1])
            return
        }
        let verbose = args.contains("--verbose")
        args = args.filter { !$0.hasPrefix("-") }
        var accepted = 0
        for file in args {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let ok = FuzzTarget.one(Array(data))
            if ok { accepted += 1 }
            if verbose { print("\(ok ? "accepted" : "refused ") \(file)") }
        }
        print("replayed \(args.count) inputs, \(accepted) accepted, no crash")
    }
}
#endif
