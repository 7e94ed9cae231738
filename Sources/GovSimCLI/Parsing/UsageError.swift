/// A mistake on the command line, reported with the command's usage (see `HelpFormatter.errorText`).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, without the `Error:` prefix, e.g. `unknown option '--trails'; did you mean '--trials'?`.
    public var message: String
    /// The subcommand whose usage to show; empty for the tool itself.
    public var command: String

    public init(message: String, command: String) {
        self.message = message
        self.command = command
    }

    public var description: String { message }
}
