import Foundation

/// Writes files so that a reader sees either the old file or the whole new one, never half:
/// the bytes go to a temporary file in the same folder, are flushed, then renamed over the target,
/// and the folder is flushed so the rename survives a power cut. The temporary file has an
/// unpredictable name and is created with O_EXCL|O_NOFOLLOW, so nothing planted in the folder
/// (a symlink to another file) is ever written through.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        var random = SystemRandomNumberGenerator()
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(String(random.next() as UInt64, radix: 36))").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var written = 0
        let ok = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            while written < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        let error = errno
        guard ok, fsync(fd) == 0 else {
            close(fd)
            unlink(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(error)))
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        syncDirectory(url.deletingLastPathComponent().path)
    }

    /// Flushes a folder's entries (renames, removals) to disk.
    public static func syncDirectory(_ path: String) {
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Creates a folder and its parents.
    public static func makeDirectory(_ path: String) throws(WriteError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        guard access(path, W_OK) == 0 else { throw WriteError(path: path, reason: "the folder is not writable") }
    }
}
