import Foundation
import Synchronization

/// Ctrl-C and SIGTERM ask a running command to stop starting trials; the trials already
/// finished are written, marked partial.
public final class Interruption: Sendable {
    private let flag = Atomic<Bool>(false)

    public static let shared = Interruption()

    public var requested: Bool { flag.load(ordering: .relaxed) }
    public func request() { flag.store(true, ordering: .relaxed) }

    /// Routes SIGINT, SIGTERM and SIGHUP (a closed terminal or ssh session) to `shared`.
    public static func install() {
        signal(SIGINT) { _ in Interruption.shared.request() }
        signal(SIGTERM) { _ in Interruption.shared.request() }
        signal(SIGHUP) { _ in Interruption.shared.request() }
    }
}
