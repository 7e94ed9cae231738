import Foundation

extension Simulation {
    /// Volunteers join (more where trust is high, with a council, with purchased coordination)
    /// and drop out (fewer with coordination); patrol presence follows.
    mutating func updateVolunteers() {
        let rng = streams.volunteers
        let v = scenario.volunteers
        let recruitPerDay = v.recruitmentPerYear.value / 365 * effects.councilRecruitFactor * effects.coordinationRecruitFactor
        let dropout = 1 - exp(-v.dropoutPerYear.value * (1 - effects.coordinationRetention) / 365)
        let hours = v.patrolHoursPerWeek.value
        var total = 0
        for c in cells.indices {
            let joined = rng.poisson(residentsPerCell[c] * recruitPerDay * max(0, cellTrust[c] / 50))
            let left = rng.binomial(volunteers[c], dropout)
            volunteers[c] += joined - left
            total += volunteers[c]
            let households = Double(population.households(ofCell: c).count)
            patrolIntensity[c] = Double(volunteers[c]) * hours / max(households, 1) * 100
        }
        if counting { tally.volunteerDays += Double(total) }
    }

    /// The visit team works through flagged households in the order they were flagged; a visit
    /// protects the household for a while and may defuse its open high-severity dispute (a
    /// collective one so defused is a potential mass incident prevented).
    mutating func makePreventiveVisits() {
        let v = scenario.preventiveVisits
        guard v.enabled else { return }
        let rng = streams.visits
        visitCarry += v.visitsPerWeek.value / 7
        while visitCarry >= 1 && !visitQueue.isEmpty {
            let h = visitQueue.peek()
            visitQueue.pop()
            flagged[h] = false
            visitCarry -= 1
            if counting { tally.visits += 1 }
            protectedUntil[h] = Int32(day + Int(v.effectDays.value))
            let i = Int(openDispute[h])
            let u = rng.uniform()
            if i >= 0 && book.stage[i] != .closed && book.severity[i] == Severity.high.rawValue && u < v.defuseProbability.value {
                book.severity[i] = Severity.medium.rawValue
                if book.collective[i] && book.counted[i] { tally.massIncidentsPrevented += 1 }
            }
        }
        // Unused visit time is not banked beyond one visit.
        if visitQueue.isEmpty { visitCarry = min(visitCarry, 1) }
    }
}
