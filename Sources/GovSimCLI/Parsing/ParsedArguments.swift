/// The result of `ArgumentParser.parse`: positionals, option values and flags, with typed accessors
/// that turn bad values into `UsageError`s.
public struct ParsedArguments: Sendable, Equatable {
    /// The command these arguments were parsed for (used in error messages).
    public let command: String
    /// Positional arguments in order, including everything after `--`.
    public let positionals: [String]
    /// `-h` or `--help` was given; nothing else was checked.
    public let wantsHelp: Bool
    /// Values of value-taking options by long name, in the order given.
    let optionValues: [String: [String]]
    /// Long names of the flags given.
    let flags: Set<String>
    /// Positionals by argument name (see `argument(_:)`).
    let argumentValues: [String: [String]]

    init(command: String, positionals: [String] = [], wantsHelp: Bool = false, optionValues: [String: [String]] = [:],
         flags: Set<String> = [], argumentValues: [String: [String]] = [:]) {
        self.command = command
        self.positionals = positionals
        self.wantsHelp = wantsHelp
        self.optionValues = optionValues
        self.flags = flags
        self.argumentValues = argumentValues
    }

    /// The value of `--long`, the last one when it was given several times; nil when absent.
    public func value(_ long: String) -> String? { optionValues[long]?.last }

    /// Every value of `--long` in the order given; empty when absent.
    public func values(_ long: String) -> [String] { optionValues[long] ?? [] }

    /// Whether the flag `--long` was given.
    public func flag(_ long: String) -> Bool { flags.contains(long) }

    /// The positional given for the argument named `name` (the first one for a repeating argument).
    public func argument(_ name: String) -> String? { argumentValues[name]?.first }

    /// Every positional given for the argument named `name`.
    public func arguments(_ name: String) -> [String] { argumentValues[name] ?? [] }

    /// `--long` as an integer within `range`; nil when absent.
    public func int(_ long: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let text = value(long) else { return nil }
        guard let n = Int(text), range.contains(n) else {
            throw invalid(long, text, range == Int.min...Int.max ? "an integer" : "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    /// `--long` as an unsigned 64-bit integer (a seed, say); nil when absent.
    public func uint64(_ long: String) throws -> UInt64? {
        guard let text = value(long) else { return nil }
        guard let n = UInt64(text) else {
            throw invalid(long, text, "an integer from 0 to \(UInt64.max)")
        }
        return n
    }

    /// `--long` as a finite number within `range`; nil when absent.
    public func double(_ long: String, in range: ClosedRange<Double> = -Double.infinity...Double.infinity) throws -> Double? {
        guard let text = value(long) else { return nil }
        let bounded = range.lowerBound.isFinite || range.upperBound.isFinite
        guard let x = Double(text), x.isFinite, range.contains(x) else {
            throw invalid(long, text, bounded ? "a number from \(Self.show(range.lowerBound)) to \(Self.show(range.upperBound))" : "a number")
        }
        return x
    }

    private func invalid(_ long: String, _ text: String, _ expected: String) -> UsageError {
        UsageError(message: "--\(long): expected \(expected), got '\(text)'", command: command)
    }

    /// `1` rather than `1.0` for whole bounds.
    private static func show(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
