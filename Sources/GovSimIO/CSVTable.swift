import Foundation

/// A CSV table (RFC 4180): a header and rows of fields, quoted only where needed.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header has \(header.count)")
        rows.append(row)
    }

    /// The table as text with "\n" line ends.
    public var rendered: String {
        var out = CSVTable.line(header)
        for row in rows { out += CSVTable.line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as a CSV field: shortest round-trip form, empty for NaN.
    public static func number(_ x: Double) -> String {
        guard !x.isNaN else { return "" }
        return JSONText.format(x)
    }
}
