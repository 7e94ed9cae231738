import XCTest
import GovSimCLI

final class HelpFormatterTests: XCTestCase {
    private let tool = ParsingFixtures.tool

    private func assertFits(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        for l in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(l.count, 80, "too wide: \(l)", file: file, line: line)
            XCTAssertFalse(l.hasSuffix(" "), "trailing space: \(l)", file: file, line: line)
        }
    }

    func testCommandHelpHasEverySection() {
        let help = HelpFormatter.help(for: ParsingFixtures.run, tool: tool)
        for heading in ["OVERVIEW: Run a scenario", "USAGE: govsim run <scenario>", "\n\nARGUMENTS:\n", "\n\nOPTIONS:\n", "\n\nEXAMPLES:\n"] {
            XCTAssertTrue(help.contains(heading), "missing \(heading)")
        }
        XCTAssertTrue(help.hasPrefix("OVERVIEW: "))
        XCTAssertTrue(help.hasSuffix("--vary mediation.staff=1:5\n"))
        XCTAssertTrue(help.contains("\nEach trial draws a fresh population"))
        assertFits(help)
    }

    func testOptionsAreAlignedWithDefaultsAndHelp() {
        let help = HelpFormatter.help(for: ParsingFixtures.run, tool: tool)
        XCTAssertTrue(help.contains("\n  <scenario>           The scenario file (JSON5).\n"))
        XCTAssertTrue(help.contains("\n  -t, --trials <n>     Number of trials. (default: 1000)\n"))
        XCTAssertTrue(help.contains("\n  --days <d>           Days to simulate in each trial.\n"))
        XCTAssertTrue(help.contains("\n  -j, --jobs <n>       Trials run at the same time. (default: all cores)\n"))
        XCTAssertTrue(help.hasSuffix("  -h, --help           Show help information.\n\nEXAMPLES:\n  govsim run scenarios/village.json5 --trials 100\n  govsim run village.json5 --vary mediation.staff=1:5\n"))
    }

    func testLongHelpWrapsUnderItsColumn() {
        let help = HelpFormatter.help(for: ParsingFixtures.run, tool: tool)
        XCTAssertTrue(help.contains("""
              --vary <path=lo:hi>  Vary a scenario parameter over a range; the trials are
                                   spread evenly across it. (repeatable)
            """))
    }

    func testVeryLongLabelPutsHelpOnTheNextLine() {
        let command = CommandSpec(name: "x", abstract: "X.", options: [
            OptionSpec(long: "a-very-long-option-name", valueName: "VALUE", help: "Long."),
            OptionSpec(long: "b", help: "Short."),
        ])
        let help = HelpFormatter.help(for: command, tool: tool)
        XCTAssertTrue(help.contains("  --a-very-long-option-name <value>\n              Long.\n  --b         Short.\n"))
    }

    func testHelpWithoutArgumentsOrExamplesLeavesThoseOut() {
        let command = CommandSpec(name: "version", abstract: "Show the version.")
        let help = HelpFormatter.help(for: command, tool: tool)
        XCTAssertEqual(help, """
            OVERVIEW: Show the version.

            USAGE: govsim version

            OPTIONS:
              -h, --help  Show help information.

            """)
    }

    func testRootHelp() {
        let help = HelpFormatter.help(tool: tool)
        XCTAssertEqual(help, """
            OVERVIEW: Agent-based simulator and policy-evaluation sandbox for grassroots
            social governance.

            USAGE: govsim <command> [options]

            SUBCOMMANDS:
              run      Run a scenario many times and summarise the outcomes.
              compare  Compare the results of two or more runs.
              check    Check scenario files without running them.

            See 'govsim help <command>' for detailed help.

            """)
    }

    func testShortUsageLineIsOneLine() {
        XCTAssertEqual(HelpFormatter.usageLine(for: ParsingFixtures.compare, tool: tool),
                       "Usage: govsim compare <baseline> <results> ... [--metric <name>]")
        XCTAssertEqual(HelpFormatter.usageLine(for: ParsingFixtures.check, tool: tool), "Usage: govsim check [<scenario> ...]")
    }

    func testLongUsageLineWrapsWithIndentation() {
        XCTAssertEqual(HelpFormatter.usageLine(for: ParsingFixtures.run, tool: tool), """
            Usage: govsim run <scenario> [--trials <n>] [--days <d>] [--seed <seed>]
                              [--rate <r>] [--jobs <n>] [--vary <path=lo:hi> ...]
                              [--out <dir>] [--quiet] [--verbose]
            """)
    }

    func testErrorTextHasThreeParts() {
        let error = UsageError(message: "unknown option '--trails'; did you mean '--trials'?", command: "compare")
        XCTAssertEqual(HelpFormatter.errorText(error, tool: tool), """
            Error: unknown option '--trails'; did you mean '--trials'?
            Usage: govsim compare <baseline> <results> ... [--metric <name>]
            See 'govsim help compare' for more.

            """)
    }

    func testErrorTextKeepsAWrappedUsageTogether() {
        let text = HelpFormatter.errorText(UsageError(message: "missing argument '<scenario>'", command: "run"), tool: tool)
        let usage = HelpFormatter.usageLine(for: ParsingFixtures.run, tool: tool)
        XCTAssertEqual(text, "Error: missing argument '<scenario>'\n\(usage)\nSee 'govsim help run' for more.\n")
    }

    func testErrorTextForTheToolItself() {
        XCTAssertEqual(HelpFormatter.errorText(UsageError(message: "unknown command 'rnu'", command: ""), tool: tool), """
            Error: unknown command 'rnu'
            Usage: govsim <command> [options]
            See 'govsim help' for more.

            """)
    }
}
