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
    /// The district's policy effects (what the services contract buys: today's, when scheduled).
    var effects: PolicyEffects
    let cells: [CellSetup]
    /// The group of each cell, and each group's effective scenario (the district-wide sections
    /// with the group's overrides) and rates.
    let groupOf: [Int]
    let groups: [Scenario]
    var rates: GroupRates
    /// Whether any policy is scheduled (docs/model.md §11), and today's share of each scheduled
    /// policy's full effect. Rates are worked out again only on a day when a share changes.
    let hasSchedules: Bool
    var shares: PolicyShares
    /// Seed of each resident's place in the elderly-care roll-out (`inRollout`); using it takes
    /// nothing from any process's stream.
    let rolloutSeed: UInt64

    /// The windows the trial reports (counted days; `Scenario.Run.windows`: the output window,
    /// then each year), the tally at each one's start, and each one's outputs once it ended
    /// (the first window's parts too).
    let windows: [Range<Int>]
    var windowStart: [Tally?]
    var windowOutputs: [[Double]]
    var windowParts: [[Double]] = []
    var population: Population
    var book = DisputeBook()
    var tally: Tally
    let streams: TrialStreams
    var climate: CellClimate
    var homes: HouseholdRecords
    var mediators: MediationTiers
    var responders: ResponseNetwork
    var community: CommunityState

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
        let groups = s.district.cells.map { $0.policies(in: s) }
        self.groups = groups
        let cells = CellSetup.cells(of: s, groups: groups)
        self.cells = cells
        groupOf = cells.map(\.group)
        let rollout = StreamSeed.stream(seed: seed, trial: trial, process: .rollout)
        rolloutSeed = rollout
        let pop = Population(cells: cells, scenario: s, rng: streams.population, rolloutSeed: rollout)
        population = pop
        let nHouseholds = pop.householdCount

        climate = CellClimate(pop)
        homes = HouseholdRecords(households: nHouseholds)
        let scheduled = PolicyShares.anyScheduled(s, groups: groups)
        hasSchedules = scheduled
        windows = s.run.windows
        windowStart = [Tally?](repeating: nil, count: windows.count)
        windowOutputs = [[Double]](repeating: [], count: windows.count)
        if scheduled {
            // The first warm-up day's shares; `followSchedules` sets the rest of the state from them.
            let today = PolicyShares(s, groups: groups, day: -s.run.warmupDays)
            shares = today
            let effects = PolicyEffects(s, households: nHouseholds, residents: pop.residentCount, serviceShare: today.services)
            self.effects = effects
            responders = ResponseNetwork(s, workers: groups.indices.map { groups[$0].response.gridWorkers(atShare: today[$0, .response]) },
                                         cells: cells, population: pop)
            let community = CommunityState(s, effects: effects, population: pop, elderlyAlone: climate.elderlyAlone)
            self.community = community
            rates = Simulation.rates(s, groups, shares: today, households: nHouseholds, residents: pop.residentCount,
                                     participationMean: community.participationMean)
        } else {
            shares = PolicyShares(groups: groups.count)
            let effects = PolicyEffects(s, households: nHouseholds, residents: pop.residentCount)
            self.effects = effects
            responders = ResponseNetwork(s, workers: groups.map(\.response.gridWorkersPerCell.value), cells: cells, population: pop)
            let community = CommunityState(s, effects: effects, population: pop, elderlyAlone: climate.elderlyAlone)
            self.community = community
            let groupEffects = groups.map { PolicyEffects($0, households: nHouseholds, residents: pop.residentCount) }
            rates = GroupRates(groups: groups, effects: groupEffects, participationMean: community.participationMean)
        }
        tally = Tally(groups: groups.count)

        // Reserve room for every dispute the trial is likely to see, with margin.
        let totalDays = Double(s.run.days + s.run.warmupDays)
        let expected = cells.reduce(0.0) { $0 + Double($1.households) * $1.disputeRatePerDay.reduce(0, +) } * totalDays
        book.reserve(Simulation.reservation(expected * 1.5))
        let householdShare = s.district.cells.indices.map { g in
            Double(cells.lazy.filter { $0.group == g }.reduce(0) { $0 + $1.households }) / Double(max(nHouseholds, 1))
        }
        for g in groups.indices { tally.resolutionHours[g].reserveCapacity(Simulation.reservation(expected * 1.2 * householdShare[g])) }
        let incidentsExpected = cells.reduce(0.0) { $0 + Double($1.households) * $1.residentsPerHousehold * $1.incidentRatePerDay.reduce(0, +) } * totalDays
        let responsesExpected = Double(Simulation.reservation(incidentsExpected * 1.5 + Double(pop.residentCount) * s.residents.elderlyShare.value * s.elderlyCare.emergencyRatePerYear.value * totalDays / 365 * 1.5))
        for g in groups.indices {
            tally.responseMinutes[g].reserveCapacity(Simulation.reservation(responsesExpected * householdShare[g]))
            tally.emergencyResponseMinutes[g].reserveCapacity(Simulation.reservation(responsesExpected * householdShare[g]))
        }

        mediators = MediationTiers(s, effects: effects, queueCapacity: Simulation.reservation(expected * 1.5))
        if rates.careScheduled { rollOutCare(groups: groups.indices.filter { !groups[$0].elderlyCare.schedule.isUnscheduled }) }
        refreshCellMeans()
    }

    /// Room to reserve for about `n` records: a hint only (the arrays grow past it), so it is
    /// capped, and an estimate that is not finite never traps.
    static func reservation(_ n: Double) -> Int {
        n.isFinite ? Int(min(max(n, 0), 16_777_216)) + 1_024 : 1_024
    }

    /// The score around which trust and safety enter happiness, and at which trust neither raises
    /// nor lowers dispute and report rates (points).
    static let neutralScore = 50.0
    /// An incident nobody records gets no response: its harm is judged at this many minutes.
    static let unrecordedHarmMinutes = 360.0

    /// Advances one day.
    mutating func step() {
        if hasSchedules { followSchedules() }
        let t = day - scenario.run.warmupDays
        if counting { for w in windows.indices where windows[w].lowerBound == t { windowStart[w] = tally.marked() } }
        updateVolunteers()
        ariseDisputes()
        runDisputeCourse()
        workMediationQueues()
        happenIncidents()
        happenElderlyEmergencies()
        makePreventiveVisits()
        updateResidents()
        if counting && t % 7 == 6 { recordWeek() }
        if counting { for w in windows.indices where windows[w].upperBound == t + 1 { closeWindow(w) } }
        day += 1
    }

    /// A window ends today: its outputs are read now (counts since its start, scores as they are).
    mutating func closeWindow(_ w: Int) {
        guard let start = windowStart[w] else { return }
        let since = tally.since(start)
        windowOutputs[w] = outcome(tally: since, window: windows[w])
        if w == 0 { windowParts = partOutputs(tally: since) }
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
