import Foundation

extension Simulation {
    /// Today's shares of the scheduled policies' effects (docs/model.md §11). What depends on a
    /// share is worked out again only on a day when that share changed (a schedule switching or
    /// ramping), so a steady day allocates nothing: the groups' rates, and, by section, the
    /// services contract's purchases (tier-1 mediators, legal advice, coordination, the care
    /// caseload), the grid workers in place and the care roll-out.
    mutating func followSchedules() {
        let changed = shares.update(scenario, groups: groups, day: day - scenario.run.warmupDays)
        guard changed != 0 else { return }
        let s = scenario
        if changed & PolicyShares.servicesBit != 0 {
            effects = PolicyEffects(s, households: population.householdCount, residents: population.residentCount,
                                    serviceShare: shares.services)
            mediators.restaff(s, effects: effects)
            community.enrol(s, effects: effects, elderlyAlone: climate.elderlyAlone)
        }
        if changed & PolicyShares.bit(.response) != 0 {
            responders.place(workers: groups.indices.map { groups[$0].response.gridWorkers(atShare: shares[$0, .response]) },
                             s, cells: cells, population: population)
        }
        rates = Simulation.rates(s, groups, shares: shares, households: population.householdCount,
                                 residents: population.residentCount, participationMean: community.participationMean)
        if changed & PolicyShares.bit(.elderlyCare) != 0 {
            rollOutCare(groups: groups.indices.filter { !groups[$0].elderlyCare.schedule.isUnscheduled })
        }
    }

    /// The groups' rates with their policies at the given shares.
    static func rates(_ s: Scenario, _ groups: [Scenario], shares: PolicyShares, households: Int, residents: Int,
                      participationMean: Double) -> GroupRates {
        let effects = groups.indices.map { g in
            PolicyEffects(groups[g], households: households, residents: residents, councilShare: shares[g, .council],
                          sensorShare: shares[g, .sensors], serviceShare: shares.services)
        }
        return GroupRates(groups: groups, effects: effects, participationMean: participationMean, shares: shares)
    }

    /// Whether elderly resident `r`'s devices and services are in place at roll-out share `share`
    /// (`Population.inRollout`).
    @inline(__always)
    func inRollout(_ r: Int, share: Double) -> Bool { Population.inRollout(r, share: share, seed: rolloutSeed) }

    /// Sets what the care roll-out has reached in the scheduled groups' cells: the wearers whose
    /// monitor is in place, and the covered safety gain (wearable or call button, §3.9) of those
    /// it reached.
    mutating func rollOutCare(groups scheduled: [Int]) {
        for c in cells.indices where scheduled.contains(groupOf[c]) {
            let g = groupOf[c], care = groups[g].elderlyCare, share = shares[g, .elderlyCare]
            let gain = Float(care.coveredSafetyGain.value)
            var wearing = 0
            for a in 0..<2 {
                for e in population.elderly(ofCell: c, group: a) {
                    let r = Int(population.elderlyIndex[e])
                    let wears = population.flags[r] & Population.Flags.wearable != 0
                    let reached = inRollout(r, share: share)
                    if wears && reached { wearing += 1 }
                    let covered = (wears || care.callButtonService) && reached
                    population.safetyOffset[r] = population.careBaseOffset[r] + (covered ? gain : 0)
                }
            }
            community.wearablesInPlace[c] = wearing
        }
    }
}
