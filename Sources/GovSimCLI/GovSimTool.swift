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
        commands: [RunCommand.spec, ReportCommand.spec, CompareCommand.spec, ExplainCommand.spec, SweepCommand.spec, ExploreCommand.spec, SensitivityCommand.spec, OptimizeCommand.spec, CheckCommand.spec, CalibrateCommand.spec, BaselineCommand.spec, MergeCommand.spec, SlurmCommand.spec, ValidateCommand.spec, ParamsCommand.spec, helpSpec]
    )

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
        switch command.name {
        case "run":
            return RunCommand.execute(try RunCommand.options(parsed), commandLine: ["govsim"] + arguments, console: console)
        case "report":
            return ReportCommand.execute(parsed.positionals[0], language: language, console: console)
        case "compare":
            return try CompareCommand.execute(parsed, commandLine: ["govsim"] + arguments, console: console)
        case "explain":
            return try ExplainCommand.execute(parsed, commandLine: ["govsim"] + arguments, console: console)
        case "sweep":
            return try SweepCommand.execute(parsed, console: console)
        case "explore":
            return try ExploreCommand.execute(parsed, commandLine: ["govsim"] + arguments, console: console)
        case "sensitivity":
            return try SensitivityCommand.execute(parsed, console: console)
        case "optimize":
            return try OptimizeCommand.execute(parsed, console: console)
        case "check":
            return try CheckCommand.execute(parsed, console: console)
        case "calibrate":
            return try CalibrateCommand.execute(parsed, commandLine: ["govsim"] + arguments, console: console)
        case "baseline":
            return try BaselineCommand.execute(parsed, console: console)
        case "merge":
            return try MergeCommand.execute(parsed, commandLine: ["govsim"] + arguments, console: console)
        case "slurm":
            return try SlurmCommand.execute(parsed, console: console)
        case "validate":
            return ValidateCommand.execute(parsed.positionals, console: console)
        case "params":
            return try ParamsCommand.execute(parsed, console: console)
        default:
            return help(parsed.positionals.first, console: console)
        }
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
