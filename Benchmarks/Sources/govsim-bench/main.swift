// govsim-bench: the speed of govsim in resident-days per second, and what it is measured against.
//
//   govsim-bench [--residents N] [--days D] [--trials T] [--threads K] [--repeats R]
//       the full model (default 100,000 residents × 365 days, 4 trials): 1 thread, then K threads
//   govsim-bench --suite [--quick] [--city] [--repeats R] [--json PATH] [--flags TEXT]
//       everything in docs/performance.md: full model at 10k/100k/1M residents on 1 and 2
//       threads, the floor kernel, the simple model, linear growth, memory per resident, and with
//       --city one 10M-resident trial; Markdown on stdout, JSON in Benchmarks/results/latest.json
//   govsim-bench --floor [--residents N] [--days D] [--threads K] [--draws P]
//   govsim-bench --simple [--residents N] [--days D] [--threads K]
//   govsim-bench --memory [--residents N] [--days D]
//
// Build it in release mode, e.g. from the repository root:
//   swift build -c release --package-path Benchmarks -Xswiftc -target-cpu -Xswiftc native
// or run everything with Benchmarks/run-all.sh.
import Foundation
import GovSim
import GovSimExperiments

let usage = """
    usage: govsim-bench [--residents N] [--days D] [--trials T] [--threads K] [--repeats R]
           govsim-bench --suite [--quick] [--city] [--repeats R] [--json PATH] [--flags TEXT]
           govsim-bench --floor|--simple|--memory [--residents N] [--days D] [--threads K] [--draws P]

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n" + usage).data(using: .utf8)!)
    exit(64)
}

var mode = "full"
var residents = 100_000, days = 365, trials = 4, threads = Ensemble.availableCores, repeats = 1
var draws = 0.05
var suite = SuiteOptions()
var args = CommandLine.arguments.dropFirst().makeIterator()
@MainActor func intValue(_ name: String) -> Int {
    guard let v = args.next().flatMap(Int.init), v > 0 else { fail("govsim-bench: \(name) needs a positive whole number") }
    return v
}
while let a = args.next() {
    switch a {
    case "--suite", "--floor", "--simple", "--memory", "--probe": mode = String(a.dropFirst(2))
    case "--residents": residents = intValue(a)
    case "--days": days = intValue(a)
    case "--trials": trials = intValue(a)
    case "--threads": threads = intValue(a)
    case "--repeats": repeats = intValue(a); suite.repeats = repeats
    case "--draws":
        guard let v = args.next().flatMap(Double.init), v >= 0 else { fail("govsim-bench: --draws needs a number ≥ 0") }
        draws = v
    case "--quick": suite.quick = true
    case "--city": suite.city = true
    case "--json": guard let v = args.next() else { fail("govsim-bench: --json needs a path") }; suite.jsonPath = v
    case "--flags": guard let v = args.next() else { fail("govsim-bench: --flags needs text") }; suite.flags = v
    case "-h", "--help": print(usage); exit(0)
    default: fail("govsim-bench: unknown option \(a)")
    }
}

switch mode {
case "suite":
    Suite.run(suite)

case "probe":
    Memory.probe(residents: residents, days: days)

case "memory":
    guard let j = Memory.runProbe(residents: residents, days: days) else { fail("govsim-bench: the probe failed") }
    let res = number(j["residents"])
    let perResident = (number(j["peak_rss_after"]) - number(j["peak_rss_before"])) / res
    print("\(Int(res)) residents, \(days) days: peak RSS \(fmt(number(j["peak_rss_after"]) / 1e6)) MB, \(fmt(perResident)) bytes per resident above the pre-trial peak")
    let a = Memory.analytic(probe: j)
    print("counted from the declarations: \(fmt(a["fixed_per_resident"]!)) B fixed + \(fmt(a["dispute_book_per_resident"]! + a["response_times_per_resident"]!)) B of event records = \(fmt(a["total_per_resident"]!)) B per resident")

case "floor":
    for k in Set([1, threads]).sorted() {
        let m = Floor.measure(residents: residents, days: days, threads: k, drawsPerResidentDay: draws, repeats: max(repeats, 3))
        print("floor, \(residents) residents × \(days) days, \(fmt(draws, 4)) draws/resident-day, \(k) thread(s): \(mega(m.work / m.sample.bestWall)) million resident-days/s (best of \(m.sample.wall.count); \(mega(m.work / m.sample.bestCPU)) M per CPU-second)")
    }

case "simple":
    for k in Set([1, threads]).sorted() {
        let m = SimpleModel.measure(residents: residents, days: days, trials: k, threads: k, repeats: max(repeats, 3))
        print("simple model, \(m.residents) residents × \(days) days, \(k) thread(s): \(mega(m.work / m.sample.bestWall)) million resident-days/s (best of \(m.sample.wall.count); \(mega(m.work / m.sample.bestCPU)) M per CPU-second); satisfaction \(fmt(m.satisfactionPct, 2)) %, safety \(fmt(m.safety, 2))")
    }

default:
    let district = BenchDistrict(residents: residents, days: days)
    print("govsim-bench: \(district.cells) cells, ~\(district.nominalResidents) residents, \(days) days, \(trials) trials")
    let one = FullModel.measure(residents: residents, days: days, trials: trials, threads: 1, repeats: repeats)
    let oneRate = one.work / one.sample.bestWall
    print(String(format: "1 thread:   %8.1f million resident-days/s  (%.2f s; %.1f M per CPU-second)", oneRate / 1e6, one.sample.bestWall,
                 one.work / one.sample.bestCPU / 1e6))
    if threads > 1 {
        let many = FullModel.measure(residents: residents, days: days, trials: trials, threads: threads, repeats: repeats)
        let rate = many.work / many.sample.bestWall
        print(String(format: "%d threads:  %8.1f million resident-days/s  (%.2f s)", threads, rate / 1e6, many.sample.bestWall))
        print(String(format: "scaling:    %.2fx on %d threads", rate / oneRate, threads))
    }
}
