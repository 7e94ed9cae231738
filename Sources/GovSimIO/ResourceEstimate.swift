import Foundation
import GovSim

/// Memory a run will need, estimated up front so that a scenario asking for more than the
/// machine has is refused with the numbers instead of failing halfway. It takes every cell
/// group's households and residents, its estate's dispute and incident rates and the rate
/// multipliers at their 99.99% quantiles (as drawn: clamped to the field's range), so a wide
/// distribution is judged by its bad trials, not its centre.
public struct ResourceEstimate: Sendable {
    /// Bytes of one trial in flight: residents (six Float32 scores and offsets, a flag byte),
    /// households (~40 bytes of state), and the disputes and events reserved for the horizon.
    public var bytesPerTrial: Double
    /// Bytes of the kept results: outputs, weekly series and draws of every trial.
    public var resultBytes: Double
    public var threads: Int
    /// Residents of a trial at the high quantiles.
    public var residents: Double

    /// - Parameter keptTrials: trials whose results are kept at once (default: the scenario's).
    public init(_ s: Scenario, threads: Int, keptTrials: Double? = nil) {
        let high = HighValueListing.values(of: s)
        func h(_ path: String, _ fallback: Double) -> Double { high[path] ?? fallback }
        var households = 0.0, residents = 0.0, disputesPerDay = 0.0, incidentsPerDay = 0.0
        let disputeScale = h("disputes.rateMultiplier", s.disputes.rateMultiplier.value) / 365
        let incidentScale = h("incidents.rateMultiplier", s.incidents.rateMultiplier.value) / 1000 / 365
        for (g, group) in s.district.cells.enumerated() {
            let cell = "district.cells[\(g)]."
            let n = Double(group.count) * h(cell + "households", group.households.value)
            let people = n * h(cell + "residentsPerHousehold", group.residentsPerHousehold.value)
            let estate = "estates.\(group.estate.rawValue)."
            let d = ["neighbourDisputeRate", "propertyDisputeRate", "landDisputeRate", "familyDisputeRate"].reduce(0.0) { $0 + h(estate + $1, 0) }
            let i = ["theftRate", "trafficAccidentRate", "fireRate", "elevatorIncidentRate"].reduce(0.0) { $0 + h(estate + $1, 0) }
            households += n
            residents += people
            disputesPerDay += n * d * disputeScale
            incidentsPerDay += people * i * incidentScale
        }
        let days = Double(s.run.days + s.run.warmupDays)
        // A dispute's records (~90 bytes) and an incident's (~40 bytes), reserved with 50% margin.
        bytesPerTrial = residents * 29 + households * 40 + (disputesPerDay * 90 + incidentsPerDay * 40) * days * 1.5
        let weeks = Double(s.run.days / 7)
        let kept = keptTrials ?? Double(s.run.trials)
        resultBytes = kept * (Double(Metric.allCases.count) + weeks * Double(WeeklySeries.allCases.count) + 16 + Double(s.distributionPaths.count)) * 8 * 1.3
        self.threads = threads
        self.residents = residents
    }

    public var totalBytes: Double { bytesPerTrial * Double(threads) + resultBytes }

    /// Physical memory of this machine (bytes).
    public static var physicalMemory: Double {
        Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Why the run cannot be made here, or nil when it fits in 80% of physical memory (and in
    /// `limit` bytes when given, e.g. for tests).
    public func refusal(limit: Double? = nil) -> String? {
        let limit = limit ?? 0.8 * ResourceEstimate.physicalMemory
        guard !(totalBytes <= limit) else { return nil }  // NaN or infinite refuses too
        let b = ResourceEstimate.bytes
        return "this run needs about \(b(totalBytes)) (\(b(bytesPerTrial)) per trial in flight × \(threads) thread\(threads == 1 ? "" : "s") + \(b(resultBytes)) of results), more than the \(b(limit)) this machine can give (80% of \(b(ResourceEstimate.physicalMemory))); use fewer residents, lower rates, fewer threads or trials, or shard the run"
    }

    public var refusal: String? { refusal() }

    /// A size for people: "512 B", "3.4 MiB", "12.0 GiB", "3.5 PiB", "more than 1,000 PiB".
    public static func bytes(_ b: Double) -> String {
        guard b.isFinite, b < 1000 * pow(1024, 5) else { return "more than 1,000 PiB" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var x = max(0, b), u = 0
        while x >= 1024 && u < units.count - 1 { x /= 1024; u += 1 }
        return u == 0 ? "\(Int(x)) B" : String(format: "%.1f", x) + " " + units[u]
    }
}
