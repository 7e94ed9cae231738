/// A named option of a command: `--trials <n>` (with a value) or `--quiet` (a flag).
public struct OptionSpec: Sendable, Equatable {
    /// The long name without dashes, e.g. `trials` for `--trials`.
    public var long: String
    /// An optional single-letter alias, e.g. `t` for `-t`.
    public var short: Character?
    /// The placeholder for the value, e.g. `N` (rendered `<n>`); nil makes the option a flag.
    public var valueName: String?
    /// One or two sentences for the OPTIONS section.
    public var help: String
    /// The default shown after the help, e.g. `all cores` renders as `(default: all cores)`.
    public var defaultText: String?
    /// May be given several times (`--vary PATH=lo:hi --vary ...`); otherwise twice is an error.
    public var isRepeating: Bool

    public init(long: String, short: Character? = nil, valueName: String? = nil, help: String,
                defaultText: String? = nil, isRepeating: Bool = false) {
        self.long = long
        self.short = short
        self.valueName = valueName
        self.help = help
        self.defaultText = defaultText
        self.isRepeating = isRepeating
    }

    /// Whether the option takes no value.
    public var isFlag: Bool { valueName == nil }
}
