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
        responders.endDay(residents: climate.residents, climateDays: Simulation.climateDays)

        let k = Float(1 / res.adaptationDays.value)
        let wT = Float(res.trustOnHappiness.value), wS = Float(res.safetyOnHappiness.value)
        let threshold = Float(res.satisfiedThreshold.value)
        let neutral = Simulation.neutralScore
        let reference = res.responseReferenceMinutes.value
        for c in cells.indices {
            let cell = cells[c]
            let g = groupOf[c]
            let trustTarget = cell.baseTrust - rates.privacyTrustCost[g]
            let safetyTarget = cell.baseSafety
                + res.patrolSafetyWeight.value * (1 - exp(-community.patrolIntensity[c] / rates.volunteering[g].patrolScale))
                - res.nearbyIncidentWeight.value * responders.incidentLevel[c]
                - res.responseSafetyWeight.value * log2(max(responders.responseLevel[c], 0.1) / reference)
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
            let n = max(climate.residents[c], 1)
            climate.happiness[c] = Double(sums.happiness) / n
            climate.safety[c] = Double(sums.safety) / n
            climate.trust[c] = Double(sums.trust) / n
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
            climate.happiness[c] = h / n; climate.safety[c] = s / n; climate.trust[c] = t / n
        }
    }

    /// Share of residents who would answer "satisfied" in a survey today: happiness at or above
    /// their own threshold (fraction 0–1). A pass over the residents, taken only when recorded.
    ///
    /// Branch-free, eight residents at a time: thresholds are personal, so a branch on the
    /// comparison would be mispredicted about as often as not (it cost as much as the daily pass).
    func satisfiedShare() -> Double {
        Double(satisfiedCount(0..<population.residentCount)) / Double(max(population.residentCount, 1))
    }

    /// Residents in `range` who would answer "satisfied" (see `satisfiedShare`).
    func satisfiedCount(_ range: Range<Int>) -> Int {
        var satisfied = 0
        population.happiness.withUnsafeBufferPointer { h in
            population.satisfiedThreshold.withUnsafeBufferPointer { t in
                let first = range.lowerBound, n = range.count, blocks = n / 8
                var lanes = SIMD8<Int32>()
                let one = SIMD8<Int32>(repeating: 1), zero = SIMD8<Int32>()
                guard n > 0 else { return }
                let hp = UnsafeRawPointer(h.baseAddress! + first), tp = UnsafeRawPointer(t.baseAddress! + first)
                for b in 0..<blocks {
                    let x = hp.loadUnaligned(fromByteOffset: 32 * b, as: SIMD8<Float>.self)
                    let y = tp.loadUnaligned(fromByteOffset: 32 * b, as: SIMD8<Float>.self)
                    lanes &+= zero.replacing(with: one, where: x .>= y)
                }
                satisfied = Int(lanes.wrappedSum())
                for r in (first + 8 * blocks)..<range.upperBound where h[r] >= t[r] { satisfied += 1 }
            }
        }
        return satisfied
    }

    /// District-wide means weighted by residents: (safety, satisfaction %, happiness, trust).
    mutating func districtScores() -> (safety: Double, satisfactionPct: Double, happiness: Double, trust: Double) {
        var h = 0.0, s = 0.0, t = 0.0, n = 0.0
        for c in cells.indices {
            let w = climate.residents[c]
            h += w * climate.happiness[c]; s += w * climate.safety[c]; t += w * climate.trust[c]; n += w
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
