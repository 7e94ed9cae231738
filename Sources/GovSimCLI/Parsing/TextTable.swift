import GovSimIO
import GovSimReport

/// Plain-text tables for the terminal: a header row, a rule of dashes, then the rows, with
/// columns two spaces apart. Widths are terminal columns (`DisplayWidth`): an accented letter
/// counts as one, a Chinese character, a fullwidth sign or an emoji as two.
///
///     scenario  trials   mean
///     --------  ------  -----
///     village     1000  0.412
public enum TextTable {
    public enum Alignment: Sendable, Equatable {
        case left, right
    }

    /// Renders the table, one line per row, each ending in a newline, without trailing spaces.
    /// Missing alignments default to `.left`; short rows are padded with empty cells. `style`
    /// may give a cell (row −1 is the header) an ANSI SGR code, e.g. "1" bold or "32" green,
    /// which wraps the cell's text but not its padding, so the columns stay aligned.
    public static func render(header: [String], rows: [[String]], alignments: [Alignment] = [],
                              style: ((_ row: Int, _ column: Int) -> String?)? = nil) -> String {
        let columns = ([header] + rows).map(\.count).max() ?? 0
        let cell = { (row: [String], i: Int) in i < row.count ? clean(row[i]) : "" }
        let widths = (0..<columns).map { i in ([header] + rows).map { DisplayWidth.of(cell($0, i)) }.max() ?? 0 }
        func line(_ row: [String], _ r: Int) -> String {
            let cells = (0..<columns).map { i -> String in
                var text = cell(row, i)
                let padding = String(repeating: " ", count: widths[i] - DisplayWidth.of(text))
                if !text.isEmpty, let code = style?(r, i) { text = "\u{1B}[\(code)m" + text + "\u{1B}[0m" }
                let alignment = i < alignments.count ? alignments[i] : .left
                return alignment == .right ? padding + text : text + padding
            }
            return TextWrap.trimmingTrailingSpaces(cells.joined(separator: "  "))
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header, -1), rule] + rows.enumerated().map { line($1, $0) }).map { $0 + "\n" }.joined()
    }

    /// Line breaks and tabs inside a cell would break the layout; they become spaces.
    private static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
