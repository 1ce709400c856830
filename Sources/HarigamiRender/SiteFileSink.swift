// Where a render puts the files it finishes: the build writes them into its new output folder, the check only
// scans them, the preview keeps them. A site is handed over a few hundred pages at a time, never whole.

import Foundation
import HarigamiModel

public protocol SiteFileSink {
    /// Called once, before any file: the staff texts and shared headings the leak scan needs (`SiteBuild`).
    mutating func begin(staffTexts: [Located<String>], sharedHeadings: [String])
    /// Finished files, relative path → bytes; no path comes twice.
    mutating func receive(_ files: [String: Data])
}

/// Keeps every file, for a caller that wants the whole site in memory.
public struct KeptFiles: SiteFileSink {
    public var files: [String: Data] = [:]

    public init() {}

    public mutating func begin(staffTexts: [Located<String>], sharedHeadings: [String]) {}

    public mutating func receive(_ files: [String: Data]) {
        self.files.merge(files) { _, later in later }
    }
}
