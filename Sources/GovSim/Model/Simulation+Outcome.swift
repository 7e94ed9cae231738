
extension Simulation {
    /// The trial's outputs, from the tally and the final state.
    mutating func outcome() -> [Double] {
        var m = [Double](repeating: .nan, count: Metric.allCases.count)
        func set(_ metric: Metric, _ value: Double) { m[metric.rawValue] = value }
        func set(_ metric: Metric, _ value: Int) { m[metric.rawValue] = Double(value) }
        let t = tally, s = scenario
        let d = districtScores()
        set(.safetyScore, d.safety)
        set(.satisfactionPct, d.satisfactionPct)
        set(.meanHappiness, d.happiness)
        set(.meanTrust, d.trust)
        for metric in Tally.counted { set(metric, t[metric]) }
        set(.incidents, IncidentType.allCases.reduce(0) { $0 + t[$1.metric] })
        set(.complaintRatePct, 100 * Double(t.householdsComplained) / Double(max(population.householdCount, 1)))
        let concluded = t.resolvedByMediation + t.mediationFailuresFinal
        if concluded > 0 { set(.mediationSuccessPct, 100 * Double(t.resolvedByMediation) / Double(concluded)) }
        if t[.disputesReported] > 0 {
            set(.resolutionPct, 100 * Double(t.resolvedByMediation + t.resolvedByPetition) / Double(t[.disputesReported]))
        }
        set(.medianResolutionHours, Simulation.quantile(&tally.resolutionHours, 0.5))
        set(.p90ResolutionHours, Simulation.quantile(&tally.resolutionHours, 0.9))
        set(.responseMinutesMedian, Simulation.quantile(&tally.responseMinutes, 0.5))
        set(.emergencyResponseMinutesMedian, Simulation.quantile(&tally.emergencyResponseMinutes, 0.5))
        set(.volunteers, community.volunteers.reduce(0, +))
        set(.residents, population.residentCount)

        // Costs over the counted days (yuan).
        let years = Double(s.run.days) / 365
        let nCells = Double(cells.count)
        let tiers = s.mediation.tiers
        var mediation = 0.0
        for (i, tier) in tiers.enumerated() {
            mediation += tier.staff.value * tier.salaryPerStaffYear.value * years + t.mediationCases[i] * tier.costPerCase.value
        }
        let services = effects.serviceSpendPerYear * years
        let sensors = sensorKinds.reduce(0.0) { sum, k in
            sum + k.coverage.value * k.devicesPerCell.value * nCells * (k.unitCost.value / k.lifeYears.value + k.runningCostPerDeviceYear.value) * years
        }
        let e = s.elderlyCare
        let elderly = population.elderlyIndex.count
        let wearables = population.wearablesPerCell.reduce(0, +)
        var care = Double(wearables) * (e.wearableUnitCost.value / e.wearableLifeYears.value + e.wearableRunningCostPerYear.value) * years
        if e.callButtonService { care += Double(elderly) * e.callServiceCostPerElderlyYear.value * years }
        if e.responseTeam { care += Double(elderly) / 1000 * e.responseTeamCostPerThousandElderlyYear.value * years }
        let volunteerCost = t.volunteerDays / 365 * s.volunteers.costPerVolunteerYear.value
        let council = s.council.enabled ? s.council.meetingsPerYear.value * s.council.costPerMeeting.value * years : 0
        let visits = Double(t[.preventiveVisits]) * s.preventiveVisits.costPerVisit.value
        let response = s.response.gridWorkersPerCell.value * nCells * s.response.salaryPerWorkerYear.value * years
            + Double(t[.townResponses]) * s.response.townCostPerCall.value
        let total = mediation + services + sensors + care + volunteerCost + council + visits + response
        set(.costMediation, mediation); set(.costServices, services); set(.costSensors, sensors)
        set(.costElderlyCare, care); set(.costVolunteers, volunteerCost); set(.costCouncil, council)
        set(.costVisits, visits); set(.costResponse, response); set(.costTotal, total)
        set(.costPerResident, total / Double(max(population.residentCount, 1)))
        return m
    }

    static func quantile(_ values: inout [Double], _ q: Double) -> Double { Statistics.quantile(sorting: &values, q) }
}

/// Runs one trial of a scenario: realise its distributions, build the district, simulate every
/// day, report the outputs. Pure: the same (scenario, seed, trial) always gives the same result.
public func runTrial(_ scenario: Scenario, seed: UInt64, trial: Int) -> TrialResult {
    let (realised, draws) = scenario.realised(seed: seed, trial: trial)
    var simulation = Simulation(scenario: realised, seed: seed, trial: trial)
    simulation.run()
    let metrics = simulation.outcome()
    return TrialResult(trial: trial, metrics: metrics, series: simulation.series, parameterDraws: draws.map(\.value))
}
