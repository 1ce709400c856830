// Notices edits under the content and templates folders.
//
// On Linux, inotify says at once that a file was saved and which (FolderEvents); once the folders have been
// quiet for `settle` (10 ms: a save by rename comes as several events), a change to anything but a hidden file
// starts a build, without stamping every file again: in a site of ten thousand pages that took longer than
// the build. Elsewhere, or when inotify is not available, it polls: every `interval` (100 ms) it takes
// the size, modification time and file number of every file, and acts once two polls in a row agree:
// many editors save by emptying the file and then writing it, and a build of the empty file in between
// would flash a false error on every page.

import Foundation
import HarigamiModel
import HarigamiLoad

public struct ChangeWatcher: Sendable {
    public var folders: [String]
    public var interval: Duration
    public var settle: Duration
    /// Whether to use the system's file events where it has them (tests turn it off to exercise polling).
    public var usesEvents: Bool

    public init(folders: [String], interval: Duration = .milliseconds(100), settle: Duration = .milliseconds(10), usesEvents: Bool = true) {
        self.folders = folders
        self.interval = interval
        self.settle = settle
        self.usesEvents = usesEvents
    }

    /// What the watcher compares: every file's stamp, per watched folder.
    public struct Fingerprint: Equatable, Sendable {
        var folders: [FolderStamps]
    }

    /// Hidden files are left out, as the content loader leaves them out: an editor's swap file
    /// (`.guideline.ja.md.swp`) changes on every keystroke and would rebuild for nothing. A file that vanishes
    /// between listing and reading its attributes is simply not in this fingerprint: the next poll sees the
    /// folder as it then is.
    public func fingerprint() -> Fingerprint {
        Fingerprint(folders: folders.map { FolderStamps(of: $0, includingHidden: false) })
    }

    /// Calls `changed` after each settled change, until the task is cancelled. `since` is the state
    /// the current build was made from: taken before that build, so an edit during it is not missed.
    public func watch(since start: Fingerprint, changed: @Sendable () async -> Void) async {
        #if canImport(Glibc)
        if usesEvents, let events = FolderEvents(folders: folders) {
            await watch(events, since: start, changed: changed)
            return
        }
        #endif
        await poll(since: start, changed: changed)
    }

    #if canImport(Glibc)
    private func watch(_ events: FolderEvents, since start: Fingerprint, changed: @Sendable () async -> Void) async {
        // An edit made between the fingerprint and the first watch is caught by comparing once now.
        var pending = fingerprint() != start ? FolderEvents.Batch(relevant: true, rewatch: false) : nil
        while !Task.isCancelled {
            if pending == nil {
                do { try await Task.sleep(for: .milliseconds(4)) } catch { return }
                pending = events.drain()
                continue
            }
            // Wait for the folders to be quiet: one save can be several events.
            var batch = pending ?? FolderEvents.Batch()
            while true {
                do { try await Task.sleep(for: settle) } catch { return }
                guard let more = events.drain() else { break }
                batch.relevant = batch.relevant || more.relevant
                batch.rewatch = batch.rewatch || more.rewatch
            }
            pending = nil
            // New folders (and folders made again) are watched from now on; if the system refuses, poll.
            if batch.rewatch, !events.watch(folders) {
                let before = fingerprint()
                if batch.relevant { await changed() }
                await poll(since: before, changed: changed)
                return
            }
            // The events name what changed: no need to stamp every file again to know something did.
            if batch.relevant { await changed() }
        }
    }
    #endif

    private func poll(since start: Fingerprint, changed: @Sendable () async -> Void) async {
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
