import Foundation

extension Simulation {
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    var incidentKinds: [Scenario.IncidentKind] {
        let i = scenario.incidents
        return [i.theft, i.trafficAccident, i.fire, i.elevator]
    }

    /// Probability that volunteer patrols spot a precursor in cell `c`: saturating in patrol
    /// hours per 100 households per week, scaled by training.
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    func patrolSpotProbability(_ c: Int) -> Double {
        let v = rates.volunteering[groupOf[c]]
        return v.spotMax * (1 - exp(-community.patrolIntensity[c] / v.patrolScale))
    }

    /// Added chance that residents' warnings reach responders through volunteer-relayed chat groups.
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    func chatWarningGain(_ c: Int) -> Double {
        let v = rates.volunteering[groupOf[c]]
        return v.chatGain > 0 ? v.chatGain * (1 - exp(-community.patrolIntensity[c] / v.patrolScale)) : 0
    }

    /// Minutes from dispatch request to a responder at the door in cell `c`, and whether the
    /// town's responders came instead of a grid worker.
    ///
    /// A grid worker: dispatch, the wait for a free worker and travel. The wait is M/M/1's on the
    /// district's utilisation ρ (yesterday's alarms and calls, false alarms included, over every
    /// grid worker's shift, capped at 0.95; workers cover for each other across cell lines): with
    /// probability ρ the nearest worker is busy and the wait is exponential with mean
    /// service/(1 − ρ). Travel is access minutes plus the road distance to the nearest worker:
    /// with workers spread at random over the area they cover (households per worker ÷ the
    /// estate's density), that distance is Rayleigh, √(−ln(1 − u) · area/π), mean ½√area. So
    /// travel follows the area a worker covers, not how cells are drawn (docs/model.md §3.7).
    /// The town's responders come when they would be at the door sooner, and always when the
    /// district has no grid workers.
    @inline(__always)  // see Simulation.swift: a call would copy the whole Simulation
    func responderMinutes(cell c: Int, _ uBusy: Double, _ uWait: Double, _ uTravel: Double) -> (minutes: Double, town: Bool) {
        let r = scenario.response, local = rates.responding[groupOf[c]]
        let town = local.townMinutes
        guard responders.districtWorkers > 0 else { return (town, true) }
        let service = r.serviceMinutes.value
        let rho = min(0.95, responders.dispatchLoad * service / (responders.districtWorkers * r.shiftMinutesPerDay.value))
        let wait = uBusy < rho ? -service / (1 - rho) * log1p(-uWait) : 0
        let km = responders.nearestWorkerKm[c] * (-log1p(-uTravel)).squareRoot()
        let grid = local.dispatchMinutes + wait + cells[c].accessMinutes + km * cells[c].minutesPerKm
        return grid <= town ? (grid, false) : (town, true)
    }

    /// The victim of an incident or emergency loses perceived safety and happiness, more when
    /// harmed (`residents.harmedLossFactor`).
    mutating func victimise(_ r: Int, harmed: Bool) {
        let res = scenario.residents
        let scale = Float(harmed ? res.harmedLossFactor.value : 1)
        population.safety[r] = clamp100(population.safety[r] - scale * Float(res.victimSafetyLoss.value))
        population.happiness[r] = clamp100(population.happiness[r] - scale * Float(res.victimHappinessLoss.value))
    }

    /// Chance of serious harm when help arrives `minutes` after the event, for a victim of the
    /// given vulnerability: 1 − exp(−vulnerability · minutes / harmMinutes).
    @inline(__always)
    static func harmProbability(minutes: Double, harmMinutes: Double, vulnerability: Float) -> Double {
        1 - exp(-Double(vulnerability) * minutes / harmMinutes)
    }

    /// Safety incidents: each may have a precursor window in which sensors, patrols or residents
    /// can see it coming; a warning prevents it with the kind's efficacy. Incidents that happen
    /// are detected by sensors or reported by residents (or never recorded); harm grows with
    /// the minutes to response.
    mutating func happenIncidents() {
        let rng = streams.incidents
        let kinds = incidentKinds
        for c in cells.indices {
            let g = groupOf[c], gk = 4 * g
            let speedup = rates.responding[g].speedup
            let patrolSpot = patrolSpotProbability(c), chat = chatWarningGain(c)
            let residents = population.residents(ofCell: c)
            for type in IncidentType.allCases {
                let k = type.rawValue, kind = kinds[k]
                let windowMinutes = kind.precursorWindowHours.value * 60
                // Patrols pass by now and then: a window shorter than a day is seen less often.
                let spot = patrolSpot * min(1, kind.precursorWindowHours.value / 24)
                rng.reseed(StreamSeed.substream(streams.incidentSeed, StreamSeed.cellDay(c, day, kind: k)))
                let deterred = rates.notDeterred[gk + k], sensorDetect = rates.sensorDetect[gk + k]
                let n = rng.poisson(cells[c].incidentRatePerDay[k] * climate.residents[c] * deterred)
                for _ in 0..<n {
                    let u0 = rng.uniform(), u1 = rng.uniform(), u2 = rng.uniform(), u3 = rng.uniform(), u4 = rng.uniform()
                    let u5 = rng.uniform(), u6 = rng.uniform(), u7 = rng.uniform(), u8 = rng.uniform(), u9 = rng.uniform()
                    let u10 = rng.uniform(), u11 = rng.uniform(), u12 = rng.uniform()
                    if u0 < kind.precursorShare.value {
                        let bySensor = u1 < sensorDetect
                        let byVolunteer = type != .trafficAccident && u2 < spot
                        let byResident = type != .trafficAccident && u3 < kind.residentDetection.value + chat
                        if bySensor && counting { tally[.alarmsTrue, g] += 1 }
                        if bySensor { responders.todayLoad[c] += 1 }
                        // Traffic sensors act by themselves (AI detours); any other warning needs a
                        // responder on site before the window closes.
                        let inTime = (type == .trafficAccident && bySensor) || responderMinutes(cell: c, u8, u9, u10).minutes <= windowMinutes
                        if (bySensor || byVolunteer || byResident) && inTime && u4 < kind.preventionEfficacy.value {
                            if counting {
                                tally[.incidentsPrevented, g] += 1
                                if bySensor { tally[.preventedBySensors, g] += 1 } else if byVolunteer { tally[.preventedByVolunteers, g] += 1 } else { tally[.preventedByResidents, g] += 1 }
                            }
                            continue
                        }
                    }
                    // The incident happens.
                    var detectionMinutes = Double.infinity
                    if u5 < sensorDetect {
                        detectionMinutes = rates.sensorLatency[gk + k]
                        if counting { tally[.alarmsTrue, g] += 1 }
                    } else if u6 < kind.reportProbability.value {
                        detectionMinutes = -kind.reportMinutes.value * speedup * log1p(-u7)
                    }
                    let recorded = detectionMinutes.isFinite
                    // Report-to-response minutes; harm grows with the whole time from the incident
                    // and with the victim's vulnerability. Unrecorded incidents get no response.
                    let (response, byTown) = recorded ? responderMinutes(cell: c, u8, u9, u10) : (0, false)
                    let victim = residents.lowerBound + min(Int(u12 * Double(residents.count)), residents.count - 1)
                    let minutes = recorded ? detectionMinutes + response : Simulation.unrecordedHarmMinutes
                    let harmed = u11 < Simulation.harmProbability(minutes: minutes, harmMinutes: kind.harmMinutes.value,
                                                                   vulnerability: population.vulnerability[victim])
                    victimise(victim, harmed: harmed)
                    responders.todayIncidents[c] += 1
                    if recorded && !byTown {
                        responders.todayLoad[c] += 1
                        responders.todayResponseSum[c] += response
                        responders.todayResponseCount[c] += 1
                    }
                    if counting {
                        tally[type.metric, g] += 1
                        weekIncidents += 1
                        if harmed { tally[.seriousHarm, g] += 1 }
                        if recorded {
                            if byTown { tally[.townResponses, g] += 1 }
                            tally[.incidentsRecorded, g] += 1
                            tally.responseMinutes[g].append(response)
                            tally.emergencyResponseMinutes[g].append(detectionMinutes + response)
                        }
                    }
                }
            }
        }
        raiseFalseAlarms()
    }

    /// False alarms of every sensor kind and of wearables; each takes a grid worker's time.
    mutating func raiseFalseAlarms() {
        let rng = streams.alarms
        let kinds = IncidentType.allCases.count
        for c in cells.indices {
            let g = groupOf[c]
            let wearables = community.wearablesInPlace[c]
            let wearableRate = rates.care[g].wearableFalseAlarmsPerDay
            // A sub-stream per (cell, day, kind): one kind's coverage leaves the others' draws alone.
            // Kinds 0..<4 are the sensor kinds, kind 4 the cell's wearables (indexed rather than
            // appended to the rates, which allocated an array per cell and day).
            var n = 0
            for k in 0...kinds {
                let rate = k < kinds ? rates.falseAlarmsPerDay[kinds * g + k] : Double(wearables) * wearableRate
                // No draw at a zero rate, so nothing to reseed (the next kind reseeds its own).
                guard rate > 0 else { continue }
                rng.reseed(StreamSeed.substream(streams.alarmSeed, StreamSeed.cellDay(c, day, kind: k)))
                n += rng.poisson(rate)
            }
            responders.todayLoad[c] += Double(n)
            if counting { tally[.alarmsFalse, g] += n }
        }
    }

    /// Elderly health emergencies: abnormal data ahead of some of them can be caught by a
    /// wearable, by a visiting volunteer or care worker, or by family at home; the emergency
    /// itself is noticed by the wearable, the call button, family, or, for those living alone,
    /// only hours later. Harm grows with the minutes to response.
    mutating func happenElderlyEmergencies() {
        let rng = streams.elderly
        let serviceVisitsPerDay = scenario.services.visitsPerEnrolledElderYear.value / 365
        for c in cells.indices {
            let cg = groupOf[c]  // the cell's group (`g` below is the living-alone group)
            let e = rates.care[cg]
            let ratePerDay = e.ratePerDay, windowDays = e.windowDays
            let visitsPerWeek = rates.volunteering[cg].elderlyVisitsPerWeek
            // Volunteers' visits are spread over the cell's elderly living alone; purchased care
            // workers visit those on their caseload (`community.serviceEnrolledShare`) at their own rhythm.
            let volunteerVisits = Double(community.volunteers[c]) * visitsPerWeek / 7 / Double(max(1, climate.elderlyAlone[c]))
            for g in 0..<2 {
                let alone = g == 1
                let group = population.elderly(ofCell: c, group: g)
                rng.reseed(StreamSeed.substream(streams.elderlySeed, StreamSeed.cellDay(c, day, kind: g)))
                let n = rng.poisson(Double(group.count) * ratePerDay)
                for _ in 0..<n {
                    let u0 = rng.uniform(), u1 = rng.uniform(), u2 = rng.uniform(), u3 = rng.uniform(), u4 = rng.uniform()
                    let u5 = rng.uniform(), u6 = rng.uniform(), u7 = rng.uniform(), u8 = rng.uniform(), u9 = rng.uniform()
                    let u10 = rng.uniform(), u11 = rng.uniform(), u12 = rng.uniform()
                    let victim = Int(population.elderlyIndex[group.lowerBound + min(Int(u11 * Double(group.count)), group.count - 1)])
                    // A scheduled roll-out reaches a share of the elderly (`inRollout`; all of them unscheduled).
                    let inPlace = !rates.careScheduled || inRollout(victim, share: rates.careShare[cg])
                    let wears = inPlace && population.flags[victim] & Population.Flags.wearable != 0
                    let callButton = inPlace && e.callButton, responseTeam = inPlace && e.responseTeam
                    let u13 = rng.uniform()
                    let enrolled = alone && u12 < community.serviceEnrolledShare
                    if enrolled && u13 < e.caseloadRiskReduction {
                        if counting { tally[.elderlyEmergenciesPrevented, cg] += 1 }
                        continue
                    }
                    if u0 < e.precursorShare {
                        let byWearable = wears && u1 < e.wearableDetection
                        let visitsPerDay = volunteerVisits + (enrolled ? serviceVisitsPerDay : 0)
                        let visitChance = min(1, visitsPerDay * windowDays) * e.visitDetection
                        let byVisitor = u2 < (alone ? visitChance : e.visitDetection)
                        if byWearable {
                            responders.todayLoad[c] += 1
                            if counting { tally[.alarmsTrue, cg] += 1 }
                        }
                        if (byWearable || byVisitor) && u3 < e.preventionEfficacy {
                            if counting { tally[.elderlyEmergenciesPrevented, cg] += 1 }
                            continue
                        }
                    }
                    let notice: Double
                    if wears && u4 < e.wearableAlarm {
                        notice = 1
                        if counting { tally[.alarmsTrue, cg] += 1 }
                    } else if callButton && u5 < e.callButtonUse {
                        notice = 2
                    } else if !alone {
                        notice = -e.householdNoticeMinutes * log1p(-u6)
                    } else {
                        notice = -e.aloneDiscoveryHours * 60 * log1p(-u6)
                    }
                    // A linked response team answers instead of the grid workers (and adds no load).
                    let (response, byTown) = responseTeam ? (e.responseTeamMinutes * (0.5 + u7), false) : responderMinutes(cell: c, u8, u9, u7)
                    let adverse = u10 < Simulation.harmProbability(minutes: notice + response, harmMinutes: e.harmMinutes,
                                                                    vulnerability: population.vulnerability[victim])
                    victimise(victim, harmed: adverse)
                    if !responseTeam && !byTown { responders.todayLoad[c] += 1 }
                    responders.todayResponseSum[c] += response
                    responders.todayResponseCount[c] += 1
                    if counting {
                        if byTown { tally[.townResponses, cg] += 1 }
                        tally[.elderlyEmergencies, cg] += 1
                        if adverse { tally[.elderlyAdverseEvents, cg] += 1 }
                        tally.responseMinutes[cg].append(response)
                        tally.emergencyResponseMinutes[cg].append(notice + response)
                    }
                }
            }
        }
    }
}
