// Linux inotify on the content and templates folders: tells at once that a file was saved, moved or removed,
// where polling would notice only at its next round.

#if canImport(Glibc)
import Foundation
import Glibc
import Harigami

/// One inotify instance watching every folder under the given ones, and the targets of linked files. Only
/// finished writes count (`IN_CLOSE_WRITE`, a rename into place, a new or removed entry), never a write still
/// under way, so an editor that empties a file before writing it causes no build of the empty file.
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32

    static let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ATTRIB)

    /// Nil where the system offers no inotify, or refuses a watch (its limit reached): the caller polls instead.
    init?(folders: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0, watch(folders) else { return nil }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Watches every folder under `folders` and every linked file's target; false if the system refused one.
    /// Asked again after every change: a folder made, or removed and made again, since is watched from then on
    /// (a folder already watched keeps its watch).
    func watch(_ folders: [String]) -> Bool {
        var pending = folders
        while let folder = pending.popLast() {
            // The content loader follows links; so does the watch.
            if inotify_add_watch(descriptor, folder, Self.mask) < 0 {
                // A folder removed since it was listed is simply not there to watch.
                if errno == ENOENT { continue }
                return false
            }
            let entries: [FolderEntry]
            // A folder that cannot be listed has its own watch; what is in it is watched once it can be.
            do { entries = try FileStamp.entries(in: folder) } catch { continue }
            for entry in entries where !entry.name.hasPrefix(".") {
                let child = folder + "/" + entry.name
                // Only a link needs a second system call, to learn what it leads to.
                let isFolder = entry.stamp.isSymbolicLink ? FileStamp.of(child, followingLinks: true)?.isDirectory == true : entry.stamp.isDirectory
                if isFolder {
                    pending.append(child)
                } else if entry.stamp.isSymbolicLink, inotify_add_watch(descriptor, child, Self.mask) < 0, errno != ENOENT {
                    return false
                }
            }
        }
        return true
    }

    /// Reads every event waiting, without blocking; true if there was any.
    func drain() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var any = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return any }
            any = true
        }
    }
}
#endif
