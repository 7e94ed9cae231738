import GovSim

/// Parses the words after `govsim <command>` against the command's `CommandSpec`.
///
/// Accepts `--name value`, `--name=value`, `-n value`, `-nvalue`, bundled short flags (`-qv`),
/// and `--` to end options. A word such as `-5` or `-0.25` is a value (or a positional), never an
/// option. `-h`/`--help` anywhere before `--` wins over every other problem.
public enum ArgumentParser {
    /// Parses `args` (without the tool and command names) for `command`.
    /// - Throws: `UsageError` for unknown options, missing or unexpected values, repeats, and
    ///   missing or extra positional arguments.
    public static func parse(_ args: [String], for command: CommandSpec) throws -> ParsedArguments {
        do {
            var parse = Parse(command: command)
            return try parse.run(args)
        } catch let error as UsageError {
            if args.prefix(while: { $0 != "--" }).contains(where: isHelp) {
                return ParsedArguments(command: command.name, wantsHelp: true)
            }
            throw error
        }
    }

    static func isHelp(_ word: String) -> Bool { word == "-h" || word == "--help" }

    /// `-5`, `-0.25`, `-1e3`: a value, not an option.
    static func isNegativeNumber(_ word: String) -> Bool { word.hasPrefix("-") && Double(word) != nil }

    /// Whether a word would be read as an option (so it cannot be the value of the previous one).
    static func looksLikeOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word != "-" && !isNegativeNumber(word)
    }
}

/// One parse: the state collected while walking the words.
private struct Parse {
    let command: CommandSpec
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var wantsHelp = false

    init(command: CommandSpec) { self.command = command }

    mutating func run(_ args: [String]) throws -> ParsedArguments {
        var words = args[...]
        while let word = words.popFirst() {
            if word == "--" {
                positionals += words
                break
            } else if ArgumentParser.isHelp(word) {
                wantsHelp = true
            } else if word.hasPrefix("--") {
                try long(word, &words)
            } else if ArgumentParser.looksLikeOption(word) {
                try short(word, &words)
            } else {
                positionals.append(word)
            }
        }
        let byName = wantsHelp ? [:] : try assignPositionals()
        return ParsedArguments(command: command.name, positionals: positionals, wantsHelp: wantsHelp,
                               optionValues: values, flags: flags, argumentValues: byName)
    }

    /// `--name`, `--name value` or `--name=value`.
    mutating func long(_ word: String, _ rest: inout ArraySlice<String>) throws {
        let body = word.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
        if name == "help" { throw error("option '--help' does not take a value") }
        guard let option = command.option(name) else {
            var message = "unknown option '--\(name)'"
            if let guess = closestMatch(to: name, among: command.options.map(\.long) + ["help"]) {
                message += "; did you mean '--\(guess)'?"
            }
            throw error(message)
        }
        if option.isFlag, inline != nil { throw error("option '--\(name)' does not take a value") }
        try record(option, inline: inline, &rest)
    }

    /// `-t 4`, `-t4`, or bundled flags `-qv` (a value-taking letter takes the rest of the word).
    mutating func short(_ word: String, _ rest: inout ArraySlice<String>) throws {
        var letters = word.dropFirst()
        while let letter = letters.popFirst() {
            guard let option = command.options.first(where: { $0.short == letter }) else {
                throw error(letter == "h" ? "'-h' cannot be combined with other options" : "unknown option '-\(letter)'")
            }
            if option.isFlag {
                try record(option, inline: nil, &rest)
            } else {
                try record(option, inline: letters.isEmpty ? nil : String(letters), &rest)
                return
            }
        }
    }

    mutating func record(_ option: OptionSpec, inline: String?, _ rest: inout ArraySlice<String>) throws {
        let name = option.long
        if !option.isRepeating, flags.contains(name) || values[name] != nil {
            throw error("option '--\(name)' was given more than once")
        }
        if option.isFlag {
            flags.insert(name)
            return
        }
        if let inline {
            values[name, default: []].append(inline)
        } else if let next = rest.first, !ArgumentParser.looksLikeOption(next) {
            values[name, default: []].append(next)
            rest.removeFirst()
        } else {
            throw error("missing value for '--\(name) <\(option.valueName!.lowercased())>'")
        }
    }

    /// Checks the positional count and hands the positionals to the arguments in order: a required
    /// argument takes one, an optional or repeating one only what the later required ones leave.
    func assignPositionals() throws -> [String: [String]] {
        var rest = positionals[...]
        var byName: [String: [String]] = [:]
        for (i, argument) in command.arguments.enumerated() {
            let neededLater = command.arguments[(i + 1)...].filter { !$0.isOptional }.count
            let spare = max(rest.count - neededLater, 0)
            var take = argument.isRepeating ? spare : min(spare, 1)
            if !argument.isOptional { take = max(take, min(rest.count, 1)) }
            if take == 0 && !argument.isOptional {
                throw error("missing argument '<\(argument.name)>'")
            }
            byName[argument.name] = Array(rest.prefix(take))
            rest = rest.dropFirst(take)
        }
        if let extra = rest.first { throw error("unexpected argument '\(extra)'") }
        return byName
    }

    func error(_ message: String) -> UsageError { UsageError(message: message, command: command.name) }
}
