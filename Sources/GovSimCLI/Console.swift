import Foundation

/// Where a command writes: standard output for results, standard error for progress and
/// errors. Tests pass a recording console; the executable passes the real streams.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress bars only then).
    public let stderrIsTerminal: Bool
    /// Whether standard output is a terminal.
    public let stdoutIsTerminal: Bool
    /// Whether tables on standard output may use ANSI colour and bold.
    public let colour: Bool

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, stderrIsTerminal: Bool,
                stdoutIsTerminal: Bool = false, colour: Bool = false) {
        writeOut = out
        writeErr = err
        self.stderrIsTerminal = stderrIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.colour = colour
    }

    /// The process's standard output and error; colour only when standard output is a terminal
    /// and NO_COLOR is unset or empty (https://no-color.org).
    public static var standard: Console {
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        return Console(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                       err: { FileHandle.standardError.write(Data($0.utf8)) },
                       stderrIsTerminal: isatty(STDERR_FILENO) == 1, stdoutIsTerminal: stdoutIsTerminal,
                       colour: wantsColour(stdoutIsTerminal: stdoutIsTerminal, environment: ProcessInfo.processInfo.environment))
    }

    /// Whether to colour standard output: it is a terminal and NO_COLOR is unset or empty.
    public static func wantsColour(stdoutIsTerminal: Bool, environment: [String: String]) -> Bool {
        stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty
    }

    public func out(_ text: String) { lock.withLock { writeOut(text) } }
    public func err(_ text: String) { lock.withLock { writeErr(text) } }
}

/// Exit statuses (sysexits.h where one applies).
public enum ExitStatus {
    public static let success: Int32 = 0
    /// A run-time failure.
    public static let failure: Int32 = 1
    /// EX_USAGE: the command line was wrong.
    public static let usage: Int32 = 64
    /// EX_DATAERR: an input file was wrong.
    public static let dataError: Int32 = 65
    /// EX_NOINPUT: `--resume` found nothing to resume in the output folder.
    public static let nothingToResume: Int32 = 66
    /// EX_CANTCREAT: an output file could not be written.
    public static let cannotCreate: Int32 = 73
    /// Interrupted by SIGINT or SIGTERM (finished trials were kept).
    public static let interrupted: Int32 = 130
}

/// ANSI SGR codes for tables on a terminal that allows colour.
enum ANSI {
    static let bold = "1", green = "32", red = "31"
}
