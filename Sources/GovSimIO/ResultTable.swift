import Foundation

/// A column of a result table: a typed case that knows its header name.
public protocol ResultColumn: Hashable, Sendable {
    /// The column's name in the header.
    var name: String { get }
}

/// A result CSV file with typed columns (trials.csv, sweep.csv, optimize.csv): its columns in the
/// file's order and its fields row by row, as written (numbers in `CSVTable.number`'s form).
/// Writing, reading back with the required columns checked, and looking fields up are shared
/// here; each file declares only its columns and how its rows are made.
public protocol ResultTable: Sendable {
    associatedtype Column: ResultColumn
    var columns: [Column] { get }
    var rows: [[String]] { get }
}

extension ResultTable {
    /// The file's text.
    public var rendered: String {
        var table = CSVTable(header: columns.map(\.name))
        for row in rows { table.append(row) }
        return table.rendered
    }

    /// Parses a table's text: `column` names each header field, and every one of `required`
    /// must be present.
    static func parse(_ text: String, column: (String) -> Column,
                      required: [Column]) throws(ResultFileError) -> (columns: [Column], rows: [[String]]) {
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch { throw ResultFileError(reason: "\(error)") }
        let columns = table.header.map(column)
        if let missing = required.first(where: { !columns.contains($0) }) {
            throw ResultFileError(reason: "has no column '\(missing.name)'")
        }
        return (columns, table.rows)
    }

    /// Row `r`'s field in `column` ("" when absent).
    public func field(_ r: Int, _ column: Column) -> String {
        guard let c = columns.firstIndex(of: column), c < rows[r].count else { return "" }
        return rows[r][c]
    }

    /// Row `r`'s field in `column` as a number (NaN when empty or absent).
    public func number(_ r: Int, _ column: Column) -> Double { Double(field(r, column)) ?? .nan }

    /// Row `r`'s field in `column` as a flag (true only when it says "true").
    public func flag(_ r: Int, _ column: Column) -> Bool { field(r, column) == "true" }

    /// A column's fields, row by row ("" where absent; none when the table has no such column).
    public func fields(_ column: Column) -> [String] {
        guard let c = columns.firstIndex(of: column) else { return [] }
        return rows.map { c < $0.count ? $0[c] : "" }
    }

    /// A column's values, row by row, as numbers (NaN where empty or absent; none when the
    /// table has no such column).
    public func values(_ column: Column) -> [Double] { fields(column).map { Double($0) ?? .nan } }
}
