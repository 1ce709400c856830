// Notices edits under the content and templates folders by polling, so it works the same on every system.
//
// Every `interval` (100 ms) it takes the size, modification time and file number of every file. A
// change is acted on once two polls in a row agree: many editors save by emptying the file and then
// writing it, and a build of the empty file in between would flash a false error on every page.
// The folders hold a few hundred small files at most: one poll costs about a millisecond.

import Foundation

public struct ChangeWatcher: Sendable {
    public var folders: [String]
    public var interval: Duration

    public init(folders: [String], interval: Duration = .milliseconds(100)) {
        self.folders = folders
        self.interval = interval
    }

    /// What the watcher compares: one stamp per file, by path.
    public struct Fingerprint: Equatable, Sendable {
        var stamps: [String: Stamp]
    }

    struct Stamp: Equatable, Sendable {
        var size: UInt64
        var modified: Date
        var fileNumber: UInt64
    }

    /// Hidden files are left out, as the content loader leaves them out: an editor's swap file
    /// (`.guideline.ja.md.swp`) changes on every keystroke and would rebuild for nothing.
    public func fingerprint() -> Fingerprint {
        var stamps: [String: Stamp] = [:]
        for folder in folders { Self.collect(folder, into: &stamps) }
        return Fingerprint(stamps: stamps)
    }

    /// A file that vanishes between listing and reading its attributes is simply not in this
    /// fingerprint: the next poll sees the folder as it then is.
    static func collect(_ path: String, into stamps: inout [String: Stamp]) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: path) else { return }
        for name in names where !name.hasPrefix(".") {
            let child = path + "/" + name
            // Following links as the content loader does: an edit to a linked file is an edit.
            guard let attributes = try? fm.attributesOfItem(atPath: URL(fileURLWithPath: child).resolvingSymlinksInPath().path) else { continue }
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                stamps[child + "/"] = Stamp(size: 0, modified: .distantPast, fileNumber: 0)
                collect(child, into: &stamps)
            } else {
                stamps[child] = Stamp(size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0,
                                      modified: attributes[.modificationDate] as? Date ?? .distantPast,
                                      fileNumber: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
            }
        }
    }

    /// Calls `changed` after each settled change, until the task is cancelled. `since` is the state
    /// the current build was made from: taken before that build, so an edit during it is not missed.
    public func watch(since start: Fingerprint, changed: @Sendable () async -> Void) async {
        var built = start
        var previous = start
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let current = fingerprint()
            if current != built, current == previous {
                built = current
                await changed()
            }
            previous = current
        }
    }
}
