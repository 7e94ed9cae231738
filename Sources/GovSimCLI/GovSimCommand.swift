import GovSimReport

/// A govsim command: what `--help` shows of it (`spec`, its options declared once as `Option`s)
/// and what it does. `GovSimTool.commands` lists them; the tool finds the one named on the
/// command line by its spec, so adding a command is a type and a line there.
protocol GovSimCommand: Sendable {
    static var spec: CommandSpec { get }
    /// Runs the command; a usage mistake is thrown as a `UsageError` (exit 64) before any file is read.
    static func invoke(_ invocation: Invocation) throws -> Int32
}

/// What a command is given.
struct Invocation {
    var parsed: ParsedArguments
    /// The whole command line, `govsim` first (manifests record it).
    var commandLine: [String]
    /// The language asked for by `--lang` or GOVSIM_LANG (nil when neither; the current task's
    /// language is set to it, or English).
    var language: Language?
    var console: Console
}
