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

extension CSVTable {
    /// Errors reading CSV text.
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads RFC 4180 text (quoted fields may hold commas, quotes and line ends); the first
    /// record is the header. Every record must have as many fields as the header.
    public static func parse(_ text: String) throws -> CSVTable {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, fieldWasQuoted = false, line = 1
        var scalars = Array(text.unicodeScalars)[...]
        func endRecord() {
            record.append(field)
            records.append(record)
            record = []
            field = ""
            fieldWasQuoted = false
        }
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append(scalars.removeFirst()) } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !fieldWasQuoted: quoted = true; fieldWasQuoted = true
            case ",": record.append(field); field = ""; fieldWasQuoted = false
            case "\r" where scalars.first == "\n": break
            case "\n": endRecord(); line += 1
            default: field.unicodeScalars.append(c)
            }
        }
        if quoted { throw ParseError(description: "line \(line): a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        guard let header = records.first else { throw ParseError(description: "the file is empty (no header)") }
        var table = CSVTable(header: header)
        for (i, r) in records.dropFirst().enumerated() {
            guard r.count == header.count else {
                throw ParseError(description: "record \(i + 2) has \(r.count) fields, but the header has \(header.count)")
            }
            table.append(r)
        }
        return table
    }
}
