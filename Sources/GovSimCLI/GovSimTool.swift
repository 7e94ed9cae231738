import Foundation
import GovSim
import GovSimExperiments
import GovSimIO
import GovSimReport

/// The `govsim` command line: subcommands, help, version, exit statuses. The executable calls
/// `main`; tests call it in-process with a recording console.
public enum GovSimTool {
    public static let spec = ToolSpec(
        name: "govsim",
        version: RunResults.version,
        abstract: "Agent-based simulation of grassroots social governance: predicted safety and satisfaction, with intervals, cost and mechanisms.",
        commands: commands.map { $0.spec } + [helpSpec]
    )

    /// Every command, in the order `govsim --help` lists them (help last, answered here).
    static let commands: [any GovSimCommand.Type] = [
        RunCommand.self, ReportCommand.self, CompareCommand.self, ExplainCommand.self, SweepCommand.self, ExploreCommand.self,
        SensitivityCommand.self, OptimizeCommand.self, CheckCommand.self, CalibrateCommand.self, BaselineCommand.self,
        MergeCommand.self, SlurmCommand.self, ValidateCommand.self, ParamsCommand.self,
    ]

    static let helpSpec = CommandSpec(
        name: "help",
        abstract: "Show help for govsim or one of its commands.",
        arguments: [ArgumentSpec(name: "command", help: "The command to explain.", isOptional: true)]
    )

    /// Runs the command line `arguments` (without the program name) and returns the exit status.
    /// `environment` supplies GOVSIM_LANG (the language when `--lang` is not given).
    public static func main(_ arguments: [String], console: Console = .standard,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        guard let first = arguments.first else {
            console.err(HelpFormatter.errorText(UsageError(message: "no command given", command: ""), tool: spec))
            return ExitStatus.usage
        }
        switch first {
        case "--help", "-h":
            console.out(HelpFormatter.help(tool: spec))
            return ExitStatus.success
        case "--version":
            console.out("govsim \(spec.version)\n")
            return ExitStatus.success
        default:
            break
        }
        guard let command = spec.command(named: first) else {
            var message = "unknown command '\(first)'"
            if let guess = closestMatch(to: first, among: spec.commands.map(\.name)) { message += "; did you mean '\(guess)'?" }
            console.err("Error: \(message)\nUsage: govsim <command> [options]\nSee 'govsim help' for the commands.\n")
            return ExitStatus.usage
        }
        do {
            let parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), for: command)
            if parsed.wantsHelp {
                console.out(HelpFormatter.help(for: command, tool: spec))
                return ExitStatus.success
            }
            // The language of report.html and the tables, for the commands that draw them.
            let language = command.option("lang") == nil ? nil
                : try Common.language(parsed, command: command.name, environment: environment)
            return try Language.$current.withValue(language ?? .en) {
                try execute(command, parsed, arguments: arguments, language: language, console: console)
            }
        } catch let error as UsageError {
            console.err(HelpFormatter.errorText(error, tool: spec))
            return ExitStatus.usage
        } catch {
            console.err("govsim: \(error)\n")
            return ExitStatus.failure
        }
    }

    /// Runs the parsed command in the current language (`language`: as asked for, nil when not).
    static func execute(_ command: CommandSpec, _ parsed: ParsedArguments, arguments: [String], language: Language?,
                        console: Console) throws -> Int32 {
        guard let type = commands.first(where: { $0.spec.name == command.name }) else {
            return help(parsed.positionals.first, console: console)
        }
        return try type.invoke(Invocation(parsed: parsed, commandLine: ["govsim"] + arguments, language: language, console: console))
    }

    static func help(_ name: String?, console: Console) -> Int32 {
        guard let name else {
            console.out(HelpFormatter.help(tool: spec))
            return ExitStatus.success
        }
        guard let command = spec.command(named: name) else {
            let error = UsageError(message: "no command '\(name)'" + (closestMatch(to: name, among: spec.commands.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""), command: "help")
            console.err(HelpFormatter.errorText(error, tool: spec))
            return ExitStatus.usage
        }
        console.out(HelpFormatter.help(for: command, tool: spec))
        return ExitStatus.success
    }
}
