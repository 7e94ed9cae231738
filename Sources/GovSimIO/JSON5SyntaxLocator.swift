/// Where a JSON5 text first stops being valid, for error messages. The scenario loader asks
/// before it lets JSONDecoder parse the text (the decoder remains the parser), so that text the
/// decoder would crash on never reaches it.
public struct JSON5SyntaxProblem: Equatable, Sendable {
    /// 1-based line; a line ends at "\n", "\r\n" or "\r".
    public var line: Int
    /// 1-based column, counted in Characters from the start of the line.
    public var column: Int
    /// What was expected and what was found, for someone editing a config file.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// A validating scanner for JSON5 (https://spec.json5.org) that builds no values and reports the
/// first place where the text goes wrong.
///
/// It follows the spec except where Foundation's JSON5 reader is stricter, so that it points at the
/// problem the decoder actually tripped over: whitespace is only tab, line feed, carriage return,
/// vertical tab, form feed, space and a byte-order mark at the very start; strings allow the escapes
/// `\' \" \\ \/ \b \f \n \r \t \xHH \uHHHH` and line continuations, but no raw control characters,
/// no U+0000 and no unpaired surrogates; a `\uXXXX` escape in an unquoted key must stand for a
/// character a key may contain; decimal numbers must fit in a Double.
///
/// It is also stricter than Foundation where Foundation's decoder (swift-foundation as shipped with
/// Swift 6.3) stops the process with a failed precondition instead of throwing, so that the
/// decoder never sees such text (each limit was found by decoding candidates in a child process):
/// - hex numbers must fit in 64 bits as a signed integer: a negative one below
///   `-0x8000000000000000` (down to `-0x8000000000000400`) crashes it;
/// - numbers may have at most `maximumDigits` digits before the exponent: a whole number of
///   2^53 or more written with very many digits (`1` and 170 zeros `e-154`, or `0.` and 130 zeros
///   `1e147`) crashes it.
public enum JSON5SyntaxLocator {
    /// The deepest nesting of objects and arrays Foundation's reader accepts.
    static let maximumDepth = 512
    /// The most digits a number may have before its exponent (Foundation crashes on some with
    /// more than 128; no scenario needs more than a few dozen).
    static let maximumDigits = 100

    /// The first syntax problem in `text`, or nil if the scanner finds none.
    public static func firstProblem(in text: String) -> JSON5SyntaxProblem? {
        var scanner = SyntaxScanner(text: Array(text.unicodeScalars))
        do {
            try scanner.scanDocument()
            return nil
        } catch {
            let (line, column) = scanner.location(of: error.index)
            return JSON5SyntaxProblem(line: line, column: column, message: error.message)
        }
    }
}

/// A problem at a scalar offset; turned into a line and column only once, at the end.
private struct Failure: Error {
    var index: Int
    var message: String
}

private struct SyntaxScanner {
    let text: [Unicode.Scalar]
    var i = 0
    /// Objects and arrays opened and not yet closed, innermost last: what they are and where.
    var open: [(kind: String, index: Int)] = []

    init(text: [Unicode.Scalar]) { self.text = text }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < text.count ? text[i + offset] : nil }

    // MARK: Structure

    mutating func scanDocument() throws(Failure) {
        if peek() == "\u{FEFF}" { i += 1 }
        let beforeTrivia = i
        try skipTrivia()
        guard i < text.count else {
            let onlySpace = text[beforeTrivia...].allSatisfy { SyntaxScanner.isSpace($0) }
            throw Failure(index: 0, message: onlySpace ? "the file is empty" : "the file contains only comments, no value")
        }
        try scanValue()
        try skipTrivia()
        if i < text.count {
            throw Failure(index: i, message: "unexpected text after the end of the document, found \(found())")
        }
    }

    mutating func scanValue() throws(Failure) {
        guard let c = peek() else { throw unexpected("expected a value") }
        switch c {
        case "{": try scanObject()
        case "[": try scanArray()
        case "\"", "'": try scanString()
        case "0"..."9", ".", "+", "-": try scanNumber()
        default:
            guard SyntaxScanner.isIdentifierStart(c) else { throw unexpected("expected a value") }
            let end = wordEnd(from: i), word = string(i..<end)
            switch word {
            case "true", "false", "null": i = end
            case "Infinity", "NaN": try scanNumber()
            default:
                let hint = end - i <= 24 ? " (text must be in quotes, like \"\(word)\")" : " (text must be in quotes)"
                throw Failure(index: i, message: "expected a value, found \(quoted(i..<end))\(hint)")
            }
        }
    }

    mutating func scanObject() throws(Failure) {
        try enter("an object")
        // Where each key was first seen: a key given twice is an error naming both places (a
        // reader would otherwise keep one silently).
        var seen: [String: Int] = [:]
        while true {
            try skipTrivia()
            if peek() == "}" { break }
            let keyStart = i
            let key = try scanKey()
            let name = text[keyStart] == "\"" || text[keyStart] == "'" ? string(keyStart + 1..<i - 1) : string(keyStart..<i)
            if let first = seen[name] {
                let (line, column) = location(of: first)
                throw Failure(index: keyStart, message: "the key \(key) is given twice (first at line \(line), column \(column)); keep one")
            }
            seen[name] = keyStart
            try skipTrivia()
            guard peek() == ":" else { throw unexpected("expected ':' after the key \(key)") }
            i += 1
            try skipTrivia()
            try scanValue()
            try skipTrivia()
            if peek() == "," { i += 1; continue }
            if peek() == "}" { break }
            throw unexpected("expected ',' or '}' after a member")
        }
        i += 1
        open.removeLast()
    }

    mutating func scanArray() throws(Failure) {
        try enter("an array")
        while true {
            try skipTrivia()
            if peek() == "]" { break }
            try scanValue()
            try skipTrivia()
            if peek() == "," { i += 1; continue }
            if peek() == "]" { break }
            throw unexpected("expected ',' or ']' after an item")
        }
        i += 1
        open.removeLast()
    }

    /// Steps over an opening bracket, refusing to go deeper than the decoder would.
    mutating func enter(_ kind: String) throws(Failure) {
        guard open.count < JSON5SyntaxLocator.maximumDepth else {
            throw Failure(index: i, message: "nesting deeper than \(JSON5SyntaxLocator.maximumDepth) levels")
        }
        open.append((kind, i))
        i += 1
    }

    /// A member name: an identifier (with optional \uXXXX escapes) or a quoted string. Returns it quoted, for messages.
    mutating func scanKey() throws(Failure) -> String {
        let start = i
        if peek() == "\"" || peek() == "'" {
            try scanString()
            return quoted(start + 1..<i - 1)
        }
        guard let c = peek(), SyntaxScanner.isIdentifierStart(c) || c == "\\" else { throw unexpected("expected a key or '}'") }
        while let c = peek(), SyntaxScanner.isIdentifierPart(c) || c == "\\" {
            if c == "\\" {
                let escape = i
                guard peek(1) == "u" else { throw Failure(index: escape, message: "a '\\' in a key must start a \\uXXXX escape") }
                i += 2
                let unit = try hexDigits(4, escapeAt: escape, "'\\u' must be followed by four hex digits")
                guard let scalar = Unicode.Scalar(unit), unit != 0, SyntaxScanner.isIdentifierPart(scalar) else {
                    throw Failure(index: escape, message: "the escape \(quoted(escape..<i)) cannot be part of a key without quotes (put the key in quotes)")
                }
            } else {
                i += 1
            }
        }
        return quoted(start..<i)
    }

    // MARK: Tokens

    mutating func scanString() throws(Failure) {
        let quote = text[i], start = i
        i += 1
        while let c = peek() {
            switch c {
            case quote: i += 1; return
            case "\n", "\r":
                throw Failure(index: start, message: "unterminated string: the line ends before its closing quote")
            case "\\": try scanEscape()
            case "\t": throw Failure(index: i, message: "a tab inside a string must be written as \\t")
            case _ where c.value < 0x20:
                throw Failure(index: i, message: "the control character \(SyntaxScanner.codePoint(c)) is not allowed inside a string")
            default: i += 1
            }
        }
        throw Failure(index: start, message: "unterminated string: the file ends before its closing quote")
    }

    /// One escape inside a string, starting at its backslash.
    mutating func scanEscape() throws(Failure) {
        let start = i
        i += 1
        guard let c = peek() else { return }  // the string reports the end of file
        i += 1
        switch c {
        case "\"", "'", "\\", "/", "b", "f", "n", "r", "t", "\n": break
        case "\r": if peek() == "\n" { i += 1 }
        case "x":
            if try hexDigits(2, escapeAt: start, "'\\x' must be followed by two hex digits") == 0 { throw nul(start) }
        case "u":
            let unit = try hexDigits(4, escapeAt: start, "'\\u' must be followed by four hex digits")
            if unit == 0 { throw nul(start) }
            if (0xDC00..<0xE000).contains(unit) { throw unpaired(start) }
            if (0xD800..<0xDC00).contains(unit) {
                guard peek() == "\\", peek(1) == "u" else { throw unpaired(start) }
                i += 2
                let low = try hexDigits(4, escapeAt: start + 6, "'\\u' must be followed by four hex digits")
                guard (0xDC00..<0xE000).contains(low) else { throw unpaired(start) }
            }
        default:
            throw Failure(index: start, message: "unknown escape '\\\(c)' in a string (write a backslash as \\\\)")
        }
    }

    func nul(_ at: Int) -> Failure { Failure(index: at, message: "a string cannot contain the character U+0000") }
    func unpaired(_ at: Int) -> Failure { Failure(index: at, message: "unpaired surrogate \(quoted(at..<at + 6)) in a string") }

    /// Reads exactly `count` hex digits and returns their value.
    mutating func hexDigits(_ count: Int, escapeAt start: Int, _ message: String) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let c = peek(), let digit = SyntaxScanner.hexValue(c) else { throw Failure(index: start, message: message) }
            value = value * 16 + digit
            i += 1
        }
        return value
    }

    /// A number as the spec has it: sign, then Infinity, NaN, hex or decimal with optional dot and exponent.
    /// The whole run of number-like characters must match, so `1.2.3` and `0x1G` are single bad numbers.
    mutating func scanNumber() throws(Failure) {
        let start = i
        let negative = peek() == "-"
        if peek() == "+" || peek() == "-" { i += 1 }
        var valid = true, decimal = false, hexStart: Int?, digits = 0
        if consume("Infinity") || consume("NaN") {
        } else if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            hexStart = i
            valid = consumeDigits(hex: true) > 0
        } else {
            decimal = true
            let integerStart = i
            let integerDigits = consumeDigits()
            if integerDigits > 1 && text[integerStart] == "0" { valid = false }
            var fractionDigits = 0
            if peek() == "." { i += 1; fractionDigits = consumeDigits() }
            if integerDigits + fractionDigits == 0 { valid = false }
            digits = integerDigits + fractionDigits
            if peek() == "e" || peek() == "E" {
                i += 1
                if peek() == "+" || peek() == "-" { i += 1 }
                if consumeDigits() == 0 { valid = false }
            }
        }
        let end = numberEnd(from: start)
        guard valid, end == i else { throw Failure(index: start, message: "invalid number \(quoted(start..<end))") }
        if let hexStart, !fitsInt64(hexDigits: hexStart..<end, negative: negative) {
            throw Failure(index: start, message: "the hex number \(quoted(start..<end)) is too large (hex numbers must lie between -0x8000000000000000 and 0x7FFFFFFFFFFFFFFF)")
        }
        if digits > JSON5SyntaxLocator.maximumDigits {
            throw Failure(index: start, message: "the number \(quoted(start..<end)) has too many digits (at most \(JSON5SyntaxLocator.maximumDigits))")
        }
        if decimal, let value = Double(string(start..<end)), value.isInfinite {
            throw Failure(index: start, message: "the number \(quoted(start..<end)) is too large")
        }
    }

    /// Whether the hex digits in `range`, with their sign, make a value an Int64 can hold.
    func fitsInt64(hexDigits range: Range<Int>, negative: Bool) -> Bool {
        var magnitude: UInt64 = 0
        for k in range {
            guard magnitude >> 60 == 0 else { return false }
            magnitude = magnitude << 4 | UInt64(SyntaxScanner.hexValue(text[k])!)
        }
        return magnitude <= (negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max))
    }

    mutating func consume(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard text[i...].starts(with: scalars) else { return false }
        i += scalars.count
        return true
    }

    mutating func consumeDigits(hex: Bool = false) -> Int {
        let start = i
        while let c = peek(), hex ? SyntaxScanner.hexValue(c) != nil : ("0"..."9").contains(c) { i += 1 }
        return i - start
    }

    /// Comments and whitespace; an unclosed block comment is a problem.
    mutating func skipTrivia() throws(Failure) {
        while let c = peek() {
            if SyntaxScanner.isSpace(c) {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n", d != "\r" { i += 1 }
            } else if c == "/", peek(1) == "*" {
                let start = i
                i += 2
                while !(peek() == "*" && peek(1) == "/") {
                    guard i < text.count else {
                        throw Failure(index: start, message: "unterminated comment: '/*' is never closed by '*/'")
                    }
                    i += 1
                }
                i += 2
            } else {
                return
            }
        }
    }

    // MARK: Messages

    /// "expected X, found Y" here, or, at the end of the file, which object or array was left open.
    func unexpected(_ expected: String) -> Failure {
        if i >= text.count, let container = open.last {
            let line = location(of: container.index).line
            return Failure(index: i, message: "unexpected end of file: \(container.kind) opened at line \(line) is not closed")
        }
        return Failure(index: i, message: "\(expected), found \(found())")
    }

    /// What is at the current position, as a user would recognise it.
    func found() -> String {
        guard let c = peek() else { return "end of file" }
        if SyntaxScanner.isIdentifierPart(c) || c == "$" { return quoted(i..<wordEnd(from: i)) }
        if c == "\"" || c == "'" {
            if let close = text[(i + 1)...].prefix(40).firstIndex(where: { $0 == c || $0 == "\n" || $0 == "\r" }), text[close] == c {
                return "the string \(string(i..<close + 1))"
            }
            return "a string"
        }
        switch c.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            let name = c == "\u{A0}" ? "a non-breaking space" : "an unusual space"
            return "\(name) (\(SyntaxScanner.codePoint(c))); use an ordinary space"
        case .control, .format:
            return "the invisible character \(SyntaxScanner.codePoint(c))"
        default:
            return "'\(c)'"
        }
    }

    func string(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(text[range])) }

    /// Part of the text in single quotes, shortened if long.
    func quoted(_ range: Range<Int>) -> String {
        let limit = 24
        let shown = string(range.prefix(limit))
        return "'" + shown + (range.count > limit ? "…'" : "'")
    }

    func wordEnd(from start: Int) -> Int {
        var end = start
        while end < text.count, SyntaxScanner.isIdentifierPart(text[end]) { end += 1 }
        return end
    }

    /// The end of the run of characters that would all belong to one number token.
    func numberEnd(from start: Int) -> Int {
        var end = start
        while end < text.count {
            let c = text[end]
            let exponentSign = (c == "+" || c == "-") && (end == start || text[end - 1] == "e" || text[end - 1] == "E" || text[end - 1] == "+" || text[end - 1] == "-")
            guard exponentSign || c == "." || SyntaxScanner.isIdentifierPart(c) else { break }
            end += 1
        }
        return end
    }

    /// 1-based line and column (in Characters, not counting a leading byte-order mark) of a scalar offset.
    func location(of index: Int) -> (line: Int, column: Int) {
        var line = 1, lineStart = text.first == "\u{FEFF}" ? 1 : 0
        for k in 0..<min(index, text.count) where text[k] == "\n" || (text[k] == "\r" && (k + 1 == text.count || text[k + 1] != "\n")) {
            line += 1
            lineStart = k + 1
        }
        return (line, string(min(lineStart, index)..<min(index, text.count)).count + 1)
    }

    // MARK: Character classes

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}"
    }

    /// ECMAScript IdentifierStart, without escapes: a Unicode letter, '$' or '_'.
    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        if c == "$" || c == "_" { return true }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber: return true
        default: return false
        }
    }

    /// ECMAScript IdentifierPart, without escapes: also marks, digits, connectors, ZWNJ and ZWJ.
    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        if isIdentifierStart(c) || c == "\u{200C}" || c == "\u{200D}" { return true }
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 0x30
        case "a"..."f": return c.value - 0x61 + 10
        case "A"..."F": return c.value - 0x41 + 10
        default: return nil
        }
    }

    static func codePoint(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
