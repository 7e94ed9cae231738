import Foundation
import GovSim
import GovSimIO
import GovSimReport

/// `govsim merge`: shards of a run into the run's files.
enum MergeCommand {
    static let spec = CommandSpec(
        name: "merge",
        abstract: "Combine the shards of a run into the files one unsharded run writes.",
        discussion: """
        Reads the shard folders written by `govsim run --shard i/n`, checks they are shards 1…n of \
        one run (same scenario, seed, trial count and version; none missing, none twice) and writes \
        summary.json, trials.csv, timeseries.csv and scenario.resolved.json5 byte for byte as one \
        unsharded run would, with manifest.json and report.html.
        """,
        arguments: [ArgumentSpec(name: "shard-dir", help: "Shard folders.", isRepeating: true)],
        options: [out.spec, Common.lang.spec, Common.quiet.spec],
        examples: ["govsim merge results/example/shard-*-of-4 --out results/example"]
    )

    static let out = Common.out("results/<scenario name>")

    static func execute(_ parsed: ParsedArguments, commandLine: [String], console: Console) throws -> Int32 {
        let started = Date()
        let shards: [(directory: String, shard: Shard)]
        let trials: [TrialResult]
        do {
            shards = try parsed.positionals.map { (directory) throws(Shard.MergeError) in
                do throws(OutputFolder.Refusal) { try OutputFolder.verify(directory) } catch { throw Shard.MergeError(description: error.description) }
                return (directory, try Shard.read(directory))
            }
            trials = try Shard.merge(shards)
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.dataError
        }
        let first = shards[0]
        // The shards' resolved scenario names their copy of the geometry, if the run had one.
        guard let shardLoaded = Common.load((first.directory as NSString).appendingPathComponent("scenario.resolved.json5"), console: console) else {
            return ExitStatus.dataError
        }
        let scenario = shardLoaded.scenario
        // The resolved scenario must be the one the shards ran, and every trial of its shape.
        guard RunCheckpoint.digest(scenario) == first.shard.digest else {
            console.err("govsim: \(first.directory)/scenario.resolved.json5: not the scenario its shards ran (its digest differs from shard.txt's)\n")
            return ExitStatus.dataError
        }
        let series = RunJournal.seriesCount(scenario), draws = scenario.distributionPaths.count
        if let bad = trials.first(where: { $0.series.count != series || $0.parameterDraws.count != draws }) {
            console.err("govsim: trial \(bad.trial) has \(bad.series.count) weekly values and \(bad.parameterDraws.count) draws, expected \(series) and \(draws)\n")
            return ExitStatus.dataError
        }
        let out = try parsed[Self.out] ?? "results/\(scenario.name)"
        guard Common.prepare(out, console: console), let lock = Common.lock(out, console: console) else { return ExitStatus.cannotCreate }
        defer { withExtendedLifetime(lock) {} }
        let loaded = LoadedScenario(scenario: scenario, path: first.shard.scenarioPath, extends: first.shard.extends,
                                    geometry: shardLoaded.geometry)
        let results = RunResults(loaded: loaded, seed: first.shard.seed, trials: trials)
        let residents = RunCommand.expectedResidents(scenario)
        let manifest = RunManifest(command: commandLine, scenarioFile: first.shard.scenarioPath, seed: first.shard.seed, trials: trials.count,
                                   days: scenario.run.days, threads: 0, residents: residents, started: started,
                                   seconds: Date().timeIntervalSince(started))
        do {
            try OutputFolder.begin(out)
            try results.write(to: out, manifest: manifest)
            try ReportKind.run.write(resultsFolder: out)
            try OutputFolder.commit(out, files: results.files)
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.cannotCreate
        }
        if try !parsed[Common.quiet] {
            console.out("merged \(shards.count) shards, \(trials.count) trials, into \(out)/ (summary.json, trials.csv, timeseries.csv, scenario.resolved.json5, manifest.json, report.html)\n")
        }
        return ExitStatus.success
    }
}

extension MergeCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, commandLine: i.commandLine, console: i.console) }
}
