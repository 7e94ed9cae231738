import Foundation

/// One trial of a realised scenario: the district's state and the daily step.
///
/// A step is a function of (state, the trial's random streams): disputes arise and run their
/// course, mediation tiers work their queues, incidents happen or are prevented, volunteers and
/// visit teams act, and residents' scores move toward what they lived through.
///
/// Speed note: a `Simulation` is large (the realised scenario is stored inline, ~8 KB, beside
/// ~40 arrays). When a `mutating` step calls a non-mutating helper on `self` that is not
/// inlined, Swift passes it a copy of `self`: an 8 KB memcpy plus a retain and release of every
/// array. Helpers the daily step calls per cell or per event are therefore `@inline(__always)`.
struct Simulation {
    let scenario: Scenario
    let effects: PolicyEffects
    let cells: [CellSetup]
    var population: Population
    var book = DisputeBook()
    var queues: [DisputeQueue]
    var tally = Tally()
    let streams: TrialStreams

    // Cell climate: what residents of a cell see around them.
    var cellHappiness: [Double]
    var cellSafety: [Double]
    var cellTrust: [Double]
    /// Incidents per 1000 residents per month, smoothed over ~30 days.
    var incidentLevel: [Double]
    /// Mean response minutes in the cell, smoothed: the response residents hear of.
    var responseLevel: [Double]
    /// Alarms and calls per day in the district, yesterday's: the grid workers' dispatch load.
    var dispatchLoad = 0.0
    var todayLoad: [Double]
    var todayIncidents: [Int]
    var todayResponseSum: [Double]
    var todayResponseCount: [Int]
    var volunteers: [Int]
    /// Patrol hours per week per 100 households, and the probabilities derived from it.
    var patrolIntensity: [Double]
    var residentsPerCell: [Double]
    var elderlyAlonePerCell: [Int]
    /// Per cell: the scale of the distance to the nearest grid worker (km): √(area per worker / π),
    /// so the distance is this × √(−ln(1 − u)) (nearest of workers spread at random).
    let nearestWorkerKm: [Double]
    /// Grid workers in the whole district (persons).
    let districtWorkers: Double
    /// Share of the elderly living alone whom purchased care workers visit (fraction 0–1).
    let serviceEnrolledShare: Double
    /// Mean willingness to volunteer, for the contact rate that gives `recruitmentPerYear`.
    let participationMean: Double

    // Households.
    var riskScore: [Float]
    var riskDay: [Int32]
    var protectedUntil: [Int32]
    var complained: [Bool]
    var flagged: [Bool]
    var openDispute: [Int32]
    var visitQueue: DisputeQueue
    var visitCarry = 0.0

    // Mediation tiers, worked out once.
    var tierCarry: [Double]
    let tierStaff: [Double]
    let tierCapacity: [Double]
    let tierSkill: [[Double]]

    /// Days simulated so far (warm-up included).
    var day = 0
    /// Whether the outputs count (after warm-up).
    var counting: Bool { day >= scenario.run.warmupDays }
    /// Weekly snapshots of the headline series, week by week.
    var series: [Double] = []
    var weekDisputes = 0
    var weekIncidents = 0

    init(scenario s: Scenario, seed: UInt64, trial: Int) {
        scenario = s
        streams = TrialStreams(seed: seed, trial: trial)
        let cells = CellSetup.cells(of: s)
        self.cells = cells
        let pop = Population(cells: cells, scenario: s, rng: streams.population)
        population = pop
        let nCells = cells.count
        let nHouseholds = pop.householdCount
        let effects = PolicyEffects(s, households: nHouseholds, residents: pop.residentCount)
        self.effects = effects

        func perCell<T>(_ x: T) -> [T] { [T](repeating: x, count: nCells) }
        cellHappiness = perCell(0); cellSafety = perCell(0); cellTrust = perCell(50)
        incidentLevel = cells.map(\.usualIncidentLevel); responseLevel = perCell(s.residents.responseReferenceMinutes.value)
        todayLoad = perCell(0); todayIncidents = perCell(0)
        todayResponseSum = perCell(0); todayResponseCount = perCell(0)
        patrolIntensity = perCell(0)
        let residentsPerCell = (0..<nCells).map { Double(pop.residents(ofCell: $0).count) }
        self.residentsPerCell = residentsPerCell
        let elderlyAlonePerCell = (0..<nCells).map { pop.elderly(ofCell: $0, group: 1).count }
        self.elderlyAlonePerCell = elderlyAlonePerCell
        volunteers = (0..<nCells).map { c in pop.residents(ofCell: c).reduce(0) { $0 + (pop.flags[$1] & Population.Flags.volunteer != 0 ? 1 : 0) } }
        let workers = s.response.gridWorkersPerCell.value
        districtWorkers = workers * Double(nCells)
        nearestWorkerKm = (0..<nCells).map { c in
            let householdsPerWorker = Double(pop.households(ofCell: c).count) / max(workers, 1e-9)
            return (householdsPerWorker / cells[c].householdsPerKm2 / Double.pi).squareRoot()
        }
        let totalAlone = elderlyAlonePerCell.reduce(0, +)
        serviceEnrolledShare = totalAlone > 0
            ? min(1, effects.serviceElderlyVisitsPerYear / s.services.visitsPerEnrolledElderYear.value / Double(totalAlone)) : 0
        participationMean = Population.kumaraswamyMean(s.residents.participationAlpha.value, s.residents.participationBeta.value)

        riskScore = [Float](repeating: 0, count: nHouseholds)
        riskDay = [Int32](repeating: 0, count: nHouseholds)
        protectedUntil = [Int32](repeating: -1, count: nHouseholds)
        complained = [Bool](repeating: false, count: nHouseholds)
        flagged = [Bool](repeating: false, count: nHouseholds)
        openDispute = [Int32](repeating: -1, count: nHouseholds)
        visitQueue = DisputeQueue(capacity: nHouseholds + 1)

        // Reserve room for every dispute the trial is likely to see, with margin.
        let totalDays = Double(s.run.days + s.run.warmupDays)
        let expected = cells.reduce(0.0) { $0 + Double($1.households) * $1.disputeRatePerDay.reduce(0, +) } * totalDays
        book.reserve(Int(expected * 1.5) + 1_024)
        tally.resolutionHours.reserveCapacity(Int(expected * 1.2) + 1_024)
        let incidentsExpected = cells.reduce(0.0) { $0 + Double($1.households) * $1.residentsPerHousehold * $1.incidentRatePerDay.reduce(0, +) } * totalDays
        let responsesExpected = Int(incidentsExpected * 1.5 + Double(pop.residentCount) * s.residents.elderlyShare.value * s.elderlyCare.emergencyRatePerYear.value * totalDays / 365 * 1.5) + 1_024
        tally.responseMinutes.reserveCapacity(responsesExpected)
        tally.emergencyResponseMinutes.reserveCapacity(responsesExpected)

        let tiers = s.mediation.tiers
        var staff = tiers.map(\.staff.value)
        staff[0] += effects.purchasedMediators
        tierStaff = staff
        tierCapacity = zip(staff, tiers).map { $0 * $1.casesPerStaffDay.value }
        // Tier 1's skill blends public mediators with purchased ones of the provider's quality.
        let purchasedShare = staff[0] > 0 ? effects.purchasedMediators / staff[0] : 0
        tierSkill = tiers.enumerated().map { t, tier in
            let scale = t == 0 ? (1 - purchasedShare) + purchasedShare * effects.purchasedMediatorSkill : 1
            return [tier.successLow.value, tier.successMedium.value, tier.successHigh.value].map { $0 * scale }
        }
        tierCarry = [Double](repeating: 0, count: tiers.count)
        queues = tiers.map { _ in DisputeQueue(capacity: Int(expected * 1.5) + 1_024) }
        refreshCellMeans()
    }

    /// The score around which trust and safety enter happiness, and at which trust neither raises
    /// nor lowers dispute and report rates (points).
    static let neutralScore = 50.0
    /// An incident nobody records gets no response: its harm is judged at this many minutes.
    static let unrecordedHarmMinutes = 360.0

    /// Advances one day.
    mutating func step() {
        updateVolunteers()
        ariseDisputes()
        runDisputeCourse()
        workMediationQueues()
        happenIncidents()
        happenElderlyEmergencies()
        makePreventiveVisits()
        updateResidents()
        if counting && (day - scenario.run.warmupDays) % 7 == 6 { recordWeek() }
        day += 1
    }

    /// Runs every day of the scenario (warm-up included).
    mutating func run() {
        for _ in 0..<(scenario.run.warmupDays + scenario.run.days) { step() }
    }

    /// Time constant of smoothed cell signals (days).
    static let climateDays = 30.0
}

/// The random streams of one trial, one per process, each seeded from (seed, trial, process).
final class TrialStreams {
    let population, arrivals, course, triage, mediation, incidents, volunteers, elderly, visits, alarms: RandomStream
    let arrivalSeed, incidentSeed, elderlySeed, alarmSeed, volunteerSeed: UInt64

    init(seed: UInt64, trial: Int) {
        func stream(_ p: RandomProcess) -> RandomStream { RandomStream(seed: StreamSeed.stream(seed: seed, trial: trial, process: p)) }
        population = stream(.population); course = stream(.disputeCourse); triage = stream(.triage)
        mediation = stream(.mediation); visits = stream(.visits)
        volunteerSeed = StreamSeed.stream(seed: seed, trial: trial, process: .volunteers)
        volunteers = RandomStream(seed: volunteerSeed)
        arrivalSeed = StreamSeed.stream(seed: seed, trial: trial, process: .disputeArrival)
        incidentSeed = StreamSeed.stream(seed: seed, trial: trial, process: .incidents)
        elderlySeed = StreamSeed.stream(seed: seed, trial: trial, process: .elderly)
        alarmSeed = StreamSeed.stream(seed: seed, trial: trial, process: .alarms)
        arrivals = RandomStream(seed: arrivalSeed)
        incidents = RandomStream(seed: incidentSeed)
        elderly = RandomStream(seed: elderlySeed)
        alarms = RandomStream(seed: alarmSeed)
    }
}
