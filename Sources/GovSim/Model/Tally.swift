/// Counts of what happened in a trial's counted days (after warm-up), from which the outputs are
/// computed. What the authorities record is counted beside what happened.
struct Tally {
    var disputes = 0
    /// Disputes arisen by `DisputeType`.
    var disputesByType = [0, 0, 0, 0]
    var disputesReported = 0
    var disputesAvertedByVisits = 0
    var collectiveDisputes = 0
    var petitions = 0
    /// Petitions of disputes never brought to local mediation.
    var directPetitions = 0
    var massIncidents = 0
    var massIncidentsPrevented = 0
    var escalations = 0
    var misrouted = 0
    var mediationAttempts = 0
    /// Disputes that left mediation without agreement (to a petition, or closed unresolved).
    var mediationFailuresFinal = 0
    var resolvedByMediation = 0
    var resolvedByPetition = 0
    var selfResolved = 0
    var incidentsHappened = [0, 0, 0, 0]
    var incidentsRecorded = [0, 0, 0, 0]
    var incidentsPrevented = [0, 0, 0, 0]
    var preventedBySensors = 0
    var preventedByVolunteers = 0
    var preventedByResidents = 0
    var seriousHarm = 0
    var elderlyEmergencies = 0
    var elderlyPrevented = 0
    var elderlyAdverse = 0
    var alarmsTrue = 0
    var alarmsFalse = 0
    var visits = 0
    var mediationCases = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    var volunteerDays = 0.0
    var householdsComplained = 0
    /// Property-management issues the council settled before they became disputes.
    var councilIssuesSettled = 0
    /// Incidents and emergencies the town's responders answered (no grid worker nearer).
    var townResponses = 0
    /// Hours from report to resolution of each resolved dispute.
    var resolutionHours: [Double] = []
    /// Report-to-response minutes (dispatch, queue, travel) of each recorded incident and emergency.
    var responseMinutes: [Double] = []
    /// Minutes from the incident or emergency itself to a responder at the door (notice or report,
    /// dispatch, queue, travel) of each recorded incident and emergency.
    var emergencyResponseMinutes: [Double] = []
}
