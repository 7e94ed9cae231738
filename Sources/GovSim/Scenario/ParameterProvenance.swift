import Foundation

/// Where a parameter's default comes from, and the prior it ships with.
///
/// Every numeric parameter of a scenario has one entry (a test holds the table complete):
/// - `input`: the planner describes the place or the policy (households, staff, budgets,
///   coverage, prices, device specifications). There is nothing to cite; the scenario states it.
/// - `definition`: the value defines an output or a rule (the happiness at which a resident
///   counts as "satisfied", the regulation's 60-day petition deadline, "traffic sensors do not
///   deter"). Fixed by definition.
/// - `evidence`: an entry of docs/evidence.md (E1, E2, …) gives the value or its range.
/// - `assumption`: no usable source was found (docs/evidence.md A1, A2, …, or a reason in `note`);
///   the value is a guess, and it ships as a distribution so that the guess's uncertainty reaches
///   every run.
///
/// A prior is shipped **centred on the default**: its mean is the default value, so the default
/// is the central value `--fixed` runs at, and a model that responds linearly gives the same mean
/// with or without priors. Its width comes from the evidence entry (or the assumption's
/// reasoning). Where the evidence's own centre lies away from the default, the prior is made
/// wide enough to hold it and `note` says so: moving such a default is open work, because the
/// cases' "before" figures would have to be refitted.
public struct Provenance: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case input
        case definition
        case evidence([String])
        case assumption([String])

        /// "input", "definition", "E1,E2", "assumption" or "assumption (A1)".
        public var text: String {
            switch self {
            case .input: return "input"
            case .definition: return "definition"
            case .evidence(let ids): return ids.joined(separator: ",")
            case .assumption(let ids): return ids.isEmpty ? "assumption" : "assumption (\(ids.joined(separator: ",")))"
            }
        }
        /// The docs/evidence.md ids cited.
        public var ids: [String] {
            switch self {
            case .input, .definition: return []
            case .evidence(let ids), .assumption(let ids): return ids
            }
        }
    }

    /// The shape of a shipped prior around the default value `d`.
    public enum Shape: Sendable, Equatable {
        /// Beta with mean `d` and concentration α + β = `concentration` (probabilities, fractions).
        case beta(concentration: Double)
        /// Lognormal with mean `d` and log-scale SD `sigma` (positive quantities, rates, weights).
        case lognormal(sigma: Double)
        /// Normal with mean `d` (levels on a score scale, spreads).
        case normal(sd: Double)
        /// Symmetric triangular from `d − halfWidth` to `d + halfWidth`, mode `d`.
        case triangular(halfWidth: Double)

        /// The distribution around `d`.
        public func distribution(around d: Double) -> Parameter {
            switch self {
            case .beta(let k): return .beta(alpha: d * k, beta: (1 - d) * k)
            case .lognormal(let s): return .lognormal(median: Self.rounded(d * exp(-s * s / 2)), sigma: s)
            case .normal(let sd): return .normal(mean: d, sd: sd)
            case .triangular(let h): return .triangular(min: d - h, mode: d, max: d + h)
            }
        }

        /// To 4 significant digits, so resolved scenarios stay readable (the mean then matches
        /// the default to 4 digits).
        static func rounded(_ x: Double) -> Double {
            guard x != 0, x.isFinite else { return x }
            let scale = pow(10, 3 - floor(log10(abs(x))))
            return (x * scale).rounded() / scale
        }
    }

    public var source: Source
    public var shape: Shape?
    public var note: String?

    public init(_ source: Source, _ shape: Shape? = nil, note: String? = nil) {
        self.source = source
        self.shape = shape
        self.note = note
    }
}

/// The provenance table: a pattern per parameter path, with `*` standing for an estate type,
/// an incident type, a dispute type or a list index (`estates.*.theftRate`,
/// `mediation.tiers[*].successLow`). A cell group's override (`district.cells[2].council.x`)
/// has the provenance of the district-wide field it overrides (`council.x`).
public enum ParameterProvenance {
    /// The entry for a parameter path, or nil when the table lacks it (a test forbids that).
    public static func entry(for path: String) -> Provenance? {
        let key = pattern(of: path)
        if let e = table[key] { return e }
        var parts = key.split(separator: ".").map(String.init)
        guard parts.count >= 3 else { return nil }
        parts[1] = "*"
        return table[parts.joined(separator: ".")]
    }

    /// The shipped prior for `path` whose default is `value`, or nil when it is fixed.
    public static func prior(for path: String, default value: Double, bounds: Bounds) -> Parameter? {
        guard let shape = entry(for: path)?.shape else { return nil }
        return shape.distribution(around: value)
    }

    /// `district.cells[2].council.x` → `council.x`; `mediation.tiers[1].staff` → `mediation.tiers[*].staff`.
    static func pattern(of path: String) -> String {
        var p = path
        if p.hasPrefix("district.cells["), let close = p.firstIndex(of: "]") {
            let rest = p[p.index(after: close)...]
            let tail = rest.hasPrefix(".") ? String(rest.dropFirst()) : String(rest)
            // A group's own fields (name, households, …) stay under district.cells[*].
            let isGroupField = !tail.contains(".") || tail.hasPrefix("schedule")
            p = isGroupField ? "district.cells[*].\(tail)" : tail
        }
        while let open = p.range(of: "["), let close = p[open.upperBound...].firstIndex(of: "]") {
            let inside = p[open.upperBound..<close]
            if inside == "*" { break }
            p.replaceSubrange(open.upperBound..<close, with: "*")
        }
        return p
    }

    private typealias P = Provenance
    private static let input = P(.input)
    /// `ids`: evidence ids, comma-separated ("E15,E29").
    private static func ev(_ ids: String, _ shape: P.Shape? = nil, note: String? = nil) -> P { P(.evidence(split(ids)), shape, note: note) }
    private static func guess(_ ids: String, _ shape: P.Shape, note: String? = nil) -> P { P(.assumption(split(ids)), shape, note: note) }
    private static func guess(_ shape: P.Shape, note: String) -> P { P(.assumption([]), shape, note: note) }
    private static func split(_ ids: String) -> [String] { ids.split(separator: ",").map(String.init) }
    private static func beta(_ k: Double) -> P.Shape { .beta(concentration: k) }
    private static func logn(_ s: Double) -> P.Shape { .lognormal(sigma: s) }
    private static func tri(_ h: Double) -> P.Shape { .triangular(halfWidth: h) }
    private static func norm(_ sd: Double) -> P.Shape { .normal(sd: sd) }

    /// Place descriptors the planner states, and the rates that describe a place before a policy,
    /// whose shared uncertainty is carried by `disputes.rateMultiplier` and
    /// `incidents.rateMultiplier` (so the rates of one place move together).
    private static let district: [String: P] = [
        "district.cells[*].count": input, "district.cells[*].households": input,
        "district.cells[*].residentsPerHousehold": input, "district.cells[*].areaKm2": input,
        "estates.*.neighbourDisputeRate": ev("E15"), "estates.*.propertyDisputeRate": ev("E15,E29"),
        "estates.*.landDisputeRate": ev("E15"), "estates.*.familyDisputeRate": ev("E15"),
        "estates.*.theftRate": ev("E22"), "estates.*.trafficAccidentRate": ev("E21"),
        "estates.*.fireRate": ev("E19"), "estates.*.elevatorIncidentRate": ev("E20"),
        "estates.*.baseHappiness": ev("E24", norm(4)), "estates.*.baseSafety": ev("E24", norm(4)),
        "estates.*.baseTrust": ev("E28", norm(4)),
        "estates.*.householdsPerKm2": ev("E31"), "estates.*.accessMinutes": ev("E31", logn(0.3)),
        "estates.*.minutesPerKm": ev("E31", logn(0.3)),
        "estates.*.appAdoption": guess(beta(12), note: "share of households using the reporting app; no survey found"),
        "disputes.rateMultiplier": ev("E15", logn(0.5), note: "national mediation volumes put the average district's rates at about 0.3× the defaults (E15); a place's rates are fitted to its before figures"),
        "incidents.rateMultiplier": ev("E19,E20,E21,E22", logn(0.4)),
    ]

    private static let residents: [String: P] = [
        "residents.elderlyShare": ev("E13"),
        "residents.elderlyLivingAloneShare": ev("E13,E11", beta(20)),
        "residents.elderlyAppAdoption": guess(beta(10), note: "older residents' app use; no survey found"),
        "residents.adaptationDays": ev("E25", logn(0.6), note: "E25 suggests months (median ~90 days); the prior holds it"),
        "residents.happinessSpread": ev("E24", norm(3), note: "E24 suggests about 16"),
        "residents.safetySpread": guess("E24", norm(2.5)), "residents.trustSpread": guess("E24", norm(2.5)),
        "residents.satisfiedThreshold": P(.definition, note: "what 'satisfied' means (E24): set it to the survey's wording"),
        "residents.satisfiedThresholdSpread": guess("E24", tri(4)),
        "residents.trustOnHappiness": guess(tri(0.2), note: "no source for the weight of trust in happiness"),
        "residents.safetyOnHappiness": guess("E26", tri(0.2)),
        "residents.openDisputePenalty": guess(logn(0.5), note: "no source for the happiness cost of an open dispute"),
        "residents.festeringPenalty": guess(logn(0.5), note: "no source"),
        "residents.disputeTrustLoss": ev("E27", tri(2)),
        "residents.resolvedTrustRecovery": ev("E27", beta(12)),
        "residents.failedTrustLoss": ev("E27", tri(4)),
        "residents.petitionTrustLoss": guess("E27", logn(0.4)),
        "residents.victimSafetyLoss": ev("E26", logn(0.7), note: "E26 suggests about 6; the prior holds it"),
        "residents.victimHappinessLoss": ev("E26", logn(0.7), note: "E26 suggests about 2; the prior holds it"),
        "residents.harmedLossFactor": guess("A5", tri(0.5)),
        "residents.nearbyIncidentWeight": guess("A7", logn(0.6)),
        "residents.responseSafetyWeight": guess("A7,E30", logn(0.6)),
        "residents.responseReferenceMinutes": guess("E32", tri(5)),
        "residents.patrolSafetyWeight": ev("E7", tri(4)),
        "residents.massIncidentTrustLoss": guess(logn(0.5), note: "no source for the trust lost by witnesses of a mass incident"),
        "residents.massIncidentSafetyLoss": guess(logn(0.5), note: "no source"),
        "residents.massIncidentReachHouseholds": guess(logn(0.5), note: "no source for how far a mass incident is witnessed"),
        "residents.disputePronenessSpread": guess(tri(0.3), note: "no source for the spread of dispute proneness"),
        "residents.reportingSpread": guess("E23", tri(0.4)),
        "residents.vulnerabilitySpread": guess(tri(0.15), note: "no source"),
        "residents.elderlyVulnerability": guess("E12,E14", tri(0.4)),
        "residents.participationAlpha": guess("E18", tri(0.3)),
        "residents.participationBeta": guess("E18", tri(1)),
    ]

    private static let disputes: [String: P] = [
        "disputes.*.low": guess("E15", beta(30), note: "severity mix of a dispute type; no source breaks caseloads down by severity"),
        "disputes.*.medium": guess("E15", beta(30)),
        "disputes.propertyCollectiveShare": ev("E29", beta(25)),
        "disputes.landCollectiveShare": guess("E29", beta(25)),
        "disputes.collectiveHouseholds": guess(logn(0.4), note: "no source for the size of a collective dispute"),
        "disputes.trustSensitivity": guess(tri(0.005), note: "no source"),
        "disputes.festerPerDay": guess("A6", logn(0.5)), "disputes.selfResolvePerDay": guess("A6", logn(0.5)),
        "disputes.massIncidentPerDay": guess(logn(0.6), note: "no source for the hazard that a festering collective dispute erupts"),
        "disputes.directPetitionPerDay": ev("E16", logn(0.6), note: "was set from a case's after figure; now a prior checked against national petition volumes (E16)"),
        "reporting.baseProbability": guess("A6,E23", beta(10)),
        "reporting.trustEffect": guess("A6", tri(0.006)),
        "reporting.appBoost": guess("A6", beta(10)),
        "reporting.lateReportPerDay": guess("A6", logn(0.5)),
        "reporting.offlineDelayHours": input, "reporting.onlineDelayHours": input,
        "triage.accuracy": input, "triage.delayHours": input,
    ]

    private static let mediation: [String: P] = [
        "mediation.tiers[*].staff": input, "mediation.tiers[*].casesPerStaffDay": input,
        "mediation.tiers[*].successLow": ev("E15", beta(30)), "mediation.tiers[*].successMedium": ev("E15", beta(20)),
        "mediation.tiers[*].successHigh": ev("E15", beta(12)),
        "mediation.tiers[*].responseHours": input, "mediation.tiers[*].sessionHours": input,
        "mediation.tiers[*].costPerCase": input, "mediation.tiers[*].salaryPerStaffYear": input,
        "mediation.petitionOnTopFailure": guess("E16", beta(10)),
        "mediation.petitionAfterWaitDays": guess("E16", logn(0.3)),
        "mediation.petitionHazardPerDay": guess("E16", logn(0.5)),
        "mediation.waitEscalationPerDay": guess(logn(0.5), note: "no source"),
        "mediation.referralHours": input,
        "mediation.petitionResolution": guess("E16", beta(10)),
        "mediation.petitionDays": P(.definition, note: "the petition regulations' 60-day reply deadline (E16)"),
        "services.budget": input, "services.mediationShare": input, "services.legalAdviceShare": input,
        "services.volunteerCoordinationShare": input, "services.elderlyCareShare": input,
        "services.pricePerHour": input, "services.providerCapacityHours": input,
        "services.hoursPerMediatorYear": input, "services.hoursPerElderlyVisit": input,
        "services.visitsPerEnrolledElderYear": input,
        "services.providerQuality": guess(beta(10), note: "no source for a social organisation's mediators relative to staff"),
        "services.legalAdviceScale": guess(logn(0.5), note: "no source"),
        "services.legalAdviceSuccessGain": guess(beta(12), note: "no source"),
        "services.coordinationScale": guess(logn(0.5), note: "no source"),
        "services.coordinationRecruitGain": guess(logn(0.5), note: "no source"),
        "services.coordinationRetention": guess("E17", beta(5)),
    ]

    private static let community: [String: P] = [
        "volunteers.initialShare": ev("E18", logn(0.6)), "volunteers.recruitmentPerYear": ev("E18,E17", logn(0.6)),
        "volunteers.dropoutPerYear": ev("E17", logn(0.35)),
        "volunteers.patrolHoursPerWeek": input, "volunteers.training": input,
        "volunteers.maxSpotProbability": ev("E5", beta(10)),
        "volunteers.patrolScale": guess("E5", logn(0.5)),
        "volunteers.chatWarningGain": guess(beta(12), note: "no source for warnings passed in residents' chat groups"),
        "volunteers.elderlyVisitsPerWeek": input, "volunteers.costPerVolunteerYear": input,
        "council.residentSeats": input, "council.propertySeats": input, "council.socialOrgSeats": input,
        "council.meetingsPerYear": input, "council.costPerMeeting": input,
        "council.propertyDisputeReduction": guess("A1", beta(5)),
        "council.collectiveReduction": guess("A1", beta(5)),
        "council.participationGain": guess("A1", tri(0.5)),
        "preventiveVisits.riskThreshold": input, "preventiveVisits.windowDays": input,
        "preventiveVisits.visitsPerWeek": input, "preventiveVisits.costPerVisit": input,
        "preventiveVisits.effectDays": guess("A2", logn(0.5)),
        "preventiveVisits.disputeReduction": guess("A2", beta(8)),
        "preventiveVisits.defuseProbability": guess("A2", beta(6)),
    ]

    private static let safety: [String: P] = [
        "sensors.*.coverage": input, "sensors.*.latencyMinutes": input, "sensors.*.devicesPerCell": input,
        "sensors.*.unitCost": input, "sensors.*.lifeYears": input, "sensors.*.runningCostPerDeviceYear": input,
        "sensors.cameras.detection": guess("E1", beta(10), note: "share of incidents in view that cameras detect; no direct source"),
        "sensors.trafficSensors.detection": guess("E21", beta(8), note: "was set from a case's after figure; now a prior"),
        "sensors.smokeDetectors.detection": guess("E19", beta(15)),
        "sensors.elevatorMonitors.detection": guess("E20", beta(10)),
        "sensors.*.falseAlarmsPerDeviceYear": guess(logn(0.6), note: "device false-alarm rates; vendors' figures not found"),
        "sensors.cameras.deterrence": ev("E1,E2", beta(20)),
        "sensors.trafficSensors.deterrence": P(.definition, note: "no deterrence mechanism is claimed"),
        "sensors.smokeDetectors.deterrence": P(.definition, note: "no deterrence mechanism is claimed"),
        "sensors.elevatorMonitors.deterrence": P(.definition, note: "no deterrence mechanism is claimed"),
        "sensors.privacyTrustCost": ev("E4", logn(0.6), note: "E4 suggests about 3; the prior holds it"),
        "sensors.safeguardEffect": guess("A3", beta(4)),
        "elderlyCare.emergencyRatePerYear": ev("E12", logn(0.4)),
        "elderlyCare.precursorShare": guess("A4", beta(8)),
        "elderlyCare.precursorWindowHours": guess("A4", logn(0.5)),
        "elderlyCare.preventionEfficacy": guess("A4", beta(7)),
        "elderlyCare.wearableCoverage": input,
        "elderlyCare.wearableDetection": ev("E8,E10", beta(6), note: "E10 suggests about 0.2 in real use; the prior holds it"),
        "elderlyCare.wearableAlarm": ev("E8,E9", beta(10)),
        "elderlyCare.wearableFalseAlarmsPerYear": ev("E9", logn(1.0), note: "E9 suggests about 10; the prior holds it"),
        "elderlyCare.wearableUnitCost": input, "elderlyCare.wearableLifeYears": input,
        "elderlyCare.wearableRunningCostPerYear": input,
        "elderlyCare.caseloadRiskReduction": ev("E33", beta(20)),
        "elderlyCare.callButtonUse": ev("E11", beta(8)),
        "elderlyCare.callServiceCostPerElderlyYear": input,
        "elderlyCare.responseTeamMinutes": ev("E32", tri(4)),
        "elderlyCare.responseTeamCostPerThousandElderlyYear": input,
        "elderlyCare.visitDetection": guess(beta(8), note: "no source for how often a visit finds an emergency in time"),
        "elderlyCare.householdNoticeMinutes": guess(logn(0.5), note: "no source"),
        "elderlyCare.aloneDiscoveryHours": ev("E11", logn(0.7), note: "E11 suggests about 2 hours; the prior holds it"),
        "elderlyCare.harmMinutes": ev("E14,A5", logn(0.5)),
        "elderlyCare.coveredSafetyGain": ev("E34", tri(3)),
        "incidents.*.precursorShare": guess("A4", beta(8)),
        "incidents.*.precursorWindowHours": guess("A4", logn(0.5)),
        "incidents.*.preventionEfficacy": guess("A4", beta(7)),
        "incidents.*.residentDetection": guess(beta(10), note: "no source for how often residents notice a precursor"),
        "incidents.trafficAccident.residentDetection": P(.definition, note: "residents do not foresee accidents"),
        "incidents.theft.reportProbability": ev("E23", beta(10)),
        "incidents.*.reportProbability": guess("E23", beta(20)),
        "incidents.*.reportMinutes": guess(logn(0.4), note: "no source"),
        "incidents.*.harmMinutes": guess("A5", logn(0.5)),
        "response.gridWorkersPerCell": input, "response.shiftMinutesPerDay": input,
        "response.salaryPerWorkerYear": input, "response.townCostPerCall": input,
        "response.serviceMinutes": guess(logn(0.3), note: "time a grid worker spends at a call; no source"),
        "response.dispatchMinutes": ev("E32", logn(0.4)),
        "response.oneTapSpeedup": guess(beta(10), note: "no source for one-tap reporting's speed-up"),
        "response.townResponseMinutes": ev("E32", logn(0.4)),
    ]

    private static let table: [String: P] = {
        var t: [String: P] = [:]
        for part in [district, residents, disputes, mediation, community, safety] {
            t.merge(part) { a, _ in a }
        }
        return t
    }()
}

/// How a run treats the priors the defaults ship with (`run.uncertainty`).
public enum ParameterUncertainty: String, ScenarioChoice {
    /// Fields the scenario does not set draw from their shipped priors, once per trial.
    case priors
    /// Fields the scenario does not set take their central (default) values; distributions the
    /// scenario writes itself still draw (`--fixed`).
    case fixed
}

extension Scenario {
    /// The defaults with every shipped prior in place: what a scenario file starts from.
    public static let withShippedPriors: Scenario = {
        var s = Scenario()
        s.visit(ShippedPriorApplier())
        return s
    }()

    /// This scenario with every shipped prior it still carries (a field the file left at its
    /// default) replaced by the default's central value, and `run.uncertainty` set to `fixed`.
    public func fixingShippedPriors() -> Scenario {
        var copy = self
        copy.visit(ShippedPriorRemover())
        copy.run.uncertainty = .fixed
        return copy
    }

    /// Paths whose values are still the shipped priors (fields the scenario left to them).
    public var shippedPriorPaths: [String] {
        let finder = ShippedPriorFinder()
        var copy = self
        copy.visit(finder)
        return finder.paths
    }
}

/// Puts the shipped prior on each fixed parameter that has one.
final class ShippedPriorApplier: PathTrackingVisitor {
    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        guard case .fixed(let d) = value,
              let prior = ParameterProvenance.prior(for: path(key), default: d, bounds: bounds) else { return }
        value = prior
    }
}

/// The shipped prior and the central value at each path of the default scenario.
private let shippedPriorTable: [String: (prior: Parameter, central: Parameter)] = {
    let collector = FieldCollector()
    var defaults = Scenario()
    defaults.visit(collector)
    var table: [String: (Parameter, Parameter)] = [:]
    let withPriors = FieldCollector()
    var shipped = Scenario.withShippedPriors
    shipped.visit(withPriors)
    for (path, value) in withPriors.values {
        guard case .parameter(let prior) = value, prior.isDistribution,
              case .parameter(let central)? = collector.values[path] else { continue }
        table[path] = (prior, central)
    }
    return table
}()

/// Replaces a shipped prior by its central value. A cell group's override is the file's own
/// value, never a shipped prior, so only district-wide paths are looked up.
final class ShippedPriorRemover: PathTrackingVisitor {
    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        guard value.isDistribution, let entry = shippedPriorTable[path(key)], entry.prior == value else { return }
        value = entry.central
    }
}

final class ShippedPriorFinder: PathTrackingVisitor {
    var paths: [String] = []
    override func parameter(_ key: String, _ value: inout Parameter, _ bounds: Bounds) {
        if value.isDistribution, let entry = shippedPriorTable[path(key)], entry.prior == value { paths.append(path(key)) }
    }
}
