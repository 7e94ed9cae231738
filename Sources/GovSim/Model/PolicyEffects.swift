import Foundation

/// What the policies of a realised scenario amount to, worked out once per trial: council
/// effectiveness, what the purchase-of-service budget buys, the privacy cost of cameras. Nothing
/// here moves a score directly: each effect acts on a process (disputes settled upstream,
/// recruitment, mediation capacity and skill, visits) that residents then live through.
struct PolicyEffects {
    /// Council effectiveness 0–1: rises with meeting frequency and with legitimacy, the seat
    /// shares weighted residents 1, social organisation 0.6, property company 0.3 (a council
    /// the property company dominates settles less), full at a weighted share of 0.7.
    var councilEffectiveness = 0.0
    /// Share of property-management issues the council settles before they become disputes.
    var councilSettleShare = 0.0
    /// Multiplier on the collective share of property and land disputes.
    var collectiveFactor = 1.0
    var councilRecruitFactor = 1.0

    /// Purchase of service: hours bought per year in total and by kind, and what they pay for.
    var serviceHours = 0.0
    var serviceSpendPerYear = 0.0
    var purchasedMediators = 0.0
    var purchasedMediatorSkill = 1.0
    var legalSuccessGain = 0.0
    var coordinationRecruitFactor = 1.0
    var coordinationRetention = 0.0
    var serviceElderlyVisitsPerYear = 0.0

    /// Trust lost to camera surveillance (points).
    var privacyTrustCost = 0.0

    /// How much a seat of each kind counts toward the council's legitimacy, the weighted share at
    /// which legitimacy is full, and the meetings per year at which effectiveness reaches 63% of
    /// its most (assumptions: docs/model.md §3.6).
    static let residentSeatWeight = 1.0, socialOrgSeatWeight = 0.6, propertySeatWeight = 0.3
    static let fullLegitimacy = 0.7, meetingsScale = 6.0

    /// `councilShare`, `sensorShare`, `serviceShare`: the share of the council's, the sensors'
    /// and the services contract's full effect today (their schedules, docs/model.md §11); 1 when
    /// unscheduled, 0 is the policy absent (for services: the budget in force is the share of it).
    init(_ s: Scenario, households: Int, residents: Int, councilShare: Double = 1, sensorShare: Double = 1, serviceShare: Double = 1) {
        if s.council.enabled && councilShare > 0 {
            let c = s.council
            let w = PolicyEffects.self
            let weighted = w.residentSeatWeight * c.residentSeats.value + w.socialOrgSeatWeight * c.socialOrgSeats.value
                + w.propertySeatWeight * c.propertySeats.value
            let legitimacy = min(1, weighted / w.fullLegitimacy)
            var e = (1 - exp(-c.meetingsPerYear.value / w.meetingsScale)) * legitimacy
            if councilShare != 1 { e *= councilShare }
            councilEffectiveness = e
            councilSettleShare = c.propertyDisputeReduction.value * e
            collectiveFactor = 1 - c.collectiveReduction.value * e
            councilRecruitFactor = 1 + c.participationGain.value * e
        }

        let sv = s.services
        let quality = sv.providerQuality.value
        serviceHours = PolicyEffects.serviceHours(sv, share: serviceShare)
        let shares = [sv.mediationShare, sv.legalAdviceShare, sv.volunteerCoordinationShare, sv.elderlyCareShare].map(\.value)
        let bought = shares.map { $0 * serviceHours }
        serviceSpendPerYear = PolicyEffects.serviceSpend(sv, hours: serviceHours)
        purchasedMediators = bought[0] / sv.hoursPerMediatorYear.value
        // A purchased mediator's success is scaled between 70% (quality 0) and 100% (quality 1).
        purchasedMediatorSkill = 0.7 + 0.3 * quality
        legalSuccessGain = sv.legalAdviceSuccessGain.value * quality
            * (1 - exp(-bought[1] / max(Double(households), 1) / sv.legalAdviceScale.value))
        let coordination = quality * (1 - exp(-bought[2] / max(Double(residents) / 100, 1e-9) / sv.coordinationScale.value))
        coordinationRecruitFactor = 1 + sv.coordinationRecruitGain.value * coordination
        coordinationRetention = sv.coordinationRetention.value * coordination
        serviceElderlyVisitsPerYear = bought[3] / sv.hoursPerElderlyVisit.value * quality

        var cams = s.sensors.cameras.coverage.value
        if sensorShare != 1 { cams *= sensorShare }
        privacyTrustCost = s.sensors.privacyTrustCost.value * cams * (s.sensors.privacySafeguards ? 1 - s.sensors.safeguardEffect.value : 1)
    }

    /// Provider hours the contract buys per year at `share` of its budget (hours/year).
    static func serviceHours(_ sv: Scenario.ServicePurchase, share: Double) -> Double {
        let budget = share == 1 ? sv.budget.value : sv.budget.value * share
        return min(budget / sv.pricePerHour.value, sv.providerCapacityHours.value)
    }

    /// What the contract spends per year on `hours` provider hours (yuan/year): the hours of the
    /// kinds it buys at the contract price.
    static func serviceSpend(_ sv: Scenario.ServicePurchase, hours: Double) -> Double {
        let shares = [sv.mediationShare, sv.legalAdviceShare, sv.volunteerCoordinationShare, sv.elderlyCareShare].map(\.value)
        return shares.map { $0 * hours }.reduce(0, +) * sv.pricePerHour.value
    }
}
