/// One grid cell as realised for a trial: its size and the base rates of its estate type.
struct CellSetup {
    var group: Int
    var estate: Scenario.EstateType
    var households: Int
    var residentsPerHousehold: Double
    /// Dispute rates by `DisputeType` (1/household/day), before trust and policy modifiers.
    var disputeRatePerDay: [Double]
    /// Incident rates by `IncidentType` (1/resident/day).
    var incidentRatePerDay: [Double]
    var baseHappiness: Double
    var baseSafety: Double
    var baseTrust: Double
    /// Households per km² (the group's own when it gives `areaKm2`, else its estate type's),
    /// responder access minutes and road minutes per km (see `EstateProfile`).
    var householdsPerKm2: Double
    var accessMinutes: Double
    var minutesPerKm: Double
    var appAdoption: Double
    /// The group's demographics and what residents carry from its policies at setup.
    var elderlyShare, elderlyLivingAloneShare, elderlyAppAdoption, wearableCoverage, coveredSafetyGain, initialVolunteerShare: Double
    var callButtonService: Bool

    /// Incidents per 1000 residents per month the cell sees with no prevention: where the
    /// smoothed incident signal residents feel starts.
    var usualIncidentLevel: Double { incidentRatePerDay.reduce(0, +) * 1000 * 30 }

    /// Every cell of a realised scenario, group by group; `groups` are the groups' effective
    /// scenarios (`CellGroup.policies(in:)`).
    static func cells(of s: Scenario, groups: [Scenario]) -> [CellSetup] {
        var cells: [CellSetup] = []
        let disputeScale = s.disputes.rateMultiplier.value / 365
        let incidentScale = s.incidents.rateMultiplier.value / 1000 / 365
        for (g, group) in s.district.cells.enumerated() {
            let p = s.estates[group.estate]
            let setup = CellSetup(
                group: g, estate: group.estate,
                households: Int(group.households.value),
                residentsPerHousehold: group.residentsPerHousehold.value,
                disputeRatePerDay: [p.neighbourDisputeRate, p.propertyDisputeRate, p.landDisputeRate, p.familyDisputeRate]
                    .map { $0.value * disputeScale },
                incidentRatePerDay: [p.theftRate, p.trafficAccidentRate, p.fireRate, p.elevatorIncidentRate]
                    .map { $0.value * incidentScale },
                baseHappiness: p.baseHappiness.value, baseSafety: p.baseSafety.value, baseTrust: p.baseTrust.value,
                householdsPerKm2: group.householdsPerKm2(estate: p), accessMinutes: p.accessMinutes.value,
                minutesPerKm: p.minutesPerKm.value, appAdoption: p.appAdoption.value,
                elderlyShare: groups[g].residents.elderlyShare.value,
                elderlyLivingAloneShare: groups[g].residents.elderlyLivingAloneShare.value,
                elderlyAppAdoption: groups[g].residents.elderlyAppAdoption.value,
                wearableCoverage: groups[g].elderlyCare.wearableCoverage.value,
                coveredSafetyGain: groups[g].elderlyCare.coveredSafetyGain.value,
                initialVolunteerShare: groups[g].volunteers.initialShare.value,
                callButtonService: groups[g].elderlyCare.callButtonService)
            cells.append(contentsOf: repeatElement(setup, count: group.count))
        }
        return cells
    }
}

/// Dispute types, in the order of rate arrays.
enum DisputeType: Int, CaseIterable {
    case neighbour, property, land, family
}

/// Incident types, in the order of rate arrays and sensor kinds.
enum IncidentType: Int, CaseIterable {
    case theft, trafficAccident, fire, elevator
}

/// Dispute severity; the natural mediation tier of a dispute is its severity's raw value.
enum Severity: UInt8 {
    case low = 0, medium = 1, high = 2
}
