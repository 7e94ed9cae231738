import Foundation

extension Simulation {
    /// The outputs over a window of counted days (`window`, the whole horizon by default), from
    /// what was counted in it (`t`, `Tally.since`) and the state at its end.
    mutating func outcome(tally t: Tally, window: Range<Int>) -> [Double] {
        var m = outputs(groups: Array(groups.indices), satisfied: satisfiedShare(), tally: t)
        func set(_ metric: Metric, _ value: Double) { m[metric.rawValue] = value }
        let s = scenario

        // Costs over the window's days (yuan). A policy a group overrides is costed for that
        // group's cells; groups are summed in classes of equal settings (`classes`), so a
        // district without overrides costs what it always did. A scheduled policy costs what
        // is in place: its full cost times its days at full effect (`Schedule.activeDays`).
        let (from, to) = (window.lowerBound, window.upperBound)
        let years = Double(to - from) / 365
        let tiers = s.mediation.tiers
        var mediation = 0.0
        for (i, tier) in tiers.enumerated() {
            mediation += tier.staff.value * tier.salaryPerStaffYear.value * years + t.mediationCases[i] * tier.costPerCase.value
        }
        var services = 0.0
        if s.services.schedule.isUnscheduled {
            services = effects.serviceSpendPerYear * years
        } else {
            // Days at full budget cost what the unscheduled contract does; ramping days what they buy.
            var fullDays = 0
            for day in from..<to {
                let share = s.services.schedule.fraction(atDay: day)
                if share == 1 { fullDays += 1; continue }
                services += PolicyEffects.serviceSpend(s.services, hours: PolicyEffects.serviceHours(s.services, share: share)) / 365
            }
            let full = PolicyEffects.serviceSpend(s.services, hours: PolicyEffects.serviceHours(s.services, share: 1))
            services = fullDays == to - from ? full * years : services + full * (Double(fullDays) / 365)
        }
        func cellCount(_ members: [Int]) -> Double { Double(members.reduce(0) { $0 + s.district.cells[$1].count }) }
        var sensors = 0.0
        for c in classes(groups.map(\.sensors)) {
            let nCells = cellCount(c.members)
            let sensorYears = c.key.schedule.activeDays(from: from, to: to) / 365
            sensors += GroupRates.sensorKinds(c.key).reduce(0.0) { sum, k in
                sum + k.coverage.value * k.devicesPerCell.value * nCells * (k.unitCost.value / k.lifeYears.value + k.runningCostPerDeviceYear.value) * sensorYears
            }
        }
        var care = 0.0
        for c in classes(groups.map(\.elderlyCare)) {
            let e = c.key
            let careYears = c.key.schedule.activeDays(from: from, to: to) / 365
            var elderly = 0, wearables = 0
            for cell in cells.indices where c.members.contains(cells[cell].group) {
                elderly += population.elderly(ofCell: cell, group: 0).count + population.elderly(ofCell: cell, group: 1).count
                wearables += population.wearablesPerCell[cell]
            }
            care += Double(wearables) * (e.wearableUnitCost.value / e.wearableLifeYears.value + e.wearableRunningCostPerYear.value) * careYears
            if e.callButtonService { care += Double(elderly) * e.callServiceCostPerElderlyYear.value * careYears }
            if e.responseTeam { care += Double(elderly) / 1000 * e.responseTeamCostPerThousandElderlyYear.value * careYears }
        }
        var volunteerCost = 0.0
        for c in classes(groups.map(\.volunteers.costPerVolunteerYear.value)) {
            volunteerCost += c.members.reduce(0.0) { $0 + t.volunteerDays[$1] } / 365 * c.key
        }
        // A council is counted once per distinct council (groups whose effective council is the
        // same, the district-wide one included, share it).
        var council = 0.0
        for c in classes(groups.map(\.council)) where c.key.enabled {
            council += c.key.meetingsPerYear.value * c.key.costPerMeeting.value * (c.key.schedule.activeDays(from: from, to: to) / 365)
        }
        var visits = 0.0
        for c in classes(groups.map(\.preventiveVisits.costPerVisit.value)) {
            visits += Double(t.total(.preventiveVisits, over: c.members)) * c.key
        }
        var response = 0.0
        for c in classes(groups.map { r in
            [r.response.gridWorkersPerCell.value, r.response.salaryPerWorkerYear.value, r.response.townCostPerCall.value,
             Double(r.response.schedule.startDay), Double(r.response.schedule.rampDays), Double(r.response.schedule.endDay)]
        }) {
            // Scheduled: the mean number of workers in place per cell over the window (workers are
            // linear in the share, so that is the workers at the mean share).
            var workers = c.key[0]
            let r = groups[c.members[0]].response
            if !r.schedule.isUnscheduled { workers = r.gridWorkers(atShare: r.schedule.activeDays(from: from, to: to) / Double(max(to - from, 1))) }
            response += workers * cellCount(c.members) * c.key[1] * years + Double(t.total(.townResponses, over: c.members)) * c.key[2]
        }
        let total = mediation + services + sensors + care + volunteerCost + council + visits + response
        set(.costMediation, mediation); set(.costServices, services); set(.costSensors, sensors)
        set(.costElderlyCare, care); set(.costVolunteers, volunteerCost); set(.costCouncil, council)
        set(.costVisits, visits); set(.costResponse, response); set(.costTotal, total)
        set(.costPerResident, total / Double(max(population.residentCount, 1)))
        return m
    }

    /// The outputs over the cells of the groups listed (ascending), every metric that is not
    /// district-only; the district's outputs are these over every group, so a group's counts
    /// add up to the district's and its scores average to the district's, weighted by residents.
    /// `satisfied`: the share of these groups' residents satisfied, when already known.
    mutating func outputs(groups gs: [Int], satisfied: Double? = nil, tally t: Tally) -> [Double] {
        var m = [Double](repeating: .nan, count: Metric.allCases.count)
        func set(_ metric: Metric, _ value: Double) { m[metric.rawValue] = value }
        func set(_ metric: Metric, _ value: Int) { m[metric.rawValue] = Double(value) }
        let cellRange = cells.indices.filter { gs.contains(cells[$0].group) }
        var h = 0.0, sa = 0.0, tr = 0.0, n = 0.0
        var residents = 0, households = 0, volunteers = 0, satisfiedResidents = 0
        for c in cellRange {
            let w = climate.residents[c]
            h += w * climate.happiness[c]; sa += w * climate.safety[c]; tr += w * climate.trust[c]; n += w
            residents += population.residents(ofCell: c).count
            households += population.households(ofCell: c).count
            volunteers += community.volunteers[c]
            if satisfied == nil { satisfiedResidents += satisfiedCount(population.residents(ofCell: c)) }
        }
        n = max(n, 1)
        set(.safetyScore, sa / n)
        set(.satisfactionPct, 100 * (satisfied ?? Double(satisfiedResidents) / Double(max(residents, 1))))
        set(.meanHappiness, h / n)
        set(.meanTrust, tr / n)
        for metric in Tally.counted { set(metric, t.total(metric, over: gs)) }
        set(.incidents, IncidentType.allCases.reduce(0) { $0 + t.total($1.metric, over: gs) })
        let complained = gs.reduce(0) { $0 + t.householdsComplained[$1] }
        set(.complaintRatePct, 100 * Double(complained) / Double(max(households, 1)))
        let byMediation = gs.reduce(0) { $0 + t.resolvedByMediation[$1] }
        let byPetition = gs.reduce(0) { $0 + t.resolvedByPetition[$1] }
        let concluded = byMediation + gs.reduce(0) { $0 + t.mediationFailuresFinal[$1] }
        if concluded > 0 { set(.mediationSuccessPct, 100 * Double(byMediation) / Double(concluded)) }
        let reported = t.total(.disputesReported, over: gs)
        if reported > 0 { set(.resolutionPct, 100 * Double(byMediation + byPetition) / Double(reported)) }
        var resolution = gs.flatMap { t.resolutionHours[$0] }
        var responses = gs.flatMap { t.responseMinutes[$0] }
        var emergencies = gs.flatMap { t.emergencyResponseMinutes[$0] }
        set(.medianResolutionHours, Simulation.quantile(&resolution, 0.5))
        set(.p90ResolutionHours, Simulation.quantile(&resolution, 0.9))
        set(.responseMinutesMedian, Simulation.quantile(&responses, 0.5))
        set(.emergencyResponseMinutesMedian, Simulation.quantile(&emergencies, 0.5))
        set(.volunteers, volunteers)
        set(.residents, residents)
        // The elderly's own scores: mean perceived safety, and the share satisfied in the survey.
        var elderly = 0, elderlySafety = 0.0, elderlySatisfied = 0
        for c in cellRange {
            for g in 0..<2 {
                for e in population.elderly(ofCell: c, group: g) {
                    let r = Int(population.elderlyIndex[e])
                    elderly += 1
                    elderlySafety += Double(population.safety[r])
                    if population.happiness[r] >= population.satisfiedThreshold[r] { elderlySatisfied += 1 }
                }
            }
        }
        if elderly > 0 {
            set(.elderlySafetyScore, elderlySafety / Double(elderly))
            set(.elderlySatisfactionPct, 100 * Double(elderlySatisfied) / Double(elderly))
        }
        return m
    }

    /// Outputs by group and then by estate type (those present, in `EstateType` order), for a
    /// district of more than one group; none for a single group (they would repeat the district).
    mutating func partOutputs(tally t: Tally) -> [[Double]] {
        guard groups.count > 1 else { return [] }
        var parts = groups.indices.map { outputs(groups: [$0], tally: t) }
        for estate in Scenario.EstateType.allCases {
            let members = scenario.district.cells.indices.filter { scenario.district.cells[$0].estate == estate }
            if !members.isEmpty { parts.append(outputs(groups: members, tally: t)) }
        }
        return parts
    }

    static func quantile(_ values: inout [Double], _ q: Double) -> Double { Statistics.quantile(sorting: &values, q) }
}

/// Runs one trial of a scenario: realise its distributions, build the district, simulate every
/// day, report the outputs. Pure: the same (scenario, seed, trial) always gives the same result.
public func runTrial(_ scenario: Scenario, seed: UInt64, trial: Int) -> TrialResult {
    let (realised, draws) = scenario.realised(seed: seed, trial: trial)
    var simulation = Simulation(scenario: realised, seed: seed, trial: trial)
    simulation.run()
    // The first window is the output window (the whole horizon by default); then the years.
    return TrialResult(trial: trial, metrics: simulation.windowOutputs[0], series: simulation.series, parameterDraws: draws.map(\.value),
                       parts: simulation.windowParts, years: Array(simulation.windowOutputs.dropFirst()))
}
