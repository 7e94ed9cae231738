extension Scenario {
    /// Resident volunteers: patrols, early warning in chat groups, visits to elderly residents.
    public struct Volunteers: ScenarioSection, Equatable {
        /// Share of residents volunteering at the start (fraction 0–1).
        public var initialShare: Parameter = 0.01
        /// New volunteers per year as a share of residents while few volunteer (1/year), scaled by
        /// trust and council. Volunteers are residents: those asked join with their own willingness
        /// (`residents.participationAlpha/Beta`), and nobody joins twice.
        public var recruitmentPerYear: Parameter = 0.004
        /// Share of volunteers who stop within a year (1/year, as a hazard).
        public var dropoutPerYear: Parameter = 0.3
        /// Patrol hours per volunteer per week (hours/week).
        public var patrolHoursPerWeek: Parameter = 3
        /// Training level: scales spotting (fraction 0–1; 0.5 = basic).
        public var training: Parameter = 0.5
        /// Probability patrols spot a precursor at saturating presence and basic training (0.5);
        /// training t scales it by (0.5 + t), capped at 1.
        public var maxSpotProbability: Parameter = 0.6
        /// Patrol hours per 100 households per week at which spotting is ~63% of its maximum.
        public var patrolScale: Parameter = 20
        /// Early warning through residents' chat groups relayed by volunteers.
        public var chatGroupWarning = true
        /// Added probability residents' warnings reach responders when chat groups are relayed.
        public var chatWarningGain: Parameter = 0.15
        /// Home visits to elderly residents living alone, per volunteer per week (visits/week).
        public var elderlyVisitsPerWeek: Parameter = 1
        /// Coordination, insurance and training cost (yuan/volunteer/year).
        public var costPerVolunteerYear: Parameter = 400
        /// When the volunteer programme acts (docs/model.md §11): its inputs (`patrolHoursPerWeek`,
        /// `training`, `chatGroupWarning`, `elderlyVisitsPerWeek`) move from their defaults to
        /// these values as the schedule ramps. Default: from the first day.
        public var schedule = Schedule()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("initialShare", &initialShare, .fraction())
            v.parameter("recruitmentPerYear", &recruitmentPerYear, .probability("1/year"))
            v.parameter("dropoutPerYear", &dropoutPerYear, .nonNegative("1/year"))
            v.parameter("patrolHoursPerWeek", &patrolHoursPerWeek, Bounds(0...80, unit: "hours/week"))
            v.parameter("training", &training, .fraction())
            v.parameter("maxSpotProbability", &maxSpotProbability, .probability())
            v.parameter("patrolScale", &patrolScale, .positive("hours/100 households/week"))
            v.flag("chatGroupWarning", &chatGroupWarning)
            v.parameter("chatWarningGain", &chatWarningGain, .probability())
            v.parameter("elderlyVisitsPerWeek", &elderlyVisitsPerWeek, Bounds(0...50, unit: "visits/week"))
            v.parameter("costPerVolunteerYear", &costPerVolunteerYear, .nonNegative("yuan/volunteer/year"))
            v.section("schedule", &schedule)
        }
    }

    /// The resident council (community deliberation committee).
    public struct Council: ScenarioSection, Equatable {
        public var enabled = false
        /// When the council sits (docs/model.md §11); default: from the first day.
        public var schedule = Schedule()
        /// Seat shares; they must add up to 1.
        public var residentSeats: Parameter = 0.5
        public var propertySeats: Parameter = 0.3
        public var socialOrgSeats: Parameter = 0.2
        /// Meetings per year.
        public var meetingsPerYear: Parameter = 12
        /// Share of property-management issues the council takes up and settles before they become
        /// disputes, at full effectiveness (fraction 0–1). The council acts only through what it
        /// settles: in a district with no disputes it changes nothing residents feel.
        public var propertyDisputeReduction: Parameter = 0.7
        /// Share of collective disputes prevented at full effectiveness (fraction 0–1).
        public var collectiveReduction: Parameter = 0.5
        /// Volunteer recruitment multiplier gained at full effectiveness (added to 1): residents the
        /// council engages are asked to volunteer more often.
        public var participationGain: Parameter = 0.5
        /// Cost per meeting (yuan/meeting).
        public var costPerMeeting: Parameter = 3_000

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.flag("enabled", &enabled)
            v.parameter("residentSeats", &residentSeats, .fraction("share of seats"))
            v.parameter("propertySeats", &propertySeats, .fraction("share of seats"))
            v.parameter("socialOrgSeats", &socialOrgSeats, .fraction("share of seats"))
            v.parameter("meetingsPerYear", &meetingsPerYear, Bounds(0...365, unit: "meetings/year"))
            v.parameter("propertyDisputeReduction", &propertyDisputeReduction, .fraction())
            v.parameter("collectiveReduction", &collectiveReduction, .fraction())
            v.parameter("participationGain", &participationGain, .nonNegative("multiplier"))
            v.parameter("costPerMeeting", &costPerMeeting, .nonNegative("yuan/meeting"))
            v.section("schedule", &schedule)
        }
    }

    /// Preventive visits from the risk database: households with repeated disputes are visited
    /// ahead of escalation.
    public struct PreventiveVisits: ScenarioSection, Equatable {
        public var enabled = false
        /// Risk score (recent disputes, decaying over `windowDays`) at which a household is flagged.
        public var riskThreshold: Parameter = 2
        /// Days over which a dispute's weight in the risk score decays by e (days).
        public var windowDays: Parameter = 180
        /// Visits the team makes per week across the district (visits/week).
        public var visitsPerWeek: Parameter = 10
        /// Days a visit keeps protecting the household (days).
        public var effectDays: Parameter = 120
        /// Share of the household's new disputes averted while protected (fraction 0–1).
        public var disputeReduction: Parameter = 0.5
        /// Probability a visit defuses the household's open high-severity dispute.
        public var defuseProbability: Parameter = 0.7
        /// Cost per visit (yuan/visit).
        public var costPerVisit: Parameter = 300
        /// When the visits run (docs/model.md §11): households are flagged only while the share is
        /// above 0, and the district's team makes the share of `visitsPerWeek`. Default: from the first day.
        public var schedule = Schedule()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.flag("enabled", &enabled)
            v.parameter("riskThreshold", &riskThreshold, .positive("risk score"))
            v.parameter("windowDays", &windowDays, .positive("days"))
            v.parameter("visitsPerWeek", &visitsPerWeek, .nonNegative("visits/week"))
            v.parameter("effectDays", &effectDays, .nonNegative("days"))
            v.parameter("disputeReduction", &disputeReduction, .fraction())
            v.parameter("defuseProbability", &defuseProbability, .probability())
            v.parameter("costPerVisit", &costPerVisit, .nonNegative("yuan/visit"))
            v.section("schedule", &schedule)
        }
    }
}
