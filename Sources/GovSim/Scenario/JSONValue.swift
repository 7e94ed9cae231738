/// A parsed JSON5 document: the neutral tree between the file (read by the I/O layer with
/// Foundation's `JSONDecoder`) and the typed scenario (read by `ScenarioReader`).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// An integer written without fraction or exponent that fits in 64 bits.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A short name of the value's kind for error messages ("a string", "an object", ...).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .integer(let i): return "\(i)"
        case .number(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value as a Double, when it is a number.
    public var numberValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// Deep merge for `extends`: objects merge key by key (the overlay wins); any other value,
    /// arrays included, is replaced whole by the overlay.
    public func merged(with overlay: JSONValue) -> JSONValue {
        guard case .object(var base) = self, case .object(let over) = overlay else { return overlay }
        for (key, value) in over {
            base[key] = base[key].map { $0.merged(with: value) } ?? value
        }
        return .object(base)
    }
}

extension JSONValue: Decodable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys {
                members[key.stringValue] = try object.decode(JSONValue.self, forKey: key)
            }
            self = .object(members)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let b = try? single.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? single.decode(Int64.self) {
                self = .integer(i)
            } else if let d = try? single.decode(Double.self) {
                self = .number(d)
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }
}
