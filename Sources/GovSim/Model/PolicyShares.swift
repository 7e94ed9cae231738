/// Today's share (0–1) of each scheduled policy's full effect (docs/model.md §11): per cell group
/// and section, then the district-wide ones (the services contract and the visit team's
/// capacity). Every share is 1 when nothing is scheduled, and the daily processes then read the
/// rates they always did.
struct PolicyShares: Equatable {
    /// The sections a cell group may schedule, in storage order.
    enum Section: Int, CaseIterable {
        case council, sensors, volunteers, preventiveVisits, elderlyCare, response
    }
    private static let stride = Section.allCases.count

    /// `values[g * stride + section]`, then services, then the visit team.
    private(set) var values: [Double]
    let groups: Int

    /// Every share 1: the policies unscheduled.
    init(groups: Int) {
        self.groups = groups
        values = [Double](repeating: 1, count: groups * PolicyShares.stride + 2)
    }

    /// The shares on counted day `day` (negative during warm-up).
    init(_ s: Scenario, groups gs: [Scenario], day: Int) {
        self.init(groups: gs.count)
        _ = update(s, groups: gs, day: day)
    }

    subscript(_ g: Int, _ section: Section) -> Double { values[g * PolicyShares.stride + section.rawValue] }
    /// The services contract's share (district-wide).
    var services: Double { values[groups * PolicyShares.stride] }
    /// The visit team's share of its capacity (the district-wide `preventiveVisits` schedule).
    var visitTeam: Double { values[groups * PolicyShares.stride + 1] }

    /// Sets the shares of counted day `day` in place (nothing allocated) and returns which kinds
    /// changed: bit `section` for a group section, bit 6 services, bit 7 the visit team.
    mutating func update(_ s: Scenario, groups gs: [Scenario], day t: Int) -> Int {
        var changed = 0
        func set(_ i: Int, _ v: Double, _ bit: Int) {
            if values[i] != v { values[i] = v; changed |= 1 << bit }
        }
        for (g, p) in gs.enumerated() {
            let base = g * PolicyShares.stride
            set(base + Section.council.rawValue, p.council.schedule.fraction(atDay: t), Section.council.rawValue)
            set(base + Section.sensors.rawValue, p.sensors.schedule.fraction(atDay: t), Section.sensors.rawValue)
            set(base + Section.volunteers.rawValue, p.volunteers.schedule.fraction(atDay: t), Section.volunteers.rawValue)
            set(base + Section.preventiveVisits.rawValue, p.preventiveVisits.schedule.fraction(atDay: t), Section.preventiveVisits.rawValue)
            set(base + Section.elderlyCare.rawValue, p.elderlyCare.schedule.fraction(atDay: t), Section.elderlyCare.rawValue)
            set(base + Section.response.rawValue, p.response.schedule.fraction(atDay: t), Section.response.rawValue)
        }
        set(gs.count * PolicyShares.stride, s.services.schedule.fraction(atDay: t), 6)
        set(gs.count * PolicyShares.stride + 1, s.preventiveVisits.schedule.fraction(atDay: t), 7)
        return changed
    }

    /// Whether any section of the scenario or its groups carries a schedule.
    static func anyScheduled(_ s: Scenario, groups gs: [Scenario]) -> Bool {
        !s.services.schedule.isUnscheduled || !s.preventiveVisits.schedule.isUnscheduled || gs.contains { p in
            !(p.council.schedule.isUnscheduled && p.sensors.schedule.isUnscheduled && p.volunteers.schedule.isUnscheduled
              && p.preventiveVisits.schedule.isUnscheduled && p.elderlyCare.schedule.isUnscheduled && p.response.schedule.isUnscheduled)
        }
    }

    static let servicesBit = 1 << 6, visitTeamBit = 1 << 7
    static func bit(_ section: Section) -> Int { 1 << section.rawValue }
}

extension Scenario.Response {
    /// Grid workers per cell in place at `share` of the response schedule (persons/cell): from
    /// the default to this section's value.
    func gridWorkers(atShare share: Double) -> Double {
        ramped(Scenario.Response().gridWorkersPerCell.value, gridWorkersPerCell.value, share)
    }
}
