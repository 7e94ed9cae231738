#if !GOVSIM_FUZZ
import Foundation
import GovSim
import GovSimIO

/// The seed corpus for readers 1–6 (scripts/fuzz adds the scenario files for reader 0): one
/// well-formed file of each kind, made by govsim's own writers with `FuzzShapes`' shapes, so the
/// fuzzer starts past every header check.
enum Corpus {
    static func make(in out: String) {
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        func save(_ kind: UInt8, _ name: String, _ data: Data) {
            _ = FileManager.default.createFile(atPath: out + "/\(kind)-\(name)", contents: Data([kind]) + data)
        }
        let work = FuzzTarget.directory + "/corpus"
        for sub in ["journal", "journal2"] { try? FileManager.default.createDirectory(atPath: work + "/" + sub, withIntermediateDirectories: true) }
        let file = work + "/tiny.json5"
        try! """
        { name: "tiny", run: { trials: 4, days: 14, seed: 3 }, district: { cells: [{ count: 1, households: 60 }] },
          disputes: { rateMultiplier: { dist: "uniform", min: 0.8, max: 1.2 } } }
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let loaded = try! ScenarioLoader.load(path: file)
        let s = loaded.scenario
        let trials = Ensemble(scenario: s, seed: 3, threads: 1).run(trials: 0..<4)
        precondition(trials[0].series.count == FuzzShapes.series && trials[0].parameterDraws.count == 1)

        let shard = Shard(index: 1, count: 1, totalTrials: 4, seed: 3, version: RunResults.version, digest: RunCheckpoint.digest(s),
                          scenarioPath: file, extends: [], trials: trials)
        try! shard.write(to: work + "/shard", resolvedScenario: "{}")
        save(1, "shard", FileManager.default.contents(atPath: work + "/shard/" + Shard.fileName)!)

        _ = try! RunJournal(directory: work + "/journal", digest: "fuzz", kept: trials)
        save(2, "journal", FileManager.default.contents(atPath: work + "/journal/" + RunJournal.fileName)!)
        _ = try! RunJournal(directory: work + "/journal2", digest: "fuzz", kept: [],
                            keptArms: [Dictionary(uniqueKeysWithValues: trials.map { ($0.trial, $0) }), [0: trials[0], 1: trials[1]]])
        save(3, "compare-journal", FileManager.default.contents(atPath: work + "/journal2/" + RunJournal.fileName)!)

        let point = FuzzShapes.sweep.sweep.run()[0]!
        _ = try! FuzzShapes.sweep.prepare(resume: false)
        try! FuzzShapes.sweep.keep(point: 0, trials: point)
        save(4, "point", FileManager.default.contents(atPath: FuzzShapes.sweep.directory + "/points/point-00000.csv")!)

        func joined(_ folder: String, _ names: [String]) -> Data {
            var data = Data()
            for (k, name) in names.enumerated() {
                if k > 0 { data.append(FuzzShapes.separator) }
                data.append(FileManager.default.contents(atPath: folder + "/" + name)!)
            }
            return data
        }
        let run = RunResults(loaded: loaded, seed: 3, trials: trials)
        try! run.write(to: work + "/run", manifest: RunManifest(command: ["govsim", "run"], scenarioFile: file, seed: 3, trials: 4, days: 14,
                                                              threads: 1, residents: 150, started: Date(timeIntervalSince1970: 0), seconds: 1))
        save(5, "run-folder", joined(work + "/run", ["summary.json", "trials.csv", "timeseries.csv", "scenario.resolved.json5", "manifest.json"]))

        var policy = s
        policy.name = "policy"
        policy.triage.accuracy = 0.9
        let outcome = Comparison(arms: [s, policy], seed: 3, threads: 1).run(Comparison.Plan(trials: 4))
        try! CompareResults(scenarios: [s, policy], seed: 3, outcome: outcome, objective: .safetyScore).write(to: work + "/compare")
        save(6, "compare-folder", joined(work + "/compare", ["compare.json", "trials.csv"]))
        try? FileManager.default.removeItem(atPath: FuzzTarget.directory)
        print("wrote the seed corpus for readers 1–6 to \(out)")
    }
}
#endif
