// What the file system says about a file without reading it: which file it is, its size and when it changed.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Equal stamps mean the file was not written in between, except for two writes of the same size within one
/// tick of the file system's clock; `BuildMemory` reads a file again when its stamp is that recent.
public struct FileStamp: Sendable, Hashable {
    public var device: UInt64
    public var fileNumber: UInt64
    public var size: Int64
    /// Nanoseconds since 1970: last change of the contents, last change of the file's entry (a rename, a new link).
    public var modified: Int64
    public var changed: Int64
    public var isDirectory: Bool
    public var isRegularFile: Bool
    public var isSymbolicLink: Bool

    /// The file at `path` itself (`lstat`), or, with `followingLinks`, what a link leads to; nil when there is none.
    /// A system call per file: a folder of ten thousand pages is stamped in milliseconds, where Foundation's
    /// attribute dictionaries take a good part of a second.
    public static func of(_ path: String, followingLinks: Bool = false) -> FileStamp? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        return FileStamp(device: UInt64(info.st_dev), fileNumber: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: modified, changed: changed, isDirectory: type == S_IFDIR, isRegularFile: type == S_IFREG, isSymbolicLink: type == S_IFLNK)
    }

    /// Whether the file changed within `margin` of `instant` (nanoseconds since 1970) or later: a write in the same
    /// tick of the file system's clock could have left the stamp as it was.
    public func isRecent(comparedTo instant: Int64, margin: Int64 = 2_000_000_000) -> Bool {
        max(modified, changed) >= instant - margin
    }

    /// Now, in the file system's terms (nanoseconds since 1970).
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

}
