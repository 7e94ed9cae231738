import Foundation

/// What each cell group's policies amount to, worked out once per trial from the group's
/// effective sections (the district-wide ones with the group's overrides), as plain numbers the
/// daily processes read per cell: `rates.x[groupOf[c]]`. No dictionary or section is consulted
/// in the daily loop. With no overrides every group holds the district-wide values, computed by
/// the same expressions as before, so a district without overrides gives the same bits.
struct GroupRates {
    /// Per group: volunteers (asks per resident-day, daily dropout, patrol hours per volunteer-week,
    /// the patrol spot ceiling, patrol scale, chat-group warning gain, elderly visits per week).
    struct Volunteering {
        var asksPerDay, dropout, patrolHours, spotMax, patrolScale, chatGain, elderlyVisitsPerWeek: Double
    }
    /// Per group: council settlement and collective damping, preventive-visit flagging.
    struct DisputePolicy {
        var councilSettleShare, collectiveFactor: Double
        var visitsEnabled: Bool
        var visitReduction, riskThreshold, windowDays, effectDays, defuseProbability: Double
    }
    /// Per group: reporting speed-up of one-tap reporting, dispatch and town fallback minutes.
    struct Responding {
        var speedup, dispatchMinutes, townMinutes: Double
    }
    /// Per group: elderly care.
    struct Care {
        var ratePerDay, precursorShare, windowDays, preventionEfficacy, wearableDetection, wearableAlarm: Double
        var callButton: Bool
        var callButtonUse, householdNoticeMinutes, aloneDiscoveryHours: Double
        var responseTeam: Bool
        var responseTeamMinutes, caseloadRiskReduction, visitDetection, harmMinutes, wearableFalseAlarmsPerDay: Double
    }

    private(set) var volunteering: [Volunteering] = []
    private(set) var disputes: [DisputePolicy] = []
    private(set) var responding: [Responding] = []
    private(set) var care: [Care] = []
    /// Trust lost to cameras (points), per group.
    private(set) var privacyTrustCost: [Double] = []
    /// Per group and sensor kind (`g * 4 + k`): detection per incident (coverage × detection),
    /// the share of incidents not deterred, alarm latency, false alarms per cell-day.
    private(set) var sensorDetect: [Double] = []
    private(set) var notDeterred: [Double] = []
    private(set) var sensorLatency: [Double] = []
    private(set) var falseAlarmsPerDay: [Double] = []
    /// Whether any group runs preventive visits (the district's team works only then).
    private(set) var anyVisits = false

    /// Per group, the share of elderly residents the care roll-out has reached (1 unscheduled),
    /// and whether any group's care is scheduled (then each emergency checks its victim's place
    /// in the roll-out, `Simulation.inRollout`).
    private(set) var careShare: [Double] = []
    private(set) var careScheduled = false

    /// The groups' effective scenarios, in order, and their policy effects (council, privacy);
    /// `shares`: today's share of each scheduled policy (docs/model.md §11; all 1 when omitted).
    /// A scheduled lever (a planner's input, never an uncertainty with a prior) moves from its
    /// default to the group's value with its share (`ramped`), exactly the group's value at 1.
    init(groups: [Scenario], effects: [PolicyEffects], participationMean: Double, shares: PolicyShares? = nil) {
        let off = (volunteers: Scenario.Volunteers(), response: Scenario.Response())
        for (g, s) in groups.enumerated() {
            let e = effects[g]
            let v = s.volunteers
            let sv = shares?[g, .volunteers] ?? 1
            let chat = v.chatGroupWarning ? v.chatWarningGain.value : 0
            volunteering.append(Volunteering(
                asksPerDay: v.recruitmentPerYear.value / 365 / max(participationMean, 1e-9)
                    * e.councilRecruitFactor * e.coordinationRecruitFactor,
                dropout: 1 - exp(-v.dropoutPerYear.value * (1 - e.coordinationRetention) / 365),
                patrolHours: ramped(off.volunteers.patrolHoursPerWeek.value, v.patrolHoursPerWeek.value, sv),
                spotMax: min(1, v.maxSpotProbability.value * (0.5 + ramped(off.volunteers.training.value, v.training.value, sv))),
                patrolScale: v.patrolScale.value,
                chatGain: ramped(off.volunteers.chatGroupWarning ? v.chatWarningGain.value : 0, chat, sv),
                elderlyVisitsPerWeek: ramped(off.volunteers.elderlyVisitsPerWeek.value, v.elderlyVisitsPerWeek.value, sv)))
            let p = s.preventiveVisits
            // Households are flagged only while the group's visits are on.
            let visitsOn = p.enabled && (shares?[g, .preventiveVisits] ?? 1) > 0
            disputes.append(DisputePolicy(
                councilSettleShare: e.councilSettleShare, collectiveFactor: e.collectiveFactor,
                visitsEnabled: visitsOn, visitReduction: p.disputeReduction.value, riskThreshold: p.riskThreshold.value,
                windowDays: p.windowDays.value, effectDays: p.effectDays.value, defuseProbability: p.defuseProbability.value))
            anyVisits = anyVisits || visitsOn
            let r = s.response
            let sr = shares?[g, .response] ?? 1
            let oneTap = r.oneTapReporting ? 1 - r.oneTapSpeedup.value : 1
            responding.append(Responding(
                speedup: ramped(off.response.oneTapReporting ? 1 - r.oneTapSpeedup.value : 1, oneTap, sr),
                dispatchMinutes: r.dispatchMinutes.value,
                townMinutes: r.dispatchMinutes.value + r.townResponseMinutes.value))
            let c = s.elderlyCare
            care.append(Care(
                ratePerDay: c.emergencyRatePerYear.value / 365, precursorShare: c.precursorShare.value,
                windowDays: c.precursorWindowHours.value / 24, preventionEfficacy: c.preventionEfficacy.value,
                wearableDetection: c.wearableDetection.value, wearableAlarm: c.wearableAlarm.value,
                callButton: c.callButtonService, callButtonUse: c.callButtonUse.value,
                householdNoticeMinutes: c.householdNoticeMinutes.value, aloneDiscoveryHours: c.aloneDiscoveryHours.value,
                responseTeam: c.responseTeam, responseTeamMinutes: c.responseTeamMinutes.value,
                caseloadRiskReduction: c.caseloadRiskReduction.value, visitDetection: c.visitDetection.value,
                harmMinutes: c.harmMinutes.value, wearableFalseAlarmsPerDay: c.wearableFalseAlarmsPerYear.value / 365))
            careShare.append(shares?[g, .elderlyCare] ?? 1)
            careScheduled = careScheduled || !c.schedule.isUnscheduled
            privacyTrustCost.append(e.privacyTrustCost)
            let share = shares?[g, .sensors] ?? 1
            for k in GroupRates.sensorKinds(s.sensors) {
                var coverage = k.coverage.value
                if share != 1 { coverage *= share }
                sensorDetect.append(coverage * k.detection.value)
                notDeterred.append(1 - coverage * k.deterrence.value)
                sensorLatency.append(k.latencyMinutes.value)
                falseAlarmsPerDay.append(coverage * k.devicesPerCell.value * k.falseAlarmsPerDeviceYear.value / 365)
            }
        }
    }

    /// The sensor kind that watches each incident type, in `IncidentType` order.
    static func sensorKinds(_ s: Scenario.SensorNetwork) -> [Scenario.SensorKind] {
        [s.cameras, s.trafficSensors, s.smokeDetectors, s.elevatorMonitors]
    }
}

/// Groups of equal keys, in order of first appearance: the members (group indices) of each
/// class. Costs of a policy are summed class by class, so groups that share a district-wide
/// value cost what the district did before, to the bit, and an override equal to the district's
/// value changes nothing.
func classes<K: Equatable>(_ keys: [K]) -> [(key: K, members: [Int])] {
    var out: [(key: K, members: [Int])] = []
    for (g, k) in keys.enumerated() {
        if let i = out.firstIndex(where: { $0.key == k }) { out[i].members.append(g) } else { out.append((k, [g])) }
    }
    return out
}
