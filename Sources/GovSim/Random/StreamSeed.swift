/// Seed derivation: every random stream of a trial is named by (scenario seed, trial, process) and,
/// for the busiest processes, further by a sub-stream key such as (cell, day).
///
/// Each step packs its inputs into 64 bits without overlap and passes them through SplitMix64's
/// finaliser, a bijection on 64-bit words, so for a fixed scenario seed two different
/// (trial, process) pairs can never share a stream seed. The seed handed to the generator is
/// then expanded to 256 bits of state (see `shim.h`), so no 32-bit truncation can collide streams.
public enum StreamSeed {
    /// SplitMix64's output function: a bijective 64-bit mix with full avalanche.
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of one process's stream in one trial.
    /// - Parameters:
    ///   - seed: the scenario seed.
    ///   - trial: trial index, 0-based (< 2^40).
    ///   - process: the process that owns the stream.
    public static func stream(seed: UInt64, trial: Int, process: RandomProcess) -> UInt64 {
        let packed = (UInt64(truncatingIfNeeded: trial) << 16) | UInt64(process.rawValue)
        return mix(mix(seed) ^ packed)
    }

    /// The seed of a sub-stream of a stream, e.g. one (cell, day) of the dispute process, so that a
    /// policy that changes how many draws one cell-day uses does not shift any other cell-day's draws.
    @inline(__always)
    public static func substream(_ streamSeed: UInt64, _ key: UInt64) -> UInt64 {
        mix(streamSeed ^ mix(key))
    }

    /// Packs (cell, day, kind) into a sub-stream key without overlap for cells < 2^28,
    /// days < 2^32 and kinds < 16. `kind` separates the event types of one cell-day, so a policy
    /// that changes how many draws one type needs leaves the others' draws alone.
    @inline(__always)
    public static func cellDay(_ cell: Int, _ day: Int, kind: Int = 0) -> UInt64 {
        (UInt64(truncatingIfNeeded: cell) << 36) | (UInt64(truncatingIfNeeded: day) << 4) | UInt64(truncatingIfNeeded: kind & 15)
    }

    /// A stable 64-bit FNV-1a hash of a text key (e.g. a parameter path), for sub-stream keys.
    public static func key(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// The processes of a trial, each with its own random stream. Raw values are part of the
/// reproducibility contract: never renumber them, only append.
public enum RandomProcess: UInt16, CaseIterable, Sendable {
    /// Parameter draws from distributions (sub-stream per parameter path).
    case parameters = 1
    /// Building the population: household sizes, ages, personal offsets.
    case population = 2
    /// Disputes arising (sub-stream per cell, day and dispute type).
    case disputeArrival = 3
    /// Reporting, festering, self-resolution and mass incidents of open disputes.
    case disputeCourse = 4
    /// Triage routing.
    case triage = 5
    /// Mediation attempts and petitions.
    case mediation = 6
    /// Safety incidents and their detection (sub-stream per cell, day and incident type).
    case incidents = 7
    /// Volunteer recruitment and dropout.
    case volunteers = 8
    /// Elderly emergencies (sub-stream per cell, day and elderly group).
    case elderly = 9
    /// Preventive visits.
    case visits = 10
    /// False alarms of sensors.
    case alarms = 11
    /// Each elderly resident's place in a scheduled care roll-out (hashed, no draws).
    case rollout = 12
}
