import Foundation

/// The bytes of the file at `path`, nil when it does not exist or cannot be read: for comparing
/// files (two missing files are equal) and for asserting that a file is absent.
public func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// The UTF-8 text of the file at `path`; throws when it cannot be read (so a test fails naming
/// the file) or is not UTF-8.
public func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
