// Timing: wall-clock and process CPU time, repeated, with the best and the median kept.
//
// The machine the suite was written on has 2 cores shared with other work, so every figure is
// taken over several repeats. Wall-clock time is what a user waits for; process CPU time (user +
// system, all threads, from getrusage) is what the work cost, and is much less disturbed when
// another process takes turns on the same core. Both are recorded.
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
private let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let rusageSelf = RUSAGE_SELF
#endif

enum Clock {
    static func wall() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// User + system CPU seconds of the whole process (every thread).
    static func cpu() -> Double {
        var u = rusage()
        getrusage(rusageSelf, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
            + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
    }

    /// Peak resident set size of the process so far, in bytes (Linux reports kilobytes).
    static func peakRSS() -> Double {
        var u = rusage()
        getrusage(rusageSelf, &u)
        #if os(Linux)
        return Double(u.ru_maxrss) * 1024
        #else
        return Double(u.ru_maxrss)
        #endif
    }

    /// Peak resident set size of this process image (Linux: VmHWM in /proc/self/status), in bytes.
    /// Unlike ru_maxrss, which a child inherits from its parent at fork and keeps across exec,
    /// VmHWM starts afresh with the new image. Falls back to ru_maxrss elsewhere.
    static func highWaterRSS() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return peakRSS() }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first.flatMap { Double($0) }
            if let kb { return kb * 1024 }
        }
        return peakRSS()
    }

    /// Current resident set size (Linux: /proc/self/statm), in bytes; 0 where unavailable.
    static func currentRSS() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// Repeated timings of one measurement.
struct Sample {
    var wall: [Double] = []
    var cpu: [Double] = []

    var bestWall: Double { wall.min() ?? .nan }
    var medianWall: Double { Sample.median(wall) }
    var bestCPU: Double { cpu.min() ?? .nan }
    var medianCPU: Double { Sample.median(cpu) }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Times `body` `repeats` times.
    static func measure(repeats: Int, _ body: () -> Void) -> Sample {
        var sample = Sample()
        for _ in 0..<max(1, repeats) {
            let (w0, c0) = (Clock.wall(), Clock.cpu())
            body()
            let (w1, c1) = (Clock.wall(), Clock.cpu())
            sample.wall.append(w1 - w0)
            sample.cpu.append(c1 - c0)
        }
        return sample
    }

    /// A JSON object of the timings and the rates they give for `work` units (resident-days).
    func json(work: Double) -> [String: Any] {
        [
            "wall_seconds": wall, "cpu_seconds": cpu,
            "best_wall_seconds": bestWall, "median_wall_seconds": medianWall,
            "best_cpu_seconds": bestCPU, "median_cpu_seconds": medianCPU,
            "resident_days": work,
            "rate_best_wall": work / bestWall, "rate_median_wall": work / medianWall,
            "rate_best_cpu": work / bestCPU,
        ]
    }
}

/// Load average over the last minute (Linux), to record how busy the machine was.
func loadAverage() -> [Double] {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
    return text.split(separator: " ").prefix(3).compactMap { Double($0) }
}

func log(_ s: String) {
    FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}

func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

/// Millions with one decimal, e.g. 123.4.
func mega(_ x: Double) -> String { fmt(x / 1e6, 1) }
