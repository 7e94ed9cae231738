/// The whole command-line tool: its name, version, overview and subcommands.
public struct ToolSpec: Sendable, Equatable {
    /// The executable name, e.g. `govsim`.
    public var name: String
    public var version: String
    /// One line for the root OVERVIEW.
    public var abstract: String
    public var commands: [CommandSpec]

    public init(name: String, version: String, abstract: String, commands: [CommandSpec]) {
        self.name = name
        self.version = version
        self.abstract = abstract
        self.commands = commands
    }

    /// The subcommand with this name.
    public func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }
}
