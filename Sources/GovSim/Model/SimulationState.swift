import Foundation

// The state of a trial, split by who owns it. `Simulation` holds one of each beside the
// `Population` (residents and households as they are) and the `DisputeBook`; each daily process
// (a `Simulation+Process.swift` file) mostly changes its owner's state and reads the others'.

/// What residents of each cell see around them, recomputed from the residents every day
/// (`updateResidents`): the cell means the dispute, report and recruitment rates respond to.
struct CellClimate {
    var happiness: [Double]
    var safety: [Double]
    var trust: [Double]
    /// Residents of each cell (persons).
    let residents: [Double]
    /// Elderly residents living alone in each cell (persons).
    let elderlyAlone: [Int]

    init(_ population: Population) {
        let cells = population.cellCount
        happiness = [Double](repeating: 0, count: cells)
        safety = [Double](repeating: 0, count: cells)
        trust = [Double](repeating: Simulation.neutralScore, count: cells)
        residents = (0..<cells).map { Double(population.residents(ofCell: $0).count) }
        elderlyAlone = (0..<cells).map { population.elderly(ofCell: $0, group: 1).count }
    }
}

/// The household register: the risk database, who complained, open disputes, visit protection.
struct HouseholdRecords {
    /// Recent reported disputes, decaying (risk score), and the day it was last updated.
    var riskScore: [Float]
    var riskDay: [Int32]
    /// Last day a preventive visit protects the household (−1: never visited).
    var protectedUntil: [Int32]
    /// Whether the household has complained (reported a dispute) in the counted days.
    var complained: [Bool]
    /// Flagged for a preventive visit and waiting in `visitQueue`.
    var flagged: [Bool]
    /// The household's latest open dispute (−1: none).
    var openDispute: [Int32]
    var visitQueue: DisputeQueue
    /// Visits owed by the team (fractions of a visit carry over, at most one when nobody waits).
    var visitCarry = 0.0

    init(households n: Int) {
        riskScore = [Float](repeating: 0, count: n)
        riskDay = [Int32](repeating: 0, count: n)
        protectedUntil = [Int32](repeating: -1, count: n)
        complained = [Bool](repeating: false, count: n)
        flagged = [Bool](repeating: false, count: n)
        openDispute = [Int32](repeating: -1, count: n)
        visitQueue = DisputeQueue(capacity: n + 1)
    }
}

/// Mediation tiers as staffed for the trial, with their queues.
struct MediationTiers {
    var queues: [DisputeQueue]
    /// Fractions of a case of capacity carried to the next day.
    var carry: [Double]
    /// Staff (public and purchased), cases per day and success by severity, per tier.
    private(set) var staff: [Double]
    private(set) var capacity: [Double]
    private(set) var skill: [[Double]]

    init(_ s: Scenario, effects: PolicyEffects, queueCapacity: Int) {
        (staff, capacity, skill) = MediationTiers.staffing(s, effects: effects)
        carry = [Double](repeating: 0, count: s.mediation.tiers.count)
        queues = s.mediation.tiers.map { _ in DisputeQueue(capacity: queueCapacity) }
    }

    /// The tiers staffed again with what the services contract buys today (a schedule, docs/model.md
    /// §11); queues and carried capacity stay.
    mutating func restaff(_ s: Scenario, effects: PolicyEffects) {
        (staff, capacity, skill) = MediationTiers.staffing(s, effects: effects)
    }

    static func staffing(_ s: Scenario, effects: PolicyEffects) -> (staff: [Double], capacity: [Double], skill: [[Double]]) {
        let tiers = s.mediation.tiers
        var staff = tiers.map(\.staff.value)
        staff[0] += effects.purchasedMediators
        let capacity = zip(staff, tiers).map { $0 * $1.casesPerStaffDay.value }
        // Tier 1's skill blends public mediators with purchased ones of the provider's quality.
        let purchasedShare = staff[0] > 0 ? effects.purchasedMediators / staff[0] : 0
        let skill = tiers.enumerated().map { t, tier in
            let scale = t == 0 ? (1 - purchasedShare) + purchasedShare * effects.purchasedMediatorSkill : 1
            return [tier.successLow.value, tier.successMedium.value, tier.successHigh.value].map { $0 * scale }
        }
        return (staff, capacity, skill)
    }
}

/// Safety and response: what the cells' residents hear of incidents and response, and the grid
/// workers' load and reach.
struct ResponseNetwork {
    /// Incidents per 1000 residents per month, smoothed over ~30 days, per cell.
    var incidentLevel: [Double]
    /// Mean response minutes in the cell, smoothed: the response residents hear of.
    var responseLevel: [Double]
    /// Alarms and calls per day in the district, yesterday's: the grid workers' dispatch load.
    var dispatchLoad = 0.0
    /// Today's alarms and calls, incidents, and response minutes (sum and count), per cell.
    var todayLoad: [Double]
    var todayIncidents: [Int]
    var todayResponseSum: [Double]
    var todayResponseCount: [Int]
    /// Per cell: the scale of the distance to the nearest grid worker (km): √(area per worker / π),
    /// so the distance is this × √(−ln(1 − u)) (nearest of workers spread at random).
    private(set) var nearestWorkerKm: [Double]
    /// Grid workers in the whole district (persons).
    private(set) var districtWorkers: Double

    /// `workers`: grid workers per cell of each group in place at the start.
    init(_ s: Scenario, workers: [Double], cells: [CellSetup], population: Population) {
        let n = cells.count
        incidentLevel = cells.map(\.usualIncidentLevel)
        responseLevel = [Double](repeating: s.residents.responseReferenceMinutes.value, count: n)
        todayLoad = [Double](repeating: 0, count: n)
        todayIncidents = [Int](repeating: 0, count: n)
        todayResponseSum = [Double](repeating: 0, count: n)
        todayResponseCount = [Int](repeating: 0, count: n)
        districtWorkers = 0
        nearestWorkerKm = [Double](repeating: 0, count: n)
        place(workers: workers, s, cells: cells, population: population)
    }

    /// Places `workers` grid workers per cell of each group (at the start, and again when a
    /// response schedule changes them, docs/model.md §11).
    mutating func place(workers: [Double], _ s: Scenario, cells: [CellSetup], population: Population) {
        // Summed over classes of groups with equal staffing (no overrides: workers × cells).
        districtWorkers = classes(workers).reduce(0.0) { sum, c in
            sum + c.key * Double(c.members.reduce(0) { $0 + s.district.cells[$1].count })
        }
        for c in cells.indices {
            let householdsPerWorker = Double(population.households(ofCell: c).count) / max(workers[cells[c].group], 1e-9)
            nearestWorkerKm[c] = (householdsPerWorker / cells[c].householdsPerKm2 / Double.pi).squareRoot()
        }
    }

    /// The day ends: today's incidents and responses enter the smoothed levels residents feel
    /// (time constant `climateDays`), today's load becomes the dispatch load, counters reset.
    mutating func endDay(residents: [Double], climateDays: Double) {
        let a = 1 / climateDays
        var load = 0.0
        for c in incidentLevel.indices {
            incidentLevel[c] += a * (Double(todayIncidents[c]) * 1000 / max(residents[c], 1) * 30 - incidentLevel[c])
            if todayResponseCount[c] > 0 {
                let weight = min(1, a * Double(todayResponseCount[c]))
                responseLevel[c] += weight * (todayResponseSum[c] / Double(todayResponseCount[c]) - responseLevel[c])
            }
            load += todayLoad[c]
            todayLoad[c] = 0; todayIncidents[c] = 0; todayResponseSum[c] = 0; todayResponseCount[c] = 0
        }
        dispatchLoad = load
    }
}

/// Volunteers and what the community's care reaches.
struct CommunityState {
    /// Volunteers in each cell (persons; each one a resident with the volunteer flag).
    var volunteers: [Int]
    /// Patrol hours per week per 100 households, per cell.
    var patrolIntensity: [Double]
    /// Share of the elderly living alone whom purchased care workers visit (fraction 0–1).
    private(set) var serviceEnrolledShare: Double
    /// Mean willingness to volunteer, for the ask rate that gives `recruitmentPerYear`.
    let participationMean: Double
    /// Wearers of a monitor in each cell whose monitor is in place (persons): every wearer unless
    /// the group's elderly care is scheduled (docs/model.md §11).
    var wearablesInPlace: [Int]

    init(_ s: Scenario, effects: PolicyEffects, population: Population, elderlyAlone: [Int]) {
        volunteers = (0..<population.cellCount).map { c in
            population.residents(ofCell: c).reduce(0) { $0 + (population.flags[$1] & Population.Flags.volunteer != 0 ? 1 : 0) }
        }
        patrolIntensity = [Double](repeating: 0, count: population.cellCount)
        serviceEnrolledShare = 0
        participationMean = Population.kumaraswamyMean(s.residents.participationAlpha.value, s.residents.participationBeta.value)
        wearablesInPlace = population.wearablesPerCell
        enrol(s, effects: effects, elderlyAlone: elderlyAlone)
    }

    /// Works out the purchased care caseload from what the services contract buys (at the start,
    /// and again when its schedule changes the budget in force).
    mutating func enrol(_ s: Scenario, effects: PolicyEffects, elderlyAlone: [Int]) {
        let totalAlone = elderlyAlone.reduce(0, +)
        serviceEnrolledShare = totalAlone > 0
            ? min(1, effects.serviceElderlyVisitsPerYear / s.services.visitsPerEnrolledElderYear.value / Double(totalAlone)) : 0
    }
}
