/// Every dispute of a trial, open or closed, as a struct of arrays, with the list of open ones.
/// Capacity is reserved at setup from the expected count, so the daily step does not allocate.
struct DisputeBook {
    enum Stage: UInt8 {
        /// Arisen, not reported: festers.
        case unreported
        /// Reported, on its way through triage.
        case awaitingTriage
        /// Waiting in (or being handled by) a mediation tier's queue.
        case queued
        /// Taken to higher authorities as a petition.
        case petition
        case closed
    }

    var household: [Int32] = []
    var cell: [Int32] = []
    var type: [UInt8] = []
    var severity: [UInt8] = []
    var collective: [Bool] = []
    var stage: [Stage] = []
    var tier: [Int8] = []
    /// Hours since the start of the trial (day d starts at 24·d).
    var reportedHours: [Double] = []
    var arrivalHours: [Double] = []
    /// Day a petition settles, and whether it settles resolved.
    var petitionDay: [Int32] = []
    var petitionResolves: [Bool] = []
    /// Whether the dispute ever entered mediation.
    var mediated: [Bool] = []
    /// Whether it arose in the counted days (after warm-up): its outcomes count only then, so
    /// ratios such as the resolution rate compare one cohort with itself.
    var counted: [Bool] = []
    /// The residents it involves, `residentsStart[i] ..< residentsEnd[i]`: those of `household`
    /// and, for a collective dispute, of the households after it in the district order (households are
    /// contiguous, so are their residents). Kept here so the daily pass over open disputes does not
    /// look households up in the population.
    var residentsStart: [Int32] = []
    var residentsEnd: [Int32] = []
    /// Day the dispute arose (for the trust it cost, which fades as scores relax).
    var arisenDay: [Int32] = []
    /// Open disputes (indices); order is not meaningful but is deterministic.
    var open: [Int32] = []
    /// Each dispute's position in `open` while it is open, so closing one is O(1).
    var openPosition: [Int32] = []

    var count: Int { household.count }

    mutating func reserve(_ n: Int) {
        household.reserveCapacity(n); cell.reserveCapacity(n); type.reserveCapacity(n)
        severity.reserveCapacity(n); collective.reserveCapacity(n); stage.reserveCapacity(n)
        tier.reserveCapacity(n); reportedHours.reserveCapacity(n); arrivalHours.reserveCapacity(n)
        petitionDay.reserveCapacity(n); petitionResolves.reserveCapacity(n); mediated.reserveCapacity(n)
        counted.reserveCapacity(n); openPosition.reserveCapacity(n)
        residentsStart.reserveCapacity(n); residentsEnd.reserveCapacity(n); arisenDay.reserveCapacity(n)
        open.reserveCapacity(n / 4)
    }

    /// Records a new open dispute and returns its index.
    mutating func add(household h: Int, residents: Range<Int>, cell c: Int, type t: DisputeType,
                      severity sev: Severity, collective col: Bool, counted isCounted: Bool, day: Int) -> Int {
        let i = household.count
        household.append(Int32(h)); cell.append(Int32(c)); type.append(UInt8(t.rawValue))
        severity.append(sev.rawValue); collective.append(col); stage.append(.unreported)
        tier.append(-1); reportedHours.append(-1); arrivalHours.append(0)
        petitionDay.append(0); petitionResolves.append(false); mediated.append(false)
        counted.append(isCounted)
        residentsStart.append(Int32(residents.lowerBound)); residentsEnd.append(Int32(residents.upperBound))
        arisenDay.append(Int32(day))
        openPosition.append(Int32(open.count))
        open.append(Int32(i))
        return i
    }

    /// Takes dispute `i` off the open list: the last open dispute moves into its place.
    mutating func removeFromOpen(_ i: Int) {
        let position = Int(openPosition[i])
        let last = open[open.count - 1]
        open[position] = last
        openPosition[Int(last)] = Int32(position)
        open.removeLast()
    }

    /// The residents a dispute involves.
    func residents(of i: Int) -> Range<Int> { Int(residentsStart[i])..<Int(residentsEnd[i]) }

    /// Raises a dispute's severity one level (up to high).
    mutating func escalateSeverity(_ i: Int) {
        if severity[i] < Severity.high.rawValue { severity[i] += 1 }
    }
}

/// A tier's first-in-first-out queue of dispute indices, on a reserved array. Entries whose
/// dispute has left the queue (petitioned, mass incident) are skipped when reached.
struct DisputeQueue {
    private var items: [Int32] = []
    private var head = 0

    init(capacity: Int) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }

    mutating func push(_ i: Int) {
        if head > 1024 && head * 2 > items.count {
            // Compact in place: the copy reuses the reserved storage.
            items.removeFirst(head)
            head = 0
        }
        items.append(Int32(i))
    }
    func peek() -> Int { Int(items[head]) }
    mutating func pop() { head += 1 }
}
