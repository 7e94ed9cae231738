// `govsim-bench --suite`: every measurement of docs/performance.md in one run, as a Markdown
// report on stdout and a JSON file (default Benchmarks/results/latest.json).
import Foundation
import GovSim
import GovSimExperiments

struct SuiteOptions {
    var quick = false
    var city = false
    var repeats = 3
    var jsonPath: String? = nil
    var flags = "swift build -c release"
    var sizes = [10_000, 100_000, 1_000_000]
}

func number(_ x: Any?) -> Double {
    switch x {
    case let d as Double: return d
    case let i as Int: return Double(i)
    case let n as NSNumber: return n.doubleValue
    default: return .nan
    }
}

/// Replaces non-finite numbers (which JSON cannot hold) by null, recursively.
func jsonSafe(_ x: Any) -> Any {
    switch x {
    case let d as Double: return d.isFinite ? d : NSNull()
    case let a as [Any]: return a.map(jsonSafe)
    case let o as [String: Any]: return o.mapValues(jsonSafe)
    default: return x
    }
}

enum Suite {
    static func run(_ o: SuiteOptions) {
        var out: [String: Any] = [:]
        var md: [String] = []
        let started = Date()
        let loadStart = loadAverage()
        let target = o.quick ? 20e6 : 150e6
        let repeats = o.quick ? 1 : o.repeats
        out["meta"] = [
            "date": ISO8601DateFormatter().string(from: started),
            "cores": Ensemble.availableCores,
            "build_flags": o.flags,
            "repeats": repeats,
            "quick": o.quick,
            "cpu": cpuModel(),
            "load_average_start": loadStart,
        ] as [String: Any]
        log("govsim-bench suite: \(o.flags); \(Ensemble.availableCores) cores; load \(loadStart)")

        // 0. Memory probes first, while this process is small: a child inherits its parent's
        // ru_maxrss (the probes read VmHWM, which does not, but ru_maxrss is recorded too).
        var rawProbes: [[String: Any]] = []
        for n in (o.quick ? [100_000] : [100_000, 1_000_000]) {
            log("memory probe: \(n) residents")
            if let j = Memory.runProbe(residents: n, days: 365) { rawProbes.append(j) }
        }
        var probes: [[String: Any]] = []

        // 1. The full model at each size, 1 and 2 threads.
        var full: [[String: Any]] = []
        md.append("### Full model (govsim `Ensemble`, complete trials, 365 days)\n")
        md.append("| residents | threads | trials | best wall s | resident-days/s (best wall) | median wall | per CPU-second | scaling (wall) | scaling (CPU-implied) |")
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        var oneThreadRate: [Int: Double] = [:]
        for n in o.sizes {
            let trials = FullModel.trials(forResidents: n, days: 365, target: target)
            var one: FullModel.Measurement?
            for threads in [1, 2] {
                log("full model: \(n) residents, \(trials) trials, \(threads) thread(s)")
                // Two threads need both cores free at once: more repeats give a quiet moment a chance.
                let m = FullModel.measure(residents: n, days: 365, trials: trials, threads: threads,
                                          repeats: threads == 1 ? repeats : repeats + 2)
                var j = m.json()
                let rate = m.work / m.sample.bestWall, cpuRate = m.work / m.sample.bestCPU
                var scaling = "", implied = ""
                if threads == 1 { one = m; oneThreadRate[n] = rate }
                if threads == 2, let one {
                    let s = rate / (one.work / one.sample.bestWall)
                    let sMedian = (m.work / m.sample.medianWall) / (one.work / one.sample.medianWall)
                    let sCPU = 2 * cpuRate / (one.work / one.sample.bestCPU)
                    j["scaling_best_wall"] = s; j["scaling_median_wall"] = sMedian; j["scaling_cpu_implied"] = sCPU
                    scaling = fmt(s, 2) + "×"; implied = fmt(sCPU, 2) + "×"
                }
                full.append(j)
                md.append("| \(m.residents) | \(threads) | \(trials) | \(fmt(m.sample.bestWall, 2)) | \(mega(rate)) M | \(mega(m.work / m.sample.medianWall)) M | \(mega(cpuRate)) M | \(scaling) | \(implied) |")
            }
        }
        out["full_model"] = full

        // 2. Random numbers per resident-day in the full model (estimated from event counts).
        log("draw estimate: one 100,000-resident trial")
        let district = BenchDistrict(residents: 100_000, days: 365)
        let probeResult = Ensemble(scenario: district.scenario, seed: 7, threads: 1).run(trials: 0..<1)[0]
        let draws = DrawEstimate.perResidentDay(probeResult, scenario: district.scenario, cells: district.cells,
                                                residents: BenchDistrict.exactResidents(probeResult), days: 365)
        out["draws_full_model"] = draws
        let p = draws["total"] ?? 0.05

        // 3. The floor kernel at each size (1 and 2 threads), and its sensitivity to the draw rate.
        var floors: [[String: Any]] = []
        md.append("\n### Floor kernel (same memory traffic and random numbers per resident-day, no model logic)\n")
        md.append("Random numbers per resident-day: \(fmt(p, 4)) (estimated from the full model's event counts; see the method in docs/performance.md).\n")
        md.append("| residents | threads | draws/resident-day | resident-days/s (best wall) | per CPU-second | govsim full model ÷ floor (1 thread) |")
        md.append("|---:|---:|---:|---:|---:|---:|")
        for n in o.sizes {
            let days = max(10, Int(target * 6 / Double(n)))
            for threads in [1, 2] {
                log("floor: \(n) residents × \(days) days, \(threads) thread(s)")
                let m = Floor.measure(residents: n, days: days, threads: threads, drawsPerResidentDay: p, repeats: repeats + 2)
                var j = m.json()
                j["role"] = "floor"
                let rate = m.work / m.sample.bestWall
                var ratio = ""
                if threads == 1, let g = oneThreadRate[n] { j["govsim_over_floor"] = g / rate; ratio = fmt(100 * g / rate, 1) + " %" }
                floors.append(j)
                md.append("| \(n) | \(threads) | \(fmt(p, 4)) | \(mega(rate)) M | \(mega(m.work / m.sample.bestCPU)) M | \(ratio) |")
            }
        }
        let mid = o.sizes.count > 1 ? o.sizes[1] : o.sizes[0]
        for (rate, label) in [(0.0, "none"), (4 * p, "4× the estimate"), (1.0, "one per resident-day")] {
            let days = max(10, Int(target * 6 / Double(mid)))
            log("floor sensitivity: \(rate) draws per resident-day")
            let m = Floor.measure(residents: mid, days: days, threads: 1, drawsPerResidentDay: rate, repeats: repeats + 2)
            var j = m.json()
            j["role"] = "sensitivity"; j["label"] = label
            floors.append(j)
            md.append("| \(mid) | 1 | \(fmt(rate, 4)) (\(label)) | \(mega(m.work / m.sample.bestWall)) M | \(mega(m.work / m.sample.bestCPU)) M | |")
        }
        out["floor"] = floors

        // 4. The simple model in Swift (the definition shared with NumPy and Mesa).
        var simple: [[String: Any]] = []
        md.append("\n### Simple model in Swift (GovSim's ScoreRelaxation.relax, RandomStream and StreamSeed; daily steps timed, setup not)\n")
        md.append("| residents | relax | days | threads | trials | resident-days/s (best wall) | per CPU-second | draws/resident-day | satisfaction % | safety |")
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in o.sizes {
            // At least a year, and at least ~2 × target resident-days per thread (the loop is short
            // at 10,000 residents: 365 days take a few milliseconds).
            let days = o.quick ? 60 : max(365, Int(target * 2 / Double(n)))
            for threads in [1, 2] {
                log("simple model: \(n) residents × \(days) days, \(threads) thread(s)")
                let m = SimpleModel.measure(residents: n, days: days, trials: threads, threads: threads, repeats: repeats)
                var j = m.json()
                j["relax"] = "govsim"
                let rate = m.work / m.sample.bestWall
                if threads == 2, let one = simple.last {
                    j["scaling_best_wall"] = rate / number(one["rate_best_wall"])
                }
                simple.append(j)
                md.append("| \(m.residents) | govsim's | \(days) | \(threads) | \(threads) | \(mega(rate)) M | \(mega(m.work / m.sample.bestCPU)) M | \(fmt(m.drawsPerResidentDay, 4)) | \(fmt(m.satisfactionPct, 3)) | \(fmt(m.safety, 3)) |")
            }
        }
        out["simple_swift"] = simple

        // 5. Linear growth: residents, days and trials each ×1, ×2, ×4 (1 thread).
        var linear: [String: Any] = [:]
        md.append("\n### Linear growth (full model, 1 thread; time ratios, ideal 2.00 and 4.00)\n")
        md.append("| varied | ×1 | ×2 | ×4 | time ×2 / ×1 (wall) | time ×4 / ×1 (wall) | ×2 / ×1 (CPU) | ×4 / ×1 (CPU) | increments (t×4 − t×2) / (t×2 − t×1) (CPU) | ns per resident-day (×1, ×2, ×4; CPU) |")
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---|")
        let base = o.quick ? 25_000 : 100_000
        var cases: [(String, (Int) -> (Int, Int, Int))] = [
            ("residents", { f in (base * f, 365, 1) }),
            ("days", { f in (base, 91 * f, 2) }),
            ("trials", { f in (base, 365, f) }),
        ]
        if !o.quick { cases.insert(("residents (large)", { f in (1_000_000 * f, 365, 1) }), at: 1) }
        for (name, config) in cases {
            var ms: [FullModel.Measurement] = []
            for f in [1, 2, 4] {
                let (n, d, t) = config(f)
                log("linear (\(name)): \(n) residents × \(d) days × \(t) trials")
                ms.append(FullModel.measure(residents: n, days: d, trials: t, threads: 1, repeats: repeats))
            }
            let w = ms.map(\.sample.bestWall), c = ms.map(\.sample.bestCPU)
            let ns = ms.map { 1e9 * $0.sample.bestCPU / $0.work }
            // With a fixed cost per trial (building the population), time = a + b·x: the
            // increments t(4x) − t(2x) and t(2x) − t(x) are still in ratio 2 when the cost is linear.
            let increments = (c[2] - c[1]) / (c[1] - c[0])
            linear[name] = [
                "runs": ms.map { $0.json() },
                "wall_ratio_x2": w[1] / w[0], "wall_ratio_x4": w[2] / w[0],
                "cpu_ratio_x2": c[1] / c[0], "cpu_ratio_x4": c[2] / c[0],
                "cpu_increment_ratio": increments,
                "ns_per_resident_day_cpu": ns,
            ] as [String: Any]
            let label: (FullModel.Measurement) -> String = { m in
                name.hasPrefix("residents") ? "\(m.residents)" : name == "days" ? "\(m.days) d" : "\(m.trials) tr"
            }
            md.append("| \(name) | \(label(ms[0])) | \(label(ms[1])) | \(label(ms[2])) | \(fmt(w[1] / w[0], 2)) | \(fmt(w[2] / w[0], 2)) | \(fmt(c[1] / c[0], 2)) | \(fmt(c[2] / c[0], 2)) | \(fmt(increments, 2)) | \(ns.map { fmt($0, 2) }.joined(separator: ", ")) |")
        }
        // Residents vary the real count a little (drawn household sizes): ratios of time per
        // resident-day are in ns_per_resident_day_cpu.
        out["linear_growth"] = linear

        // 6. Memory per resident (fresh processes, one trial, one thread).
        md.append("\n### Memory per resident (peak RSS of a fresh process running one 365-day trial on one thread)\n")
        md.append("| residents | peak RSS before trial | peak RSS after | (after − before) / residents | wall s | CPU s |")
        md.append("|---:|---:|---:|---:|---:|---:|")
        for var j in rawProbes {
            let res = number(j["residents"]), before = number(j["peak_rss_before"]), after = number(j["peak_rss_after"])
            j["bytes_per_resident"] = (after - before) / res
            probes.append(j)
            md.append("| \(Int(res)) | \(fmt(before / 1e6, 1)) MB | \(fmt(after / 1e6, 1)) MB | \(fmt((after - before) / res, 1)) B | \(fmt(number(j["wall_seconds"]), 2)) | \(fmt(number(j["cpu_seconds"]), 2)) |")
        }
        var memory: [String: Any] = ["probes": probes]
        if probes.count == 2 {
            let (a, b) = (probes[0], probes[1])
            let marginal = (number(b["peak_rss_after"]) - number(a["peak_rss_after"])) / (number(b["residents"]) - number(a["residents"]))
            memory["marginal_bytes_per_resident"] = marginal
            md.append("\nMarginal: (peak RSS at 1M − peak RSS at 100k) / (residents difference) = \(fmt(marginal, 1)) bytes per resident.")
        }
        if let last = probes.last {
            let a = Memory.analytic(probe: last)
            memory["analytic"] = a
            md.append("\nCounted from the declarations: \(fmt(a["population_soa"]!, 1)) B (resident arrays) + \(fmt(a["household_arrays_per_resident"]!, 1)) B (household arrays per resident) + \(fmt(a["elderly_index"]!, 1)) B (elderly index) = \(fmt(a["fixed_per_resident"]!, 1)) B fixed; + \(fmt(a["dispute_book_per_resident"]! + a["response_times_per_resident"]!, 1)) B of dispute and response records a year = \(fmt(a["total_per_resident"]!, 1)) B per resident.")
        }
        out["memory"] = memory

        // 7. The 10-million-resident city: one whole-city trial in a fresh process.
        if o.city {
            log("city: one 10,000,000-resident trial × 365 days, one thread")
            if var j = Memory.runProbe(residents: 10_000_000, days: 365) {
                let res = number(j["residents"])
                j["rate_wall"] = res * 365 / number(j["wall_seconds"])
                j["rate_cpu"] = res * 365 / number(j["cpu_seconds"])
                j["bytes_per_resident"] = (number(j["peak_rss_after"]) - number(j["peak_rss_before"])) / res
                out["city_trial"] = j
                md.append("\n### One 10M-resident trial (365 days, 1 thread, fresh process)\n")
                md.append("\(Int(res)) residents: \(fmt(number(j["wall_seconds"]), 1)) s wall, \(fmt(number(j["cpu_seconds"]), 1)) s CPU (\(mega(number(j["rate_cpu"]))) M resident-days per CPU-second), peak RSS \(fmt(number(j["peak_rss_after"]) / 1e9, 2)) GB (\(fmt(number(j["bytes_per_resident"]), 1)) B per resident).")
                // Two whole-city trials at once on two threads: does a node's second core help at 10M?
                log("city: two 10,000,000-resident trials on two threads")
                let two = FullModel.measure(residents: 10_000_000, days: 365, trials: 2, threads: 2, repeats: 1, warm: false)
                let scaling = 2 * number(j["wall_seconds"]) / two.sample.bestWall
                out["city_two_threads"] = two.json().merging(["scaling_vs_probe": scaling]) { a, _ in a }
                md.append("Two such trials on two threads: \(fmt(two.sample.bestWall, 1)) s wall, \(fmt(scaling, 2))× the one-thread throughput.")
            }
        }

        let loadEnd = loadAverage()
        if var meta = out["meta"] as? [String: Any] {
            meta["load_average_end"] = loadEnd
            meta["elapsed_seconds"] = Date().timeIntervalSince(started)
            out["meta"] = meta
        }
        md.insert("## govsim-bench suite\n\nBuild: `\(o.flags)`. \(Ensemble.availableCores) cores (\(cpuModel())). Best of \(repeats) repeats unless stated; load average \(loadStart.map { fmt($0, 2) }.joined(separator: " ")) at the start, \(loadEnd.map { fmt($0, 2) }.joined(separator: " ")) at the end.\n", at: 0)
        let text = md.joined(separator: "\n")
        print(text)
        out["markdown"] = text

        let path = o.jsonPath ?? defaultResultsPath()
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: jsonSafe(out), options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: path))
            log("wrote \(path)")
        } catch {
            log("could not write \(path): \(error)")
        }
    }

    /// Benchmarks/results/latest.json, found from this source file's place in the package.
    static func defaultResultsPath() -> String {
        let source = URL(fileURLWithPath: #filePath)  // Benchmarks/Sources/govsim-bench/Suite.swift
        return source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("results/latest.json").path
    }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        }
        return "unknown CPU"
    }
}
