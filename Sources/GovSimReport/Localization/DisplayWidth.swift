/// How many terminal columns text takes: East Asian Wide and Fullwidth characters (Chinese
/// characters, fullwidth punctuation such as "，" and "（", most emoji) take two, everything else
/// one (Unicode Standard Annex #11; ambiguous-width characters such as "–" and "×" count as
/// narrow, as terminals set for Chinese locales outside East Asia draw them). Tables on stdout pad
/// by it, and the SVG charts estimate text widths from the same test.
public enum DisplayWidth {
    /// Columns `text` takes in a terminal: two for each wide character, one for any other.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1.unicodeScalars.first.map(isWide) == true ? 2 : 1) }
    }

    /// Whether `scalar` is East Asian Wide (W) or Fullwidth (F).
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F,   // Hangul Jamo initials
             0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x33FF,   // kana, bopomofo, Hangul compatibility, kanbun, CJK strokes, enclosed, compatibility
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified ideographs
             0xA000...0xA4CF,   // Yi
             0xAC00...0xD7A3,   // Hangul syllables
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFE10...0xFE19,   // vertical forms
             0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
             0xFF00...0xFF60,   // fullwidth forms
             0xFFE0...0xFFE6,   // fullwidth signs
             0x1F300...0x1F64F, // pictographs, emoticons
             0x1F900...0x1F9FF, // supplemental symbols and pictographs
             0x20000...0x2FFFD, 0x30000...0x3FFFD: // CJK extensions B–
            return true
        default:
            return false
        }
    }
}
