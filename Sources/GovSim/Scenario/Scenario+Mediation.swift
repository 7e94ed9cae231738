extension Scenario {
    /// Tiered mediation: each tier a capacity-limited queue; failure escalates to the next tier
    /// and, past the top, to a petition.
    public struct Mediation: ScenarioSection, Equatable {
        /// Tier 1 (community / village mediators, low risk) first. A dispute of severity low,
        /// medium, high belongs to tier 1, 2, 3 (the last tier when there are fewer).
        public var tiers: [MediationTier] = [
            MediationTier(name: "community", staff: 3, casesPerStaffDay: 1.0, success: (0.85, 0.55, 0.25),
                          responseHours: 24, sessionHours: 2, costPerCase: 100, salary: 60_000),
            MediationTier(name: "town judicial office", staff: 2, casesPerStaffDay: 0.6, success: (0.9, 0.8, 0.5),
                          responseHours: 48, sessionHours: 4, costPerCase: 400, salary: 120_000),
            MediationTier(name: "city platform", staff: 1, casesPerStaffDay: 0.4, success: (0.9, 0.85, 0.75),
                          responseHours: 72, sessionHours: 8, costPerCase: 1_500, salary: 200_000),
        ]
        /// A failed attempt goes to the next tier (else the dispute closes unresolved or petitions).
        public var escalateOnFailure = true
        /// Probability that a dispute failing at the top tier becomes a petition.
        public var petitionOnTopFailure: Parameter = 0.3
        /// Days a dispute may wait in a queue before the household may petition instead (days).
        public var petitionAfterWaitDays: Parameter = 60
        /// Daily hazard of petitioning once that wait is exceeded (1/day).
        public var petitionHazardPerDay: Parameter = 0.02
        /// Daily hazard that a waiting dispute rises one severity level (1/day).
        public var waitEscalationPerDay: Parameter = 0.01
        /// Hours lost when a dispute is referred to another tier (hours).
        public var referralHours: Parameter = 24
        /// Probability that higher authorities resolve a petition.
        public var petitionResolution: Parameter = 0.5
        /// Mean days for higher authorities to settle a petition (days).
        public var petitionDays: Parameter = 60

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.list("tiers", &tiers, count: 1...6)
            v.flag("escalateOnFailure", &escalateOnFailure)
            v.parameter("petitionOnTopFailure", &petitionOnTopFailure, .probability())
            v.parameter("petitionAfterWaitDays", &petitionAfterWaitDays, .nonNegative("days"))
            v.parameter("petitionHazardPerDay", &petitionHazardPerDay, .probability("1/day"))
            v.parameter("waitEscalationPerDay", &waitEscalationPerDay, .probability("1/day"))
            v.parameter("referralHours", &referralHours, .nonNegative("hours"))
            v.parameter("petitionResolution", &petitionResolution, .probability())
            v.parameter("petitionDays", &petitionDays, .positive("days"))
        }
    }

    /// One mediation tier.
    public struct MediationTier: ScenarioSection, Equatable {
        public var name = "tier"
        /// Public mediators (persons). Purchased mediators come from `services`.
        public var staff: Parameter = 2
        /// Cases one mediator concludes per working day (cases/staff/day).
        public var casesPerStaffDay: Parameter = 1
        /// Success probability of an attempt on a low-severity dispute.
        public var successLow: Parameter = 0.85
        /// ... on a medium-severity dispute.
        public var successMedium: Parameter = 0.6
        /// ... on a high-severity dispute.
        public var successHigh: Parameter = 0.3
        /// Hours from joining the queue to a mediator on site when nobody waits ahead (hours).
        public var responseHours: Parameter = 24
        /// Length of a mediation attempt (hours).
        public var sessionHours: Parameter = 2
        /// Running cost per case handled (yuan/case).
        public var costPerCase: Parameter = 100
        /// Salary and overhead per mediator (yuan/staff/year).
        public var salaryPerStaffYear: Parameter = 60_000

        public init() {}
        init(name: String, staff: Double, casesPerStaffDay: Double, success: (Double, Double, Double),
             responseHours: Double, sessionHours: Double, costPerCase: Double, salary: Double) {
            self.name = name
            self.staff = .fixed(staff)
            self.casesPerStaffDay = .fixed(casesPerStaffDay)
            (successLow, successMedium, successHigh) = (.fixed(success.0), .fixed(success.1), .fixed(success.2))
            self.responseHours = .fixed(responseHours)
            self.sessionHours = .fixed(sessionHours)
            self.costPerCase = .fixed(costPerCase)
            salaryPerStaffYear = .fixed(salary)
        }

        public mutating func visit(_ v: ScenarioVisitor) {
            v.text("name", &name)
            v.parameter("staff", &staff, .count("persons"))
            v.parameter("casesPerStaffDay", &casesPerStaffDay, .nonNegative("cases/staff/day"))
            v.parameter("successLow", &successLow, .probability())
            v.parameter("successMedium", &successMedium, .probability())
            v.parameter("successHigh", &successHigh, .probability())
            v.parameter("responseHours", &responseHours, .nonNegative("hours"))
            v.parameter("sessionHours", &sessionHours, .nonNegative("hours"))
            v.parameter("costPerCase", &costPerCase, .nonNegative("yuan/case"))
            v.parameter("salaryPerStaffYear", &salaryPerStaffYear, .nonNegative("yuan/staff/year"))
        }
    }

    /// Government purchase of services from social organisations: a budget buys provider hours,
    /// split across service kinds, bounded by what providers can supply.
    public struct ServicePurchase: ScenarioSection, Equatable {
        /// Annual contract budget (yuan/year). Default 0: no purchase.
        public var budget: Parameter = 0
        /// Share of the budget buying mediation hours (extra tier-1 mediators).
        public var mediationShare: Parameter = 0.4
        /// Share buying legal advice (raises success on property and land disputes at tiers 1–2).
        public var legalAdviceShare: Parameter = 0.2
        /// Share buying volunteer coordination (more recruits, fewer dropouts).
        public var volunteerCoordinationShare: Parameter = 0.2
        /// Share buying elderly-care service hours (visits to elderly residents).
        public var elderlyCareShare: Parameter = 0.2
        /// Contract price (yuan/hour).
        public var pricePerHour: Parameter = 200
        /// Provider quality: scales the effect of every purchased hour (fraction 0–1).
        public var providerQuality: Parameter = 0.8
        /// Hours all providers together can supply (hours/year).
        public var providerCapacityHours: Parameter = 50_000
        /// Working hours of one mediator-year (hours/staff/year).
        public var hoursPerMediatorYear: Parameter = 1_600
        /// Legal advice hours per household per year at which its effect is ~63% of full (hours/household/year).
        public var legalAdviceScale: Parameter = 0.3
        /// Success gain of tier 1–2 attempts on property and land disputes at full legal advice.
        public var legalAdviceSuccessGain: Parameter = 0.15
        /// Coordination hours per 100 residents per year at which its effect is ~63% of full.
        public var coordinationScale: Parameter = 10
        /// Recruitment multiplier gained at full coordination (added to 1).
        public var coordinationRecruitGain: Parameter = 1
        /// Share of dropouts avoided at full coordination (fraction 0–1).
        public var coordinationRetention: Parameter = 0.5
        /// Provider hours per elderly home visit (hours/visit).
        public var hoursPerElderlyVisit: Parameter = 1.5
        /// Visits a purchased care worker pays each elderly resident living alone on the caseload
        /// (visits/elderly/year; 52 = weekly). The hours bought set how many are on the caseload.
        public var visitsPerEnrolledElderYear: Parameter = 52
        /// When the contract runs (docs/model.md §11): the budget in force is the share of
        /// `budget`, and everything it buys follows. Default: from the first day.
        public var schedule = Schedule()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.parameter("budget", &budget, .nonNegative("yuan/year"))
            v.parameter("mediationShare", &mediationShare, .fraction())
            v.parameter("legalAdviceShare", &legalAdviceShare, .fraction())
            v.parameter("volunteerCoordinationShare", &volunteerCoordinationShare, .fraction())
            v.parameter("elderlyCareShare", &elderlyCareShare, .fraction())
            v.parameter("pricePerHour", &pricePerHour, .positive("yuan/hour"))
            v.parameter("providerQuality", &providerQuality, .fraction())
            v.parameter("providerCapacityHours", &providerCapacityHours, .nonNegative("hours/year"))
            v.parameter("hoursPerMediatorYear", &hoursPerMediatorYear, .positive("hours/staff/year"))
            v.parameter("legalAdviceScale", &legalAdviceScale, .positive("hours/household/year"))
            v.parameter("legalAdviceSuccessGain", &legalAdviceSuccessGain, .probability("probability points"))
            v.parameter("coordinationScale", &coordinationScale, .positive("hours/100 residents/year"))
            v.parameter("coordinationRecruitGain", &coordinationRecruitGain, .nonNegative("multiplier"))
            v.parameter("coordinationRetention", &coordinationRetention, .fraction())
            v.parameter("hoursPerElderlyVisit", &hoursPerElderlyVisit, .positive("hours/visit"))
            v.parameter("visitsPerEnrolledElderYear", &visitsPerEnrolledElderYear, Bounds(1...365, unit: "visits/elderly/year"))
            v.section("schedule", &schedule)
        }
    }
}
