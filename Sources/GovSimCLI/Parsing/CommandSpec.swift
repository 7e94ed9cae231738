/// One subcommand of the tool (`govsim run`, `govsim sweep`, ...): what it takes and its help.
public struct CommandSpec: Sendable, Equatable {
    /// The word after the tool name, e.g. `run`.
    public var name: String
    /// One line for OVERVIEW and the tool's SUBCOMMANDS list.
    public var abstract: String
    /// An optional paragraph shown under the overview; `\n` starts a new line.
    public var discussion: String?
    /// Positional arguments, in order.
    public var arguments: [ArgumentSpec]
    /// Named options; `-h, --help` is implicit and must not be listed.
    public var options: [OptionSpec]
    /// Complete example command lines for the EXAMPLES section.
    public var examples: [String]

    public init(name: String, abstract: String, discussion: String? = nil, arguments: [ArgumentSpec] = [],
                options: [OptionSpec] = [], examples: [String] = []) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.examples = examples
    }

    /// The option with this long name.
    public func option(_ long: String) -> OptionSpec? { options.first { $0.long == long } }
}
