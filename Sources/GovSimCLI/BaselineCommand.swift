import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// `govsim baseline`: record what `govsim check --baseline` compares against.
enum BaselineCommand {
    static let spec = CommandSpec(
        name: "baseline",
        abstract: "Record regression baselines of scenarios (a deliberate re-recording).",
        discussion: """
        Runs each SCENARIO and writes DIR/<name>.baseline.json: version, platform, seed, a digest \
        of trials.csv, every trial's outputs and each output's summary, with the smallest change \
        of each output a statistical check catches with 90% power at the recorded --margin and \
        family-wise --alpha. `govsim check --baseline` compares later runs with it. With --detect \
        PCT, the trial count is chosen (from a pilot of --trials or run.trials) so that a PCT% \
        change of each main output (safety_score, satisfaction_pct, disputes, incidents) is caught \
        with 90% power. Recording is always this explicit command, never a side effect of a \
        failing check.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files.", isRepeating: true)],
        options: [trials.spec, Common.seed.spec, Common.threads.spec, out.spec, margin.spec, alpha.spec, detect.spec, maxTrials.spec,
                  Common.fixed.spec, Common.quiet.spec],
        examples: ["govsim baseline scenarios/regression/*.json5 --out results/baselines",
                   "govsim baseline scenarios/regression/sensors.json5 --detect 5"]
    )

    static let trials = Common.spreadTrialCount
    static let out = Option<String>.string("out", short: "o", valueName: "dir", help: "Folder for the baseline files.", default: "results/baselines")
    /// The tolerance the check will use, as a fraction of the baseline mean (given in %).
    static let margin = Option<Double?>.number("margin", valueName: "pct", help: "Tolerance per output the check will use, % of its baseline mean.",
                                               defaultText: "1", in: 0...100).map { pct, _ in pct.map { $0 / 100 } ?? RegressionBaseline.defaultMargin }
    static let alpha = Option<Double>.number("alpha", valueName: "a", help: "Family-wise false-alarm rate the check will use.",
                                             default: RegressionBaseline.defaultAlpha, in: 1e-9...0.5)
    /// The change to detect, in % of each main output's mean; nil when the trials are as given.
    static let detect = Option<Double?>.number("detect", valueName: "pct", help: "Choose the trial count so a PCT% change of each main output is caught with 90% power.",
                                               in: 1e-6...1e6)
    static let maxTrials = Option<Int>.integer("max-trials", help: "Cap on trials with --detect.", default: 20_000, in: 2...1_000_000)

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        let out = try parsed[Self.out]
        let trials = try parsed[Self.trials], seed = try parsed[Common.seed], threads = try parsed[Common.threads]
        let margin = try parsed[Self.margin]
        let alpha = try parsed[Self.alpha]
        let detect = try parsed[Self.detect]
        let maxTrials = try parsed[Self.maxTrials]
        if let detect, detect / 100 <= margin {
            throw UsageError(message: "--detect \(HeadlineReport.number(detect)): a change must exceed the tolerance --margin (\(HeadlineReport.number(100 * margin))%) to be detectable", command: "baseline")
        }
        var loaded: [LoadedScenario] = []
        for path in parsed.positionals {
            guard let l = Common.load(path, fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
            loaded.append(l)
        }
        guard Common.prepare(out, console: console) else { return ExitStatus.cannotCreate }
        let quiet = try parsed[Common.quiet]
        for l in loaded {
            var s = l.scenario
            if let trials { s.run.trials = trials }
            let runSeed = seed ?? UInt64(s.run.seed)
            let ensemble = Ensemble(scenario: s, seed: runSeed, threads: threads)
            var runs = ensemble.run(trials: 0..<s.run.trials)
            if let detect {
                // The pilot's spread picks the count; trial i is the same in any run, so the
                // pilot's trials are the first of the recorded ones.
                let pilot = RunResults(loaded: l, seed: runSeed, trials: runs)
                let perMetric = alpha / Double(max(pilot.summary.metrics.filter { $0.n >= 2 }.count, 1))
                var lines = "\(l.path): trials to catch a \(HeadlineReport.number(detect))% change with 90% power (pilot of \(runs.count)):\n"
                var needed = 10
                for m in Metric.main {
                    let x = pilot.summary[m]
                    let n = DriftTest.trialsToDetect(change: detect / 100 * abs(x.mean), sd: x.sd, tolerance: max(margin * abs(x.mean), 1e-9),
                                                     alpha: perMetric, power: RegressionBaseline.power, cap: maxTrials)
                    lines += "  \(m.name): \(n.map(String.init) ?? "more than \(maxTrials) (or none: mean 0)")\n"
                    needed = max(needed, n ?? maxTrials)
                }
                if !quiet { console.out(lines) }
                if needed > runs.count {
                    runs += ensemble.run(trials: runs.count..<needed)
                } else {
                    runs = Array(runs.prefix(needed))
                }
                s.run.trials = needed
            }
            let results = RunResults(loaded: LoadedScenario(scenario: s, path: l.path, extends: l.extends), seed: runSeed, trials: runs)
            let name = URL(fileURLWithPath: l.path).deletingPathExtension().lastPathComponent + ".baseline.json"
            let path = (out as NSString).appendingPathComponent(name)
            let baseline = RegressionBaseline(results: results, scenarioFile: l.path, margin: margin, alpha: alpha)
            do { try AtomicFile.write(baseline.json, to: path) } catch {
                console.err("govsim: \(error)\n")
                return ExitStatus.cannotCreate
            }
            if !quiet {
                console.out("recorded \(path) (\(s.run.trials) trials, seed \(runSeed))\n" + power(baseline))
            }
        }
        return ExitStatus.success
    }

    /// What a statistical check against `baseline` can see: the main outputs' 90%-power changes.
    static func power(_ baseline: RegressionBaseline) -> String {
        let n = HeadlineReport.number
        var out = "  a statistical check (\(baseline.trials) trials, tolerance \(n(100 * baseline.margin))%, false-alarm rate "
        out += "\(n(baseline.alpha)) over \(baseline.testedMetrics.count) outputs) catches with 90% power a change of: "
        out += Metric.main.map { m in
            let s = baseline.summary(m), d = baseline.detectableChange(m)
            return "\(m.name) \(n(d))" + (s.mean != 0 && d.isFinite ? " (\(n(100 * d / abs(s.mean)))%)" : "")
        }.joined(separator: ", ") + "\n"
        return out
    }
}

/// `govsim check --baseline FILE SCENARIO`: has the model drifted?
enum RegressionCheck {
    static func execute(_ parsed: ParsedArguments, baselinePath: String, console: Console) throws -> Int32 {
        guard parsed.positionals.count == 1 else {
            throw UsageError(message: "--baseline checks one scenario: govsim check --baseline FILE SCENARIO", command: "check")
        }
        // Usage first: a bad option value is 64 whatever the baseline and the scenario hold.
        let givenMargin = try parsed[CheckCommand.margin], givenAlpha = try parsed[CheckCommand.alpha]
        let givenTrials = try parsed[CheckCommand.trials], givenSeed = try parsed[Common.seed]
        let threads = try parsed[Common.threads], fixed = try parsed[Common.fixed]
        let baseline: RegressionBaseline
        do { baseline = try RegressionBaseline.read(path: baselinePath) } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.dataError
        }
        guard let loaded = Common.load(parsed.positionals[0], fixed: fixed, console: console) else { return ExitStatus.dataError }
        let margin = givenMargin ?? baseline.margin
        let alpha = givenAlpha ?? baseline.alpha
        var s = loaded.scenario
        s.run.trials = givenTrials ?? baseline.trials
        s.run.days = baseline.days
        let seed = givenSeed ?? baseline.seed
        let results = RunResults(loaded: LoadedScenario(scenario: s, path: loaded.path, extends: loaded.extends), seed: seed,
                                 trials: Ensemble(scenario: s, seed: seed, threads: threads).run(trials: 0..<s.run.trials))
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
            // Outputs added since the baseline was recorded change trials.csv but are no drift:
            // exact mode then holds when every recorded output of every trial has the same bits.
            let added = Metric.allCases.filter { !baseline.recorded.contains($0) }
            let same = !added.isEmpty && results.trials.count == baseline.rows.count
                && zip(results.trials, baseline.rows).allSatisfy { row, old in
                    baseline.recorded.allSatisfy {
                        let (x, y) = (row.metrics[$0.rawValue], old[$0.rawValue])
                        return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
                    }
                }
            if same {
                console.out("\(loaded.path): identical to \(baselinePath) on its \(baseline.recorded.count) recorded outputs (exact mode: same seed, platform and version, every trial bit for bit); outputs added since: \(added.map(\.name).joined(separator: ", "))\n")
                return ExitStatus.success
            }
            console.out("\(loaded.path): DRIFT in exact mode (same seed, platform and version, different trials.csv)\n")
            for (t, row) in results.trials.enumerated() {
                guard t < baseline.rows.count else { break }
                if let m = baseline.recorded.first(where: { row.metrics[$0.rawValue].bitPattern != baseline.rows[t][$0.rawValue].bitPattern
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
        if margin == baseline.margin && alpha == baseline.alpha && s.run.trials == baseline.trials {
            out += BaselineCommand.power(baseline).replacingOccurrences(of: "  a statistical check", with: "This check")
        }
        out += TextTable.render(header: ["output", "baseline", "now", "change", "tolerance", "verdict"], rows: rows,
                                alignments: [.left, .right, .right, .right, .right, .left])
        out += drifted == 0 ? "no drift\n" : "\(drifted) output\(drifted == 1 ? "" : "s") drifted\n"
        console.out(out)
        return drifted == 0 ? ExitStatus.success : ExitStatus.failure
    }
}

extension BaselineCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
