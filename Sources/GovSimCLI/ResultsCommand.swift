import Foundation
import GovSim
import GovSimIO
import GovSimReport

/// The one skeleton of every command that writes a results folder (run and its shards, compare,
/// sweep, sensitivity, optimize, explain, check): the steps in one order, each failure with its
/// exit status. (calibrate writes its files beside the scenarios, not into a results folder.)
///
/// 1. Usage is checked by the command before this (a mistake there is 64 whatever else is wrong).
/// 2. `fits`: the heaviest scenarios of the work against the machine, before anything is written (65).
/// 3. The folder is made and locked (73 when it cannot be); Ctrl-C is armed.
/// 4. `work` runs and says how it ended: finished, finished in part (written, then exit 130), or
///    an exit status it has already explained on stderr (a journal of another run, a stop with
///    nothing to write).
/// 5. `write` writes the files; the folder commits whole (its report drawn, `SHA256SUMS` last).
/// 6. `committed` tidies after the commit (a journal no longer needed); `summary` is printed;
///    `status` gives the exit status of finished work (check's 1 for a missed target).
struct ResultsCommand<Result> {
    /// How the work ended.
    enum Outcome {
        case finished(Result)
        /// Stopped early with results worth writing; `note` says what is kept and how to finish.
        case partial(Result, note: String)
        /// Ended with this exit status; the reason is already on stderr.
        case exit(Int32)
    }

    var out: String
    /// The page drawn into the folder (nil: none, as for a shard).
    var kind: ReportKind?
    /// The files the folder commits (their digests go in `SHA256SUMS`).
    var files: [String]
    var footprint: Footprint?
    var quiet: Bool

    func execute(console: Console, work: () throws -> Outcome, write: (Result) throws -> Void,
                 committed: (Result) -> Void = { _ in }, summary: (Result) -> String,
                 status: (Result) -> Int32 = { _ in ExitStatus.success }) throws -> Int32 {
        if let footprint, !footprint.fits(console: console) { return ExitStatus.dataError }
        guard Common.prepare(out, console: console), let lock = Common.lock(out, console: console) else { return ExitStatus.cannotCreate }
        defer { withExtendedLifetime(lock) {} }
        Interruption.install()
        let result: Result, note: String?
        switch try work() {
        case .exit(let status): return status
        case .finished(let r): (result, note) = (r, nil)
        case .partial(let r, let n): (result, note) = (r, n)
        }
        guard Common.commit(out, kind: kind, files: files, console: console, write: { try write(result) }) else { return ExitStatus.cannotCreate }
        if note == nil { committed(result) }
        if !quiet { console.out(summary(result)) }
        if let note {
            console.err("govsim: \(note)\n")
            return ExitStatus.interrupted
        }
        return status(result)
    }
}

/// What runs, against the machine: the heaviest versions of each file's runs (a reference
/// or counterfactual under the file that names it), the threads, and the trials held at once.
struct Footprint {
    var runs: [(scenarios: [Scenario], file: String)]
    var threads: Int
    var keptTrials: Double?

    init(scenarios: [Scenario], threads: Int, keptTrials: Double?, file: String) {
        self.init(runs: [(scenarios, file)], threads: threads, keptTrials: keptTrials)
    }

    init(runs: [(scenarios: [Scenario], file: String)], threads: Int, keptTrials: Double?) {
        self.runs = runs
        self.threads = threads
        self.keptTrials = keptTrials
    }

    /// Whether every run fits; prints why not for the first that does not (the caller exits 65).
    func fits(console: Console) -> Bool {
        runs.allSatisfy { Common.fits($0.scenarios, threads: threads, keptTrials: keptTrials, file: $0.file, console: console) }
    }
}
