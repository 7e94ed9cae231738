import Foundation
import GovSimCLI

/// A console that records what a command writes, for running `govsim` in-process.
public final class CommandRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = "", errText = ""
    /// What the command has written to stdout so far.
    public var out: String { lock.withLock { outText } }
    /// What the command has written to stderr so far.
    public var err: String { lock.withLock { errText } }
    /// Whether the console allows colour (and stands for a terminal on stdout).
    public let colour: Bool
    public init(colour: Bool = false) { self.colour = colour }
    public lazy var console = Console(out: { [unowned self] s in self.lock.withLock { self.outText += s } },
                                      err: { [unowned self] s in self.lock.withLock { self.errText += s } },
                                      stderrIsTerminal: false, stdoutIsTerminal: colour, colour: colour)
}

/// What one `govsim` command line (or another program) did.
public struct CommandOutcome: Sendable {
    /// The exit status.
    public var status: Int32
    /// What it wrote to stdout.
    public var out: String
    /// What it wrote to stderr.
    public var err: String
    public init(status: Int32, out: String, err: String) {
        self.status = status
        self.out = out
        self.err = err
    }
}

/// Runs `govsim ARGS…` in-process and returns its exit status and what it wrote.
///
/// - Parameters:
///   - colour: whether the console allows colour (as a terminal on stdout without NO_COLOR).
///   - environment: the environment variables the command sees (GOVSIM_LANG); none by default,
///     so that a test does not depend on the shell it runs in.
public func govsim(_ args: [String], colour: Bool = false, environment: [String: String] = [:]) -> CommandOutcome {
    let r = CommandRecorder(colour: colour)
    let status = GovSimTool.main(args, console: r.console, environment: environment)
    return CommandOutcome(status: status, out: r.out, err: r.err)
}

/// Runs `govsim ARGS…` in-process: `govsim("run", path)` for `govsim(["run", path])`.
public func govsim(_ args: String..., colour: Bool = false, environment: [String: String] = [:]) -> CommandOutcome {
    govsim(args, colour: colour, environment: environment)
}

/// The root folder of the package (where Package.swift is).
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The debug `govsim` binary `swift build` leaves, for tests that signal a real process; nil
/// when it has not been built.
public var builtGovsim: String? {
    let path = packageRoot.appendingPathComponent(".build/debug/govsim").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}

/// Why `startGovsim` could not start a process.
public struct GovsimNotBuilt: Error, CustomStringConvertible {
    public var description: String { "no built govsim at .build/debug/govsim (run swift build first)" }
}

/// Starts the built `govsim` binary (`builtGovsim`) on `args` as a real process, with its stdout
/// and stderr discarded, and returns it running (signal it, then `waitUntilExit()`).
/// `environment` replaces the inherited environment when given. Throws `GovsimNotBuilt` when
/// there is no built binary, or what `Process.run()` throws.
public func startGovsim(_ args: [String], environment: [String: String]? = nil) throws -> Process {
    guard let binary = builtGovsim else { throw GovsimNotBuilt() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = args
    if let environment { process.environment = environment }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}
