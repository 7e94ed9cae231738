extension Scenario {
    /// When a policy section acts (docs/model.md §11): off before `startDay`, ramping linearly
    /// to full over `rampDays`, off from `endDay` on. Days are counted after warm-up (day 0 is the
    /// first counted day); a scheduled policy is off through warm-up. The default (start 0, no
    /// ramp, no end) is the policy unscheduled: on from the first warm-up day to the last day.
    public struct Schedule: ScenarioSection, Equatable {
        /// No end: the largest `endDay`.
        public static let never = 1_000_000
        /// First counted day on which the policy acts (days after warm-up).
        public var startDay = 0
        /// Days over which the effect grows linearly from 0 to full (0: full at once).
        public var rampDays = 0
        /// First counted day on which the policy no longer acts.
        public var endDay = Schedule.never

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.integer("startDay", &startDay, 0...Schedule.never, unit: "days after warm-up")
            v.integer("rampDays", &rampDays, 0...Schedule.never, unit: "days")
            v.integer("endDay", &endDay, 0...Schedule.never, unit: "days after warm-up")
        }

        /// Whether this is the policy unscheduled (always on).
        public var isUnscheduled: Bool { self == Schedule() }

        /// The share of the policy's full effect on counted day `t` (negative during warm-up),
        /// 0–1: 0 before `startDay` and from `endDay` on, (t − startDay + 1) / rampDays while
        /// ramping, 1 after. Exactly 1 on every day, warm-up included, when unscheduled.
        public func fraction(atDay t: Int) -> Double {
            if isUnscheduled { return 1 }
            if t < startDay || t >= endDay { return 0 }
            if rampDays == 0 { return 1 }
            return min(1, Double(t - startDay + 1) / Double(rampDays))
        }

        /// The policy's days at full effect over counted days 0..<days (the sum of the daily
        /// fractions): `days` exactly when unscheduled, so costs scale by it bit for bit.
        public func activeDays(over days: Int) -> Double {
            if isUnscheduled { return Double(days) }
            var sum = 0.0
            for t in 0..<max(days, 0) { sum += fraction(atDay: t) }
            return sum
        }
    }
}
