import Foundation
import GovSimCLI

/// A console that records what a command writes, for running `govsim` in-process.
public final class CommandRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = "", errText = ""
    public var out: String { lock.withLock { outText } }
    public var err: String { lock.withLock { errText } }
    public let colour: Bool
    public init(colour: Bool = false) { self.colour = colour }
    public lazy var console = Console(out: { [unowned self] s in self.lock.withLock { self.outText += s } },
                                      err: { [unowned self] s in self.lock.withLock { self.errText += s } },
                                      stderrIsTerminal: false, stdoutIsTerminal: colour, colour: colour)
}

/// What one in-process `govsim` command line did.
public struct CommandOutcome: Sendable {
    public var status: Int32
    public var out: String
    public var err: String
}

/// Runs `govsim ARGS…` in-process and returns its exit status and what it wrote.
public func govsim(_ args: [String]) -> CommandOutcome {
    let r = CommandRecorder()
    let status = GovSimTool.main(args, console: r.console)
    return CommandOutcome(status: status, out: r.out, err: r.err)
}

/// The debug `govsim` binary `swift build` leaves, for tests that signal a real process; nil
/// when it has not been built.
public var builtGovsim: String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent(".build/debug/govsim").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}
