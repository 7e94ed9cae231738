/// A positional argument of a command, shown as `<name>` in usage and help.
///
/// Required arguments come before optional ones, and a repeating argument comes last.
public struct ArgumentSpec: Sendable, Equatable {
    /// The name shown in help, e.g. `scenario` (rendered `<scenario>`).
    public var name: String
    /// One or two sentences for the ARGUMENTS section.
    public var help: String
    /// Takes every remaining positional (`<scenario> ...`).
    public var isRepeating: Bool
    /// May be left out (`[<scenario>]`); a repeating optional argument may take none.
    public var isOptional: Bool

    public init(name: String, help: String, isRepeating: Bool = false, isOptional: Bool = false) {
        self.name = name
        self.help = help
        self.isRepeating = isRepeating
        self.isOptional = isOptional
    }
}
