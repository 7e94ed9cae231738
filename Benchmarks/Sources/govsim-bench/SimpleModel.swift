// The simple model, shared with the NumPy and Mesa versions in Benchmarks/python/ (the definition
// is written out in docs/performance.md, "The simple model").
//
// Per resident-day it does what govsim's daily resident update does (`ScoreRelaxation.relax`: three
// relaxations toward cell targets with personal offsets, clamping to 0–100, the cell's sums and
// satisfied count), plus Poisson arrivals of disputes and incidents per cell per day at govsim's
// default rates (new estate, no policy), each shocking one resident picked at random in the cell.
//
// Reused from GovSim's public API: `ScoreRelaxation.relax` (the very loop the model's daily
// resident update runs, eight residents at a time), `RandomStream` (xoshiro256** with GSL's Poisson
// sampler and the normal quantile) and `StreamSeed` (a sub-stream per cell, day and kind), i.e. the
// model's own code. Nothing here is a copy of the model.
import Foundation
import GovSim
import GovSimExperiments

enum SimpleModel {
    static let cellSize = 1001                // ≈ 385 households × 2.6 residents
    static let k: Float = 1 / 45               // residents.adaptationDays
    static let baseHappiness = 64.0, baseSafety = 68.0, baseTrust = 55.0
    static let wT: Float = 0.3, wS: Float = 0.3  // trustOnHappiness, safetyOnHappiness
    static let threshold: Float = 60           // satisfiedThreshold
    static let spreads: (h: Double, s: Double, t: Double) = (12, 10, 12)
    /// Disputes per resident per day: (0.15 + 0.2 + 0.01 + 0.06) per household-year / 2.6 / 365.
    static let disputeRate = 0.42 / 2.6 / 365
    /// Incidents per resident per day: (8 + 4 + 0.3 + 0.8) per 1000 residents per year.
    static let incidentRate = 13.1 / 1000 / 365
    static let nearbyIncidentWeight = 6.0      // safety points per incident/1000 residents/month
    static let climateDays = 30.0
    /// Shocks: a dispute costs happiness (openDisputePenalty) and trust (failedTrustLoss);
    /// an incident costs its victim safety and happiness (victimSafetyLoss, victimHappinessLoss).
    static let disputeShock: (h: Float, t: Float) = (10, 8)
    static let incidentShock: (s: Float, h: Float) = (20, 10)

    /// One trial's state.
    struct Trial {
        var h: [Float], s: [Float], t: [Float], oh: [Float], os: [Float], ot: [Float]
        var incidentLevel: [Double]
        var cellSatisfied: [Double], cellSafety: [Double]
        let cells: Int
        let rng: RandomStream
        let eventSeed: UInt64
        var draws: Double = 0  // random numbers generated in the daily steps (reseeds count 4)

        /// `residents` is rounded to whole cells of `cellSize` (as the Python versions do).
        init(residents: Int, seed: UInt64, trial: Int) {
            cells = SimpleModel.cells(for: residents)
            let n = cells * SimpleModel.cellSize
            rng = RandomStream(seed: StreamSeed.stream(seed: seed, trial: trial, process: .population))
            eventSeed = StreamSeed.stream(seed: seed, trial: trial, process: .incidents)
            let usual = SimpleModel.incidentRate * 1000 * 30
            incidentLevel = [Double](repeating: usual, count: cells)
            cellSatisfied = [Double](repeating: 0, count: cells)
            cellSafety = [Double](repeating: 0, count: cells)
            h = []; s = []; t = []; oh = []; os = []; ot = []
            for a in [\Trial.h, \.s, \.t, \.oh, \.os, \.ot] { self[keyPath: a].reserveCapacity(n) }
            let s0 = Float(SimpleModel.baseSafety - SimpleModel.nearbyIncidentWeight * usual)
            for _ in 0..<n {
                let zH = Float(RandomStream.normalQuantile(rng.uniform()))
                let zS = Float(RandomStream.normalQuantile(rng.uniform()))
                let zT = Float(RandomStream.normalQuantile(rng.uniform()))
                let (ohr, osr, otr) = (Float(SimpleModel.spreads.h) * zH, Float(SimpleModel.spreads.s) * zS, Float(SimpleModel.spreads.t) * zT)
                oh.append(ohr); os.append(osr); ot.append(otr)
                let tr = clamp(Float(SimpleModel.baseTrust) + otr), sf = clamp(s0 + osr)
                t.append(tr); s.append(sf)
                h.append(clamp(Float(SimpleModel.baseHappiness) + ohr + SimpleModel.wT * (tr - 50) + SimpleModel.wS * (sf - 50)))
            }
        }

        mutating func step(day: Int) {
            let n = h.count
            let tH = Float(SimpleModel.baseHappiness - 50 * Double(SimpleModel.wT + SimpleModel.wS))
            let tT = Float(SimpleModel.baseTrust)
            let a = 1 / SimpleModel.climateDays
            for c in 0..<cells {
                let lo = c * SimpleModel.cellSize, hi = min(n, lo + SimpleModel.cellSize)
                let width = hi - lo
                // Disputes.
                rng.reseed(StreamSeed.substream(eventSeed, StreamSeed.cellDay(c, day, kind: 0)))
                let disputes = rng.poisson(SimpleModel.disputeRate * Double(width))
                for _ in 0..<disputes {
                    let r = lo + rng.index(width)
                    h[r] = clamp(h[r] - SimpleModel.disputeShock.h)
                    t[r] = clamp(t[r] - SimpleModel.disputeShock.t)
                }
                // Incidents.
                rng.reseed(StreamSeed.substream(eventSeed, StreamSeed.cellDay(c, day, kind: 1)))
                let incidents = rng.poisson(SimpleModel.incidentRate * Double(width))
                for _ in 0..<incidents {
                    let r = lo + rng.index(width)
                    s[r] = clamp(s[r] - SimpleModel.incidentShock.s)
                    h[r] = clamp(h[r] - SimpleModel.incidentShock.h)
                }
                draws += 8 + Double(disputes + 1) + Double(incidents + 1) + Double(disputes + incidents)
                // The cell's climate and targets.
                incidentLevel[c] += a * (Double(incidents) * 1000 / Double(width) * 30 - incidentLevel[c])
                let tS = Float(SimpleModel.baseSafety - SimpleModel.nearbyIncidentWeight * incidentLevel[c])
                let sums = relax(lo..<hi, targets: ScoreRelaxation.Targets(happiness: tH, safety: tS, trust: tT))
                cellSatisfied[c] = Double(sums.satisfied) / Double(width)
                cellSafety[c] = Double(sums.safety) / Double(width)
            }
        }

        /// GovSim's own `ScoreRelaxation.relax` on one cell's slice of this trial's arrays.
        mutating func relax(_ range: Range<Int>, targets: ScoreRelaxation.Targets) -> ScoreRelaxation.CellSums {
            ScoreRelaxation.relax(range, happiness: &h, safety: &s, trust: &t, happinessOffset: oh, safetyOffset: os,
                                  trustOffset: ot, rate: SimpleModel.k, targets: targets,
                                  trustOnHappiness: SimpleModel.wT, safetyOnHappiness: SimpleModel.wS,
                                  threshold: SimpleModel.threshold)
        }

        /// Satisfaction (%) and mean safety over the district, weighted by cell size.
        var outcome: (satisfactionPct: Double, safety: Double) {
            var sat = 0.0, saf = 0.0
            let n = h.count
            for c in 0..<cells {
                let w = Double(min(n, (c + 1) * SimpleModel.cellSize) - c * SimpleModel.cellSize)
                sat += w * cellSatisfied[c]; saf += w * cellSafety[c]
            }
            return (100 * sat / Double(n), saf / Double(n))
        }
    }

    @inline(__always)
    static func clamp(_ x: Float) -> Float { min(max(x, 0), 100) }

    /// Whole cells: round(residents / cellSize), at least one.
    static func cells(for residents: Int) -> Int { max(1, Int((Double(residents) / Double(cellSize)).rounded())) }

    struct Measurement {
        var residents: Int, days: Int, trials: Int, threads: Int
        var sample: Sample
        var drawsPerResidentDay: Double
        var satisfactionPct: Double, safety: Double
        var work: Double { Double(residents) * Double(days) * Double(trials) }
        func json() -> [String: Any] {
            var j = sample.json(work: work)
            j["residents"] = residents; j["days"] = days; j["trials"] = trials; j["threads"] = threads
            j["draws_per_resident_day"] = drawsPerResidentDay
            j["satisfaction_pct"] = satisfactionPct; j["safety"] = safety
            return j
        }
    }

    /// Times the daily steps only (populations are built before the clock starts, as in the
    /// Python versions), `trials` trials on `threads` threads.
    static func measure(residents: Int, days: Int, trials: Int, threads: Int, repeats: Int, seed: UInt64 = 7) -> Measurement {
        let residents = SimpleModel.cells(for: residents) * cellSize
        var sample = Sample()
        var last: [(Double, Double, Double)] = []
        for _ in 0..<max(1, repeats) {
            let boxes = (0..<trials).map { i in TrialBox(Trial(residents: residents, seed: seed, trial: i)) }
            let one = Sample.measure(repeats: 1) {
                _ = Parallel.map(count: trials, threads: threads) { i in
                    for d in 0..<days { boxes[i].trial.step(day: d) }
                }
            }
            sample.wall += one.wall; sample.cpu += one.cpu
            last = boxes.map { ($0.trial.outcome.satisfactionPct, $0.trial.outcome.safety, $0.trial.draws) }
        }
        let n = Double(last.count)
        return Measurement(residents: residents, days: days, trials: trials, threads: threads, sample: sample,
                           drawsPerResidentDay: last.map(\.2).reduce(0, +) / (n * Double(residents) * Double(days)),
                           satisfactionPct: last.map(\.0).reduce(0, +) / n, safety: last.map(\.1).reduce(0, +) / n)
    }
}

/// One trial handed to one worker thread.
final class TrialBox: @unchecked Sendable {
    var trial: SimpleModel.Trial
    init(_ t: SimpleModel.Trial) { trial = t }
}
