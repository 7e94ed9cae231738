import Foundation
import GovSim
import GovSimIO

/// `govsim params`: every scenario parameter with its value, unit, source and prior.
enum ParamsCommand {
    static let spec = CommandSpec(
        name: "params",
        abstract: "List every parameter with its value, unit, source and prior.",
        discussion: """
        Without a scenario, lists the defaults; with one, the values that scenario resolves to \
        (defaults filled in). Each parameter's source is an entry of docs/evidence.md (E1, A1, …), \
        "assumption", "definition" or "input" (the planner states it). Parameters a scenario leaves \
        to the defaults draw from their shipped priors unless the run is --fixed. --format json \
        prints one object per parameter: path, default (the central value), value, unit, source, \
        evidence, prior (the distribution drawn, or null), prior_from ("shipped" or "scenario") and note. \
        docs/model.md explains each parameter.
        """,
        arguments: [ArgumentSpec(name: "scenario", help: "A scenario file (JSON5).", isOptional: true)],
        options: [format.spec, Common.fixed.spec],
        examples: ["govsim params", "govsim params scenarios/example.json5 --format json"]
    )

    static let format = Common.format("the listing")

    static func execute(_ parsed: ParsedArguments, console: Console) throws -> Int32 {
        let json = try parsed[Self.format] == .json
        var scenario = Scenario.withShippedPriors
        if let file = parsed.positionals.first {
            guard let loaded = Common.load(file, fixed: try parsed[Common.fixed], console: console) else { return ExitStatus.dataError }
            scenario = loaded.scenario
        } else if try parsed[Common.fixed] {
            scenario = scenario.fixingShippedPriors()
        }
        let entries = ParameterListing.entries(of: scenario)
        // Fixing only replaces values, so the two listings align entry by entry.
        let central = ParameterListing.entries(of: scenario.fixingShippedPriors())
        let shipped = Set(scenario.shippedPriorPaths)
        if json {
            let rows = zip(entries, central).map { entry, c in row(entry, central: c, shipped: shipped.contains(entry.path)) }
            console.out(JSONText.array(rows).rendered)
        } else {
            let rows = entries.map { e -> [String] in
                let source = e.parameter == nil ? "input" : (ParameterProvenance.entry(for: e.path)?.source.text ?? "—")
                return [e.path, e.value, source, e.unit]
            }
            console.out(TextTable.render(header: ["parameter", "value", "source", "unit and range"], rows: rows))
        }
        return ExitStatus.success
    }

    /// One parameter as JSON.
    static func row(_ e: ParameterListing.Entry, central: ParameterListing.Entry, shipped: Bool) -> JSONText {
        guard let p = e.parameter, let c = central.parameter else {
            // Integers, flags, text and choices: planner inputs or run settings.
            return .object(["path": .string(e.path), "value": plain(e.value), "unit": .string(e.unit),
                            "source": .string("input"), "evidence": .array([]), "prior": .null, "prior_from": .null, "note": .null])
        }
        let provenance = ParameterProvenance.entry(for: e.path)
        return .object([
            "path": .string(e.path),
            "default": .number(c.value),
            "value": p.isDistribution ? distribution(p) : .number(p.value),
            "unit": .string(e.unit),
            "source": .string(provenance.map { sourceKind($0.source) } ?? "unknown"),
            "evidence": .array((provenance?.source.ids ?? []).map { .string($0) }),
            "prior": p.isDistribution ? distribution(p) : .null,
            "prior_from": p.isDistribution ? .string(shipped ? "shipped" : "scenario") : .null,
            "note": provenance?.note.map { .string($0) } ?? .null,
        ])
    }

    /// A listed integer, flag or text as its JSON value.
    static func plain(_ text: String) -> JSONText {
        if let i = Int(text) { return .integer(i) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        if text.hasPrefix("\""), let data = text.data(using: .utf8),
           let s = try? JSONDecoder().decode(String.self, from: data) { return .string(s) }
        return .string(text)
    }

    /// "input", "definition", "evidence" or "assumption".
    static func sourceKind(_ s: Provenance.Source) -> String {
        switch s {
        case .input: return "input"
        case .definition: return "definition"
        case .evidence: return "evidence"
        case .assumption: return "assumption"
        }
    }

    static func distribution(_ p: Parameter) -> JSONText {
        switch p {
        case .fixed(let v): return .number(v)
        case .normal(let m, let s): return .object(["dist": .string("normal"), "mean": .number(m), "sd": .number(s)])
        case .lognormal(let m, let s): return .object(["dist": .string("lognormal"), "median": .number(m), "sd": .number(s)])
        case .beta(let a, let b): return .object(["dist": .string("beta"), "alpha": .number(a), "beta": .number(b)])
        case .uniform(let lo, let hi): return .object(["dist": .string("uniform"), "min": .number(lo), "max": .number(hi)])
        case .triangular(let lo, let m, let hi): return .object(["dist": .string("triangular"), "min": .number(lo), "mode": .number(m), "max": .number(hi)])
        }
    }
}

extension ParamsCommand: GovSimCommand {
    static func invoke(_ i: Invocation) throws -> Int32 { try execute(i.parsed, console: i.console) }
}
