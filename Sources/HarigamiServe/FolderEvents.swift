// Linux inotify on the content and templates folders: tells at once that a file was saved, moved or removed,
// where polling would notice only at its next round.

#if canImport(Glibc)
import Foundation
import Glibc
import HarigamiModel
import HarigamiLoad

/// One inotify instance watching every folder under the given ones, and the targets of linked files. Only
/// finished writes count (`IN_CLOSE_WRITE`, a rename into place, a new or removed entry), never a write still
/// under way, so an editor that empties a file before writing it causes no build of the empty file.
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32
    /// The path each watch was made for, to tell what a new entry is.
    private var watched: [Int32: String] = [:]

    /// What the events read at once said.
    struct Batch {
        /// Something not hidden changed: a build may show it.
        var relevant = false
        /// A folder or link appeared, a watched folder went, or events were lost: `watch` must look again.
        var rewatch = false
    }

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
        // Each folder once, by its device and file number: a link back to a folder around it would lead round forever.
        var seen = Set<[UInt64]>()
        while let folder = pending.popLast() {
            guard let identity = FileStamp.of(folder, followingLinks: true), seen.insert([identity.device, identity.fileNumber]).inserted else { continue }
            // The content loader follows links; so does the watch.
            let watch = inotify_add_watch(descriptor, folder, Self.mask)
            if watch < 0 {
                // A folder removed since it was listed is simply not there to watch.
                if errno == ENOENT { continue }
                return false
            }
            watched[watch] = folder
            let entries: [FolderEntry]
            // A folder that cannot be listed has its own watch; what is in it is watched once it can be.
            do { entries = try FileStamp.entries(in: folder) } catch { continue }
            for entry in entries where !entry.name.hasPrefix(".") {
                let child = folder + "/" + entry.name
                // Only a link needs a second system call, to learn what it leads to.
                let isFolder = entry.stamp.isSymbolicLink ? FileStamp.of(child, followingLinks: true)?.isDirectory == true : entry.stamp.isDirectory
                if isFolder {
                    pending.append(child)
                } else if entry.stamp.isSymbolicLink {
                    let watch = inotify_add_watch(descriptor, child, Self.mask)
                    if watch >= 0 { watched[watch] = child } else if errno != ENOENT { return false }
                }
            }
        }
        return true
    }

    /// Reads every event waiting, without blocking; nil if there was none.
    func drain() -> Batch? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var batch: Batch?
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return batch }
            var found = batch ?? Batch()
            parse(buffer[..<count], into: &found)
            batch = found
        }
    }

    /// Each event: `struct inotify_event` (watch, mask, cookie, name length), then the name, padded with zeros.
    private func parse(_ bytes: ArraySlice<UInt8>, into batch: inout Batch) {
        let header = MemoryLayout<inotify_event>.size
        var offset = bytes.startIndex
        while offset + header <= bytes.endIndex {
            let event = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset - bytes.startIndex, as: inotify_event.self) }
            let nameStart = offset + header
            let nameEnd = min(nameStart + Int(event.len), bytes.endIndex)
            let name = String(decoding: bytes[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
            offset = nameEnd
            note(event, name: name, into: &batch)
        }
    }

    private func note(_ event: inotify_event, name: String, into batch: inout Batch) {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            batch.relevant = true
            batch.rewatch = true
            return
        }
        // An editor's swap and backup files (`.guideline.ja.md.swp`) change on every keystroke; the loader leaves them out.
        if name.hasPrefix(".") { return }
        batch.relevant = true
        // A watched folder gone, or a folder whose permissions changed (one that could not be listed may now be).
        if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_IGNORED)) != 0
            || mask & UInt32(IN_ATTRIB) != 0 && mask & UInt32(IN_ISDIR) != 0 {
            batch.rewatch = true
        }
        guard !name.isEmpty, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 else { return }
        if mask & UInt32(IN_ISDIR) != 0 {
            batch.rewatch = true
        } else if let folder = watched[event.wd], FileStamp.of(folder + "/" + name)?.isSymbolicLink == true {
            // A new link: what it leads to is watched too.
            batch.rewatch = true
        }
    }
}
#endif
