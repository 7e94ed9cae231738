import GovSimCLI

/// A `run` command and a tool shaped like the real ones, for the parsing and help tests.
enum ParsingFixtures {
    static let run = CommandSpec(
        name: "run",
        abstract: "Run a scenario many times and summarise the outcomes.",
        discussion: "Each trial draws a fresh population from the scenario and simulates it day by day. Results go to a folder next to the scenario unless --out is given.",
        arguments: [ArgumentSpec(name: "scenario", help: "The scenario file (JSON5).")],
        options: [
            OptionSpec(long: "trials", short: "t", valueName: "N", help: "Number of trials.", defaultText: "1000"),
            OptionSpec(long: "days", valueName: "D", help: "Days to simulate in each trial."),
            OptionSpec(long: "seed", short: "s", valueName: "SEED", help: "Seed for the first trial."),
            OptionSpec(long: "rate", valueName: "R", help: "Contact rate."),
            OptionSpec(long: "jobs", short: "j", valueName: "N", help: "Trials run at the same time.", defaultText: "all cores"),
            OptionSpec(long: "vary", valueName: "PATH=LO:HI", help: "Vary a scenario parameter over a range; the trials are spread evenly across it.", isRepeating: true),
            OptionSpec(long: "out", short: "o", valueName: "DIR", help: "Where to write the results."),
            OptionSpec(long: "quiet", short: "q", help: "Do not show progress."),
            OptionSpec(long: "verbose", short: "v", help: "Describe each step."),
        ],
        examples: ["govsim run scenarios/village.json5 --trials 100", "govsim run village.json5 --vary mediation.staff=1:5"]
    )

    static let compare = CommandSpec(
        name: "compare",
        abstract: "Compare the results of two or more runs.",
        arguments: [
            ArgumentSpec(name: "baseline", help: "The results folder to compare against."),
            ArgumentSpec(name: "results", help: "Other results folders.", isRepeating: true),
        ],
        options: [OptionSpec(long: "metric", valueName: "NAME", help: "Only this metric.")]
    )

    static let check = CommandSpec(
        name: "check",
        abstract: "Check scenario files without running them.",
        arguments: [ArgumentSpec(name: "scenario", help: "Scenario files; all in the current folder when none are given.", isRepeating: true, isOptional: true)]
    )

    static let tool = ToolSpec(name: "govsim", version: "0.1.0",
                               abstract: "Agent-based simulator and policy-evaluation sandbox for grassroots social governance.",
                               commands: [run, compare, check])
}
