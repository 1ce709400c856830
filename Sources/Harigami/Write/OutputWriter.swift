// Writes a build into place in one step: a temporary folder beside the target, then a rename.
//
// The output the new one replaces is kept beside it as `.NAME.previous`, and the next build writes into that
// folder in place: rewriting existing files and folders costs far less than creating thousands of new ones
// (on some file systems, creating files soon after deleting as many is slower still).

import Foundation

public enum OutputWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The folder beside `directory` that the next build rewrites in place: `Output/.site.previous`.
    public static func spare(of directory: String) -> URL {
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).previous")
    }

    /// Replaces `directory` with exactly `files`. On failure the old `directory` is left as it was.
    public static func replace(directory: String, with files: [String: Data]) throws(WriteError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: parent.path, reason: "cannot create the output folder (\(error.localizedDescription))")
        }
        let name = target.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(ProcessInfo.processInfo.processIdentifier)")
        let retired = parent.appendingPathComponent(".\(name).old-\(ProcessInfo.processInfo.processIdentifier)")
        let spare = spare(of: directory)
        try? fm.removeItem(at: staging) // a leftover of an interrupted build of this process id, ours to remove
        var folders = Set<String>()
        for path in files.keys {
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty, folders.insert(folder).inserted { folder = (folder as NSString).deletingLastPathComponent }
        }
        // Paths as text: thousands of them, and building URLs piece by piece costs more than the file system calls.
        let stagingPath = staging.path
        do {
            // Taking the spare is a rename, so two builds at once never write into the same folder.
            var recycled = fm.fileExists(atPath: spare.path) && (try? fm.moveItem(at: spare, to: staging)) != nil
            var existing = Set<String>()
            if recycled {
                do {
                    existing = try removeStale(under: stagingPath, files: files, folders: folders)
                } catch {
                    // Something in the spare could not be cleared (a name that is not UTF-8, say): start afresh.
                    try fm.removeItem(atPath: stagingPath)
                    recycled = false
                }
            }
            if !recycled {
                try fm.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
            }
            for folder in folders.sorted() where !existing.contains(folder) {
                try fm.createDirectory(atPath: stagingPath + "/" + folder, withIntermediateDirectories: false)
            }
            // Writing thousands of files is most of what a large build's writing costs: on all cores.
            let paths = files.keys.sorted()
            let rewriting = recycled
            let failures = paths.concurrentMap { path -> (any Error)? in
                let file = stagingPath + "/" + path
                // A file that already holds these bytes stays as it is: reading it back is cheaper than rewriting it.
                if rewriting, FileManager.default.contents(atPath: file) == files[path] { return nil }
                do {
                    try files[path]!.write(to: URL(fileURLWithPath: file, isDirectory: false))
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        } catch {
            try? fm.removeItem(at: staging)
            throw WriteError(path: staging.path, reason: "cannot write the new output (\(error.localizedDescription)); the previous output is unchanged")
        }
        let hadPrevious = fm.fileExists(atPath: target.path)
        do {
            if hadPrevious { try fm.moveItem(at: target, to: retired) }
        } catch {
            try? fm.removeItem(at: staging)
            throw WriteError(path: target.path, reason: "cannot replace the previous output (\(error.localizedDescription)); it is unchanged")
        }
        do {
            try fm.moveItem(at: staging, to: target)
        } catch {
            if hadPrevious { try? fm.moveItem(at: retired, to: target) }
            try? fm.removeItem(at: staging)
            throw WriteError(path: target.path, reason: "cannot move the new output into place (\(error.localizedDescription)); the previous output is unchanged")
        }
        guard hadPrevious else { return }
        // Kept for the next build to rewrite; removed only when another build has already left a spare.
        if fm.fileExists(atPath: spare.path) || (try? fm.moveItem(at: retired, to: spare)) == nil {
            do { try fm.removeItem(at: retired) } catch {
                throw WriteError(path: retired.path, reason: "the new output is in place, but the previous one could not be removed (\(error.localizedDescription))")
            }
        }
    }

    /// Empties a reused folder of everything the new build does not write: files it has no bytes for, folders
    /// it puts nothing in, and anything that is neither a plain file nor a folder (a link could lead a write elsewhere).
    /// Returns the folders it kept.
    static func removeStale(under root: String, files: [String: Data], folders: Set<String>) throws -> Set<String> {
        let fm = FileManager.default
        var kept = Set<String>()
        func clean(_ relative: String) throws {
            // One system call per entry, relative to the open folder: a large site's output has thousands.
            for entry in try FileStamp.entries(in: relative.isEmpty ? root : root + "/" + relative) {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.stamp.isDirectory, folders.contains(child) {
                    kept.insert(child)
                    try clean(child)
                } else if !(entry.stamp.isRegularFile && files[child] != nil) {
                    try fm.removeItem(atPath: root + "/" + child)
                }
            }
        }
        try clean("")
        return kept
    }
}
