/// Counts of what happened in a trial's counted days (after warm-up), from which the outputs are
/// computed. What the authorities record is counted beside what happened.
///
/// Count outputs are kept by `Metric`: a mechanism counts with `tally[.petitions] += 1`, and the
/// trial's outputs copy every counted metric (`Tally.counted`), so adding a count output is one
/// `Metric` case and the lines that count it. Totals over kinds (`disputes` by type, `incidents`
/// by kind) are summed in `outcome()`; the rest below are the working figures of ratios, medians
/// and costs.
///
/// Everything is kept per cell group (`tally[.petitions, g] += 1`, g the group of the cell where it
/// happened, or of the dispute's household), so outputs can be given by group and by estate; the
/// district's figure is the sum over groups (`total`).
struct Tally {
    private static let metrics = Metric.allCases.count
    private var counts: [Int]
    let groups: Int

    init(groups: Int) {
        self.groups = groups
        counts = [Int](repeating: 0, count: groups * Tally.metrics)
        mediationFailuresFinal = [Int](repeating: 0, count: groups)
        resolvedByMediation = mediationFailuresFinal
        resolvedByPetition = mediationFailuresFinal
        householdsComplained = mediationFailuresFinal
        volunteerDays = [Double](repeating: 0, count: groups)
        resolutionHours = [[Double]](repeating: [], count: groups)
        responseMinutes = resolutionHours
        emergencyResponseMinutes = resolutionHours
    }

    subscript(_ m: Metric, _ g: Int) -> Int {
        get { counts[g * Tally.metrics + m.rawValue] }
        set { counts[g * Tally.metrics + m.rawValue] = newValue }
    }

    /// The count over the groups listed.
    func total(_ m: Metric, over groups: [Int]) -> Int { groups.reduce(0) { $0 + self[m, $1] } }

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
    /// (Per group, as the rest.)
    var mediationFailuresFinal: [Int]
    var resolvedByMediation: [Int]
    var resolvedByPetition: [Int]
    /// Attempts per mediation tier, for the per-case cost (district-wide: the tiers are).
    var mediationCases = [Double](repeating: 0, count: 6)
    var volunteerDays: [Double]
    var householdsComplained: [Int]
    /// Hours from report to resolution of each resolved dispute.
    var resolutionHours: [[Double]]
    /// Report-to-response minutes (dispatch, queue, travel) of each recorded incident and emergency.
    var responseMinutes: [[Double]]
    /// Minutes from the incident or emergency itself to a responder at the door (notice or report,
    /// dispatch, queue, travel) of each recorded incident and emergency.
    var emergencyResponseMinutes: [[Double]]
    /// In a mark (`marked()`), the lengths the lists above had, per group (empty otherwise).
    private var listLengths: [[Int]] = []

    /// The tally as it stands, for the start of an output window: counts copied, lists replaced
    /// by their lengths (so nothing long is copied).
    func marked() -> Tally {
        var m = self
        m.listLengths = [resolutionHours.map(\.count), responseMinutes.map(\.count), emergencyResponseMinutes.map(\.count)]
        m.resolutionHours = []; m.responseMinutes = []; m.emergencyResponseMinutes = []
        return m
    }

    /// What was counted since `start` (a mark): counts are differences, lists what was appended
    /// since. Since a mark of the empty tally, this is the tally itself, to the bit.
    func since(_ start: Tally) -> Tally {
        var d = self
        for i in counts.indices { d.counts[i] -= start.counts[i] }
        for g in 0..<groups {
            d.mediationFailuresFinal[g] -= start.mediationFailuresFinal[g]
            d.resolvedByMediation[g] -= start.resolvedByMediation[g]
            d.resolvedByPetition[g] -= start.resolvedByPetition[g]
            d.householdsComplained[g] -= start.householdsComplained[g]
            d.volunteerDays[g] -= start.volunteerDays[g]
            d.resolutionHours[g] = Array(resolutionHours[g][start.listLengths[0][g]...])
            d.responseMinutes[g] = Array(responseMinutes[g][start.listLengths[1][g]...])
            d.emergencyResponseMinutes[g] = Array(emergencyResponseMinutes[g][start.listLengths[2][g]...])
        }
        for t in mediationCases.indices { d.mediationCases[t] -= start.mediationCases[t] }
        return d
    }
}

extension DisputeType {
    /// The output counting disputes of this type.
    var metric: Metric { [Metric.neighbourDisputes, .propertyDisputes, .landDisputes, .familyDisputes][rawValue] }
}

extension IncidentType {
    /// The output counting incidents of this kind that happened.
    var metric: Metric { [Metric.publicSecurityIncidents, .accidents, .fires, .elevatorIncidents][rawValue] }
}
