import GovSim

/// A JSON document to write, with deterministic output: object keys sorted, numbers in their
/// shortest round-trip form, NaN and infinities as null, two-space indentation.
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONText])
    case object([String: JSONText])

    /// The document as text, ending in a newline.
    public var rendered: String {
        var out = ""
        render(into: &out, indent: 0)
        return out + "\n"
    }

    private func render(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let x): out += JSONText.format(x)
        case .string(let s): out += JSONText.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Arrays of numbers stay on one line: they are intervals and short vectors.
            if items.allSatisfy({ if case .number = $0 { return true }; if case .integer = $0 { return true }; return false }) {
                out += "[" + items.map { $0.rendered.dropLast() }.joined(separator: ", ") + "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.render(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad + JSONText.quote(key) + ": "
                members[key]!.render(into: &out, indent: indent + 1)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += close + "}"
        }
    }

    /// Shortest text that reads back to the same Double; null for NaN and infinities.
    public static func format(_ x: Double) -> String {
        x.isFinite ? JSONLiteral.number(x) : "null"
    }

    public static func quote(_ s: String) -> String { JSONLiteral.quoted(s) }
}

extension JSONText {
    /// An object whose keys are a result file's schema `Key`s (each written as its raw value):
    /// what every schema type renders its objects through.
    static func keyed<Key: RawRepresentable>(_ members: [Key: JSONText]) -> JSONText where Key.RawValue == String {
        .object(Dictionary(uniqueKeysWithValues: members.map { ($0.key.rawValue, $0.value) }))
    }

    /// An interval as a `[lo, hi]` pair.
    static func pair(_ i: Interval) -> JSONText { .array([.number(i.lo), .number(i.hi)]) }
}
