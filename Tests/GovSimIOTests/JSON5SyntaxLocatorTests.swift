import Foundation
import XCTest
import GovSimIO

/// Any JSON5 value, decoded the way the scenario loader decodes its tree (Int64 before Double), so
/// that numbers are validated by the decoder too.
private struct AnyJSON: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            for key in object.allKeys { _ = try object.decode(AnyJSON.self, forKey: key) }
        } else if var array = try? decoder.unkeyedContainer() {
            while !array.isAtEnd { _ = try array.decode(AnyJSON.self) }
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() || (try? single.decode(Bool.self)) != nil || (try? single.decode(Int64.self)) != nil
                || (try? single.decode(Double.self)) != nil { return }
            _ = try single.decode(String.self)
        }
    }
}

final class JSON5SyntaxLocatorTests: XCTestCase {
    private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        return try decoder.decode(T.self, from: Data(text.utf8))
    }

    /// The locator finds nothing, and the decoder agrees by decoding `expected`.
    private func assertValid<T: Decodable & Equatable>(_ text: String, _ expected: T, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(JSON5SyntaxLocator.firstProblem(in: text), file: file, line: line)
        XCTAssertEqual(try decode(T.self, text), expected, file: file, line: line)
    }

    /// The locator finds nothing and the decoder accepts the text, for documents whose decoded
    /// values Foundation gets wrong (it keeps \u escapes in keys and the newline of a line continuation).
    private func assertValid(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(JSON5SyntaxLocator.firstProblem(in: text), file: file, line: line)
        XCTAssertNoThrow(try decode(AnyJSON.self, text), file: file, line: line)
    }

    /// The locator reports exactly this, and the decoder rejects the text too.
    private func assertProblem(_ text: String, _ line: Int, _ column: Int, _ message: String, file: StaticString = #filePath, line testLine: UInt = #line) {
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: text), JSON5SyntaxProblem(line: line, column: column, message: message), file: file, line: testLine)
        XCTAssertThrowsError(try decode(AnyJSON.self, text), "the decoder accepted it", file: file, line: testLine)
    }

    // MARK: Valid documents

    func testObjectsWithIdentifierAndQuotedKeysAndTrailingCommas() {
        assertValid("{a: true, $b_1: false, 'c d': true, \"e\": false,}", ["a": true, "$b_1": false, "c d": true, "e": false])
        assertValid("{é: 1, 日本: 2, Ⅻ: 3, a٣: 4, a\u{0301}: 5, a‿b: 6, a\u{200C}b: 7,\n}", ["é": 1, "日本": 2, "Ⅻ": 3, "a٣": 4, "a\u{0301}": 5, "a‿b": 6, "a\u{200C}b": 7])
        assertValid("{\\u0061b: 1, \\u0024: 2}")
        assertValid("{true: 1, null: 2, Infinity: 3}", ["true": 1, "null": 2, "Infinity": 3])
        assertValid("{}", [String: Int]())
    }

    func testArraysNestedAndWithTrailingCommas() {
        assertValid("[[1, 2,], [], [3],\n]", [[1, 2], [], [3]])
        assertValid("{a: [true, false], b: {c: [null]}}", Nested(a: [true, false], b: ["c": [nil]]))
    }

    func testStringsWithBothQuotesAndEscapes() {
        assertValid(#"['single "quoted"', "double 'quoted'", '\n\t\'\"\\\/\b\f\r', '\x41\u00e9\uD83D\uDE00']"#,
                    ["single \"quoted\"", "double 'quoted'", "\n\t'\"\\/\u{8}\u{C}\r", "Aé😀"])
        assertValid("['line\u{2028}separator', 'one \\\ntwo', 'three \\\r\nfour', 'five \\\rsix']")
    }

    func testNumbersOfEveryForm() {
        assertValid("[0, -0, 12, +5, .5, 5., -.5, 1e3, 1E-3, 2.5e+2, 5.e1, 0x1F, -0X1f]",
                    [0, 0, 12, 5, 0.5, 5, -0.5, 1000, 0.001, 250, 50, 31, -31])
        XCTAssertNil(JSON5SyntaxLocator.firstProblem(in: "[Infinity, -Infinity, +Infinity, NaN, -NaN]"))
        let special = try? decode([Double].self, "[Infinity, -Infinity, NaN]")
        XCTAssertEqual(special?.prefix(2), [.infinity, -.infinity])
        XCTAssertEqual(special?.last?.isNaN, true)
        assertValid("[1.7976931348623157e308, 123456789012345678901234567890]", [1.7976931348623157e308, 1.2345678901234568e29])
    }

    func testLiteralsAndTopLevelScalars() {
        assertValid("[true, false, null]", [true, false, nil])
        assertValid("42", 42)
        assertValid("'text' // trailing comment", "text")
    }

    func testCommentsAndWhitespace() {
        let text = """
        \u{FEFF}// leading comment
        /* block
           comment */ {
        \ta: /* inside */ 1, // after a member
        \u{0B}\u{0C}b/**/: 2,\r\n  c: 3 /***/
        }
        // trailing comment without newline
        """
        assertValid(text, ["a": 1, "b": 2, "c": 3])
        assertValid("[1]//", [1])
    }

    func testNestingUpToTheLimit() {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNil(JSON5SyntaxLocator.firstProblem(in: deep))
        XCTAssertNoThrow(try decode(AnyJSON.self, deep))
    }

    // MARK: Problems

    func testMissingCommaBetweenMembersOnTheNextLine() {
        assertProblem("{\n  a: 1\n  b: 2\n}", 3, 3, "expected ',' or '}' after a member, found 'b'")
        assertProblem("[1, 2\n 3]", 2, 2, "expected ',' or ']' after an item, found '3'")
        assertProblem("{a: 1 \"b\": 2}", 1, 7, #"expected ',' or '}' after a member, found the string "b""#)
    }

    func testMissingColon() {
        assertProblem("{\n  speed 1\n}", 2, 9, "expected ':' after the key 'speed', found '1'")
        assertProblem("{'a b' = 1}", 1, 8, "expected ':' after the key 'a b', found '='")
    }

    func testBadKeys() {
        assertProblem("{1: 2}", 1, 2, "expected a key or '}', found '1'")
        assertProblem("{a: 1,, b: 2}", 1, 7, "expected a key or '}', found ','")
        assertProblem("{\\u00: 1}", 1, 2, "'\\u' must be followed by four hex digits")
    }

    func testUnterminatedStrings() {
        assertProblem("{\n  name: 'Alice,\n  age: 3\n}", 2, 9, "unterminated string: the line ends before its closing quote")
        assertProblem("[\"abc", 1, 2, "unterminated string: the file ends before its closing quote")
        assertProblem("['abc\\", 1, 2, "unterminated string: the file ends before its closing quote")
    }

    func testBadStringContents() {
        assertProblem("['a\\qb']", 1, 4, "unknown escape '\\q' in a string (write a backslash as \\\\)")
        assertProblem("['\\x4']", 1, 3, "'\\x' must be followed by two hex digits")
        assertProblem("['ok', '\\u12']", 1, 9, "'\\u' must be followed by four hex digits")
        assertProblem("['\\uD800x']", 1, 3, "unpaired surrogate '\\uD800' in a string")
        assertProblem("['\\u0000']", 1, 3, "a string cannot contain the character U+0000")
        assertProblem("['a\tb']", 1, 4, "a tab inside a string must be written as \\t")
        assertProblem("['a\u{1}b']", 1, 4, "the control character U+0001 is not allowed inside a string")
    }

    func testUnterminatedBlockComment() {
        assertProblem("{\n  a: 1, /* note\n  b: 2\n}", 2, 9, "unterminated comment: '/*' is never closed by '*/'")
    }

    func testUnclosedContainersAtEndOfFile() {
        assertProblem("{\n  list: [1, 2,\n", 3, 1, "unexpected end of file: an array opened at line 2 is not closed")
        assertProblem("{a: 1", 1, 6, "unexpected end of file: an object opened at line 1 is not closed")
        assertProblem("{a:", 1, 4, "unexpected end of file: an object opened at line 1 is not closed")
    }

    func testStrayClosingBrackets() {
        assertProblem("[1, 2]]", 1, 7, "unexpected text after the end of the document, found ']'")
        assertProblem("{a: [1, 2}", 1, 10, "expected ',' or ']' after an item, found '}'")
        assertProblem("[1, }", 1, 5, "expected a value, found '}'")
        assertProblem("]", 1, 1, "expected a value, found ']'")
    }

    func testTrailingGarbage() {
        assertProblem("{a: 1}\n// done\nextra", 3, 1, "unexpected text after the end of the document, found 'extra'")
        assertProblem("{a: 1} /", 1, 8, "unexpected text after the end of the document, found '/'")
        assertProblem("[1]\u{FEFF}", 1, 4, "unexpected text after the end of the document, found the invisible character U+FEFF")
    }

    func testEmptyFiles() {
        assertProblem("", 1, 1, "the file is empty")
        assertProblem(" \n\t\r\n", 1, 1, "the file is empty")
        assertProblem("\u{FEFF}", 1, 1, "the file is empty")
        assertProblem("// nothing here\n/* at all */", 1, 1, "the file contains only comments, no value")
    }

    func testBadNumbers() {
        assertProblem("{\n  rate: 1.2.3\n}", 2, 9, "invalid number '1.2.3'")
        assertProblem("[0x]", 1, 2, "invalid number '0x'")
        assertProblem("[1, 0x1G]", 1, 5, "invalid number '0x1G'")
        assertProblem("[01]", 1, 2, "invalid number '01'")
        assertProblem("[1e]", 1, 2, "invalid number '1e'")
        assertProblem("[-]", 1, 2, "invalid number '-'")
        assertProblem("[.]", 1, 2, "invalid number '.'")
        assertProblem("[--1]", 1, 2, "invalid number '--1'")
        assertProblem("[-Infinityx]", 1, 2, "invalid number '-Infinityx'")
        assertProblem("[1e400]", 1, 2, "the number '1e400' is too large")
        // Foundation crashes decoding these (0x1e+5, 1e+), so they are checked by the locator alone.
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: "[0x1e+5]")?.message, "invalid number '0x1e+5'")
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: "[1e+]")?.message, "invalid number '1e+'")
    }

    /// Foundation's decoder stops the process with a failed precondition on these instead of
    /// throwing, so they are checked by the locator alone: they must never reach the decoder here.
    func testNumbersThatCrashFoundationAreRejected() {
        let range = "(hex numbers must lie between -0x8000000000000000 and 0x7FFFFFFFFFFFFFFF)"
        for hex in ["-0x8000000000000001", "-0x8000000000000400", "-0X0008000000000000001", "0x8000000000000000", "+0xFFFFFFFFFFFFFFFF", "0x10000000000000000"] {
            XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: "[\(hex)]"), JSON5SyntaxProblem(line: 1, column: 2, message: "the hex number '\(hex)' is too large \(range)"))
        }
        // 1e16 written with 171 integer digits, or 131 fraction digits: the decoder re-reads a
        // whole number of 2^53 or more as a Decimal, whose exponent overflows, and then crashes.
        let integerDigits = "1" + String(repeating: "0", count: 170) + "e-154"
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: "{a: \(integerDigits)}")?.message, "the number '100000000000000000000000…' has too many digits (at most 100)")
        let fractionZeros = "0." + String(repeating: "0", count: 130) + "1e147"
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: "[\(fractionZeros)]"), JSON5SyntaxProblem(line: 1, column: 2, message: "the number '0.0000000000000000000000…' has too many digits (at most 100)"))
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: "1" + String(repeating: "0", count: 100))?.message, "the number '100000000000000000000000…' has too many digits (at most 100)")
    }

    func testHexNumbersAndDigitCountsAtTheirLimits() {
        assertValid("[-0x8000000000000000, 0x7FFFFFFFFFFFFFFF, -0x00000000000000000000001, +0X0a]", [Int64.min, Int64.max, -1, 10])
        let hundredDigits = "[1\(String(repeating: "0", count: 99))e-83, 0.\(String(repeating: "0", count: 98))1e115]"
        assertValid(hundredDigits)
        XCTAssertEqual(try decode([Double].self, hundredDigits), [1e16, 1e16])
    }

    func testEscapesInUnquotedKeysMustStandForKeyCharacters() {
        assertValid("{\\u0061b: 1, a\\u0301: 2, \\u0024: 3}")
        let quote = "cannot be part of a key without quotes (put the key in quotes)"
        assertProblem("{\\u0000: 1}", 1, 2, "the escape '\\u0000' \(quote)")
        assertProblem("{a\\ud800: 1}", 1, 3, "the escape '\\ud800' \(quote)")
        assertProblem("{\\ud83d\\ude00: 1}", 1, 2, "the escape '\\ud83d' \(quote)")
        assertProblem("{a\\u0020b: 1}", 1, 3, "the escape '\\u0020' \(quote)")
    }

    func testBareWordValues() {
        assertProblem("{\n  enabled: yes\n}", 2, 12, "expected a value, found 'yes' (text must be in quotes, like \"yes\")")
        assertProblem("[True]", 1, 2, "expected a value, found 'True' (text must be in quotes, like \"True\")")
        assertProblem("[truex]", 1, 2, "expected a value, found 'truex' (text must be in quotes, like \"truex\")")
    }

    func testUnusualWhitespace() {
        assertProblem("{a:\u{A0}1}", 1, 4, "expected a value, found a non-breaking space (U+00A0); use an ordinary space")
    }

    func testDeepNestingStopsAtTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        assertProblem(deep, 1, 513, "nesting deeper than 512 levels")
        let objects = String(repeating: "{a:", count: 10_000)
        XCTAssertEqual(JSON5SyntaxLocator.firstProblem(in: objects), JSON5SyntaxProblem(line: 1, column: 1537, message: "nesting deeper than 512 levels"))
    }

    func testColumnsCountCharactersAndLinesEndInCarriageReturns() {
        assertProblem("{\r\n  'é👍🏽': 1,\r\n  b 2}", 3, 5, "expected ':' after the key 'b', found '2'")
        assertProblem("{\r  a: 'é👍🏽' x}", 2, 11, "expected ',' or '}' after a member, found 'x'")
        assertProblem("\u{FEFF}[1 2]", 1, 4, "expected ',' or ']' after an item, found '2'")
    }
}

private struct Nested: Decodable, Equatable {
    var a: [Bool]
    var b: [String: [Bool?]]
}
