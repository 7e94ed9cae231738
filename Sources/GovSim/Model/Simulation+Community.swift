import Foundation

extension Simulation {
    /// Volunteers are residents. Each day some residents of a cell are asked to volunteer (more
    /// where trust is high, with a council, with purchased coordination); one who is not yet a
    /// volunteer joins with his or her own willingness, so the willing join first and the pool
    /// thins as it is used, and volunteers never outnumber residents. Volunteers drop out (fewer
    /// with coordination). Patrol presence follows. Draws come from a sub-stream per (cell, day).
    mutating func updateVolunteers() {
        let rng = streams.volunteers
        for c in cells.indices {
            // Asks per resident-day such that, while few volunteer, new volunteers per resident-year
            // are `recruitmentPerYear` (an ask succeeds with the mean willingness); the group's
            // council and the district's purchased coordination raise it (`GroupRates`).
            let g = groupOf[c]
            let asksPerDay = rates.volunteering[g].asksPerDay, dropout = rates.volunteering[g].dropout
            let hours = rates.volunteering[g].patrolHours
            let residents = population.residents(ofCell: c)
            rng.reseed(StreamSeed.substream(streams.volunteerSeed, StreamSeed.cellDay(c, day, kind: 0)))
            let asked = rng.poisson(climate.residents[c] * asksPerDay * max(0, climate.trust[c] / Simulation.neutralScore))
            for _ in 0..<asked {
                let r = residents.lowerBound + rng.index(residents.count)
                let u = rng.uniform()
                if population.flags[r] & Population.Flags.volunteer == 0 && u * 255 < Double(population.participation[r]) {
                    population.flags[r] |= Population.Flags.volunteer
                    community.volunteers[c] += 1
                }
            }
            // Who leaves: volunteers found by drawing residents until one volunteers.
            var left = rng.binomial(community.volunteers[c], dropout)
            while left > 0 {
                let r = residents.lowerBound + rng.index(residents.count)
                if population.flags[r] & Population.Flags.volunteer != 0 {
                    population.flags[r] &= ~Population.Flags.volunteer
                    community.volunteers[c] -= 1
                    left -= 1
                }
            }
            if counting { tally.volunteerDays[g] += Double(community.volunteers[c]) }
            let households = Double(population.households(ofCell: c).count)
            community.patrolIntensity[c] = Double(community.volunteers[c]) * hours / max(households, 1) * 100
        }
    }

    /// The visit team works through flagged households in the order they were flagged; a visit
    /// protects the household for a while and may defuse its open high-severity dispute (a
    /// collective one so defused is a potential mass incident prevented).
    mutating func makePreventiveVisits() {
        guard rates.anyVisits else { return }
        let rng = streams.visits
        // One district-wide team (its capacity is shared); effect and defusing are the
        // household's group's.
        // A scheduled team works at its share of capacity (docs/model.md §11; 1 unscheduled).
        let team = shares.visitTeam
        homes.visitCarry += team == 1 ? scenario.preventiveVisits.visitsPerWeek.value / 7 : scenario.preventiveVisits.visitsPerWeek.value * team / 7
        while homes.visitCarry >= 1 && !homes.visitQueue.isEmpty {
            let h = homes.visitQueue.peek()
            homes.visitQueue.pop()
            homes.flagged[h] = false
            homes.visitCarry -= 1
            let g = groupOf[Int(population.householdCell[h])]
            let v = rates.disputes[g]
            if counting { tally[.preventiveVisits, g] += 1 }
            homes.protectedUntil[h] = Int32(day + Int(v.effectDays))
            let i = Int(homes.openDispute[h])
            let u = rng.uniform()
            if i >= 0 && book.stage[i] != .closed && book.severity[i] == Severity.high.rawValue && u < v.defuseProbability {
                book.severity[i] = Severity.medium.rawValue
                if book.collective[i] && book.counted[i] { tally[.massIncidentsPrevented, g] += 1 }
            }
        }
        // Unused visit time is not banked beyond one visit.
        if homes.visitQueue.isEmpty { homes.visitCarry = min(homes.visitCarry, 1) }
    }
}
