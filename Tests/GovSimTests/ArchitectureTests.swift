import Foundation
import XCTest

/// The layering each module's README states, checked on the sources: a module imports only the
/// modules below it, and the model does no I/O.
final class ArchitectureTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Module → what it may import.
    static let allowed: [String: Set<String>] = [
        "GovSim": ["CGSL", "Foundation", "Dispatch", "Synchronization", "Glibc"],
        "GovSimIO": ["GovSim", "Foundation", "Dispatch", "Synchronization", "Glibc"],
        "GovSimReport": ["GovSim", "GovSimIO", "Foundation"],
        "GovSimCLI": ["GovSim", "GovSimIO", "GovSimReport", "Foundation", "Dispatch", "Synchronization", "Glibc"],
    ]

    func files(_ module: String) throws -> [(String, String)] {
        let root = Self.sources.appendingPathComponent(module)
        let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        return try paths.sorted().map { ($0, try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    func testModulesImportOnlyTheLayersBelowThem() throws {
        for (module, allowed) in Self.allowed {
            let sources = try files(module)
            XCTAssertFalse(sources.isEmpty, module)
            for (path, text) in sources {
                for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                    let imported = String(line.split(separator: " ").last!)
                    XCTAssertTrue(allowed.contains(imported), "\(module)/\(path) imports \(imported)")
                }
            }
        }
    }

    func testTheModelDoesNoIO() throws {
        let forbidden = ["FileManager", "FileHandle", "ProcessInfo.processInfo", "Date()", "print(", "fopen(", "getenv("]
        for (path, text) in try files("GovSim") {
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for word in forbidden { XCTAssertFalse(code.contains(word), "GovSim/\(path) uses \(word)") }
        }
    }
}
