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

    /// The same option with the help worded for one command (the reading and default stay).
    public func with(help: String) -> Option {
        var spec = self.spec
        spec.help = help
        return Option(spec: spec, read: read)
    }
}

extension Option where Value == Int {
    /// An integer in `range`, `value` when not given.
    static func integer(_ long: String, valueName: String = "n", help: String, default value: Int,
                        in range: ClosedRange<Int>) -> Option<Int> {
        precondition(range.contains(value), "--\(long)'s default lies outside its range")
        return Option(spec: OptionSpec(long: long, valueName: valueName, help: help, defaultText: String(value))) { parsed, long in
            try parsed.int(long, in: range) ?? value
        }
    }
}

extension Option where Value == Int? {
    /// An integer in `range`, nil when not given (the scenario's value then applies).
    static func integer(_ long: String, short: Character? = nil, valueName: String = "n", help: String,
                        in range: ClosedRange<Int>) -> Option<Int?> {
        Option(spec: OptionSpec(long: long, short: short, valueName: valueName, help: help)) { parsed, long in
            try parsed.int(long, in: range)
        }
    }
}

extension Option where Value == Double? {
    /// A number in `range`, nil when not given.
    static func number(_ long: String, valueName: String, help: String, in range: ClosedRange<Double>) -> Option<Double?> {
        Option(spec: OptionSpec(long: long, valueName: valueName, help: help)) { parsed, long in
            try parsed.double(long, in: range)
        }
    }
}

extension ParsedArguments {
    /// The value of a declared option.
    public subscript<Value>(_ option: Option<Value>) -> Value {
        get throws { try option.value(in: self) }
    }
}
