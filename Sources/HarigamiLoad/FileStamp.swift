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
        return FileStamp(info)
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

/// One entry of a folder, as `FileStamp.entries(in:)` lists it.
public struct FolderEntry: Sendable {
    public var name: String
    /// The entry itself, not what a link leads to.
    public var stamp: FileStamp
}

extension FileStamp {
    /// The entries of the folder at `path` (`.` and `..` left out), each stamped relative to the open folder: the
    /// system does not walk the whole path again for every file, which in a folder of thousands is most of the cost.
    public static func entries(in path: String) throws -> [FolderEntry] {
        guard let folder = opendir(path) else { throw FolderError(path: path, code: errno) }
        defer { closedir(folder) }
        let descriptor = dirfd(folder)
        var entries: [FolderEntry] = []
        while true {
            // `readdir` says nothing more both at the end and on an error; only `errno` tells them apart.
            errno = 0
            guard let entry = readdir(folder) else {
                if errno != 0 { throw FolderError(path: path, code: errno) }
                return entries
            }
            // Stamped by the name's own bytes: a name that is not UTF-8 is still found (and shown with U+FFFD).
            let found: (name: String, stamp: FileStamp?) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                var info = stat()
                let stamped = raw.withMemoryRebound(to: CChar.self) { fstatat(descriptor, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) } == 0
                return (String(decoding: bytes, as: UTF8.self), stamped ? FileStamp(info) : nil)
            }
            // An entry removed since the folder was read is simply not there.
            guard found.name != ".", found.name != "..", let stamp = found.stamp else { continue }
            entries.append(FolderEntry(name: found.name, stamp: stamp))
        }
    }

    init(_ info: stat) {
        let type = info.st_mode & S_IFMT
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        device = UInt64(info.st_dev)
        fileNumber = UInt64(info.st_ino)
        size = Int64(info.st_size)
        isDirectory = type == S_IFDIR
        isRegularFile = type == S_IFREG
        isSymbolicLink = type == S_IFLNK
    }
}

/// A folder that cannot be read, with the system's reason.
public struct FolderError: Error, CustomStringConvertible, LocalizedError {
    public var path: String
    public var code: Int32

    public var description: String { "\(path): \(String(cString: strerror(code)))" }
    public var errorDescription: String? { description }
}

/// Every file and folder under one folder with its stamp, following links as the content loader does: what the
/// preview compares to know whether anything changed. Each folder is read once (by device and file number), so a
/// link back to a folder around it is not followed again.
public struct FolderStamps: Equatable, Sendable {
    /// By path relative to the folder; a linked file's stamp is its target's.
    public var files: [String: FileStamp] = [:]
    /// Folders count by their path alone: a new empty folder is a change too.
    public var folders: Set<String> = []
    /// False when a folder in it could not be read (what it holds is missing here).
    public var isComplete = true

    /// `includingHidden`: also names starting with `.`, which the content loader leaves out.
    public init(of folder: String, includingHidden: Bool) {
        var seen = Set<[UInt64]>()
        collect("", under: folder, includingHidden: includingHidden, seen: &seen)
    }

    private mutating func collect(_ relative: String, under root: String, includingHidden: Bool, seen: inout Set<[UInt64]>) {
        let path = relative.isEmpty ? root : root + "/" + relative
        guard let identity = FileStamp.of(path, followingLinks: true), seen.insert([identity.device, identity.fileNumber]).inserted else { return }
        let entries: [FolderEntry]
        do { entries = try FileStamp.entries(in: path) } catch {
            isComplete = false
            return
        }
        for entry in entries where includingHidden || !entry.name.hasPrefix(".") {
            let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
            // A file that vanished since the folder was read is simply not here.
            guard let stamp = entry.stamp.isSymbolicLink ? FileStamp.of(root + "/" + child, followingLinks: true) : entry.stamp else { continue }
            if stamp.isDirectory {
                folders.insert(child)
                collect(child, under: root, includingHidden: includingHidden, seen: &seen)
            } else {
                files[child] = stamp
            }
        }
    }
}
