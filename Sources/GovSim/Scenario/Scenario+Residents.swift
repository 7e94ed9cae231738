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
        /// Happiness at or above which a resident answers "satisfied", on average (points). Each
        /// resident's own threshold is drawn around it with `satisfiedThresholdSpread`, so the
        /// share satisfied is a survey answer, smooth in happiness (docs/model.md §3.11).
        public var satisfiedThreshold: Parameter = 60
        /// Spread of residents' own satisfaction thresholds (SD, points).
        public var satisfiedThresholdSpread: Parameter = 8
        /// Happiness points per trust point above 50.
        public var trustOnHappiness: Parameter = 0.3
        /// Happiness points per perceived-safety point above 50.
        public var safetyOnHappiness: Parameter = 0.3
        /// Happiness lost while the household has an open dispute (points).
        public var openDisputePenalty: Parameter = 10
        /// Extra happiness lost while that dispute is unreported and festering (points).
        public var festeringPenalty: Parameter = 5
        /// Trust lost by a household when a dispute arises: a grievance the local order did not
        /// prevent (points).
        public var disputeTrustLoss: Parameter = 4
        /// Share of that loss a household regains when its dispute is settled, by mediation, a
        /// petition or itself (fraction 0–1), of as much of the loss as has not yet faded: a
        /// dispute, however well settled, never leaves a household trusting more than if it had
        /// not arisen. Failures and eruptions keep the whole loss (E27: negativity bias).
        public var resolvedTrustRecovery: Parameter = 0.75
        /// Trust lost by a household whose mediation failed (points).
        public var failedTrustLoss: Parameter = 8
        /// Trust lost by a household that petitions (points).
        public var petitionTrustLoss: Parameter = 12
        /// Perceived safety lost by the victim of an incident (points).
        public var victimSafetyLoss: Parameter = 20
        /// Happiness lost by the victim of an incident (points).
        public var victimHappinessLoss: Parameter = 10
        /// How much more a victim who came to serious harm loses (multiplier ≥ 1).
        public var harmedLossFactor: Parameter = 1.5
        /// Safety points lost per incident per 1000 residents per month seen in the cell.
        public var nearbyIncidentWeight: Parameter = 6
        /// Safety points lost per doubling of the cell's mean response minutes above
        /// `responseReferenceMinutes` (and gained per halving below it).
        public var responseSafetyWeight: Parameter = 2
        /// The response residents take as ordinary (minutes).
        public var responseReferenceMinutes: Parameter = 15
        /// Safety points gained at saturating volunteer patrol presence: patrols residents see.
        public var patrolSafetyWeight: Parameter = 4
        /// Trust lost by the residents of the households in a mass incident and of their
        /// neighbours within `massIncidentReachHouseholds` (points; it fades as scores relax).
        public var massIncidentTrustLoss: Parameter = 10
        /// Perceived safety lost by the same residents (points).
        public var massIncidentSafetyLoss: Parameter = 8
        /// Households on each side of those involved (in the district's order, across cell
        /// boundaries) who witness a mass incident (households).
        public var massIncidentReachHouseholds: Parameter = 150
        /// Spread of households' dispute proneness: a lognormal multiplier with mean 1 on the
        /// estate's rates (log-scale SD; 0: every household alike). Disputes fall on prone
        /// households more often.
        public var disputePronenessSpread: Parameter = 0.7
        /// Spread of households' reporting propensity (SD on the log-odds scale).
        public var reportingSpread: Parameter = 0.8
        /// Spread of residents' vulnerability, which scales the hazard of harm (lognormal log-scale SD).
        public var vulnerabilitySpread: Parameter = 0.3
        /// Vulnerability of elderly residents relative to others (multiplier).
        public var elderlyVulnerability: Parameter = 1.5
        /// Residents' willingness to volunteer when asked (probability): Kumaraswamy(a, b), a
        /// beta-like law on 0–1 drawn by inversion, mean 1/(1 + b) when a = 1 (shape parameters).
        public var participationAlpha: Parameter = 1
        public var participationBeta: Parameter = 3

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
            v.parameter("satisfiedThresholdSpread", &satisfiedThresholdSpread, Bounds(0...50, unit: "points SD"))
            let weight = Bounds(0...10, unit: "points per point")
            v.parameter("trustOnHappiness", &trustOnHappiness, weight)
            v.parameter("safetyOnHappiness", &safetyOnHappiness, weight)
            let points = Bounds(0...100, unit: "points")
            v.parameter("openDisputePenalty", &openDisputePenalty, points)
            v.parameter("festeringPenalty", &festeringPenalty, points)
            v.parameter("disputeTrustLoss", &disputeTrustLoss, points)
            v.parameter("resolvedTrustRecovery", &resolvedTrustRecovery, .fraction())
            v.parameter("failedTrustLoss", &failedTrustLoss, points)
            v.parameter("petitionTrustLoss", &petitionTrustLoss, points)
            v.parameter("victimSafetyLoss", &victimSafetyLoss, points)
            v.parameter("victimHappinessLoss", &victimHappinessLoss, points)
            v.parameter("harmedLossFactor", &harmedLossFactor, Bounds(1...10, unit: "multiplier"))
            v.parameter("nearbyIncidentWeight", &nearbyIncidentWeight, Bounds(0...100, unit: "points per incident/1000 residents/month"))
            v.parameter("responseSafetyWeight", &responseSafetyWeight, Bounds(0...50, unit: "points per doubling"))
            v.parameter("responseReferenceMinutes", &responseReferenceMinutes, Bounds(1...1_440, unit: "minutes"))
            v.parameter("patrolSafetyWeight", &patrolSafetyWeight, points)
            v.parameter("massIncidentTrustLoss", &massIncidentTrustLoss, points)
            v.parameter("massIncidentSafetyLoss", &massIncidentSafetyLoss, points)
            v.parameter("massIncidentReachHouseholds", &massIncidentReachHouseholds, Bounds(0...100_000, integer: true, unit: "households"))
            v.parameter("disputePronenessSpread", &disputePronenessSpread, Bounds(0...3, unit: "log-scale SD"))
            v.parameter("reportingSpread", &reportingSpread, Bounds(0...5, unit: "log-odds SD"))
            v.parameter("vulnerabilitySpread", &vulnerabilitySpread, Bounds(0...2, unit: "log-scale SD"))
            v.parameter("elderlyVulnerability", &elderlyVulnerability, Bounds(0.1...10, unit: "multiplier"))
            v.parameter("participationAlpha", &participationAlpha, Bounds(0.05...100, unit: "shape"))
            v.parameter("participationBeta", &participationBeta, Bounds(0.05...100, unit: "shape"))
        }
    }
}
