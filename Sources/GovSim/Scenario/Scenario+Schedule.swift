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
        public func activeDays(over days: Int) -> Double { activeDays(from: 0, to: days) }

        /// The policy's days at full effect over counted days `from..<to` (days).
        public func activeDays(from: Int, to: Int) -> Double {
            if isUnscheduled { return Double(to - from) }
            var sum = 0.0
            for t in from..<max(to, from) { sum += fraction(atDay: t) }
            return sum
        }

        /// The counted days on which the share changes (`startDay`, every ramping day, `endDay`)
        /// that lie in `0..<days`, ascending: where the report draws the break.
        public func changeDays(before days: Int) -> [Int] {
            if isUnscheduled { return [] }
            var out = Array(startDay..<min(startDay + max(rampDays, 1), endDay, days))
            if endDay < days { out.append(endDay) }
            return out
        }
    }

    /// The window of counted days the outputs are read over (docs/model.md §11): counts are of
    /// what happened in days `fromDay..<toDay`, scores are the state at the end of day `toDay − 1`.
    public struct OutputWindow: ScenarioSection, Equatable {
        /// First counted day of the window (days after warm-up). Default 0.
        public var fromDay = 0
        /// First counted day after the window (days after warm-up); 0, the default, is `run.days`.
        public var toDay = 0

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.integer("fromDay", &fromDay, 0...36_500, unit: "days after warm-up")
            v.integer("toDay", &toDay, 0...36_500, unit: "days after warm-up; 0: the last day")
        }

        /// Whether this is the default, the whole horizon.
        public var isWholeHorizon: Bool { self == OutputWindow() }

        /// The window as counted days `from..<to` of a horizon of `days`.
        public func range(days: Int) -> Range<Int> { fromDay..<(toDay == 0 ? days : toDay) }
    }
}

/// The value a policy lever has at `share` of the way from `off` (its value with the policy off,
/// the section's default) to `on` (the scenario's value): exactly `off` at 0 and `on` at 1.
@inline(__always)
func ramped(_ off: Double, _ on: Double, _ share: Double) -> Double {
    share == 1 ? on : share == 0 ? off : off + share * (on - off)
}

extension Scenario {
    /// A policy's schedule as the outputs name it: `section` (`council`), or `section@group` for a
    /// group that sets its own (`council@old`).
    public struct NamedSchedule: Equatable, Sendable {
        public var name: String
        public var schedule: Schedule
    }

    /// Every schedule of the scenario that is not the unscheduled default: the district-wide
    /// sections in file order, then each group's own, in group order.
    public var schedules: [NamedSchedule] {
        var out: [NamedSchedule] = []
        for (name, s) in [("council", council.schedule), ("sensors", sensors.schedule), ("volunteers", volunteers.schedule),
                          ("preventiveVisits", preventiveVisits.schedule), ("elderlyCare", elderlyCare.schedule),
                          ("response", response.schedule), ("services", services.schedule)] where !s.isUnscheduled {
            out.append(NamedSchedule(name: name, schedule: s))
        }
        for group in district.cells {
            let p = group.policies(in: self)
            for (name, s, keys) in [("council", p.council.schedule, group.council.keys), ("sensors", p.sensors.schedule, group.sensors.keys),
                                    ("volunteers", p.volunteers.schedule, group.volunteers.keys),
                                    ("preventiveVisits", p.preventiveVisits.schedule, group.preventiveVisits.keys),
                                    ("elderlyCare", p.elderlyCare.schedule, group.elderlyCare.keys),
                                    ("response", p.response.schedule, group.response.keys)]
            where keys.contains(where: { $0.hasPrefix("schedule.") }) && !s.isUnscheduled {
                out.append(NamedSchedule(name: "\(name)@\(group.name)", schedule: s))
            }
        }
        return out
    }
}
