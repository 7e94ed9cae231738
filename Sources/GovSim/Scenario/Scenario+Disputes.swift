extension Scenario {
    /// How disputes arise and run their course before and outside mediation.
    public struct Disputes: ScenarioSection, Equatable {
        /// Multiplies every estate's dispute rates (1 = as the estate profile says).
        public var rateMultiplier: Parameter = 1
        /// Severity mix of each dispute type (low, medium; high is the rest).
        public var neighbour = SeverityMix(low: 0.75, medium: 0.2)
        public var property = SeverityMix(low: 0.55, medium: 0.35)
        public var land = SeverityMix(low: 0.4, medium: 0.4)
        public var family = SeverityMix(low: 0.7, medium: 0.25)
        /// Share of property disputes that are collective (many households).
        public var propertyCollectiveShare: Parameter = 0.08
        /// Share of land disputes that are collective.
        public var landCollectiveShare: Parameter = 0.12
        /// Households involved in a collective dispute: the originating one and those after it in
        /// the district's order (households; a fixed count, rounded, at least 2).
        public var collectiveHouseholds: Parameter = 15
        /// Relative rise of dispute rates per trust point below 50 (1/point).
        public var trustSensitivity: Parameter = 0.01
        /// Daily hazard that an unreported dispute rises one severity level (1/day).
        public var festerPerDay: Parameter = 0.01
        /// Daily hazard that an unreported dispute settles by itself (1/day).
        public var selfResolvePerDay: Parameter = 0.02
        /// Daily hazard that an open high-severity collective dispute becomes a mass incident (1/day).
        public var massIncidentPerDay: Parameter = 0.002
        /// Daily hazard that an unreported dispute of medium or high severity is taken straight to
        /// higher authorities as a petition, bypassing local mediation (1/day). Set from the Zhuji
        /// case (docs/validation.md).
        public var directPetitionPerDay: Parameter = 0.005

        public init() {}

        public var severityMixes: [(String, SeverityMix)] {
            [("neighbour", neighbour), ("property", property), ("land", land), ("family", family)]
        }

        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("rateMultiplier", &rateMultiplier, Bounds(0...1_000, unit: "multiplier"))
            v.section("neighbour", &neighbour)
            v.section("property", &property)
            v.section("land", &land)
            v.section("family", &family)
            v.parameter("propertyCollectiveShare", &propertyCollectiveShare, .fraction())
            v.parameter("landCollectiveShare", &landCollectiveShare, .fraction())
            v.parameter("collectiveHouseholds", &collectiveHouseholds, Bounds(2...10_000, unit: "households"))
            v.parameter("trustSensitivity", &trustSensitivity, Bounds(0...0.02, unit: "1/point"))
            v.parameter("festerPerDay", &festerPerDay, .probability("1/day"))
            v.parameter("selfResolvePerDay", &selfResolvePerDay, .probability("1/day"))
            v.parameter("massIncidentPerDay", &massIncidentPerDay, .probability("1/day"))
            v.parameter("directPetitionPerDay", &directPetitionPerDay, .probability("1/day"))
        }
    }

    /// Severity shares of one dispute type; high = 1 − low − medium.
    public struct SeverityMix: ScenarioSection, Equatable {
        public var low: Parameter = 0.6
        public var medium: Parameter = 0.3
        public init() {}
        public init(low: Double, medium: Double) {
            self.low = .fixed(low)
            self.medium = .fixed(medium)
        }
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("low", &low, .fraction())
            v.parameter("medium", &medium, .fraction())
        }
    }

    /// How residents report disputes.
    public struct Reporting: ScenarioSection, Equatable {
        /// Probability that a dispute is reported when it arises, at trust 50 without the app.
        public var baseProbability: Parameter = 0.4
        /// Change of that probability per trust point above 50 (1/point).
        public var trustEffect: Parameter = 0.008
        /// Online submission (app, one-tap) available.
        public var onlineSubmission = false
        /// Added reporting probability for app users when online submission is available.
        public var appBoost: Parameter = 0.2
        /// Daily hazard that an unreported dispute is reported later (1/day).
        public var lateReportPerDay: Parameter = 0.02
        /// Hours from a dispute arising to its report reaching the platform, offline (hours).
        public var offlineDelayHours: Parameter = 24
        /// The same, online (hours).
        public var onlineDelayHours: Parameter = 1

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("baseProbability", &baseProbability, .probability())
            v.parameter("trustEffect", &trustEffect, Bounds(0...0.02, unit: "1/point"))
            v.flag("onlineSubmission", &onlineSubmission)
            v.parameter("appBoost", &appBoost, .probability())
            v.parameter("lateReportPerDay", &lateReportPerDay, .probability("1/day"))
            v.parameter("offlineDelayHours", &offlineDelayHours, .nonNegative("hours"))
            v.parameter("onlineDelayHours", &onlineDelayHours, .nonNegative("hours"))
        }
    }

    /// Routing of reported disputes to a mediation tier.
    public struct Triage: ScenarioSection, Equatable {
        /// Probability a dispute is routed to the tier matching its severity (AI triage ≈ 0.9).
        public var accuracy: Parameter = 0.7
        /// Hours from report to the dispute joining a tier's queue (hours).
        public var delayHours: Parameter = 24
        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("accuracy", &accuracy, .probability())
            v.parameter("delayHours", &delayHours, .nonNegative("hours"))
        }
    }
}
