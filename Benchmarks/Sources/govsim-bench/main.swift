// govsim-bench: the speed of the full daily step, in resident-days per second.
//
// A 100,000-resident district (new estates, every policy switched on so every mechanism runs)
// over 365 days: trials on 1 thread, then on every core; reports resident-days/s and the ratio.
// Usage: govsim-bench [--residents N] [--days D] [--trials T] [--threads K]
import Foundation
import GovSim

var residents = 100_000, days = 365, trials = 4, threads = Ensemble.availableCores
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    guard let v = args.next().flatMap(Int.init), v > 0 else { FileHandle.standardError.write("usage: govsim-bench [--residents N] [--days D] [--trials T] [--threads K]\n".data(using: .utf8)!); exit(64) }
    switch a {
    case "--residents": residents = v
    case "--days": days = v
    case "--trials": trials = v
    case "--threads": threads = v
    default: FileHandle.standardError.write("govsim-bench: unknown option \(a)\n".data(using: .utf8)!); exit(64)
    }
}

var s = Scenario()
let householdsPerCell = 385, perHousehold = 2.6
let cells = max(1, Int((Double(residents) / (Double(householdsPerCell) * perHousehold)).rounded()))
s.district.cells[0].count = cells
s.district.cells[0].households = .fixed(Double(householdsPerCell))
s.district.cells[0].residentsPerHousehold = .fixed(perHousehold)
s.run.days = days
s.council.enabled = true
s.services.budget = 1_000_000
s.sensors.cameras.coverage = 0.5
s.sensors.trafficSensors.coverage = 0.5
s.sensors.smokeDetectors.coverage = 0.5
s.sensors.elevatorMonitors.coverage = 0.5
s.preventiveVisits.enabled = true
s.elderlyCare.wearableCoverage = 0.3
s.elderlyCare.callButtonService = true
s.reporting.onlineSubmission = true
for t in s.mediation.tiers.indices { s.mediation.tiers[t].staff = .fixed(s.mediation.tiers[t].staff.value * Double(cells) / 10) }

@MainActor func measure(threads: Int) -> (rate: Double, seconds: Double, residents: Int) {
    let ensemble = Ensemble(scenario: s, seed: 7, threads: threads)
    _ = ensemble.run(trials: 0..<1)  // warm caches and the allocator
    let start = DispatchTime.now().uptimeNanoseconds
    let results = ensemble.run(trials: 0..<trials)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    precondition(results.count == trials)
    let actualResidents = Int(Double(cells * householdsPerCell) * perHousehold)
    return (Double(actualResidents) * Double(days) * Double(trials) / seconds, seconds, actualResidents)
}

print("govsim-bench: \(cells) cells, ~\(Int(Double(cells * householdsPerCell) * perHousehold)) residents, \(days) days, \(trials) trials")
let one = measure(threads: 1)
print(String(format: "1 thread:   %8.1f million resident-days/s  (%.2f s)", one.rate / 1e6, one.seconds))
if threads > 1 {
    let many = measure(threads: threads)
    print(String(format: "%d threads:  %8.1f million resident-days/s  (%.2f s)", threads, many.rate / 1e6, many.seconds))
    print(String(format: "scaling:    %.2fx on %d threads", many.rate / one.rate, threads))
}
