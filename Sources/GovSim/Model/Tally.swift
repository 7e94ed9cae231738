/// Counts of what happened in a trial's counted days (after warm-up), from which the outputs are
/// computed. What the authorities record is counted beside what happened.
///
/// Count outputs are kept by `Metric`: a mechanism counts with `tally[.petitions] += 1`, and the
/// trial's outputs copy every counted metric (`Tally.counted`), so adding a count output is one
/// `Metric` case and the lines that count it. Totals over kinds (`disputes` by type, `incidents`
/// by kind) are summed in `outcome()`; the rest below are the working figures of ratios, medians
/// and costs.
struct Tally {
    private var counts = [Int](repeating: 0, count: Metric.allCases.count)

    subscript(_ m: Metric) -> Int {
        get { counts[m.rawValue] }
        set { counts[m.rawValue] = newValue }
    }

    /// The metrics copied straight from the counts into the trial's outputs.
    static let counted: [Metric] = [
        .disputes, .disputesReported, .disputesAvertedByVisits, .collectiveDisputes, .petitions, .directPetitions,
        .massIncidents, .massIncidentsPrevented, .escalations, .misrouted, .mediationAttempts, .selfResolved,
        .incidentsRecorded, .incidentsPrevented, .preventedBySensors, .preventedByVolunteers, .preventedByResidents,
        .publicSecurityIncidents, .accidents, .fires, .elevatorIncidents, .seriousHarm,
        .elderlyEmergencies, .elderlyEmergenciesPrevented, .elderlyAdverseEvents, .alarmsTrue, .alarmsFalse,
        .preventiveVisits, .neighbourDisputes, .propertyDisputes, .landDisputes, .familyDisputes,
        .councilIssuesSettled, .townResponses,
    ]

    /// Disputes that left mediation without agreement (to a petition, or closed unresolved).
    var mediationFailuresFinal = 0
    var resolvedByMediation = 0
    var resolvedByPetition = 0
    /// Attempts per mediation tier, for the per-case cost.
    var mediationCases = [Double](repeating: 0, count: 6)
    var volunteerDays = 0.0
    var householdsComplained = 0
    /// Hours from report to resolution of each resolved dispute.
    var resolutionHours: [Double] = []
    /// Report-to-response minutes (dispatch, queue, travel) of each recorded incident and emergency.
    var responseMinutes: [Double] = []
    /// Minutes from the incident or emergency itself to a responder at the door (notice or report,
    /// dispatch, queue, travel) of each recorded incident and emergency.
    var emergencyResponseMinutes: [Double] = []
}

extension DisputeType {
    /// The output counting disputes of this type.
    var metric: Metric { [Metric.neighbourDisputes, .propertyDisputes, .landDisputes, .familyDisputes][rawValue] }
}

extension IncidentType {
    /// The output counting incidents of this kind that happened.
    var metric: Metric { [Metric.publicSecurityIncidents, .accidents, .fires, .elevatorIncidents][rawValue] }
}
