import Foundation

extension Simulation {
    /// Disputes arise at the cell's rates, raised where trust is low, on households in proportion
    /// to their proneness. A property-management issue may be taken up and settled by the council
    /// before it becomes a dispute; a protected household (after a preventive visit) may avert one.
    /// A dispute costs its household trust when it arises (`residents.disputeTrustLoss`).
    /// Draws come from a sub-stream per (cell, day, type) and every dispute uses the same number of
    /// draws, so policies that do not change rates see the same disputes.
    mutating func ariseDisputes() {
        let rng = streams.arrivals
        let d = scenario.disputes
        let trustSensitivity = d.trustSensitivity.value
        let mixes = d.severityMixes.map { (low: $0.1.low.value, medium: $0.1.medium.value) }
        let propertyCollective = d.propertyCollectiveShare.value, landCollective = d.landCollectiveShare.value
        let collectiveSpan = max(2, Int(d.collectiveHouseholds.value.rounded()))
        let trustLoss = scenario.residents.disputeTrustLoss.value
        let householdCount = population.householdCount
        for c in cells.indices {
            let households = population.households(ofCell: c)
            guard !households.isEmpty else { continue }
            let g = groupOf[c]
            let policy = rates.disputes[g]
            let reduction = policy.visitReduction, settleShare = policy.councilSettleShare
            let collectiveFactor = policy.collectiveFactor
            let proneness = Double(population.disputeCumulative[households.upperBound - 1])
            let trustFactor = max(0, 1 + trustSensitivity * (Simulation.neutralScore - climate.trust[c]))
            for type in DisputeType.allCases {
                let rate = cells[c].disputeRatePerDay[type.rawValue] * trustFactor
                rng.reseed(StreamSeed.substream(streams.arrivalSeed, StreamSeed.cellDay(c, day, kind: type.rawValue)))
                let n = rng.poisson(rate * proneness)
                for _ in 0..<n {
                    let h = pronenessWeightedHousehold(in: households, rng.uniform())
                    let (uAvert, uSeverity, uCollective, uReport, uTime) = (rng.uniform(), rng.uniform(), rng.uniform(), rng.uniform(), rng.uniform())
                    let uCouncil = rng.uniform()
                    if type == .property && uCouncil < settleShare {
                        if counting { tally[.councilIssuesSettled, g] += 1 }
                        continue
                    }
                    if homes.protectedUntil[h] >= day && uAvert < reduction {
                        if counting { tally[.disputesAvertedByVisits, g] += 1 }
                        continue
                    }
                    let mix = mixes[type.rawValue]
                    let severity: Severity = uSeverity < mix.low ? .low : uSeverity < mix.low + mix.medium ? .medium : .high
                    let collectiveShare = type == .property ? propertyCollective * collectiveFactor
                        : type == .land ? landCollective * collectiveFactor : 0
                    let collective = uCollective < collectiveShare
                    // A collective dispute involves the households after h too (in the district's
                    // order: cell lines do not stop neighbours from joining).
                    let end = collective ? min(householdCount, h + collectiveSpan) : h + 1
                    let residents = Int(population.householdStart[h])..<Int(population.householdStart[end])
                    let i = book.add(household: h, residents: residents, cell: c, type: type, severity: severity,
                                     collective: collective, counted: counting, day: day)
                    homes.openDispute[h] = Int32(i)
                    shiftTrust(of: i, by: -trustLoss)
                    if counting {
                        tally[.disputes, g] += 1
                        tally[type.metric, g] += 1
                        weekDisputes += 1
                        if collective { tally[.collectiveDisputes, g] += 1 }
                    }
                    if uReport < reportProbability(household: h, cell: c) {
                        report(i, at: 24 * Double(day) + 24 * uTime)
                    }
                }
            }
        }
    }

    /// The household of `households` whose cumulated proneness first exceeds u × the cell's total.
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    func pronenessWeightedHousehold(in households: Range<Int>, _ u: Double) -> Int {
        population.disputeCumulative.withUnsafeBufferPointer { cumulative in
            let target = Float(u) * cumulative[households.upperBound - 1]
            var lo = households.lowerBound, hi = households.upperBound - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
    }

    /// Probability that a dispute is reported when it arises: the cell's level (trust, the app)
    /// shifted on the log-odds scale by the household's own reporting propensity.
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    func reportProbability(household h: Int, cell c: Int) -> Double {
        let r = scenario.reporting
        var p = r.baseProbability.value + r.trustEffect.value * (climate.trust[c] - Simulation.neutralScore)
        if r.onlineSubmission && population.householdOnline[h] { p += r.appBoost.value }
        guard p > 0 else { return 0 }
        guard p < 1 else { return 1 }
        let logOdds = log(p / (1 - p)) + Double(population.reportingLogOdds[h])
        return 1 / (1 + exp(-logOdds))
    }

    /// A dispute reaches the platform `hours` after the start of the trial (and the risk database);
    /// triage follows.
    mutating func report(_ i: Int, at hours: Double) {
        let r = scenario.reporting
        let h = Int(book.household[i])
        let online = r.onlineSubmission && population.householdOnline[h]
        let reportDelay = online ? r.onlineDelayHours.value : r.offlineDelayHours.value
        book.stage[i] = .awaitingTriage
        book.reportedHours[i] = hours + reportDelay
        noteRisk(household: h)
        book.arrivalHours[i] = hours + reportDelay + scenario.triage.delayHours.value
        if book.counted[i] {
            let g = groupOf[Int(book.cell[i])]
            tally[.disputesReported, g] += 1
            if !homes.complained[h] {
                homes.complained[h] = true
                tally.householdsComplained[g] += 1
            }
        }
    }

    /// Updates the household's risk score (recent reported disputes, decaying) and flags it for a
    /// visit. Only reported disputes reach the risk database.
    mutating func noteRisk(household h: Int) {
        let v = rates.disputes[groupOf[Int(population.householdCell[h])]]
        let elapsed = Double(day - Int(homes.riskDay[h]))
        homes.riskScore[h] = homes.riskScore[h] * Float(exp(-elapsed / v.windowDays)) + 1
        homes.riskDay[h] = Int32(day)
        if v.visitsEnabled && !homes.flagged[h] && Double(homes.riskScore[h]) >= v.riskThreshold && Int(homes.protectedUntil[h]) < day {
            homes.flagged[h] = true
            homes.visitQueue.push(h)
        }
    }

    /// One day in the life of every open dispute: festering, late reports and self-settlement of
    /// unreported ones; triage of reported ones; waiting, petitions and mass incidents; and the
    /// unhappiness of the households concerned.
    mutating func runDisputeCourse() {
        let rng = streams.course
        let d = scenario.disputes, m = scenario.mediation
        let fester = d.festerPerDay.value, selfResolve = d.selfResolvePerDay.value
        let lateReport = scenario.reporting.lateReportPerDay.value
        let massHazard = d.massIncidentPerDay.value, directPetition = d.directPetitionPerDay.value
        let waitEscalation = m.waitEscalationPerDay.value
        let petitionAfter = m.petitionAfterWaitDays.value, petitionHazard = m.petitionHazardPerDay.value
        let dayStart = 24 * Double(day), dayEnd = dayStart + 24
        let k = Float(1 / scenario.residents.adaptationDays.value)
        let openPenalty = k * Float(scenario.residents.openDisputePenalty.value)
        let festerPenalty = k * Float(scenario.residents.festeringPenalty.value)

        feelOpenDisputes(openPenalty: openPenalty, festerPenalty: festerPenalty)
        var position = book.open.count - 1
        while position >= 0 {
            let i = Int(book.open[position])
            position -= 1
            let stage = book.stage[i]
            let (u1, u2) = (rng.uniform(), rng.uniform())
            if book.severity[i] == Severity.high.rawValue && book.collective[i] && stage != .awaitingTriage && u2 < massHazard {
                massIncident(i)
                continue
            }
            switch stage {
            case .unreported:
                if u1 < selfResolve {
                    if book.counted[i] { tally[.selfResolved, groupOf[Int(book.cell[i])]] += 1 }
                    regainTrust(of: i)
                    close(i)
                } else if u1 < selfResolve + lateReport {
                    report(i, at: dayStart + 24 * rng.uniform())
                } else if u1 < selfResolve + lateReport + fester {
                    book.escalateSeverity(i)
                } else if u1 < selfResolve + lateReport + fester + directPetition && book.severity[i] != Severity.low.rawValue {
                    petition(i, direct: true)
                }
            case .awaitingTriage:
                if book.arrivalHours[i] < dayEnd { triage(i) }
            case .queued:
                let waited = (dayEnd - book.arrivalHours[i]) / 24
                if waited > petitionAfter && u1 < petitionHazard {
                    petition(i)
                } else if u1 > 1 - waitEscalation {
                    book.escalateSeverity(i)
                }
            case .petition:
                if day >= Int(book.petitionDay[i]) {
                    if book.petitionResolves[i] {
                        resolve(i, atHours: dayStart + 12, byMediation: false)
                    } else {
                        close(i)
                    }
                }
            case .closed:
                break
            }
        }
    }

    /// The households involved feel every open dispute, every day it stays open (more while it is
    /// unreported). A pass of its own, before the disputes move on, in the order the course visits
    /// them: nothing the course does reads happiness or changes another dispute's stage, so the
    /// result is the same as penalising each dispute just before its step, and this pass can run
    /// on a raw buffer (no per-write uniqueness or bounds checks) with each dispute's residents
    /// kept in the dispute book: it is most of the day's scattered memory traffic in a large
    /// district.
    mutating func feelOpenDisputes(openPenalty: Float, festerPenalty: Float) {
        let book = self.book
        population.happiness.withUnsafeMutableBufferPointer { happiness in
            var position = book.open.count - 1
            while position >= 0 {
                let i = Int(book.open[position])
                position -= 1
                let penalty = book.stage[i] == .unreported ? openPenalty + festerPenalty : openPenalty
                for r in Int(book.residentsStart[i])..<Int(book.residentsEnd[i]) { happiness[r] -= penalty }
            }
        }
    }

    /// Routes a reported dispute to a tier: the tier matching its severity with probability
    /// `triage.accuracy`, otherwise one of the other tiers at random.
    mutating func triage(_ i: Int) {
        let tiers = mediators.queues.count
        let natural = min(Int(book.severity[i]), tiers - 1)
        var tier = natural
        let rng = streams.triage
        let (uRoute, uOther) = (rng.uniform(), rng.uniform())
        if tiers > 1 && uRoute >= scenario.triage.accuracy.value {
            tier = (natural + 1 + Int(uOther * Double(tiers - 1))) % tiers
            if book.counted[i] { tally[.misrouted, groupOf[Int(book.cell[i])]] += 1 }
        }
        enqueue(i, tier: tier, at: book.arrivalHours[i])
    }

    mutating func enqueue(_ i: Int, tier: Int, at hours: Double) {
        book.stage[i] = .queued
        book.tier[i] = Int8(tier)
        book.arrivalHours[i] = hours
        book.mediated[i] = true
        mediators.queues[tier].push(i)
    }

    /// The household takes the dispute to higher authorities: after waiting or failing in
    /// mediation, or `direct`ly, without having brought it to local mediation.
    mutating func petition(_ i: Int, direct: Bool = false) {
        let rng = streams.mediation
        let m = scenario.mediation
        let g = groupOf[Int(book.cell[i])]
        if book.mediated[i] && book.counted[i] { tally.mediationFailuresFinal[g] += 1 }
        book.stage[i] = .petition
        book.petitionDay[i] = Int32(day + max(1, Int(rng.exponential(mean: m.petitionDays.value).rounded())))
        book.petitionResolves[i] = rng.uniform() < m.petitionResolution.value
        shiftTrust(of: i, by: -scenario.residents.petitionTrustLoss.value)
        if book.counted[i] {
            tally[.petitions, g] += 1
            if direct { tally[.directPetitions, g] += 1 }
        }
    }

    /// An unresolved high-severity collective dispute becomes a mass incident. The residents of
    /// the households involved and of `residents.massIncidentReachHouseholds` households on each
    /// side (in the district's order, across cell lines) witness it: they lose trust and perceived
    /// safety, which then relax back. Its reach is a number of households, not a cell, so how the
    /// district is drawn does not change it.
    mutating func massIncident(_ i: Int) {
        let g = groupOf[Int(book.cell[i])]
        if book.mediated[i] && book.stage[i] == .queued && book.counted[i] { tally.mediationFailuresFinal[g] += 1 }
        if book.counted[i] { tally[.massIncidents, g] += 1 }
        let res = scenario.residents
        let reach = Int(res.massIncidentReachHouseholds.value)
        let h = Int(book.household[i])
        let span = max(2, Int(scenario.disputes.collectiveHouseholds.value.rounded()))
        let first = max(0, h - reach), last = min(population.householdCount, h + span + reach)
        let trustLoss = Float(res.massIncidentTrustLoss.value), safetyLoss = Float(res.massIncidentSafetyLoss.value)
        for r in Int(population.householdStart[first])..<Int(population.householdStart[last]) {
            population.trust[r] = clamp100(population.trust[r] - trustLoss)
            population.safety[r] = clamp100(population.safety[r] - safetyLoss)
        }
        close(i)
    }

    /// A dispute is settled; the household regains part of the trust it lost when the dispute
    /// arose (`regainTrust`). Resolution figures describe reported disputes (the platform's
    /// record), so a direct petition that settles is not among them.
    mutating func resolve(_ i: Int, atHours hours: Double, byMediation: Bool) {
        if book.counted[i] && book.reportedHours[i] >= 0 {
            let g = groupOf[Int(book.cell[i])]
            if byMediation { tally.resolvedByMediation[g] += 1 } else { tally.resolvedByPetition[g] += 1 }
            tally.resolutionHours[g].append(max(0, hours - book.reportedHours[i]))
        }
        regainTrust(of: i)
        close(i)
    }

    /// A settled dispute gives its households back `resolvedTrustRecovery` of the trust it cost
    /// when it arose, as much of it as has not yet faded: scores relax back by 1/`adaptationDays` a
    /// day, so the loss still felt after d days is (1 − 1/adaptationDays)^d of it. A dispute,
    /// however well settled, never leaves a household trusting more than if it had not arisen.
    mutating func regainTrust(of i: Int) {
        let res = scenario.residents
        let elapsed = Double(day - Int(book.arisenDay[i]))
        let remaining = pow(1 - 1 / res.adaptationDays.value, elapsed)
        shiftTrust(of: i, by: res.resolvedTrustRecovery.value * res.disputeTrustLoss.value * remaining)
    }

    mutating func close(_ i: Int) {
        guard book.stage[i] != .closed else { return }
        book.stage[i] = .closed
        let h = Int(book.household[i])
        if homes.openDispute[h] == Int32(i) { homes.openDispute[h] = -1 }
        book.removeFromOpen(i)
    }

    /// Moves the trust of every resident of the households a dispute involves.
    mutating func shiftTrust(of i: Int, by points: Double) {
        let delta = Float(points)
        for r in book.residents(of: i) { population.trust[r] = clamp100(population.trust[r] + delta) }
    }
}
