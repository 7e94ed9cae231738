import Foundation
import GovSim
import GovSimIO

/// `govsim baseline`: record what `govsim check --baseline` compares against.
enum BaselineCommand {
    static let spec = CommandSpec(
        name: "baseline",
        abstract: "Record regression baselines of scenarios (a deliberate re-recording).",
        discussion: """
        Runs each SCENARIO and writes DIR/<name>.baseline.json: version, platform, seed, a digest \
        of trials.csv, every trial's outputs and each output's summary. `govsim check --baseline` \
        compares later runs with it. Recording is always this explicit command, never a side \
        effect of a failing check.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files.", isRepeating: true)],
        options: [Common.trials, Common.seed, Common.threads,
                  OptionSpec(long: "out", short: "o", valueName: "dir", help: "Folder for the baseline files.", defaultText: "results/baselines"),
                  Common.quiet],
        examples: ["govsim baseline scenarios/regression/*.json5 --out results/baselines"]
    )

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        let out = parsed.value("out") ?? "results/baselines"
        let trials = try parsed.int("trials", in: 2...1_000_000), seed = try Common.seed(parsed), threads = try Common.threads(parsed)
        var loaded: [LoadedScenario] = []
        for path in parsed.positionals {
            guard let l = Common.load(path, console: console) else { return ExitStatus.dataError }
            loaded.append(l)
        }
        guard Common.prepare(out, console: console) else { return ExitStatus.cannotCreate }
        for l in loaded {
            var s = l.scenario
            if let trials { s.run.trials = trials }
            let runSeed = seed ?? UInt64(s.run.seed)
            let results = RunResults(loaded: LoadedScenario(scenario: s, path: l.path, extends: l.extends),
                                     seed: runSeed, trials: Ensemble(scenario: s, seed: runSeed, threads: threads).run(trials: 0..<s.run.trials))
            let name = URL(fileURLWithPath: l.path).deletingPathExtension().lastPathComponent + ".baseline.json"
            let path = (out as NSString).appendingPathComponent(name)
            do { try AtomicFile.write(RegressionBaseline(results: results, scenarioFile: l.path).json, to: path) } catch {
                console.err("govsim: \(error)\n")
                return ExitStatus.cannotCreate
            }
            if !parsed.flag("quiet") { console.out("recorded \(path) (\(s.run.trials) trials, seed \(runSeed))\n") }
        }
        return ExitStatus.success
    }
}

/// `govsim check --baseline FILE SCENARIO`: has the model drifted?
enum RegressionCheck {
    static func execute(_ parsed: ParsedArguments, baselinePath: String, console: Console) throws -> Int32 {
        guard parsed.positionals.count == 1 else {
            throw UsageError(message: "--baseline checks one scenario: govsim check --baseline FILE SCENARIO", command: "check")
        }
        let baseline: RegressionBaseline
        do { baseline = try RegressionBaseline.read(path: baselinePath) } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.dataError
        }
        guard let loaded = Common.load(parsed.positionals[0], console: console) else { return ExitStatus.dataError }
        let margin = try parsed.double("margin", in: 0...100).map { $0 / 100 } ?? RegressionBaseline.defaultMargin
        let alpha = try parsed.double("alpha", in: 1e-9...0.5) ?? 0.05
        var s = loaded.scenario
        s.run.trials = try parsed.int("trials", in: 2...1_000_000) ?? baseline.trials
        s.run.days = baseline.days
        let seed = try Common.seed(parsed) ?? baseline.seed
        let results = RunResults(loaded: LoadedScenario(scenario: s, path: loaded.path, extends: loaded.extends), seed: seed,
                                 trials: Ensemble(scenario: s, seed: seed, threads: try Common.threads(parsed)).run(trials: 0..<s.run.trials))
        let platform = RegressionBaseline.currentPlatform
        let exact = seed == baseline.seed && platform == baseline.platform && RunResults.version == baseline.version
            && s.run.trials == baseline.trials
        let n = HeadlineReport.number
        if exact {
            let digest = RegressionBaseline.digest(results.trialsCSV)
            if digest == baseline.trialsDigest {
                console.out("\(loaded.path): identical to \(baselinePath) (exact mode: same seed, platform and version; trials.csv digest \(digest))\n")
                return ExitStatus.success
            }
            console.out("\(loaded.path): DRIFT in exact mode (same seed, platform and version, different trials.csv)\n")
            for (t, row) in results.trials.enumerated() {
                guard t < baseline.rows.count else { break }
                if let m = Metric.allCases.first(where: { row.metrics[$0.rawValue].bitPattern != baseline.rows[t][$0.rawValue].bitPattern
                                                          && !(row.metrics[$0.rawValue].isNaN && baseline.rows[t][$0.rawValue].isNaN) }) {
                    console.out("first differing trial: \(t), \(m.name): baseline \(baseline.rows[t][m.rawValue]), now \(row.metrics[m.rawValue])\n")
                    break
                }
            }
            return ExitStatus.failure
        }
        // Statistical mode: each output's difference against its tolerance, at a family-wise
        // false-alarm rate alpha (Bonferroni over the outputs tested).
        let verdicts = baseline.statisticalCheck(results.trials, margin: margin, alpha: alpha)
        let drifted = verdicts.filter(\.test.drifted).count
        let rows = verdicts.map { v -> [String] in
            let arrow = v.test.difference > 0 ? "↑" : v.test.difference < 0 ? "↓" : ""
            return [v.metric.name, n(v.old.mean), n(v.new.mean), ComparisonReport.signed(v.test.difference) + " " + arrow,
                    "±" + n(v.test.tolerance), v.test.drifted ? "DRIFT" : "ok"]
        }
        var out = "\(loaded.path) against \(baselinePath): statistical mode ("
        out += seed != baseline.seed ? "new seed \(seed)" : platform != baseline.platform ? "other platform" : "other version or trials"
        out += "), tolerance \(n(100 * margin))% of each baseline mean, false-alarm rate \(n(alpha)) over \(verdicts.count) outputs\n"
        out += TextTable.render(header: ["output", "baseline", "now", "change", "tolerance", "verdict"], rows: rows,
                                alignments: [.left, .right, .right, .right, .right, .left])
        out += drifted == 0 ? "no drift\n" : "\(drifted) output\(drifted == 1 ? "" : "s") drifted\n"
        console.out(out)
        return drifted == 0 ? ExitStatus.success : ExitStatus.failure
    }
}
