/// Help and usage text in the style of swift-argument-parser, wrapped at 80 columns.
///
/// `help` and `errorText` return whole blocks ending in a newline; `usageLine` returns one
/// logical line (possibly wrapped) without a trailing newline.
public enum HelpFormatter {
    /// The column help text wraps at.
    public static let width = 80
    /// Labels wider than this put their help on the next line.
    static let maxLabelWidth = 26

    /// Full help for a subcommand: OVERVIEW, USAGE, ARGUMENTS, OPTIONS and EXAMPLES when present.
    public static func help(for command: CommandSpec, tool: ToolSpec) -> String {
        var sections = [TextWrap.wrap(command.abstract, width: width, prefix: "OVERVIEW: ").joined(separator: "\n")]
        if let discussion = command.discussion {
            sections.append(TextWrap.wrap(discussion, width: width).joined(separator: "\n"))
        }
        sections.append(usage(for: command, tool: tool, prefix: "USAGE: "))

        let arguments = command.arguments.map { (label($0), $0.help) }
        let options = command.options.map { (label($0), optionHelp($0)) } + [("-h, --help", "Show help information.")]
        let column = columnFor(arguments + options)
        if !arguments.isEmpty { sections.append(section("ARGUMENTS", arguments, column: column)) }
        sections.append(section("OPTIONS", options, column: column))
        if !command.examples.isEmpty {
            sections.append((["EXAMPLES:"] + command.examples.map { "  " + $0 }).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// Help for the tool itself: OVERVIEW, USAGE and the SUBCOMMANDS list.
    public static func help(tool: ToolSpec) -> String {
        let commands = tool.commands.map { ($0.name, $0.abstract) }
        return [
            TextWrap.wrap(tool.abstract, width: width, prefix: "OVERVIEW: ").joined(separator: "\n"),
            "USAGE: \(tool.name) <command> [options]",
            section("SUBCOMMANDS", commands, column: columnFor(commands)),
            "See '\(tool.name) help <command>' for detailed help.",
        ].joined(separator: "\n\n") + "\n"
    }

    /// `Usage: govsim run <scenario> [--trials <n>] ...`, continued on indented lines past 80 columns.
    public static func usageLine(for command: CommandSpec, tool: ToolSpec) -> String {
        usage(for: command, tool: tool, prefix: "Usage: ")
    }

    /// `Error: <message>`, the usage line of the command, and where to find its help.
    /// A command that is empty or unknown to `tool` gets the tool's own usage.
    public static func errorText(_ error: UsageError, tool: ToolSpec) -> String {
        let usage: String
        let helpCommand: String
        if let command = tool.command(named: error.command) {
            usage = usageLine(for: command, tool: tool)
            helpCommand = "\(tool.name) help \(command.name)"
        } else {
            usage = "Usage: \(tool.name) <command> [options]"
            helpCommand = "\(tool.name) help"
        }
        return "Error: \(error.message)\n\(usage)\nSee '\(helpCommand)' for more.\n"
    }

    // MARK: - Pieces

    static func usage(for command: CommandSpec, tool: ToolSpec, prefix: String) -> String {
        let head = "\(prefix)\(tool.name) \(command.name)"
        let tokens = command.arguments.map(usageToken) + command.options.map(usageToken)
        let indent = head.count + 1 <= 40 ? head.count + 1 : 8
        return TextWrap.wrap([head] + tokens, width: width, prefix: "", indent: indent).joined(separator: "\n")
    }

    /// `<scenario>`, `[<scenario>]`, `<scenario> ...`.
    static func usageToken(_ argument: ArgumentSpec) -> String {
        argument.isOptional ? "[\(label(argument))]" : label(argument)
    }

    /// `[--quiet]`, `[--trials <n>]`, `[--vary <spec> ...]`.
    static func usageToken(_ option: OptionSpec) -> String {
        var token = "--\(option.long)"
        if let valueName = option.valueName { token += " <\(valueName.lowercased())>" }
        if option.isRepeating { token += " ..." }
        return "[\(token)]"
    }

    /// The left column for an argument: `<scenario>` or `<scenario> ...`.
    static func label(_ argument: ArgumentSpec) -> String {
        "<\(argument.name)>" + (argument.isRepeating ? " ..." : "")
    }

    /// The left column for an option: `-t, --trials <n>` or `--quiet`.
    static func label(_ option: OptionSpec) -> String {
        var label = option.short.map { "-\($0), " } ?? ""
        label += "--\(option.long)"
        if let valueName = option.valueName { label += " <\(valueName.lowercased())>" }
        return label
    }

    static func optionHelp(_ option: OptionSpec) -> String {
        var help = option.help
        if option.isRepeating { help += " (repeatable)" }
        if let defaultText = option.defaultText { help += " (default: \(defaultText))" }
        return help
    }

    /// Where the right column starts: two spaces after the widest label that fits.
    static func columnFor(_ rows: [(String, String)]) -> Int {
        let widest = rows.map(\.0.count).filter { $0 <= maxLabelWidth }.max() ?? maxLabelWidth
        return 2 + widest + 2
    }

    /// A titled two-column list; a label too wide for the column puts its text on the next line.
    static func section(_ title: String, _ rows: [(String, String)], column: Int) -> String {
        var lines = ["\(title):"]
        for (label, text) in rows {
            var prefix = "  " + label
            if prefix.count + 2 > column {
                lines.append(prefix)
                prefix = ""
            }
            prefix += String(repeating: " ", count: column - prefix.count)
            lines += TextWrap.wrap(text, width: width, prefix: prefix, indent: column)
        }
        return lines.joined(separator: "\n")
    }
}
