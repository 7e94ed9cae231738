
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
        set(.disputes, t.disputes)
        for type in DisputeType.allCases {
            set([Metric.neighbourDisputes, .propertyDisputes, .landDisputes, .familyDisputes][type.rawValue], t.disputesByType[type.rawValue])
        }
        set(.disputesReported, t.disputesReported)
        set(.complaintRatePct, 100 * Double(t.householdsComplained) / Double(max(population.householdCount, 1)))
        set(.disputesAvertedByVisits, t.disputesAvertedByVisits)
        set(.collectiveDisputes, t.collectiveDisputes)
        set(.petitions, t.petitions)
        set(.directPetitions, t.directPetitions)
        set(.massIncidents, t.massIncidents)
        set(.massIncidentsPrevented, t.massIncidentsPrevented)
        set(.escalations, t.escalations)
        set(.misrouted, t.misrouted)
        set(.mediationAttempts, t.mediationAttempts)
        let concluded = t.resolvedByMediation + t.mediationFailuresFinal
        if concluded > 0 { set(.mediationSuccessPct, 100 * Double(t.resolvedByMediation) / Double(concluded)) }
        if t.disputesReported > 0 {
            set(.resolutionPct, 100 * Double(t.resolvedByMediation + t.resolvedByPetition) / Double(t.disputesReported))
        }
        set(.medianResolutionHours, Simulation.quantile(&tally.resolutionHours, 0.5))
        set(.p90ResolutionHours, Simulation.quantile(&tally.resolutionHours, 0.9))
        set(.selfResolved, t.selfResolved)
        set(.incidents, t.incidentsHappened.reduce(0, +))
        set(.incidentsRecorded, t.incidentsRecorded.reduce(0, +))
        set(.incidentsPrevented, t.incidentsPrevented.reduce(0, +))
        set(.preventedBySensors, t.preventedBySensors)
        set(.preventedByVolunteers, t.preventedByVolunteers)
        set(.preventedByResidents, t.preventedByResidents)
        set(.publicSecurityIncidents, t.incidentsHappened[IncidentType.theft.rawValue])
        set(.accidents, t.incidentsHappened[IncidentType.trafficAccident.rawValue])
        set(.fires, t.incidentsHappened[IncidentType.fire.rawValue])
        set(.elevatorIncidents, t.incidentsHappened[IncidentType.elevator.rawValue])
        set(.seriousHarm, t.seriousHarm)
        set(.elderlyEmergencies, t.elderlyEmergencies)
        set(.elderlyEmergenciesPrevented, t.elderlyPrevented)
        set(.elderlyAdverseEvents, t.elderlyAdverse)
        set(.alarmsTrue, t.alarmsTrue)
        set(.alarmsFalse, t.alarmsFalse)
        set(.responseMinutesMedian, Simulation.quantile(&tally.responseMinutes, 0.5))
        set(.emergencyResponseMinutesMedian, Simulation.quantile(&tally.emergencyResponseMinutes, 0.5))
        set(.volunteers, volunteers.reduce(0, +))
        set(.preventiveVisits, t.visits)
        set(.councilIssuesSettled, t.councilIssuesSettled)
        set(.townResponses, t.townResponses)
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
        let visits = Double(t.visits) * s.preventiveVisits.costPerVisit.value
        let response = s.response.gridWorkersPerCell.value * nCells * s.response.salaryPerWorkerYear.value * years
            + Double(t.townResponses) * s.response.townCostPerCall.value
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
