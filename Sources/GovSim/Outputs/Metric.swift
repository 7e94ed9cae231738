/// The per-trial outputs, in the fixed column order of `trials.csv` and `summary.json`.
/// Names are snake_case and part of the contract scripts and CI rely on: append, never rename.
public enum Metric: Int, CaseIterable, Sendable {
    case safetyScore, satisfactionPct, meanHappiness, meanTrust
    case disputes, disputesReported, complaintRatePct, disputesAvertedByVisits, collectiveDisputes
    case petitions, massIncidents, massIncidentsPrevented, escalations, misrouted
    case mediationAttempts, mediationSuccessPct, resolutionPct, medianResolutionHours, p90ResolutionHours, selfResolved
    case incidents, incidentsRecorded, incidentsPrevented, preventedBySensors, preventedByVolunteers, preventedByResidents
    case publicSecurityIncidents, accidents, fires, elevatorIncidents, seriousHarm
    case elderlyEmergencies, elderlyEmergenciesPrevented, elderlyAdverseEvents
    case alarmsTrue, alarmsFalse, responseMinutesMedian, volunteers, preventiveVisits
    case costTotal, costMediation, costServices, costSensors, costElderlyCare, costVolunteers, costCouncil, costVisits, costResponse
    case costPerResident
    case neighbourDisputes, propertyDisputes, landDisputes, familyDisputes
    case directPetitions, emergencyResponseMinutesMedian
    case councilIssuesSettled, townResponses, residents
    case elderlySafetyScore, elderlySatisfactionPct

    /// Column and key name.
    public var name: String { Metric.names[rawValue] }

    /// Unit and meaning, for tables and docs.
    public var unit: String {
        switch self {
        case .safetyScore, .meanHappiness, .meanTrust, .elderlySafetyScore: return "points 0–100"
        case .satisfactionPct, .elderlySatisfactionPct, .complaintRatePct, .mediationSuccessPct, .resolutionPct: return "%"
        case .medianResolutionHours, .p90ResolutionHours: return "hours"
        case .responseMinutesMedian, .emergencyResponseMinutesMedian: return "minutes"
        case .costTotal, .costMediation, .costServices, .costSensors, .costElderlyCare, .costVolunteers,
             .costCouncil, .costVisits, .costResponse: return "yuan"
        case .costPerResident: return "yuan/resident"
        case .volunteers: return "persons at the end"
        case .residents: return "persons"
        default: return "count"
        }
    }

    /// Whether more is better (scores, rates of success and resolution, prevention); counts of
    /// harm, complaint and cost are better lower.
    public var higherIsBetter: Bool {
        switch self {
        case .safetyScore, .satisfactionPct, .meanHappiness, .meanTrust, .mediationSuccessPct, .resolutionPct,
             .elderlySafetyScore, .elderlySatisfactionPct,
             .incidentsPrevented, .preventedBySensors, .preventedByVolunteers, .preventedByResidents,
             .massIncidentsPrevented, .elderlyEmergenciesPrevented, .disputesAvertedByVisits, .volunteers,
             .councilIssuesSettled:
            return true
        default:
            return false
        }
    }

    /// The outputs shown in the run's table on stdout.
    public static let headline: [Metric] = [
        .safetyScore, .satisfactionPct, .meanHappiness, .meanTrust, .disputes, .complaintRatePct, .petitions,
        .massIncidents, .mediationSuccessPct, .resolutionPct, .medianResolutionHours, .incidents, .accidents,
        .elderlyAdverseEvents, .responseMinutesMedian, .costTotal,
    ]

    static let names: [String] = [
        "safety_score", "satisfaction_pct", "mean_happiness", "mean_trust",
        "disputes", "disputes_reported", "complaint_rate_pct", "disputes_averted_by_visits", "collective_disputes",
        "petitions", "mass_incidents", "mass_incidents_prevented", "escalations", "misrouted",
        "mediation_attempts", "mediation_success_pct", "resolution_pct", "median_resolution_hours", "p90_resolution_hours", "self_resolved",
        "incidents", "incidents_recorded", "incidents_prevented", "prevented_by_sensors", "prevented_by_volunteers", "prevented_by_residents",
        "public_security_incidents", "accidents", "fires", "elevator_incidents", "serious_harm",
        "elderly_emergencies", "elderly_emergencies_prevented", "elderly_adverse_events",
        "alarms_true", "alarms_false", "response_minutes_median", "volunteers", "preventive_visits",
        "cost_total", "cost_mediation", "cost_services", "cost_sensors", "cost_elderly_care", "cost_volunteers", "cost_council", "cost_visits", "cost_response",
        "cost_per_resident",
        "neighbour_disputes", "property_disputes", "land_disputes", "family_disputes",
        "direct_petitions", "emergency_response_minutes_median",
        "council_issues_settled", "town_responses", "residents",
        "elderly_safety_score", "elderly_satisfaction_pct",
    ]

    /// Outputs of district-wide resources, which have no value by group or estate: costs (the
    /// mediation tiers and the services budget are district-wide, and a group's share of a
    /// shared cost would be a convention, not an output). Every other metric is given by group.
    public var isDistrictOnly: Bool { kind == .yuan }

    /// The metrics given per group in trials.csv (`metric@group` columns); summary.json gives
    /// every metric that is not district-only.
    public static let byGroupColumns: [Metric] = [
        .safetyScore, .satisfactionPct, .elderlySafetyScore, .elderlySatisfactionPct, .meanTrust, .disputes,
        .petitions, .massIncidents, .incidents, .seriousHarm, .elderlyAdverseEvents, .responseMinutesMedian,
        .emergencyResponseMinutesMedian, .residents,
    ]

    public init?(name: String) {
        guard let i = Metric.names.firstIndex(of: name) else { return nil }
        self.init(rawValue: i)
    }
}

/// The weekly series recorded per trial, for fan charts.
public enum WeeklySeries: Int, CaseIterable, Sendable {
    case safetyScore, satisfactionPct, meanHappiness, meanTrust, disputes, incidents

    public var name: String {
        ["safety_score", "satisfaction_pct", "mean_happiness", "mean_trust", "disputes", "incidents"][rawValue]
    }
}

/// What one trial produced.
public struct TrialResult: Sendable, Equatable {
    public var trial: Int
    /// Values indexed by `Metric.rawValue`. NaN where a metric is undefined in this trial
    /// (e.g. median resolution hours with no resolved dispute).
    public var metrics: [Double]
    /// Weekly values, week-major: `series[week * WeeklySeries.allCases.count + s]`.
    public var series: [Double]
    /// Draws of distribution-valued parameters, in `Scenario.distributionPaths` order.
    public var parameterDraws: [Double]
    /// Outputs by part of the district, in `Scenario.outputParts` order (each group, then each
    /// estate type present), each indexed like `metrics` (NaN for district-only metrics); empty
    /// for a district of one group.
    public var parts: [[Double]]
    /// The district's outputs year by year (each indexed like `metrics`) for a horizon longer
    /// than 365 days (`Scenario.Run.yearWindows`); empty otherwise.
    public var years: [[Double]]

    public init(trial: Int, metrics: [Double], series: [Double], parameterDraws: [Double], parts: [[Double]] = [], years: [[Double]] = []) {
        self.trial = trial
        self.metrics = metrics
        self.series = series
        self.parameterDraws = parameterDraws
        self.parts = parts
        self.years = years
    }

    public subscript(_ m: Metric) -> Double { metrics[m.rawValue] }

    public var weeks: Int { series.count / WeeklySeries.allCases.count }

    /// Bit-for-bit equality (so two NaNs in the same place are equal): the contract between
    /// runs with different thread counts or shards.
    public static func == (a: TrialResult, b: TrialResult) -> Bool {
        func same(_ x: [Double], _ y: [Double]) -> Bool { x.map(\.bitPattern) == y.map(\.bitPattern) }
        return a.trial == b.trial && same(a.metrics, b.metrics) && same(a.series, b.series) && same(a.parameterDraws, b.parameterDraws)
            && a.parts.count == b.parts.count && zip(a.parts, b.parts).allSatisfy { same($0, $1) }
            && a.years.count == b.years.count && zip(a.years, b.years).allSatisfy { same($0, $1) }
    }
}
