import GovSimIO
import GovSimReport

/// Word wrapping for help text. Widths are terminal columns (`DisplayWidth`: a Chinese
/// character takes two).
enum TextWrap {
    /// Lays `words` out on lines of at most `width` columns (a word longer than a line gets a line
    /// of its own). The first line starts with `prefix`, the others with `indent` spaces.
    static func wrap(_ words: [String], width: Int, prefix: String, indent: Int) -> [String] {
        var lines: [String] = []
        var line = prefix
        var lineHasWord = false
        for word in words {
            if lineHasWord && DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.map(trimmingTrailingSpaces)
    }

    /// Wraps prose: each `\n`-separated line is wrapped on its own (empty lines are kept); the
    /// first output line starts with `prefix`, every other with `indent` spaces.
    static func wrap(_ text: String, width: Int, prefix: String = "", indent: Int = 0) -> [String] {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for (i, paragraph) in paragraphs.enumerated() {
            let words = paragraph.split(separator: " ").map(String.init)
            let start = i == 0 ? prefix : String(repeating: " ", count: indent)
            lines += wrap(words, width: width, prefix: start, indent: indent)
        }
        return lines
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
