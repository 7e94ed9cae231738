import Foundation

/// A folder of results commits whole: while a command writes it, a `.incomplete` marker is in it;
/// the last file written is `SHA256SUMS` (each data file's SHA-256, as `sha256sum -c` reads it),
/// then the marker goes. Readers (report, merge, resume) refuse a folder that is still marked or
/// whose files no longer match their digests, so a folder left by a kill, a full disk or a
/// hand edit is never read as a result.
public enum OutputFolder {
    public static let marker = ".incomplete"
    public static let sums = "SHA256SUMS"

    static func join(_ d: String, _ f: String) -> String { (d as NSString).appendingPathComponent(f) }

    /// Marks the folder as being written (and drops the old digests: they are about to go stale).
    public static func begin(_ directory: String) throws(AtomicFile.WriteError) {
        try AtomicFile.write("govsim is writing this folder; its files are not a result until this file is gone\n", to: join(directory, marker))
        unlink(join(directory, sums))
    }

    /// Lists `files`' digests, then removes the marker.
    public static func commit(_ directory: String, files: [String]) throws(AtomicFile.WriteError) {
        var text = ""
        for f in files.sorted() {
            guard let data = FileManager.default.contents(atPath: join(directory, f)) else {
                throw AtomicFile.WriteError(path: join(directory, f), reason: "missing when the folder was committed")
            }
            text += SHA256.hex(data) + "  " + f + "\n"
        }
        try AtomicFile.write(text, to: join(directory, sums))
        unlink(join(directory, marker))
        AtomicFile.syncDirectory(directory)
    }

    /// Removes the temporary files (`.NAME.tmp-XXXX`, `AtomicFile`'s) a writer killed mid-write
    /// left in the folder and in its `points/` subfolder. Call it only holding the folder's lock.
    public static func removeOrphans(_ directory: String) {
        for folder in [directory, join(directory, "points")] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            var removed = false
            for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
                removed = unlink(join(folder, name)) == 0 || removed
            }
            if removed { AtomicFile.syncDirectory(folder) }
        }
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks that the folder was committed and its listed files are intact. A folder from before
    /// digests were kept (no marker, no SHA256SUMS) passes.
    public static func verify(_ directory: String) throws(Refusal) {
        if FileManager.default.fileExists(atPath: join(directory, marker)) {
            throw Refusal(description: "\(directory): incomplete (a govsim writing it stopped before committing it); run the command again")
        }
        guard let text = try? String(contentsOfFile: join(directory, sums), encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64 else { throw Refusal(description: "\(join(directory, sums)): damaged") }
            let name = String(parts[1].drop { $0 == " " || $0 == "*" })
            guard !name.contains("/"), let data = FileManager.default.contents(atPath: join(directory, name)) else {
                throw Refusal(description: "\(join(directory, name)): missing, though \(sums) lists it")
            }
            guard SHA256.hex(data) == parts[0] else {
                throw Refusal(description: "\(join(directory, name)): changed since it was written (its SHA-256 does not match \(sums))")
            }
        }
    }
}
