// Linux inotify on the content and templates folders: tells at once that a file was saved, moved or removed,
// where polling would notice only at its next round.

#if canImport(Glibc)
import Foundation
import Glibc

/// One inotify instance watching every folder under the given ones. Only finished writes count
/// (`IN_CLOSE_WRITE`, a rename into place, a new or removed entry), never a write still under way, so an
/// editor that empties a file before writing it causes no build of the empty file.
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var watched: Set<String> = []

    static let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ATTRIB)

    /// Nil where the system offers no inotify (or has none left): the caller polls instead.
    init?(folders: [String]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        guard watchNewFolders(under: folders) else {
            close(descriptor)
            return nil
        }
    }

    deinit {
        close(descriptor)
    }

    /// Watches every folder under `folders` not yet watched (a folder made since is found here);
    /// false if the system refused a watch.
    @discardableResult
    func watchNewFolders(under folders: [String]) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        var allWatched = true
        var pending = folders
        while let folder = pending.popLast() {
            // The content loader follows links; so does the watch (inotify_add_watch follows them too).
            let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            if !watched.contains(resolved) {
                if inotify_add_watch(descriptor, resolved, Self.mask) >= 0 {
                    watched.insert(resolved)
                } else {
                    allWatched = false
                }
            }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = folder + "/" + name
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue {
                    pending.append(child)
                }
            }
        }
        return allWatched
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
