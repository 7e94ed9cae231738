import Foundation

extension Simulation {
    /// Residents' scores move a step of 1/`adaptationDays` toward targets set by their cell's
    /// climate and their own offsets:
    ///
    ///     trust     → baseTrust + council + mediation record − privacy cost − mass-incident shock + own offset
    ///     safety    → baseSafety + patrols + cameras − nearby incidents − slow response + own offset
    ///     happiness → baseHappiness + council voice + wT·(trust − 50) + wS·(safety − 50) + own offset
    ///
    /// Personal events (a dispute open, resolved or failed, being an incident's victim) move a
    /// resident's scores directly, and the scores then relax back. Bounded to 0–100.
    mutating func updateResidents() {
        let res = scenario.residents
        let a = 1 / Simulation.climateDays
        for c in cells.indices {
            let people = residentsPerCell[c]
            incidentLevel[c] += a * (Double(todayIncidents[c]) * 1000 / max(people, 1) * 30 - incidentLevel[c])
            if todayResponseCount[c] > 0 {
                let weight = min(1, a * Double(todayResponseCount[c]))
                responseLevel[c] += weight * (todayResponseSum[c] / Double(todayResponseCount[c]) - responseLevel[c])
            }
            let households = Double(population.households(ofCell: c).count)
            mediationLevel[c] += a * (Double(todayMediationNet[c]) / max(households, 1) * 365 - mediationLevel[c])
            massShock[c] *= 1 - 1 / res.adaptationDays.value
            dispatchLoad[c] = todayLoad[c]
            todayLoad[c] = 0; todayIncidents[c] = 0; todayResponseSum[c] = 0; todayResponseCount[c] = 0; todayMediationNet[c] = 0
        }

        let k = Float(1 / res.adaptationDays.value)
        let wT = Float(res.trustOnHappiness.value), wS = Float(res.safetyOnHappiness.value)
        let threshold = Float(res.satisfiedThreshold.value)
        let v = scenario.volunteers
        for c in cells.indices {
            let cell = cells[c]
            let trustTarget = cell.baseTrust + effects.councilTrustGain - effects.privacyTrustCost
                + res.mediationTrustWeight.value * mediationLevel[c] - massShock[c]
            let safetyTarget = cell.baseSafety + effects.cameraSafetyGain
                + res.patrolSafetyWeight.value * (1 - exp(-patrolIntensity[c] / v.patrolScale.value))
                - res.nearbyIncidentWeight.value * incidentLevel[c]
                - res.slowResponseWeight.value * max(0, responseLevel[c] - 15) / 10
            let happinessTarget = cell.baseHappiness + effects.councilHappinessGain - 50 * (res.trustOnHappiness.value + res.safetyOnHappiness.value)
            // The hot loop: one pass over the cell's residents (ScoreRelaxation.relax).
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
            cellSatisfied[c] = Double(sums.satisfied) / n
        }
    }

    /// Cell means straight from the residents (at setup, before the first update).
    mutating func refreshCellMeans() {
        for c in cells.indices {
            let range = population.residents(ofCell: c)
            let n = Double(max(range.count, 1))
            var h = 0.0, s = 0.0, t = 0.0, sat = 0.0
            let threshold = Float(scenario.residents.satisfiedThreshold.value)
            for r in range {
                h += Double(population.happiness[r]); s += Double(population.safety[r]); t += Double(population.trust[r])
                if population.happiness[r] >= threshold { sat += 1 }
            }
            cellHappiness[c] = h / n; cellSafety[c] = s / n; cellTrust[c] = t / n; cellSatisfied[c] = sat / n
        }
    }

    /// District-wide means weighted by residents: (safety, satisfaction %, happiness, trust).
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    var districtScores: (safety: Double, satisfactionPct: Double, happiness: Double, trust: Double) {
        var h = 0.0, s = 0.0, t = 0.0, sat = 0.0, n = 0.0
        for c in cells.indices {
            let w = residentsPerCell[c]
            h += w * cellHappiness[c]; s += w * cellSafety[c]; t += w * cellTrust[c]; sat += w * cellSatisfied[c]; n += w
        }
        n = max(n, 1)
        return (s / n, 100 * sat / n, h / n, t / n)
    }

    /// Appends this week's values of the `WeeklySeries` to `series`.
    mutating func recordWeek() {
        let d = districtScores
        series.append(contentsOf: [d.safety, d.satisfactionPct, d.happiness, d.trust, Double(weekDisputes), Double(weekIncidents)])
        weekDisputes = 0
        weekIncidents = 0
    }
}
