/// Plain-text tables for the terminal: a header row, a rule of dashes, then the rows, with
/// columns two spaces apart. Widths count `Character`s, so accented letters and emoji count as one.
///
///     scenario  trials   mean
///     --------  ------  -----
///     village     1000  0.412
public enum TextTable {
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// Renders the table, one line per row, each ending in a newline, without trailing spaces.
    /// Missing alignments default to `.left`; short rows are padded with empty cells.
    public static func render(header: [String], rows: [[String]], alignments: [Alignment] = []) -> String {
        let columns = ([header] + rows).map(\.count).max() ?? 0
        let cell = { (row: [String], i: Int) in i < row.count ? clean(row[i]) : "" }
        let widths = (0..<columns).map { i in ([header] + rows).map { cell($0, i).count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            let cells = (0..<columns).map { i -> String in
                let text = cell(row, i)
                let padding = String(repeating: " ", count: widths[i] - text.count)
                let alignment = i < alignments.count ? alignments[i] : .left
                return alignment == .right ? padding + text : text + padding
            }
            return TextWrap.trimmingTrailingSpaces(cells.joined(separator: "  "))
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).map { $0 + "\n" }.joined()
    }

    /// Line breaks and tabs inside a cell would break the layout; they become spaces.
    private static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
