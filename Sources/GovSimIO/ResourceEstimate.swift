import Foundation
import GovSim

/// Memory a run will need, estimated up front so that a scenario asking for more than the
/// machine has is refused with the numbers instead of failing halfway.
public struct ResourceEstimate: Sendable {
    /// Bytes of one trial in flight: residents (six Float32 scores and offsets, a flag byte),
    /// households (~40 bytes of state), and the disputes and events reserved for the horizon.
    public var bytesPerTrial: Double
    /// Bytes of the kept results: outputs, weekly series and draws of every trial.
    public var resultBytes: Double
    public var threads: Int

    public init(_ s: Scenario, threads: Int) {
        let cells = s.district.cells
        let households = cells.reduce(0.0) { $0 + Double($1.count) * $1.households.value }
        let residents = s.expectedResidents
        let days = Double(s.run.days + s.run.warmupDays)
        let disputesPerYear = households * 1.5 * max(1, s.disputes.rateMultiplier.value)
        bytesPerTrial = residents * 29 + households * 40 + disputesPerYear * days / 365 * 1.5 * 90
        let weeks = Double(s.run.days / 7)
        resultBytes = Double(s.run.trials) * (Double(Metric.allCases.count) + weeks * Double(WeeklySeries.allCases.count) + 16) * 8 * 1.3
        self.threads = threads
    }

    public var totalBytes: Double { bytesPerTrial * Double(threads) + resultBytes }

    /// Physical memory of this machine (bytes).
    public static var physicalMemory: Double {
        Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Why the run cannot be made here, or nil when it fits in 80% of physical memory.
    public var refusal: String? {
        let limit = 0.8 * ResourceEstimate.physicalMemory
        guard totalBytes > limit else { return nil }
        func gib(_ b: Double) -> String { String(format: "%.1f GiB", b / 1_073_741_824) }
        return "this run needs about \(gib(totalBytes)) (\(gib(bytesPerTrial)) per trial in flight × \(threads) threads + \(gib(resultBytes)) of results), more than the \(gib(limit)) this machine can give (80% of \(gib(ResourceEstimate.physicalMemory))); use fewer residents, threads or trials, or shard the run"
    }
}
