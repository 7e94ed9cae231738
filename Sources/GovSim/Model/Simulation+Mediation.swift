extension Simulation {
    /// Each tier works its queue first come, first served, up to its daily capacity (staff ×
    /// cases per staff-day; fractions carry over). An attempt succeeds with the tier's skill at
    /// the dispute's severity (plus purchased legal advice on property and land disputes at tiers
    /// 1–2); failure escalates to the next tier, and past the top may become a petition.
    mutating func workMediationQueues() {
        let tiers = scenario.mediation.tiers
        let dayStart = 24 * Double(day), dayEnd = dayStart + 24
        let rng = streams.mediation
        for t in tiers.indices {
            var capacity = mediators.capacity[t] + mediators.carry[t]
            let slots = max(mediators.capacity[t], 1)
            let responseHours = tiers[t].responseHours.value, sessionHours = tiers[t].sessionHours.value
            var handled = 0
            while capacity >= 1 && !mediators.queues[t].isEmpty {
                let i = mediators.queues[t].peek()
                guard book.stage[i] == .queued && Int(book.tier[i]) == t else {
                    mediators.queues[t].pop()
                    continue
                }
                let ready = book.arrivalHours[i] + responseHours
                if ready > dayEnd { break }
                mediators.queues[t].pop()
                capacity -= 1
                // Cases are spread over an 8-hour working day from 08:00.
                let start = max(ready, dayStart + 8 + 8 * Double(handled) / slots)
                handled += 1
                attempt(i, tier: t, endHours: start + sessionHours, rng: rng)
            }
            mediators.carry[t] = capacity - capacity.rounded(.down)
        }
    }

    mutating func attempt(_ i: Int, tier t: Int, endHours: Double, rng: RandomStream) {
        let m = scenario.mediation
        var p = mediators.skill[t][Int(book.severity[i])]
        let type = DisputeType(rawValue: Int(book.type[i]))
        if t <= 1 && (type == .property || type == .land) { p += effects.legalSuccessGain }
        let success = rng.uniform() < p
        let uPetition = rng.uniform()
        let g = groupOf[Int(book.cell[i])]
        if book.counted[i] {
            tally[.mediationAttempts, g] += 1
            tally.mediationCases[t] += 1
        }
        if success {
            resolve(i, atHours: endHours, byMediation: true)
            return
        }
        shiftTrust(of: i, by: -scenario.residents.failedTrustLoss.value)
        if m.escalateOnFailure && t + 1 < mediators.queues.count {
            if book.counted[i] { tally[.escalations, g] += 1 }
            enqueue(i, tier: t + 1, at: endHours + m.referralHours.value)
        } else if uPetition < m.petitionOnTopFailure.value {
            petition(i)
        } else {
            if book.counted[i] { tally.mediationFailuresFinal[g] += 1 }
            close(i)
        }
    }
}
