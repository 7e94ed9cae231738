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

    /// What a metric is, declared once: its column and key name (snake_case, part of the
    /// contract scripts and CI rely on), kind (which intervals suit it), unit and direction.
    /// Every other property of a metric (`name`, `unit`, `higherIsBetter`, `kind`, lookup by
    /// name) is read from here.
    public struct Declaration: Sendable, Equatable {
        public var name: String
        public var kind: MetricKind
        /// Unit and meaning, for tables and docs.
        public var unit: String
        /// Whether more is better: scores, rates of success and resolution, prevention; counts
        /// of harm and complaint, durations and costs are better lower.
        public var higherIsBetter: Bool

        init(_ name: String, _ kind: MetricKind, unit: String, higherIsBetter: Bool = false) {
            self.name = name
            self.kind = kind
            self.unit = unit
            self.higherIsBetter = higherIsBetter
        }
    }

    /// The declaration of every metric: adding an output means a case above and a line here.
    public var declaration: Declaration {
        switch self {
        case .safetyScore: return Declaration("safety_score", .score, unit: "points 0–100", higherIsBetter: true)
        case .satisfactionPct: return Declaration("satisfaction_pct", .share, unit: "%", higherIsBetter: true)
        case .meanHappiness: return Declaration("mean_happiness", .score, unit: "points 0–100", higherIsBetter: true)
        case .meanTrust: return Declaration("mean_trust", .score, unit: "points 0–100", higherIsBetter: true)
        case .disputes: return Declaration("disputes", .count, unit: "count")
        case .disputesReported: return Declaration("disputes_reported", .count, unit: "count")
        case .complaintRatePct: return Declaration("complaint_rate_pct", .share, unit: "%")
        case .disputesAvertedByVisits: return Declaration("disputes_averted_by_visits", .count, unit: "count", higherIsBetter: true)
        case .collectiveDisputes: return Declaration("collective_disputes", .count, unit: "count")
        case .petitions: return Declaration("petitions", .count, unit: "count")
        case .massIncidents: return Declaration("mass_incidents", .count, unit: "count")
        case .massIncidentsPrevented: return Declaration("mass_incidents_prevented", .count, unit: "count", higherIsBetter: true)
        case .escalations: return Declaration("escalations", .count, unit: "count")
        case .misrouted: return Declaration("misrouted", .count, unit: "count")
        case .mediationAttempts: return Declaration("mediation_attempts", .count, unit: "count")
        case .mediationSuccessPct: return Declaration("mediation_success_pct", .share, unit: "%", higherIsBetter: true)
        case .resolutionPct: return Declaration("resolution_pct", .share, unit: "%", higherIsBetter: true)
        case .medianResolutionHours: return Declaration("median_resolution_hours", .minutes, unit: "hours")
        case .p90ResolutionHours: return Declaration("p90_resolution_hours", .minutes, unit: "hours")
        case .selfResolved: return Declaration("self_resolved", .count, unit: "count")
        case .incidents: return Declaration("incidents", .count, unit: "count")
        case .incidentsRecorded: return Declaration("incidents_recorded", .count, unit: "count")
        case .incidentsPrevented: return Declaration("incidents_prevented", .count, unit: "count", higherIsBetter: true)
        case .preventedBySensors: return Declaration("prevented_by_sensors", .count, unit: "count", higherIsBetter: true)
        case .preventedByVolunteers: return Declaration("prevented_by_volunteers", .count, unit: "count", higherIsBetter: true)
        case .preventedByResidents: return Declaration("prevented_by_residents", .count, unit: "count", higherIsBetter: true)
        case .publicSecurityIncidents: return Declaration("public_security_incidents", .count, unit: "count")
        case .accidents: return Declaration("accidents", .count, unit: "count")
        case .fires: return Declaration("fires", .count, unit: "count")
        case .elevatorIncidents: return Declaration("elevator_incidents", .count, unit: "count")
        case .seriousHarm: return Declaration("serious_harm", .count, unit: "count")
        case .elderlyEmergencies: return Declaration("elderly_emergencies", .count, unit: "count")
        case .elderlyEmergenciesPrevented: return Declaration("elderly_emergencies_prevented", .count, unit: "count", higherIsBetter: true)
        case .elderlyAdverseEvents: return Declaration("elderly_adverse_events", .count, unit: "count")
        case .alarmsTrue: return Declaration("alarms_true", .count, unit: "count")
        case .alarmsFalse: return Declaration("alarms_false", .count, unit: "count")
        case .responseMinutesMedian: return Declaration("response_minutes_median", .minutes, unit: "minutes")
        case .volunteers: return Declaration("volunteers", .count, unit: "persons at the end", higherIsBetter: true)
        case .preventiveVisits: return Declaration("preventive_visits", .count, unit: "count")
        case .costTotal: return Declaration("cost_total", .yuan, unit: "yuan")
        case .costMediation: return Declaration("cost_mediation", .yuan, unit: "yuan")
        case .costServices: return Declaration("cost_services", .yuan, unit: "yuan")
        case .costSensors: return Declaration("cost_sensors", .yuan, unit: "yuan")
        case .costElderlyCare: return Declaration("cost_elderly_care", .yuan, unit: "yuan")
        case .costVolunteers: return Declaration("cost_volunteers", .yuan, unit: "yuan")
        case .costCouncil: return Declaration("cost_council", .yuan, unit: "yuan")
        case .costVisits: return Declaration("cost_visits", .yuan, unit: "yuan")
        case .costResponse: return Declaration("cost_response", .yuan, unit: "yuan")
        case .costPerResident: return Declaration("cost_per_resident", .yuan, unit: "yuan/resident")
        case .neighbourDisputes: return Declaration("neighbour_disputes", .count, unit: "count")
        case .propertyDisputes: return Declaration("property_disputes", .count, unit: "count")
        case .landDisputes: return Declaration("land_disputes", .count, unit: "count")
        case .familyDisputes: return Declaration("family_disputes", .count, unit: "count")
        case .directPetitions: return Declaration("direct_petitions", .count, unit: "count")
        case .emergencyResponseMinutesMedian: return Declaration("emergency_response_minutes_median", .minutes, unit: "minutes")
        case .councilIssuesSettled: return Declaration("council_issues_settled", .count, unit: "count", higherIsBetter: true)
        case .townResponses: return Declaration("town_responses", .count, unit: "count")
        case .residents: return Declaration("residents", .count, unit: "persons")
        case .elderlySafetyScore: return Declaration("elderly_safety_score", .score, unit: "points 0–100", higherIsBetter: true)
        case .elderlySatisfactionPct: return Declaration("elderly_satisfaction_pct", .share, unit: "%", higherIsBetter: true)
        }
    }

    /// Column and key name.
    public var name: String { declaration.name }

    /// Unit and meaning, for tables and docs.
    public var unit: String { declaration.unit }

    /// Whether more is better (scores, rates of success and resolution, prevention); counts of
    /// harm, complaint and cost are better lower.
    public var higherIsBetter: Bool { declaration.higherIsBetter }

    /// The outputs shown in the run's table on stdout.
    public static let headline: [Metric] = [
        .safetyScore, .satisfactionPct, .meanHappiness, .meanTrust, .disputes, .complaintRatePct, .petitions,
        .massIncidents, .mediationSuccessPct, .resolutionPct, .medianResolutionHours, .incidents, .accidents,
        .elderlyAdverseEvents, .responseMinutesMedian, .costTotal,
    ]

    static let names: [String] = Metric.allCases.map(\.name)

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
