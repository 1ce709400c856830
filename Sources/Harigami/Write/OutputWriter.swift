// Writes a build into place in one step: a temporary folder beside the target, then a rename.

import Foundation

public enum OutputWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
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
        try? fm.removeItem(at: staging) // a leftover of an interrupted build of this process id, ours to remove
        do {
            for path in files.keys.sorted() {
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
            if files.isEmpty { try fm.createDirectory(at: staging, withIntermediateDirectories: true) }
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
        if hadPrevious {
            do { try fm.removeItem(at: retired) } catch {
                throw WriteError(path: retired.path, reason: "the new output is in place, but the previous one could not be removed (\(error.localizedDescription))")
            }
        }
    }
}
