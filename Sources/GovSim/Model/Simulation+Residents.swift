import Foundation

extension Simulation {
    /// Residents' scores move a step of 1/`adaptationDays` toward targets set by what their cell
    /// lives through and their own offsets:
    ///
    ///     trust     → baseTrust − privacy cost + own offset
    ///     safety    → baseSafety + patrols seen − nearby incidents − w·log2(response / reference) + own offset
    ///     happiness → baseHappiness + wT·(trust − 50) + wS·(safety − 50) + own offset
    ///
    /// Everything else a resident lives through moves that resident's scores directly, and they
    /// then relax back: a dispute arising, left open, resolved, failed or petitioned; being an
    /// incident's victim; a mass incident among the neighbours. No policy adds to a target: a
    /// policy acts only through these events (docs/model.md §3.11). Bounded to 0–100.
    mutating func updateResidents() {
        let res = scenario.residents
        let a = 1 / Simulation.climateDays
        var load = 0.0
        for c in cells.indices {
            let people = residentsPerCell[c]
            incidentLevel[c] += a * (Double(todayIncidents[c]) * 1000 / max(people, 1) * 30 - incidentLevel[c])
            if todayResponseCount[c] > 0 {
                let weight = min(1, a * Double(todayResponseCount[c]))
                responseLevel[c] += weight * (todayResponseSum[c] / Double(todayResponseCount[c]) - responseLevel[c])
            }
            load += todayLoad[c]
            todayLoad[c] = 0; todayIncidents[c] = 0; todayResponseSum[c] = 0; todayResponseCount[c] = 0
        }
        dispatchLoad = load

        let k = Float(1 / res.adaptationDays.value)
        let wT = Float(res.trustOnHappiness.value), wS = Float(res.safetyOnHappiness.value)
        let threshold = Float(res.satisfiedThreshold.value)
        let v = scenario.volunteers
        let neutral = Simulation.neutralScore
        let reference = res.responseReferenceMinutes.value
        for c in cells.indices {
            let cell = cells[c]
            let trustTarget = cell.baseTrust - effects.privacyTrustCost
            let safetyTarget = cell.baseSafety
                + res.patrolSafetyWeight.value * (1 - exp(-patrolIntensity[c] / v.patrolScale.value))
                - res.nearbyIncidentWeight.value * incidentLevel[c]
                - res.responseSafetyWeight.value * log2(max(responseLevel[c], 0.1) / reference)
            let happinessTarget = cell.baseHappiness - neutral * (res.trustOnHappiness.value + res.safetyOnHappiness.value)
            // The hot loop: one pass over the cell's residents (ScoreRelaxation.relax). Its
            // satisfied count uses one threshold; the survey's (each resident's own) is taken
            // when the scores are recorded (`satisfiedShare`).
            let sums = ScoreRelaxation.relax(
                population.residents(ofCell: c), happiness: &population.happiness, safety: &population.safety,
                trust: &population.trust, happinessOffset: population.happinessOffset,
                safetyOffset: population.safetyOffset, trustOffset: population.trustOffset, rate: k,
                targets: ScoreRelaxation.Targets(happiness: Float(happinessTarget), safety: Float(safetyTarget), trust: Float(trustTarget)),
                trustOnHappiness: wT, safetyOnHappiness: wS, threshold: threshold)
            let n = max(residentsPerCell[c], 1)
            cellHappiness[c] = Double(sums.happiness) / n
            cellSafety[c] = Double(sums.safety) / n
            cellTrust[c] = Double(sums.trust) / n
        }
    }

    /// Cell means straight from the residents (at setup, before the first update).
    mutating func refreshCellMeans() {
        for c in cells.indices {
            let range = population.residents(ofCell: c)
            let n = Double(max(range.count, 1))
            var h = 0.0, s = 0.0, t = 0.0
            for r in range {
                h += Double(population.happiness[r]); s += Double(population.safety[r]); t += Double(population.trust[r])
            }
            cellHappiness[c] = h / n; cellSafety[c] = s / n; cellTrust[c] = t / n
        }
    }

    /// Share of residents who would answer "satisfied" in a survey today: happiness at or above
    /// their own threshold (fraction 0–1). A pass over the residents, taken only when recorded.
    func satisfiedShare() -> Double {
        var satisfied = 0
        population.happiness.withUnsafeBufferPointer { h in
            population.satisfiedThreshold.withUnsafeBufferPointer { t in
                for r in 0..<h.count where h[r] >= t[r] { satisfied += 1 }
            }
        }
        return Double(satisfied) / Double(max(population.residentCount, 1))
    }

    /// District-wide means weighted by residents: (safety, satisfaction %, happiness, trust).
    mutating func districtScores() -> (safety: Double, satisfactionPct: Double, happiness: Double, trust: Double) {
        var h = 0.0, s = 0.0, t = 0.0, n = 0.0
        for c in cells.indices {
            let w = residentsPerCell[c]
            h += w * cellHappiness[c]; s += w * cellSafety[c]; t += w * cellTrust[c]; n += w
        }
        n = max(n, 1)
        return (s / n, 100 * satisfiedShare(), h / n, t / n)
    }

    /// Appends this week's values of the `WeeklySeries` to `series`.
    mutating func recordWeek() {
        let d = districtScores()
        series.append(contentsOf: [d.safety, d.satisfactionPct, d.happiness, d.trust, Double(weekDisputes), Double(weekIncidents)])
        weekDisputes = 0
        weekIncidents = 0
    }
}
