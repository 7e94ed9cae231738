import GovSim

/// Small scenarios for fast statistical tests.
public enum TestScenarios {
    /// A ~3,000-resident district over `days` days: big enough for every mechanism to act,
    /// small enough for dozens of trials per test.
    public static func small(days: Int = 180) -> Scenario {
        var s = Scenario()
        s.run.days = days
        s.district.cells = [Scenario.CellGroup()]
        s.district.cells[0].count = 4
        s.district.cells[0].households = 300
        s.district.cells[0].estate = .oldEstate
        return s
    }

    /// The trials 0..<n of a scenario on two threads.
    public static func run(_ s: Scenario, trials n: Int, seed: UInt64 = 42) -> [TrialResult] {
        Ensemble(scenario: s, seed: seed, threads: 2).run(trials: 0..<n)
    }

    /// Paired differences (b − a) of a metric, trial by trial (common random numbers).
    public static func pairedDifferences(_ a: [TrialResult], _ b: [TrialResult], _ m: Metric) -> MetricSummary {
        MetricSummary(zip(a, b).map { $1[m] - $0[m] })
    }
}
