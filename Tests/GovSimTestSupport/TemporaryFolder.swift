import Foundation

/// A fresh folder under the system temporary directory, removed when the test ends (when the
/// last reference goes).
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "test") {
        path = NSTemporaryDirectory() + "govsim-\(label)-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` in the folder.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` to `name` in the folder (creating the folders `name` names) and returns its
    /// path; `executable` makes the file executable (mode 755), for stand-in programs.
    @discardableResult
    public func write(_ name: String, _ text: String, executable: Bool = false) -> String {
        let file = file(name)
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        if executable { try! FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }

    /// The text of `name`, nil when it cannot be read.
    public func read(_ name: String) -> String? {
        try? String(contentsOfFile: file(name), encoding: .utf8)
    }

    /// The bytes of `name`, nil when it does not exist.
    public func data(_ name: String) -> Data? { FileManager.default.contents(atPath: file(name)) }
}
