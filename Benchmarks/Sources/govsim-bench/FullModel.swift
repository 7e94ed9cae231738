// The full model: govsim's own `Ensemble` running complete trials of a benchmark district.
import Foundation
import GovSim
import GovSimExperiments

/// The benchmark district: new estates, cells of 385 households of 2.6 residents (~1,000
/// residents a cell), every policy switched on so every mechanism runs, mediation staff scaled with
/// the number of cells so queues neither starve nor explode as the district grows.
struct BenchDistrict {
    static let householdsPerCell = 385
    static let perHousehold = 2.6

    let scenario: Scenario
    let cells: Int
    /// Residents expected from the cell layout (the drawn count differs slightly; see `exactResidents`).
    let nominalResidents: Int

    init(residents: Int, days: Int) {
        var s = Scenario()
        let cells = max(1, Int((Double(residents) / (Double(BenchDistrict.householdsPerCell) * BenchDistrict.perHousehold)).rounded()))
        s.district.cells[0].count = cells
        s.district.cells[0].households = .fixed(Double(BenchDistrict.householdsPerCell))
        s.district.cells[0].residentsPerHousehold = .fixed(BenchDistrict.perHousehold)
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
        scenario = s
        self.cells = cells
        nominalResidents = Int(Double(cells * BenchDistrict.householdsPerCell) * BenchDistrict.perHousehold)
    }

    /// The number of residents a trial actually drew: cost_total / cost_per_resident.
    static func exactResidents(_ r: TrialResult) -> Int {
        Int((r[.costTotal] / r[.costPerResident]).rounded())
    }
}

enum FullModel {
    struct Measurement {
        var residents: Int
        var cells: Int
        var days: Int
        var trials: Int
        var threads: Int
        var sample: Sample
        var work: Double { Double(residents) * Double(days) * Double(trials) }
        func json() -> [String: Any] {
            var j = sample.json(work: work)
            j["residents"] = residents; j["cells"] = cells; j["days"] = days; j["trials"] = trials; j["threads"] = threads
            return j
        }
    }

    /// Runs `trials` full trials `repeats` times on `threads` threads (after one warm-up trial
    /// unless `warm` is false). Trial 0's resident count is the one reported (trials differ by a
    /// few residents out of 100,000, as household sizes are drawn).
    static func measure(residents: Int, days: Int, trials: Int, threads: Int, repeats: Int, seed: UInt64 = 7,
                        warm: Bool = true) -> Measurement {
        let district = BenchDistrict(residents: residents, days: days)
        let ensemble = Ensemble(scenario: district.scenario, seed: seed, threads: threads)
        if warm { _ = ensemble.run(trials: 0..<1) }  // warm caches and the allocator
        let box = ResultBox()
        let sample = Sample.measure(repeats: repeats) {
            let results = ensemble.run(trials: 0..<trials)
            precondition(results.count == trials)
            box.first = results[0]
        }
        let exact = box.first.map(BenchDistrict.exactResidents) ?? district.nominalResidents
        return Measurement(residents: exact, cells: district.cells, days: days, trials: trials, threads: threads, sample: sample)
    }

    final class ResultBox { var first: TrialResult? }

    /// Trials for about `target` resident-days, a multiple of `multiple` (so 2 threads stay busy).
    static func trials(forResidents n: Int, days: Int, target: Double, multiple: Int = 2) -> Int {
        let t = Int((target / (Double(n) * Double(days))).rounded())
        return max(multiple, (t + multiple - 1) / multiple * multiple)
    }
}

/// How many random numbers the full model generates per resident-day, estimated from one trial's
/// event counts and the fixed number of draws per event documented in docs/model.md §2.2.
///
/// govsim exposes no draw counter (the generator is an inline C function of the model), and the
/// benchmark must not change the model, so the count is rebuilt from what a trial reports:
///
/// - per cell-day: 17 sub-stream reseeds (4 dispute types, 4 incident kinds, 5 false-alarm kinds,
///   4 elderly groups), each four SplitMix64 outputs; 18 Poisson samplers (those 17 and volunteer
///   recruitment), each n + 1 uniforms for a count n (GSL's product method below a mean of 10);
///   one binomial (volunteer dropout, ~1 uniform);
/// - per event: 6 per dispute arising (averted ones included), 13 per incident (prevented ones
///   included), 12 per elderly emergency (prevented included), 2 per triage (≈ disputes
///   reported), 1 per late report, 2 per mediation attempt, 2 per petition, 1 per visit;
/// - per open dispute per day: 2. The model does not report dispute-days, so they are
///   estimated: an unreported dispute stays unreported for 1 / (selfResolve + lateReport) days on
///   average (25 with the defaults), and half the unreported ones are reported late (equal
///   hazards), so late reports L ≈ disputes − reported and unreported dispute-days ≈ 2L × 25;
///   a reported dispute stays open for about the mean of its median and p90 resolution times.
///
/// Every term is an estimate of the order of magnitude; the floor kernel is run at 0×, 1× and 4×
/// this rate to show how little the exact figure matters.
enum DrawEstimate {
    static func perResidentDay(_ r: TrialResult, scenario s: Scenario, cells: Int, residents: Int, days: Int) -> [String: Double] {
        let cellDays = Double(cells * days)
        let disputes = r[.disputes] + r[.disputesAvertedByVisits]
        let reported = r[.disputesReported]
        let incidents = r[.incidents] + r[.incidentsPrevented]
        let elderly = r[.elderlyEmergencies] + r[.elderlyEmergenciesPrevented]
        let falseAlarms = r[.alarmsFalse]

        let reseedOutputs = 17 * 4 * cellDays
        let poissonUniforms = 18 * cellDays + r[.disputes] + r[.disputesAvertedByVisits] + r[.incidents] + r[.incidentsPrevented]
            + r[.elderlyEmergencies] + r[.elderlyEmergenciesPrevented] + falseAlarms
        let binomialUniforms = cellDays
        let late = max(0, r[.disputes] - reported)
        let eventUniforms = 6 * disputes + 13 * incidents + 12 * elderly + 2 * reported + late
            + 2 * r[.mediationAttempts] + 2 * r[.petitions] + r[.preventiveVisits]
        let hazard = s.disputes.selfResolvePerDay.value + s.reporting.lateReportPerDay.value
        let unreportedDays = 2 * late / max(hazard, 1e-9)
        let median = r[.medianResolutionHours].isNaN ? 0 : r[.medianResolutionHours]
        let p90 = r[.p90ResolutionHours].isNaN ? 0 : r[.p90ResolutionHours]
        let reportedDays = reported * (median + p90) / 2 / 24
        let courseUniforms = 2 * (unreportedDays + reportedDays)

        let residentDays = Double(residents) * Double(days)
        let total = reseedOutputs + poissonUniforms + binomialUniforms + eventUniforms + courseUniforms
        return [
            "total": total / residentDays,
            "reseed_outputs": reseedOutputs / residentDays,
            "sampler_uniforms": (poissonUniforms + binomialUniforms) / residentDays,
            "event_uniforms": eventUniforms / residentDays,
            "open_dispute_uniforms": courseUniforms / residentDays,
            "open_dispute_days_per_resident_day": (unreportedDays + reportedDays) / residentDays,
            "disputes_per_resident_day": disputes / residentDays,
            "incidents_per_resident_day": incidents / residentDays,
        ]
    }
}
