import Foundation
import GovSim
import GovSimIO
import GovSimReport

/// The one skeleton of every command that writes a results folder (compare, sweep, sensitivity,
/// optimize, explain, check): the steps in one order, each failure with its exit status.
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

    /// The heaviest versions of what runs, the trials held at once, and the file they come from.
    struct Footprint {
        var scenarios: [Scenario]
        var threads: Int
        var keptTrials: Double?
        var file: String
    }

    var out: String
    var kind: ReportKind
    /// The files the folder commits (their digests go in `SHA256SUMS`).
    var files: [String]
    var footprint: Footprint?
    var quiet: Bool

    func execute(console: Console, work: () throws -> Outcome, write: (Result) throws -> Void,
                 committed: (Result) -> Void = { _ in }, summary: (Result) -> String,
                 status: (Result) -> Int32 = { _ in ExitStatus.success }) throws -> Int32 {
        if let f = footprint {
            guard Common.fits(f.scenarios, threads: f.threads, keptTrials: f.keptTrials, file: f.file, console: console) else {
                return ExitStatus.dataError
            }
        }
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
