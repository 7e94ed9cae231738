import Foundation

/// An exclusive lock on an output folder (`flock` on `.govsim.lock` in it), held until the
/// process ends or the lock is released, so a second govsim writing into the same folder is
/// refused instead of mixing its files with the first one's.
public final class FolderLock: @unchecked Sendable {
    public static let fileName = ".govsim.lock"
    private let fd: Int32

    public struct Busy: Error, CustomStringConvertible {
        public var directory: String
        public var description: String {
            "\(directory): another govsim is writing into this folder; wait for it to finish or use another --out"
        }
    }

    /// Takes the lock without waiting.
    public init(directory: String) throws {
        let path = (directory as NSString).appendingPathComponent(FolderLock.fileName)
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.WriteError(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Busy(directory: directory)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
