import Foundation

/// Where a command writes: standard output for results, standard error for progress and
/// errors. Tests pass a recording console; the executable passes the real streams.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress bars only then).
    public let stderrIsTerminal: Bool

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, stderrIsTerminal: Bool) {
        writeOut = out
        writeErr = err
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The process's standard output and error.
    public static var standard: Console {
        Console(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: { FileHandle.standardError.write(Data($0.utf8)) },
                stderrIsTerminal: isatty(STDERR_FILENO) == 1)
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
    /// EX_CANTCREAT: an output file could not be written.
    public static let cannotCreate: Int32 = 73
    /// Interrupted by SIGINT or SIGTERM (finished trials were kept).
    public static let interrupted: Int32 = 130
}
