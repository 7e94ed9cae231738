/// The language of what govsim writes for people to read: report.html and the run and compare
/// tables on stdout. Data files (JSON, CSV) never depend on it: they are byte-identical in every
/// language, and their keys, columns, metric names, parameter paths and scenario names stay as
/// they are in every language (they are identifiers).
///
/// The language reaches the renderers as a task-local value, set once where a command starts
/// (`Language.$current.withValue(.zh) { … }`) or by the public entry points that take a
/// `language:` argument (`ReportKind.write(resultsFolder:language:)`), so the many small
/// functions that build a page need no extra parameter. It is not process-wide state: outside
/// such a scope it is English.
public enum Language: String, CaseIterable, Sendable {
    /// English, the default.
    case en
    /// Simplified Chinese (zh-CN).
    case zh

    /// The language pages and tables are drawn in inside the current task.
    @TaskLocal public static var current: Language = .en

    /// The value of the HTML `lang` attribute.
    public var htmlTag: String {
        switch self {
        case .en: return "en"
        case .zh: return "zh-CN"
        }
    }

    /// The allowed values of `--lang` and `GOVSIM_LANG`, for messages: "en or zh".
    public static var allowedText: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// The language a report.html was drawn in, read from its `<html lang="…">` (nil when the
    /// text is not a govsim page), so `govsim report` can redraw it in the same language.
    public static func ofPage(_ html: String) -> Language? {
        let head = html.prefix(200)
        return allCases.first { head.contains("<html lang=\"\($0.htmlTag)\">") }
    }
}

/// The current language's text for a fixed phrase, given by its English text (the key of
/// `Catalogue.zh`); the English itself when the language is English or the phrase has no
/// translation yet.
public func tr(_ english: String) -> String {
    switch Language.current {
    case .en: return english
    case .zh: return Catalogue.zh[english] ?? english
    }
}

/// One of two texts by the current language: the catalogue's phrases with numbers use it.
public func pick(_ english: @autoclosure () -> String, _ chinese: @autoclosure () -> String) -> String {
    Language.current == .zh ? chinese() : english()
}
