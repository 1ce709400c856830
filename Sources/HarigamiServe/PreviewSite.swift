// What the preview serves right now: the last build that worked, and the problems of the latest attempt.

import Foundation
import HarigamiModel

public struct PreviewSite: Sendable {
    /// Nil until a build has worked.
    public var files: [String: Data]?
    /// Errors of the latest build; empty when it worked.
    public var problems: [Diagnostic]
    /// Changes with every build that changes what a page shows; pages carry it to notice they are stale.
    public var buildID: String

    public init(files: [String: Data]?, problems: [Diagnostic], buildID: String) {
        self.files = files
        self.problems = problems
        self.buildID = buildID
    }

    /// The next state after `build`, the files it changed, and the event that tells open pages, or nil when
    /// nothing they show changed.
    public func applying(_ build: PreviewBuild, buildID newID: String) -> (site: PreviewSite, changedPaths: [String], event: ReloadEvent?) {
        let problems = build.errors
        let files = build.files ?? self.files
        let changedPaths = Self.changedPaths(from: self.files ?? [:], to: files ?? [:])
        let problemsChanged = problems != self.problems
        guard problemsChanged || !changedPaths.isEmpty else { return (self, [], nil) }
        let next = PreviewSite(files: files, problems: problems, buildID: newID)
        // The overlay is in every page, so a change of problems reloads every page.
        return (next, changedPaths, .reload(build: newID, paths: changedPaths, all: problemsChanged))
    }

    /// Files added, removed or changed, sorted.
    static func changedPaths(from old: [String: Data], to new: [String: Data]) -> [String] {
        var changed = new.compactMap { path, after in old[path].map { sameBytes($0, after) } == true ? nil : path }
        changed += old.keys.filter { new[$0] == nil }
        return changed.sorted()
    }

    /// Whether two files hold the same bytes. A file the build did not make again is the very same buffer, so
    /// for most files of a large site this is one comparison of addresses instead of reading megabytes.
    static func sameBytes(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        let shared = a.count > 64 && a.withUnsafeBytes { first in b.withUnsafeBytes { second in first.baseAddress == second.baseAddress } }
        return shared || a == b
    }
}
