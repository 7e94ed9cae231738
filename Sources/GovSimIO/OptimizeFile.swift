import Foundation
import GovSim
import GovSimExperiments

/// optimize.json, the one schema of the file: `OptimizeResults` writes it through this type and
/// the optimize report reads it back through this type, so a key is named once, in `Key`.
/// optimize.csv's columns are `OptimizeFile.Table`'s.
///
/// The search (scenario, budget, objective weights, constraints, how many candidates and
/// trials), the chosen mix (`best`: its levers, its objective on fresh trials with its 95%
/// interval, its gain over the status quo and what it does to every output), the cost–benefit
/// frontier and, with a second objective, the Pareto front.
public struct OptimizeFile: Sendable {
    public static let fileName = "optimize.json"

    /// Every key the file has, at every level (a Pareto point also has a key named by the
    /// second objective's output).
    public enum Key: String, CaseIterable, Sendable {
        case version, scenario, seed, budget, objective, candidates, trialsPerCandidate = "trials_per_candidate"
        case finalTrials = "final_trials", best, constraints, pareto, frontier
        // The chosen mix's entry.
        case candidate, levers, objectiveMean = "objective_mean", objectiveCI95 = "objective_ci95", costMean = "cost_mean"
        case gainOverStatusQuo = "gain_over_status_quo", gainCI95 = "gain_ci95", topCandidate = "top_candidate"
        case tiedWith = "tied_with", chosenBecause = "chosen_because", effects
        // An output's change under the chosen mix.
        case statusQuoMean = "status_quo_mean", chosenMean = "chosen_mean", difference, ci95
        case relativeChangePct = "relative_change_pct", unit
        // The Pareto front's entry.
        case objectives, front
    }

    /// What the chosen mix does to one output against the status quo, on the same fresh trials.
    public struct Effect: Sendable {
        public var statusQuoMean = Double.nan, chosenMean = Double.nan, difference = Double.nan
        public var ci95 = Interval(lo: .nan, hi: .nan)
        public var relativeChangePct = Double.nan
        public var unit: String?
        public init() {}
    }

    /// The chosen mix.
    public struct Best: Sendable {
        public var candidate: Int?
        /// Lever path → its value.
        public var levers: [String: Double] = [:]
        /// The objective on the fresh trials, its 95% CI, and the mean cost (yuan).
        public var objectiveMean = Double.nan, objectiveCI95 = Interval(lo: .nan, hi: .nan), costMean = Double.nan
        /// The paired gain of the objective over the status quo (candidate 0), with its 95% CI.
        public var gainOverStatusQuo = Double.nan, gainCI95 = Interval(lo: .nan, hi: .nan)
        /// The candidate with the best objective, which the chosen one may be tied with.
        public var topCandidate: Int?
        public var tiedWith: [Int] = []
        public var chosenBecause: String?
        /// Output name → its change.
        public var effects: [String: Effect] = [:]
        public init() {}
    }

    /// A candidate on the frontier or the Pareto front.
    public struct Point: Sendable {
        public var candidate: Int?
        public var levers: [String: Double] = [:]
        public var costMean = Double.nan, objectiveMean = Double.nan
        /// The second objective's mean (the Pareto front's only).
        public var second: Double?
        public init() {}
    }

    /// The front of the objective against a second output.
    public struct Pareto: Sendable {
        /// "objective" and the second output's name.
        public var objectives: [String] = []
        public var front: [Point] = []
        public init() {}

        /// The second output's name, the key of its mean in a front point.
        public var secondName: String? { objectives.count > 1 ? objectives[1] : nil }
    }

    public var version: String?
    public var scenario: String?
    public var seed: String?
    /// The budget, yuan.
    public var budget = Double.nan
    /// Output name → its weight in the objective.
    public var objective: [String: Double] = [:]
    public var candidates: Int?, trialsPerCandidate: Int?, finalTrials: Int?
    /// nil when no candidate is within the budget.
    public var best: Best?
    /// The constraints as written (`mean_trust>=-1`).
    public var constraints: [String]?
    public var pareto: Pareto?
    /// The frontier's candidates, cheapest first.
    public var frontier: [Point] = []

    /// Why a text is not this file.
    public typealias ReadError = ResultFileError
}

extension OptimizeFile {
    /// The file of an optimisation's result.
    public init(_ r: OptimizeResults) {
        let o = r.optimization, result = r.result
        func levers(_ c: Optimization.Candidate) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: zip(o.levers, c.values).map { ($0.path.text, $1) })
        }
        func point(_ i: Int) -> Point {
            var p = Point()
            let c = result.candidates[i]
            (p.candidate, p.levers, p.costMean, p.objectiveMean) = (i, levers(c), c.cost.mean, c.objective.mean)
            return p
        }
        version = RunResults.version
        scenario = o.scenario.name
        seed = String(Int(o.seed))
        budget = o.budget
        objective = Dictionary(uniqueKeysWithValues: o.weights.map { ($0.metric.name, $0.weight) })
        candidates = result.candidates.count
        trialsPerCandidate = o.trials
        finalTrials = o.finalTrials
        if let b = result.best, let final = result.candidates[b].finalObjective {
            let c = result.candidates[b], versus = result.bestVersusStatusQuo
            var best = Best()
            best.candidate = b
            best.levers = levers(c)
            (best.objectiveMean, best.objectiveCI95, best.costMean) = (final.mean, final.ci95, c.finalCost?.mean ?? .nan)
            best.gainOverStatusQuo = versus?.difference ?? .nan
            best.gainCI95 = versus?.ci95 ?? Interval(lo: .nan, hi: .nan)
            best.topCandidate = result.top
            best.tiedWith = result.tied
            best.chosenBecause = result.top != b ? "statistically tied with the top candidate and cheaper"
                : result.tied.isEmpty ? "best objective on the fresh trials" : "best objective and cheapest of those tied"
            for m in Metric.allCases where m.rawValue < result.effects.count {
                let d = result.effects[m.rawValue]
                var e = Effect()
                (e.statusQuoMean, e.chosenMean, e.difference, e.ci95) = (d.baselineMean, d.armMean, d.difference, d.ci95)
                (e.relativeChangePct, e.unit) = (d.relativeChangePct, m.unit)
                best.effects[m.name] = e
            }
            self.best = best
        }
        constraints = o.constraints.map(\.text)
        pareto = o.secondObjective.map { second in
            var pareto = Pareto()
            pareto.objectives = ["objective", second.name]
            pareto.front = result.candidates.indices.filter { result.candidates[$0].onSecondFront }.map { i in
                var p = point(i)
                p.second = result.candidates[i].means[second.rawValue]
                return p
            }
            return pareto
        }
        frontier = result.candidates.indices.filter { result.candidates[$0].onFrontier }
            .sorted { result.candidates[$0].cost.mean < result.candidates[$1].cost.mean }
            .map(point)
    }
}

// MARK: Writing

extension OptimizeFile {
    /// The file's text: keys sorted, numbers in shortest form, NaN as null.
    public var rendered: String {
        var document: [Key: JSONText] = [
            .budget: .number(budget),
            .objective: .object(objective.mapValues { .number($0) }),
            .best: best?.json ?? .null,
            .pareto: pareto?.json ?? .null,
            .frontier: .array(frontier.map { $0.json(second: nil) }),
        ]
        if let version { document[.version] = .string(version) }
        if let scenario { document[.scenario] = .string(scenario) }
        if let seed { document[.seed] = Int(seed).map { .integer($0) } ?? .string(seed) }
        if let candidates { document[.candidates] = .integer(candidates) }
        if let trialsPerCandidate { document[.trialsPerCandidate] = .integer(trialsPerCandidate) }
        if let finalTrials { document[.finalTrials] = .integer(finalTrials) }
        if let constraints { document[.constraints] = .array(constraints.map { .string($0) }) }
        return JSONText.keyed(document).rendered
    }



    static func levers(_ values: [String: Double]) -> JSONText { .object(values.mapValues { .number($0) }) }
}

extension OptimizeFile.Best {
    var json: JSONText {
        var entry: [OptimizeFile.Key: JSONText] = [
            .levers: OptimizeFile.levers(levers),
            .objectiveMean: .number(objectiveMean), .objectiveCI95: JSONText.pair(objectiveCI95), .costMean: .number(costMean),
            .gainOverStatusQuo: .number(gainOverStatusQuo), .gainCI95: JSONText.pair(gainCI95),
            .topCandidate: topCandidate.map { .integer($0) } ?? .null,
            .tiedWith: .array(tiedWith.map { .integer($0) }),
            .effects: .object(effects.mapValues(\.json)),
        ]
        if let candidate { entry[.candidate] = .integer(candidate) }
        if let chosenBecause { entry[.chosenBecause] = .string(chosenBecause) }
        return JSONText.keyed(entry)
    }
}

extension OptimizeFile.Effect {
    var json: JSONText {
        var entry: [OptimizeFile.Key: JSONText] = [
            .statusQuoMean: .number(statusQuoMean), .chosenMean: .number(chosenMean), .difference: .number(difference),
            .ci95: JSONText.pair(ci95), .relativeChangePct: .number(relativeChangePct),
        ]
        if let unit { entry[.unit] = .string(unit) }
        return JSONText.keyed(entry)
    }
}

extension OptimizeFile.Point {
    /// The point's entry; a Pareto point's also holds the second objective's mean under its name.
    func json(second name: String?) -> JSONText {
        var entry: [String: JSONText] = [
            OptimizeFile.Key.levers.rawValue: OptimizeFile.levers(levers),
            OptimizeFile.Key.costMean.rawValue: .number(costMean), OptimizeFile.Key.objectiveMean.rawValue: .number(objectiveMean),
        ]
        if let candidate { entry[OptimizeFile.Key.candidate.rawValue] = .integer(candidate) }
        if let name, let second { entry[name] = .number(second) }
        return .object(entry)
    }
}

extension OptimizeFile.Pareto {
    var json: JSONText {
        JSONText.keyed([OptimizeFile.Key.objectives: .array(objectives.map { .string($0) }), .front: .array(front.map { $0.json(second: secondName) })])
    }
}

// MARK: Reading

extension OptimizeFile {
    /// Reads optimize.json's text. Keys a file of an older govsim lacks are nil, NaN or empty;
    /// a file without `objective` is not an optimisation.
    public init(text: String) throws(ReadError) {
        guard let top = JSONObject(text: text) else { throw ReadError(reason: "is not a JSON object") }
        func key(_ k: Key) -> String { k.rawValue }
        guard let objective = top.object(key(.objective)) else { throw ReadError(reason: "lacks 'objective'") }
        func levers(_ o: JSONObject?) -> [String: Double] {
            guard let o else { return [:] }
            return Dictionary(uniqueKeysWithValues: o.keys.map { ($0, o.number($0)) })
        }
        func point(_ o: JSONObject, second: String?) -> Point {
            var p = Point()
            (p.candidate, p.levers) = (o.int(key(.candidate)), levers(o.object(key(.levers))))
            (p.costMean, p.objectiveMean) = (o.number(key(.costMean)), o.number(key(.objectiveMean)))
            if let second, o.has(second) { p.second = o.number(second) }
            return p
        }
        version = top.string(key(.version))
        scenario = top.string(key(.scenario))
        seed = top.text(key(.seed))
        budget = top.number(key(.budget))
        self.objective = levers(objective)
        candidates = top.int(key(.candidates))
        trialsPerCandidate = top.int(key(.trialsPerCandidate))
        finalTrials = top.int(key(.finalTrials))
        if let b = top.object(key(.best)) {
            var best = Best()
            best.candidate = b.int(key(.candidate))
            best.levers = levers(b.object(key(.levers)))
            (best.objectiveMean, best.objectiveCI95) = (b.number(key(.objectiveMean)), b.interval(key(.objectiveCI95)))
            best.costMean = b.number(key(.costMean))
            (best.gainOverStatusQuo, best.gainCI95) = (b.number(key(.gainOverStatusQuo)), b.interval(key(.gainCI95)))
            best.topCandidate = b.int(key(.topCandidate))
            best.tiedWith = b.integers(key(.tiedWith)) ?? []
            best.chosenBecause = b.string(key(.chosenBecause))
            if let effects = b.object(key(.effects)) {
                for name in effects.keys {
                    guard let o = effects.object(name) else { continue }
                    var e = Effect()
                    (e.statusQuoMean, e.chosenMean) = (o.number(key(.statusQuoMean)), o.number(key(.chosenMean)))
                    (e.difference, e.ci95) = (o.number(key(.difference)), o.interval(key(.ci95)))
                    (e.relativeChangePct, e.unit) = (o.number(key(.relativeChangePct)), o.string(key(.unit)))
                    best.effects[name] = e
                }
            }
            self.best = best
        }
        constraints = top.strings(key(.constraints))
        if let p = top.object(key(.pareto)) {
            var pareto = Pareto()
            pareto.objectives = p.strings(key(.objectives)) ?? []
            let second = pareto.secondName
            pareto.front = (p.objects(key(.front)) ?? []).map { point($0, second: second) }
            self.pareto = pareto
        }
        frontier = (top.objects(key(.frontier)) ?? []).map { point($0, second: nil) }
    }
}

// MARK: optimize.csv

extension OptimizeFile {
    /// optimize.csv, a row per candidate: its lever values, screening cost and objective, and
    /// whether it is feasible, on the frontier, re-run as a finalist and chosen.
    public struct Table: ResultTable {
        public static let fileName = "optimize.csv"

        /// What a column holds.
        public enum Column: ResultColumn {
            case candidate
            /// The candidate's value of the lever with this path (named by the path).
            case lever(String)
            case costMean, objectiveMean, objectiveCI95Lo, objectiveCI95Hi, feasible, onFrontier
            /// The finalists' objective and cost on fresh trials (empty for the others).
            case finalObjectiveMean, finalCostMean
            case chosen

            /// The columns that are not levers, in the file's order.
            public static let fixed: [Column] = [.candidate, .costMean, .objectiveMean, .objectiveCI95Lo, .objectiveCI95Hi, .feasible,
                                                 .onFrontier, .finalObjectiveMean, .finalCostMean, .chosen]

            /// The column's name in the header.
            public var name: String {
                switch self {
                case .candidate: return "candidate"
                case .lever(let path): return path
                case .costMean: return "cost_mean"
                case .objectiveMean: return "objective_mean"
                case .objectiveCI95Lo: return "objective_ci95_lo"
                case .objectiveCI95Hi: return "objective_ci95_hi"
                case .feasible: return "feasible"
                case .onFrontier: return "on_frontier"
                case .finalObjectiveMean: return "final_objective_mean"
                case .finalCostMean: return "final_cost_mean"
                case .chosen: return "chosen"
                }
            }

            /// The column a header name stands for: a name that is no fixed column is a lever.
            public init(name: String) {
                self = Column.fixed.first { $0.name == name } ?? .lever(name)
            }
        }

        public var columns: [Column]
        /// The fields, row by row, as written (numbers in `CSVTable.number`'s form).
        public var rows: [[String]] = []

        /// The levers' paths, in the file's order.
        public var levers: [String] { columns.compactMap { if case .lever(let path) = $0 { return path }; return nil } }

        /// An empty table of candidates over `levers` (their paths).
        public init(levers: [String]) {
            columns = [.candidate] + levers.map { .lever($0) } + Column.fixed.dropFirst()
        }

        /// Appends candidate `i`'s row; `chosen` says whether it is the chosen mix.
        public mutating func append(_ i: Int, _ c: Optimization.Candidate, chosen: Bool) {
            rows.append([String(i)] + c.values.map(CSVTable.number)
                        + [c.cost.mean, c.objective.mean, c.objective.ci95.lo, c.objective.ci95.hi].map(CSVTable.number)
                        + [String(c.feasible), String(c.onFrontier), CSVTable.number(c.finalObjective?.mean ?? .nan),
                           CSVTable.number(c.finalCost?.mean ?? .nan), String(chosen)])
        }

        /// Why a text is not this file.
        public typealias ReadError = ResultFileError

        /// Reads optimize.csv's text; `required` are the columns it must have.
        public init(text: String, required: [Column] = Column.fixed) throws(ReadError) {
            (columns, rows) = try Self.parse(text, column: Column.init(name:), required: required)
        }
    }
}
