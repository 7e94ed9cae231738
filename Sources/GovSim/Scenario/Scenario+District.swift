extension Scenario {
    /// The district: groups of grid cells. A cell is one grid worker's patch of ~100–500 households.
    public struct District: ScenarioSection, Equatable {
        public var cells: [CellGroup] = [CellGroup()]
        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.list("cells", &cells, count: 1...1_000)
        }
    }

    /// A group of identical grid cells.
    public struct CellGroup: ScenarioSection, Equatable {
        /// A label for the group.
        public var name = "cells"
        /// Number of cells in the group.
        public var count = 10
        /// Households per cell (households). Default 300.
        public var households: Parameter = 300
        /// Mean residents per household (persons, ≥ 1). Default 2.6.
        public var residentsPerHousehold: Parameter = 2.6
        /// Estate type: sets base rates (see `estates`).
        public var estate: EstateType = .newEstate
        /// Area of each cell of the group (km² per cell, > 0), like `households` per cell. When
        /// set, the cells' density `households / areaKm2` (households/km²) takes the place of
        /// the estate type's `householdsPerKm2`: it sets the area a grid worker covers, hence how
        /// far a responder travels (docs/model.md §3.7). Default: not set (the estate's density).
        public var areaKm2: Parameter? = nil
        /// Policies and demographics of these cells where they differ from the district-wide
        /// sections, key by key (docs/model.md, "Policies by group").
        public var council = SectionPatch<Council>()
        public var sensors = SectionPatch<SensorNetwork>()
        public var volunteers = SectionPatch<Volunteers>()
        public var preventiveVisits = SectionPatch<PreventiveVisits>()
        public var elderlyCare = SectionPatch<ElderlyCare>()
        public var response = SectionPatch<Response>()
        public var residents = SectionPatch<Residents>()

        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.text("name", &name)
            v.integer("count", &count, 1...1_000_000, unit: "cells")
            v.parameter("households", &households, Bounds(1...100_000, integer: true, unit: "households per cell"))
            v.parameter("residentsPerHousehold", &residentsPerHousehold, Bounds(1...20, unit: "persons per household"))
            v.choice("estate", &estate)
            v.optionalParameter("areaKm2", &areaKm2, CellGroup.areaBounds)
            v.patch("council", &council, districtOnly: [])
            v.patch("sensors", &sensors, districtOnly: [])
            v.patch("volunteers", &volunteers, districtOnly: [])
            v.patch("preventiveVisits", &preventiveVisits, districtOnly: CellGroup.districtVisitKeys)
            v.patch("elderlyCare", &elderlyCare, districtOnly: [])
            v.patch("response", &response, districtOnly: CellGroup.districtResponseKeys)
            v.patch("residents", &residents, districtOnly: CellGroup.districtResidentKeys)
        }

        /// A cell's area: more than nothing, at most a large rural township (km² per cell).
        static let areaBounds = Bounds(Double.leastNormalMagnitude...10_000, unit: "km² per cell")

        /// Households per km² of the group's cells (households/km²): `households / areaKm2` when
        /// the area is given, else the estate type's density. Realised values only.
        func householdsPerKm2(estate profile: EstateProfile) -> Double {
            guard let area = areaKm2 else { return profile.householdsPerKm2.value }
            return Double(Int(households.value)) / area.value
        }

        /// The visit team is one district-wide team: its capacity is shared.
        static let districtVisitKeys = ["visitsPerWeek"]
        /// Grid workers cover for each other across cell lines: the pool's service time and
        /// shift are district-wide.
        static let districtResponseKeys = ["serviceMinutes", "shiftMinutesPerDay"]
        /// Groups may differ in demographics only; how residents feel and respond is district-wide.
        static let residentDemographics = ["elderlyShare", "elderlyLivingAloneShare", "elderlyAppAdoption"]
        static let districtResidentKeys: [String] = ParameterListing.entries(of: Residents()).map(\.path)
            .filter { !residentDemographics.contains($0) }

        /// The group's effective policy sections: the district-wide ones with this group's keys.
        public func policies(in s: Scenario) -> Scenario {
            var g = s
            g.council = council.applied(to: s.council)
            g.sensors = sensors.applied(to: s.sensors)
            g.volunteers = volunteers.applied(to: s.volunteers)
            g.preventiveVisits = preventiveVisits.applied(to: s.preventiveVisits)
            g.elderlyCare = elderlyCare.applied(to: s.elderlyCare)
            g.response = response.applied(to: s.response)
            g.residents = residents.applied(to: s.residents)
            return g
        }

        /// Whether the group overrides anything.
        public var hasOverrides: Bool {
            !(council.isEmpty && sensors.isEmpty && volunteers.isEmpty && preventiveVisits.isEmpty && elderlyCare.isEmpty
              && response.isEmpty && residents.isEmpty)
        }
    }

    public enum EstateType: String, ScenarioChoice {
        case oldEstate, newEstate, village
    }

    /// Base rates by estate type.
    public struct EstateProfiles: ScenarioSection, Equatable {
        public var oldEstate = EstateProfile(.oldEstate)
        public var newEstate = EstateProfile(.newEstate)
        public var village = EstateProfile(.village)
        public init() {}
        public mutating func visit(_ v: ScenarioVisitor) {
            v.section("oldEstate", &oldEstate)
            v.section("newEstate", &newEstate)
            v.section("village", &village)
        }
        public subscript(_ type: EstateType) -> EstateProfile {
            switch type {
            case .oldEstate: return oldEstate
            case .newEstate: return newEstate
            case .village: return village
            }
        }
    }

    /// What an estate type is like before any policy.
    public struct EstateProfile: ScenarioSection, Equatable {
        /// Neighbour disputes (1/household/year).
        public var neighbourDisputeRate: Parameter = 0.15
        /// Property-management disputes: fees, repairs, parking (1/household/year).
        public var propertyDisputeRate: Parameter = 0.2
        /// Land and boundary disputes (1/household/year).
        public var landDisputeRate: Parameter = 0.01
        /// Family disputes (1/household/year).
        public var familyDisputeRate: Parameter = 0.06
        /// Public-security incidents such as theft (1/1000 residents/year).
        public var theftRate: Parameter = 8
        /// Traffic accidents (1/1000 residents/year).
        public var trafficAccidentRate: Parameter = 4
        /// Fires (1/1000 residents/year).
        public var fireRate: Parameter = 0.3
        /// Elevator faults that would hurt someone (1/1000 residents/year).
        public var elevatorIncidentRate: Parameter = 0.8
        /// Resting happiness before services and events (points 0–100).
        public var baseHappiness: Parameter = 64
        /// Resting perceived safety (points 0–100).
        public var baseSafety: Parameter = 68
        /// Resting trust in local governance (points 0–100).
        public var baseTrust: Parameter = 55
        /// Households per square kilometre (households/km²): with the households a grid worker
        /// covers, the area a responder crosses.
        public var householdsPerKm2: Parameter = 4_000
        /// Minutes a responder needs besides the distance: setting off, finding the door, stairs
        /// (minutes).
        public var accessMinutes: Parameter = 6
        /// Minutes per straight-line kilometre on the estate's streets and roads (minutes/km).
        public var minutesPerKm: Parameter = 6
        /// Share of non-elderly residents who use the reporting app (fraction 0–1).
        public var appAdoption: Parameter = 0.75

        public init() {}

        init(_ type: EstateType) {
            switch type {
            case .oldEstate:
                neighbourDisputeRate = 0.25; propertyDisputeRate = 0.5; landDisputeRate = 0.02; familyDisputeRate = 0.08
                theftRate = 12; trafficAccidentRate = 3; fireRate = 0.6; elevatorIncidentRate = 1.5
                baseHappiness = 60; baseSafety = 62; baseTrust = 48; appAdoption = 0.5
                householdsPerKm2 = 8_000; accessMinutes = 6; minutesPerKm = 6
            case .newEstate:
                break
            case .village:
                neighbourDisputeRate = 0.2; propertyDisputeRate = 0.03; landDisputeRate = 0.25; familyDisputeRate = 0.1
                theftRate = 5; trafficAccidentRate = 5; fireRate = 0.8; elevatorIncidentRate = 0
                baseHappiness = 62; baseSafety = 66; baseTrust = 52; appAdoption = 0.4
                householdsPerKm2 = 60; accessMinutes = 8; minutesPerKm = 3
            }
        }

        public mutating func visit(_ v: ScenarioVisitor) {
            // At most one a day per household (resp. resident): beyond that no district runs.
            let perHousehold = Bounds(0...365, unit: "1/household/year")
            let perThousand = Bounds(0...365_000, unit: "1/1000 residents/year")
            v.parameter("neighbourDisputeRate", &neighbourDisputeRate, perHousehold)
            v.parameter("propertyDisputeRate", &propertyDisputeRate, perHousehold)
            v.parameter("landDisputeRate", &landDisputeRate, perHousehold)
            v.parameter("familyDisputeRate", &familyDisputeRate, perHousehold)
            v.parameter("theftRate", &theftRate, perThousand)
            v.parameter("trafficAccidentRate", &trafficAccidentRate, perThousand)
            v.parameter("fireRate", &fireRate, perThousand)
            v.parameter("elevatorIncidentRate", &elevatorIncidentRate, perThousand)
            v.parameter("baseHappiness", &baseHappiness, .score)
            v.parameter("baseSafety", &baseSafety, .score)
            v.parameter("baseTrust", &baseTrust, .score)
            v.parameter("householdsPerKm2", &householdsPerKm2, Bounds(1...100_000, unit: "households/km²"))
            v.parameter("accessMinutes", &accessMinutes, Bounds(0...600, unit: "minutes"))
            v.parameter("minutesPerKm", &minutesPerKm, Bounds(0...600, unit: "minutes/km"))
            v.parameter("appAdoption", &appAdoption, .fraction())
        }
    }
}

extension Scenario {
    /// A part of the district outputs are given for: a cell group or an estate type.
    public struct OutputPart: Sendable, Equatable {
        public enum Kind: String, Sendable { case group, estate }
        public var kind: Kind
        public var name: String
    }

    /// The parts `TrialResult.parts` holds, in order: every group, then every estate type present;
    /// none for a district of one group.
    public var outputParts: [OutputPart] {
        guard district.cells.count > 1 else { return [] }
        var parts = district.cells.map { OutputPart(kind: .group, name: $0.name) }
        for estate in EstateType.allCases where district.cells.contains(where: { $0.estate == estate }) {
            parts.append(OutputPart(kind: .estate, name: estate.rawValue))
        }
        return parts
    }
}
