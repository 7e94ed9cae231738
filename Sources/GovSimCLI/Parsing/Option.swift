/// An option declared once: what `--help` shows (its `spec`: name, placeholder, help, default)
/// and how its value is read and checked (type, range, default), so the default in the help is
/// the default used, and a command states an option in one place. A usage mistake in the value
/// is a `UsageError` (exit 64) raised when the value is read, before any file is.
public struct Option<Value: Sendable>: Sendable {
    public let spec: OptionSpec
    private let read: @Sendable (ParsedArguments, String) throws -> Value

    init(spec: OptionSpec, read: @escaping @Sendable (ParsedArguments, String) throws -> Value) {
        self.spec = spec
        self.read = read
    }

    /// The value given on the command line, or the default.
    public func value(in parsed: ParsedArguments) throws -> Value { try read(parsed, spec.long) }

    /// The same option with the help (and, when given, the default shown) worded for one command;
    /// the reading and the default used stay.
    public func with(help: String, defaultText: String? = nil) -> Option {
        var spec = self.spec
        spec.help = help
        if let defaultText { spec.defaultText = defaultText }
        return Option(spec: spec, read: read)
    }

    /// The same option read on through `transform`, which may throw a `UsageError` (it is given
    /// the command line, for the command's name).
    func map<T>(_ transform: @escaping @Sendable (Value, ParsedArguments) throws -> T) -> Option<T> {
        Option<T>(spec: spec) { [read] parsed, long in try transform(try read(parsed, long), parsed) }
    }

    /// "a", "a or b", "a, b or c": the allowed words of a message.
    static func listed(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }
}

extension Option where Value == Bool {
    /// A flag: true when given.
    static func flag(_ long: String, short: Character? = nil, help: String) -> Option<Bool> {
        Option(spec: OptionSpec(long: long, short: short, help: help)) { parsed, long in parsed.flag(long) }
    }
}

extension Option where Value == String? {
    /// A text value, nil when not given.
    static func string(_ long: String, short: Character? = nil, valueName: String, help: String,
                       defaultText: String? = nil) -> Option<String?> {
        Option(spec: OptionSpec(long: long, short: short, valueName: valueName, help: help, defaultText: defaultText)) { parsed, long in
            parsed.value(long)
        }
    }
}

extension Option where Value == String {
    /// A text value, `value` when not given (shown as the default unless `defaultText` says otherwise).
    static func string(_ long: String, short: Character? = nil, valueName: String, help: String, default value: String,
                       defaultText: String? = nil) -> Option<String> {
        Option(spec: OptionSpec(long: long, short: short, valueName: valueName, help: help, defaultText: defaultText ?? value)) { parsed, long in
            parsed.value(long) ?? value
        }
    }
}

extension Option where Value == [String] {
    /// A value that may be given several times: every one in the order given, empty when absent.
    static func repeating(_ long: String, valueName: String, help: String) -> Option<[String]> {
        Option(spec: OptionSpec(long: long, valueName: valueName, help: help, isRepeating: true)) { parsed, long in
            parsed.values(long)
        }
    }
}

extension Option {
    /// A case of `Choice` by its raw value, nil when not given; another word is a usage error
    /// listing the cases ("--design: expected grid, lhs or sobol, got 'x'").
    static func choice<Choice>(_ long: String, valueName: String, help: String, defaultText: String? = nil) -> Option<Choice?>
    where Value == Choice?, Choice: RawRepresentable & CaseIterable & Sendable, Choice.RawValue == String {
        Option(spec: OptionSpec(long: long, valueName: valueName, help: help, defaultText: defaultText)) { parsed, long in
            try parsed.value(long).map { text in
                guard let choice = Choice(rawValue: text) else {
                    throw UsageError(message: "--\(long): expected \(listed(Choice.allCases.map(\.rawValue))), got '\(text)'",
                                     command: parsed.command)
                }
                return choice
            }
        }
    }
}

extension Option where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// A case of the enumeration, `value` when not given (shown as the default).
    static func choice(_ long: String, valueName: String, help: String, default value: Value) -> Option<Value> {
        Option<Value?>.choice(long, valueName: valueName, help: help, defaultText: value.rawValue).map { choice, _ in choice ?? value }
    }
}

extension Option where Value == Int {
    /// An integer in `range`, `value` when not given. `defaultText` replaces the default shown
    /// when it is not `value` as such (e.g. "all cores"); such a default, found at run time, is not
    /// held to the range.
    static func integer(_ long: String, short: Character? = nil, valueName: String = "n", help: String, default value: Int,
                        defaultText: String? = nil, in range: ClosedRange<Int>) -> Option<Int> {
        precondition(defaultText != nil || range.contains(value), "--\(long)'s default lies outside its range")
        return Option(spec: OptionSpec(long: long, short: short, valueName: valueName, help: help,
                                       defaultText: defaultText ?? String(value))) { parsed, long in
            try parsed.int(long, in: range) ?? value
        }
    }
}

extension Option where Value == Int? {
    /// An integer in `range`, nil when not given (the scenario's value then applies).
    static func integer(_ long: String, short: Character? = nil, valueName: String = "n", help: String,
                        defaultText: String? = nil, in range: ClosedRange<Int>) -> Option<Int?> {
        Option(spec: OptionSpec(long: long, short: short, valueName: valueName, help: help, defaultText: defaultText)) { parsed, long in
            try parsed.int(long, in: range)
        }
    }
}

extension Option where Value == Double? {
    /// A number in `range`, nil when not given.
    static func number(_ long: String, valueName: String, help: String, defaultText: String? = nil,
                       in range: ClosedRange<Double>) -> Option<Double?> {
        Option(spec: OptionSpec(long: long, valueName: valueName, help: help, defaultText: defaultText)) { parsed, long in
            try parsed.double(long, in: range)
        }
    }
}

extension Option where Value == Double {
    /// A number in `range`, `value` when not given (shown as the default unless `defaultText`
    /// says otherwise).
    static func number(_ long: String, valueName: String, help: String, default value: Double, defaultText: String? = nil,
                       in range: ClosedRange<Double>) -> Option<Double> {
        precondition(range.contains(value), "--\(long)'s default lies outside its range")
        return Option(spec: OptionSpec(long: long, valueName: valueName, help: help,
                                       defaultText: defaultText ?? shown(value))) { parsed, long in
            try parsed.double(long, in: range) ?? value
        }
    }

    /// `1` rather than `1.0` for a whole default.
    private static func shown(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

extension ParsedArguments {
    /// The value of a declared option.
    public subscript<Value>(_ option: Option<Value>) -> Value {
        get throws { try option.value(in: self) }
    }

    /// Whether the option was given on the command line (its value unchecked).
    public func isGiven(_ spec: OptionSpec) -> Bool {
        spec.isFlag ? flag(spec.long) : value(spec.long) != nil
    }
}
