// The floor kernel: the memory traffic and the random draws of a resident-day, with no model
// logic, so govsim's speed can be stated as a fraction of what the machine can do.
//
// Per resident-day, like the model's `relax`: read 3 scores and 3 personal offsets (Float32,
// contiguous, cell by cell), write the 3 scores back. The arithmetic is one step toward the offset
// per score, x += k·(o − x): no clamping, no targets, no sums, no satisfied count, so the compiler
// is free to vectorise the whole pass.
// Per cell-day, the same number of random numbers as the model generates per resident-day on
// average (measured, see `DrawEstimate`), from a counter-based generator (SplitMix64's finaliser
// applied to key + counter · golden gamma: stateless, one multiply-xorshift chain per number), each
// used to shock a random resident of the cell: a scattered read-modify-write, as the model's
// events are.
import Foundation
import GovSim
import GovSimExperiments

@inline(__always)
func counterMix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// Six aligned Float32 arrays of `count` residents: the model's score and offset arrays.
final class ScoreArrays: @unchecked Sendable {
    let count: Int
    let h, s, t, oh, os, ot: UnsafeMutablePointer<Float>

    init(count n: Int, seed: UInt64) {
        count = n
        func make() -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, n) * MemoryLayout<Float>.stride, alignment: 64)
            return raw.bindMemory(to: Float.self, capacity: max(1, n))
        }
        h = make(); s = make(); t = make(); oh = make(); os = make(); ot = make()
        for i in 0..<n {
            let x = counterMix(seed &+ UInt64(i))
            let u = Float(x >> 40) / Float(1 << 24)
            oh[i] = 24 * u - 12; os[i] = 20 * u - 10; ot[i] = 12 - 24 * u
            h[i] = 60; s[i] = 65; t[i] = 55
        }
    }

    deinit { for p in [h, s, t, oh, os, ot] { p.deallocate() } }
}

enum Floor {
    /// One resident-day pass over `days` days for `arrays` in cells of `cellSize`, with
    /// `drawsPerResidentDay` counter-based random numbers per resident-day. Returns a checksum so
    /// nothing is optimised away.
    static func run(_ a: ScoreArrays, days: Int, cellSize: Int, drawsPerResidentDay: Double, key: UInt64) -> Float {
        let n = a.count
        let h = a.h, s = a.s, t = a.t, oh = a.oh, os = a.os, ot = a.ot
        let k: Float = 1 / 45
        var counter: UInt64 = 0
        var carry = 0.0
        let perCell = drawsPerResidentDay * Double(cellSize)
        var checksum: Float = 0
        for _ in 0..<days {
            var lo = 0
            while lo < n {
                let hi = min(n, lo + cellSize)
                let width = UInt64(hi - lo)
                carry += perCell
                let draws = Int(carry)
                carry -= Double(draws)
                for _ in 0..<draws {
                    let x = counterMix(key &+ counter &* 0x9E37_79B9_7F4A_7C15)
                    counter &+= 1
                    let r = lo + Int(((x >> 32) &* width) >> 32)
                    h[r] -= Float(x & 0xFF) * (1 / 256)
                }
                for r in lo..<hi {
                    t[r] += k * (ot[r] - t[r])
                    s[r] += k * (os[r] - s[r])
                    h[r] += k * (oh[r] - h[r])
                }
                lo = hi
            }
            checksum += h[Int(counter % UInt64(max(n, 1)))]
        }
        return checksum
    }

    struct Measurement {
        var residents: Int
        var days: Int
        var threads: Int
        var drawsPerResidentDay: Double
        var sample: Sample
        var work: Double { Double(residents) * Double(days) * Double(threads) }
        func json() -> [String: Any] {
            var j = sample.json(work: work)
            j["residents"] = residents; j["days"] = days; j["threads"] = threads
            j["draws_per_resident_day"] = drawsPerResidentDay
            return j
        }
    }

    /// Measures the kernel on `threads` threads, each with its own `residents` arrays (as trials
    /// of the model each own their population). Arrays are allocated and touched before timing.
    static func measure(residents: Int, days: Int, threads: Int, drawsPerResidentDay: Double, repeats: Int) -> Measurement {
        let arrays = (0..<threads).map { ScoreArrays(count: residents, seed: UInt64($0) &* 1_000_003) }
        let sink = Checksum()
        _ = Parallel.map(count: threads, threads: threads) { i in  // warm-up day
            sink.add(Floor.run(arrays[i], days: 1, cellSize: 1001, drawsPerResidentDay: drawsPerResidentDay, key: 99))
        }
        let sample = Sample.measure(repeats: repeats) {
            _ = Parallel.map(count: threads, threads: threads) { i in
                sink.add(Floor.run(arrays[i], days: days, cellSize: 1001, drawsPerResidentDay: drawsPerResidentDay, key: UInt64(i) &+ 1))
            }
        }
        if sink.value.isNaN { log("floor checksum: nan") }
        return Measurement(residents: residents, days: days, threads: threads, drawsPerResidentDay: drawsPerResidentDay, sample: sample)
    }
}

/// A sink for checksums from worker threads.
final class Checksum: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value: Float = 0
    func add(_ x: Float) { lock.lock(); value += x; lock.unlock() }
}
