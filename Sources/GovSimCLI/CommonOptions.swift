import Foundation
import GovSim
import GovSimIO

/// Options and steps several commands share.
enum Common {
    static let trials = OptionSpec(long: "trials", short: "n", valueName: "n", help: "Number of trials (overrides run.trials).")
    static let seed = OptionSpec(long: "seed", valueName: "s", help: "Scenario seed (overrides run.seed).")
    static let threads = OptionSpec(long: "threads", short: "j", valueName: "k", help: "Worker threads.", defaultText: "all cores")
    static let quiet = OptionSpec(long: "quiet", short: "q", help: "Print nothing but errors.")
    static func out(_ defaultText: String) -> OptionSpec {
        OptionSpec(long: "out", short: "o", valueName: "dir", help: "Output folder.", defaultText: defaultText)
    }

    /// Loads a scenario file, printing its problems on failure.
    static func load(_ path: String, console: Console) -> LoadedScenario? {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            console.err(error.description + "\n")
            return nil
        }
    }

    static func threads(_ parsed: ParsedArguments) throws -> Int {
        try parsed.int("threads", in: 1...4_096) ?? Ensemble.availableCores
    }

    static func seed(_ parsed: ParsedArguments) throws -> UInt64? {
        try parsed.int("seed", in: 0...Int.max).map { UInt64($0) }
    }

    /// Creates the output folder, printing why it cannot be.
    static func prepare(_ out: String, console: Console) -> Bool {
        do {
            try AtomicFile.makeDirectory(out)
            return true
        } catch {
            console.err("govsim: \(error)\n")
            return false
        }
    }

    /// A progress reporter on stderr when it is a terminal and not quiet.
    static func progress(total: Int, quiet: Bool, console: Console) -> ProgressReporter? {
        guard !quiet && console.stderrIsTerminal && total > 0 else { return nil }
        let start = ContinuousClock.now
        return ProgressReporter(total: total, write: { console.err($0) }, now: { (ContinuousClock.now - start) / .seconds(1) })
    }

    /// The metric named `name`, or a usage error naming the closest.
    static func metric(_ name: String, option: String, command: String) throws -> Metric {
        guard let m = Metric(name: name) else {
            let names = Metric.allCases.map(\.name)
            var message = "--\(option): no metric '\(name)'"
            if let guess = closestMatch(to: name, among: names) { message += "; did you mean '\(guess)'?" }
            throw UsageError(message: message, command: command)
        }
        return m
    }
}
