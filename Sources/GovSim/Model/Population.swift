import Foundation

/// The residents of one trial, stored as a struct of arrays ordered by cell, then household, so
/// a cell's residents and a household's residents are contiguous ranges.
///
/// Scores are Float32 on 0–100: the daily update streams through these arrays, and half the
/// bytes of Double means twice the residents per cache line.
struct Population {
    /// Happiness, perceived safety and trust in local governance (points 0–100).
    var happiness: [Float] = []
    var safety: [Float] = []
    var trust: [Float] = []
    /// Personal offsets from the neighbourhood targets (points), fixed for the trial.
    var happinessOffset: [Float] = []
    var safetyOffset: [Float] = []
    var trustOffset: [Float] = []
    /// Per resident: `Flags` bits.
    var flags: [UInt8] = []
    /// Per resident: the happiness at or above which this resident answers "satisfied" (points).
    var satisfiedThreshold: [Float] = []
    /// Per resident: vulnerability, multiplying the hazard of serious harm (mean 1 before age).
    var vulnerability: [Float] = []
    /// Per resident: willingness to volunteer when asked (probability × 255).
    var participation: [UInt8] = []

    /// First resident of each household; `householdStart[h + 1]` ends it.
    var householdStart: [Int32] = [0]
    /// Cell of each household.
    var householdCell: [Int32] = []
    /// Whether anyone in the household reports through the app.
    var householdOnline: [Bool] = []
    /// Household dispute proneness, cumulated over the cell's households: household h's share of
    /// the cell's disputes is (cumulative[h] − cumulative[h − 1]) / the cell's last cumulative.
    var disputeCumulative: [Float] = []
    /// Household reporting propensity: a shift of the report probability's log-odds.
    var reportingLogOdds: [Float] = []
    /// First household and first resident of each cell; the arrays have cells + 1 entries.
    var cellHouseholdStart: [Int32] = [0]
    var cellResidentStart: [Int32] = [0]
    /// Wearers of a monitor in each cell (persons).
    var wearablesPerCell: [Int] = []
    /// Per resident, the safety offset without the covered gain (points), kept only when some
    /// group's elderly care is scheduled (docs/model.md §11), else empty.
    var careBaseOffset: [Float] = []
    /// Elderly residents of each cell grouped by whether they live alone (group 1) or not (group 0):
    /// indices into the resident arrays, cell by cell, group by group; `elderlyGroupStart[cell * 2 + g]`
    /// starts group g. Who wears a monitor is a flag, not a group, so wearable coverage leaves the
    /// emergencies' random streams alone.
    var elderlyIndex: [Int32] = []
    var elderlyGroupStart: [Int32] = [0]

    struct Flags {
        static let elderly: UInt8 = 1
        static let livesAlone: UInt8 = 2
        static let appUser: UInt8 = 4
        static let wearable: UInt8 = 8
        static let volunteer: UInt8 = 16
    }

    var residentCount: Int { happiness.count }
    var householdCount: Int { householdCell.count }
    var cellCount: Int { cellResidentStart.count - 1 }

    /// Whether elderly resident `r`'s devices and services are in place at roll-out share
    /// `share` (docs/model.md §11): residents are reached in a fixed random order of the trial, a
    /// hash of (`seed`, resident) with no stream drawn, so exactly none at 0 and all at 1.
    @inline(__always)
    static func inRollout(_ r: Int, share: Double, seed: UInt64) -> Bool {
        share >= 1 || (share > 0 && Double(StreamSeed.mix(seed ^ UInt64(truncatingIfNeeded: r)) >> 11) * 0x1p-53 < share)
    }

    func residents(ofCell c: Int) -> Range<Int> { Int(cellResidentStart[c])..<Int(cellResidentStart[c + 1]) }
    func households(ofCell c: Int) -> Range<Int> { Int(cellHouseholdStart[c])..<Int(cellHouseholdStart[c + 1]) }

    /// Elderly group index: 1 lives alone, 0 not.
    func elderly(ofCell c: Int, group g: Int) -> Range<Int> {
        Int(elderlyGroupStart[c * 2 + g])..<Int(elderlyGroupStart[c * 2 + g + 1])
    }

    /// Builds the population. Every resident consumes the same number of uniform draws whatever
    /// the policy (coverage shares only move thresholds), so two policies share their residents.
    /// `rolloutSeed` orders the elderly in a scheduled care roll-out (`inRollout`).
    init(cells: [CellSetup], scenario s: Scenario, rng: RandomStream, rolloutSeed: UInt64 = 0) {
        let sdH = Float(s.residents.happinessSpread.value)
        let sdS = Float(s.residents.safetySpread.value)
        let sdT = Float(s.residents.trustSpread.value)
        let wT = Float(s.residents.trustOnHappiness.value), wS = Float(s.residents.safetyOnHappiness.value)
        let nearbyWeight = s.residents.nearbyIncidentWeight.value
        let r = s.residents
        let thresholdMean = Float(r.satisfiedThreshold.value), thresholdSD = Float(r.satisfiedThresholdSpread.value)
        let pronenessSD = r.disputePronenessSpread.value, reportingSD = Float(r.reportingSpread.value)
        let vulnerabilitySD = r.vulnerabilitySpread.value, elderlyVulnerability = r.elderlyVulnerability.value
        let participationA = r.participationAlpha.value, participationB = r.participationBeta.value
        let participationMean = Population.kumaraswamyMean(participationA, participationB)
        var groups: [[Int32]] = [[], []]
        let keepBase = cells.contains { $0.careRollout != nil }

        // Room for the residents expected (5 % margin; household sizes are drawn) so the appends
        // below never regrow and copy the arrays. Exceeding it is harmless: the array then grows.
        let households = cells.reduce(0) { $0 + $1.households }
        let expected = Int(cells.reduce(0.0) { $0 + Double($1.households) * $1.residentsPerHousehold } * 1.05) + 64
        for a in [\Population.happiness, \.safety, \.trust, \.happinessOffset, \.safetyOffset, \.trustOffset,
                  \.satisfiedThreshold, \.vulnerability] {
            self[keyPath: a].reserveCapacity(expected)
        }
        flags.reserveCapacity(expected)
        participation.reserveCapacity(expected)
        householdStart.reserveCapacity(households + 1)
        householdCell.reserveCapacity(households)
        householdOnline.reserveCapacity(households)
        disputeCumulative.reserveCapacity(households)
        reportingLogOdds.reserveCapacity(households)
        cellHouseholdStart.reserveCapacity(cells.count + 1)
        cellResidentStart.reserveCapacity(cells.count + 1)
        elderlyGroupStart.reserveCapacity(2 * cells.count + 1)

        for (c, cell) in cells.enumerated() {
            // Residents start where they would settle without any policy: the estate's base
            // levels, less the incidents the cell usually sees, with happiness already reflecting
            // trust and safety. Policies then move them from there.
            let baseSafety = Float(cell.baseSafety - nearbyWeight * cell.usualIncidentLevel)
            // The group's demographics and setup policies (docs/model.md, "Policies by group").
            let elderlyShare = cell.elderlyShare, aloneShare = cell.elderlyLivingAloneShare, elderlyApp = cell.elderlyAppAdoption
            let wearable = cell.wearableCoverage, coveredGain = Float(cell.coveredSafetyGain), callButton = cell.callButtonService
            let initialShare = cell.initialVolunteerShare
            let rollout = cell.careRollout
            var cumulative: Float = 0
            for _ in 0..<cell.households {
                let size = 1 + Population.poissonByInversion(cell.residentsPerHousehold - 1, rng.uniform())
                // Proneness is lognormal with mean 1: exp(σz − σ²/2).
                let zProne = RandomStream.fastNormalQuantile(rng.uniform())
                cumulative += Float(exp(pronenessSD * zProne - pronenessSD * pronenessSD / 2))
                disputeCumulative.append(cumulative)
                reportingLogOdds.append(reportingSD * Float(RandomStream.fastNormalQuantile(rng.uniform())))
                var online = false
                for _ in 0..<size {
                    let index = Int32(happiness.count)
                    var f: UInt8 = 0
                    let isElderly = rng.uniform() < elderlyShare
                    let alone = rng.uniform() < aloneShare
                    let app = rng.uniform()
                    let wears = rng.uniform() < wearable
                    let zH = Float(RandomStream.fastNormalQuantile(rng.uniform()))
                    let zS = Float(RandomStream.fastNormalQuantile(rng.uniform()))
                    let zT = Float(RandomStream.fastNormalQuantile(rng.uniform()))
                    let zThreshold = Float(RandomStream.fastNormalQuantile(rng.uniform()))
                    let zVulnerable = RandomStream.fastNormalQuantile(rng.uniform())
                    let willing = Population.kumaraswamyQuantile(participationA, participationB, rng.uniform())
                    let uVolunteer = rng.uniform()
                    var covered = false
                    if isElderly {
                        f |= Flags.elderly
                        if alone { f |= Flags.livesAlone }
                        if wears { f |= Flags.wearable; covered = true }
                        if app < elderlyApp { f |= Flags.appUser }
                        if callButton { covered = true }
                        groups[alone ? 1 : 0].append(index)
                    } else if app < cell.appAdoption {
                        f |= Flags.appUser
                    }
                    if f & Flags.appUser != 0 { online = true }
                    // The first volunteers are the willing: the chance is in proportion to willingness.
                    if uVolunteer < initialShare * willing / max(participationMean, 1e-9) { f |= Flags.volunteer }
                    // A scheduled roll-out gives the gain only to those it reached on the first day.
                    if covered, let share = rollout, !Population.inRollout(Int(index), share: share, seed: rolloutSeed) { covered = false }
                    let oh = sdH * zH, os = sdS * zS + (covered ? coveredGain : 0), ot = sdT * zT
                    if keepBase { careBaseOffset.append(sdS * zS) }
                    happinessOffset.append(oh)
                    safetyOffset.append(os)
                    trustOffset.append(ot)
                    let t0 = clamp100(Float(cell.baseTrust) + ot), s0 = clamp100(baseSafety + os)
                    trust.append(t0)
                    safety.append(s0)
                    happiness.append(clamp100(Float(cell.baseHappiness) + oh + wT * (t0 - 50) + wS * (s0 - 50)))
                    flags.append(f)
                    satisfiedThreshold.append(thresholdMean + thresholdSD * zThreshold)
                    let age = isElderly ? elderlyVulnerability : 1
                    // Single precision: the factor needs no more, and expf is about twice as fast.
                    vulnerability.append(Float(age) * Foundation.exp(Float(vulnerabilitySD * zVulnerable - vulnerabilitySD * vulnerabilitySD / 2)))
                    participation.append(UInt8((willing * 255).rounded()))
                }
                householdStart.append(Int32(happiness.count))
                householdCell.append(Int32(c))
                householdOnline.append(online)
            }
            cellHouseholdStart.append(Int32(householdCell.count))
            let first = Int(cellResidentStart[cellResidentStart.count - 1])
            cellResidentStart.append(Int32(happiness.count))
            wearablesPerCell.append(flags[first...].reduce(0) { $0 + ($1 & Flags.wearable != 0 ? 1 : 0) })
            for g in 0..<2 {
                elderlyIndex.append(contentsOf: groups[g])
                elderlyGroupStart.append(Int32(elderlyIndex.count))
                groups[g].removeAll(keepingCapacity: true)
            }
        }
    }

    /// The Kumaraswamy(a, b) quantile: (1 − (1 − u)^(1/b))^(1/a). A beta-like law on 0–1 with a
    /// closed-form inverse, so a draw costs one uniform (GSL's beta sampler uses a variable number).
    static func kumaraswamyQuantile(_ a: Double, _ b: Double, _ u: Double) -> Double {
        let x = 1 - pow(1 - u, 1 / b)
        return a == 1 ? x : pow(x, 1 / a)
    }

    /// The Kumaraswamy(a, b) mean, b·B(1 + 1/a, b).
    static func kumaraswamyMean(_ a: Double, _ b: Double) -> Double {
        let inverseA: Double = 1 / a
        let logBeta: Double = lgamma(1 + inverseA) + lgamma(b) - lgamma(1 + inverseA + b)
        return b * exp(logBeta)
    }

    /// Poisson quantile by inversion from one uniform, so household sizes use a fixed number of
    /// draws (GSL's sampler uses a variable number, which would shift every later resident).
    static func poissonByInversion(_ mu: Double, _ u: Double) -> Int {
        guard mu > 0 else { return 0 }
        var k = 0
        var p = exp(-mu)
        var cumulative = p
        while u > cumulative && k < 1_000 {
            k += 1
            p *= mu / Double(k)
            cumulative += p
        }
        return k
    }

}

@inline(__always)
func clamp100(_ x: Float) -> Float { min(max(x, 0), 100) }
