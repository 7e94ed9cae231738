extension Scenario {
    /// Who lives in the district and how their happiness, perceived safety and trust respond to
    /// what they live through. All scores are points on 0–100.
    public struct Residents: ScenarioSection, Equatable {
        /// Share of residents aged 60+ (fraction 0–1).
        public var elderlyShare: Parameter = 0.15
        /// Share of elderly residents who live alone (fraction 0–1).
        public var elderlyLivingAloneShare: Parameter = 0.3
        /// Share of elderly residents who use the reporting app (fraction 0–1).
        public var elderlyAppAdoption: Parameter = 0.2
        /// Days over which scores move most of the way to their targets (days; time constant).
        public var adaptationDays: Parameter = 45
        /// Spread of personal happiness around the neighbourhood level (SD, points).
        public var happinessSpread: Parameter = 12
        /// Spread of personal perceived safety (SD, points).
        public var safetySpread: Parameter = 10
        /// Spread of personal trust (SD, points).
        public var trustSpread: Parameter = 12
        /// Happiness at or above which a resident counts as satisfied (points).
        public var satisfiedThreshold: Parameter = 60
        /// Happiness points per trust point above 50.
        public var trustOnHappiness: Parameter = 0.3
        /// Happiness points per perceived-safety point above 50.
        public var safetyOnHappiness: Parameter = 0.3
        /// Happiness lost while the household has an open dispute (points).
        public var openDisputePenalty: Parameter = 10
        /// Extra happiness lost while that dispute is unreported and festering (points).
        public var festeringPenalty: Parameter = 5
        /// Trust gained by a household whose dispute is resolved (points).
        public var resolvedTrustGain: Parameter = 6
        /// Trust lost by a household whose mediation failed (points).
        public var failedTrustLoss: Parameter = 8
        /// Trust lost by a household that petitions (points).
        public var petitionTrustLoss: Parameter = 12
        /// Perceived safety lost by the victim of an incident (points).
        public var victimSafetyLoss: Parameter = 20
        /// Happiness lost by the victim of an incident (points).
        public var victimHappinessLoss: Parameter = 10
        /// Safety points lost per incident per 1000 residents per month seen in the cell.
        public var nearbyIncidentWeight: Parameter = 6
        /// Safety points lost per 10 minutes of mean response above 15 minutes in the cell.
        public var slowResponseWeight: Parameter = 2
        /// Safety points gained at saturating volunteer patrol presence.
        public var patrolSafetyWeight: Parameter = 6
        /// Safety points gained at full visible camera coverage. Default 25.5, set from the
        /// Hangzhou case (docs/validation.md).
        public var cameraSafetyWeight: Parameter = 25.5
        /// Trust points per (resolved − failed) dispute per household per year in the cell.
        public var mediationTrustWeight: Parameter = 25
        /// Trust points lost in a cell right after a mass incident there (decays).
        public var massIncidentTrustLoss: Parameter = 15

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("elderlyShare", &elderlyShare, .fraction())
            v.parameter("elderlyLivingAloneShare", &elderlyLivingAloneShare, .fraction())
            v.parameter("elderlyAppAdoption", &elderlyAppAdoption, .fraction())
            v.parameter("adaptationDays", &adaptationDays, Bounds(1...3650, unit: "days"))
            v.parameter("happinessSpread", &happinessSpread, Bounds(0...50, unit: "points SD"))
            v.parameter("safetySpread", &safetySpread, Bounds(0...50, unit: "points SD"))
            v.parameter("trustSpread", &trustSpread, Bounds(0...50, unit: "points SD"))
            v.parameter("satisfiedThreshold", &satisfiedThreshold, .score)
            let weight = Bounds(0...10, unit: "points per point")
            v.parameter("trustOnHappiness", &trustOnHappiness, weight)
            v.parameter("safetyOnHappiness", &safetyOnHappiness, weight)
            let points = Bounds(0...100, unit: "points")
            v.parameter("openDisputePenalty", &openDisputePenalty, points)
            v.parameter("festeringPenalty", &festeringPenalty, points)
            v.parameter("resolvedTrustGain", &resolvedTrustGain, points)
            v.parameter("failedTrustLoss", &failedTrustLoss, points)
            v.parameter("petitionTrustLoss", &petitionTrustLoss, points)
            v.parameter("victimSafetyLoss", &victimSafetyLoss, points)
            v.parameter("victimHappinessLoss", &victimHappinessLoss, points)
            v.parameter("nearbyIncidentWeight", &nearbyIncidentWeight, .nonNegative("points per incident/1000 residents/month"))
            v.parameter("slowResponseWeight", &slowResponseWeight, .nonNegative("points per 10 minutes"))
            v.parameter("patrolSafetyWeight", &patrolSafetyWeight, points)
            v.parameter("cameraSafetyWeight", &cameraSafetyWeight, points)
            v.parameter("mediationTrustWeight", &mediationTrustWeight, .nonNegative("points per dispute/household/year"))
            v.parameter("massIncidentTrustLoss", &massIncidentTrustLoss, points)
        }
    }
}
