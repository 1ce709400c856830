// Publishes a build into the output folder: every file written into one new folder beside the previous one,
// then the two swapped in one step, so a build stopped at any instant leaves the whole previous or the whole
// new output; then, for the staff build, its archive beside it. Harigami replaces only folders and files it wrote
// (OutputRecord), never a link, and deletes nothing else but what its own interrupted builds left.

import Foundation
import HarigamiModel

public enum OutputWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        /// True when the output folder is not Harigami's to replace (a link, a file, a folder it did not write), as
        /// against writing that failed.
        public var isRefusal = false
        public var description: String { "\(path): \(reason)" }
    }

    /// What publishing did, for the build's messages.
    public struct Outcome: Sendable, Equatable {
        /// True when a previous build's folder was replaced; false when the folder is new.
        public var replaced = false
        /// What else was done: leftovers of interrupted builds removed, the link to the posters made.
        public var notes: [String] = []
        /// What was left alone, and why.
        public var warnings: [String] = []
        /// The archive written beside the folder (`staff.zip`), nil when none was asked for or it could not be written.
        public var archive: String?
        /// Why the archive asked for was not written, while the folder was.
        public var archiveFailure: String?
    }

    /// The folders a build writes, one per audience.
    public static let folderNames = ["site", "staff"]
    /// `Output/posters`: a link to the posters inside the site (`site/posters`, or `staff/posters` when only the
    /// staff build exists), so it changes in the same step as the site.
    public static let postersLink = "posters"

    static let stagingPrefix = ".harigami-new-"
    static let linkStagingPrefix = ".harigami-link-"
    static let retiredPrefix = ".harigami-old-"

    /// Replaces `output/name` with exactly `files` (and the empty `folders`), then, when `archive` is given,
    /// replaces `output/name.zip` with it. `waiting` is called when another build of the same output folder is
    /// writing; this one then waits for it.
    public static func publish(_ files: [String: Data], folders: Set<String> = [], as name: String, in output: String,
                               archive: Data? = nil, waiting: () -> Void = {}) throws(WriteError) -> Outcome {
        try publish(files, folders: folders, as: name, in: output, archive: archive, waiting: waiting, swapInOneStep: true, between: { _ in })
    }

    /// For the tests: `swapInOneStep: false` does what systems without the exchange do; `between` is called
    /// between every two steps that change the output folder, where a kill could stop the build.
    static func publish(_ files: [String: Data], folders: Set<String> = [], as name: String, in output: String, archive: Data? = nil,
                        waiting: () -> Void = {}, swapInOneStep: Bool, between: @escaping (String) -> Void) throws(WriteError) -> Outcome {
        let staging = try OutputStaging(as: name, in: output, withArchive: archive != nil, waiting: waiting, swapInOneStep: swapInOneStep, between: between)
        try staging.write(files)
        return try staging.publish(folders: folders, archive: archive)
    }

    // MARK: - What is Harigami's

    /// The folder at `name` that the new one replaces, nil when there is none; refuses one that is not Harigami's.
    static func previousFolder(_ name: String, shown: String, in folder: OutputFolder, record: OutputRecord,
                               topLevel: Set<String>) throws(WriteError) -> FolderIdentity? {
        let entry: OutputEntry
        let names: [String]
        do {
            entry = try folder.entry(name)
            guard case .folder = entry else { return try refuse(entry, shown: shown) }
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + name)
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: shown, reason: "cannot look at the previous output (\(describe(error))); nothing was written")
        }
        guard case .folder(let identity) = entry else { return nil }
        // Recorded; empty; or, while there is no record, shaped like an earlier version's output (which kept none):
        // every name in it is one this build writes at the top of the site.
        if record.wrote(name, identity, generation: folder.generation(name)) || names.isEmpty { return identity }
        let strangers = names.filter { !topLevel.contains($0) }.sorted()
        // Once this version has written here (its record lists a folder), an earlier version's folder is recorded
        // too: one the record does not list was put here by someone else, whatever names it holds.
        if strangers.isEmpty, !record.folders.isEmpty {
            throw WriteError(path: shown, reason: "this folder was not written by Harigami (\(OutputRecord.fileName), its record of the folders "
                + "it wrote, does not list it), and Harigami replaces only folders it wrote; nothing was written. Move the folder elsewhere, "
                + "or build into another folder with --output", isRefusal: true)
        }
        if strangers.isEmpty { return identity }
        throw WriteError(path: shown, reason: "this folder was not written by Harigami (it holds \(list(strangers)), which a build does not write), "
            + "and Harigami replaces only folders it wrote; nothing was written. Move the folder elsewhere, or build into another folder with --output", isRefusal: true)
    }

    /// Where no record is kept yet, the other audiences' folders shaped like an earlier version's output, so that
    /// the record, once written, lists them as Harigami's.
    static func earlierFolders(besides name: String, shown: String, in folder: OutputFolder,
                               topLevel: Set<String>) throws(WriteError) -> [String: [FolderIdentity]] {
        var found: [String: [FolderIdentity]] = [:]
        do {
            for other in folderNames where other != name {
                guard case .folder(let identity) = try folder.entry(other) else { continue }
                let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + other)
                if names.allSatisfy(topLevel.contains) { found[other] = [identity] }
            }
        } catch {
            throw WriteError(path: shown, reason: "cannot look at the previous output (\(describe(error))); nothing was written")
        }
        return found
    }

    /// The file at `name` (the staff archive) that a new one replaces, nil when there is none; refuses anything but
    /// a file the record lists: an earlier version wrote no such file, so there is no other way to know it as Harigami's.
    static func previousFile(_ name: String, shown: String, in folder: OutputFolder, record: OutputRecord) throws(WriteError) -> FolderIdentity? {
        let entry: OutputEntry
        let identity: FolderIdentity?
        do {
            entry = try folder.entry(name)
            identity = try folder.fileIdentity(name)
        } catch {
            throw WriteError(path: shown, reason: "cannot look at the previous file (\(describe(error))); nothing was written")
        }
        switch entry {
        case .missing:
            return nil
        case .link(let destination):
            throw WriteError(path: shown, reason: "this is a symbolic link to \(destination); Harigami never replaces a link; nothing was "
                + "written. Remove the link (`rm \(shown)`, which leaves \(destination) as it is) and build again", isRefusal: true)
        case .folder:
            throw WriteError(path: shown, reason: "this is a folder, where the build writes a file; nothing was written. Move it elsewhere, "
                + "or build into another folder with --output", isRefusal: true)
        case .other:
            if let identity, record.wroteFile(name, identity, generation: folder.generation(name)) { return identity }
            throw WriteError(path: shown, reason: "this file was not written by Harigami (\(OutputRecord.fileName), its record of what it "
                + "wrote, does not list it), and Harigami replaces only files it wrote; nothing was written. Move the file elsewhere, "
                + "or build into another folder with --output", isRefusal: true)
        }
    }

    private static func refuse(_ entry: OutputEntry, shown: String) throws(WriteError) -> FolderIdentity? {
        switch entry {
        case .missing, .folder: return nil
        case .link(let destination):
            throw WriteError(path: shown, reason: "this is a symbolic link to \(destination); Harigami never replaces or empties a link "
                + "(that would delete what is at \(destination)); nothing was written. Remove the link (`rm \(shown)`, which leaves "
                + "\(destination) as it is), build into the real folder \(shown), then copy it where the link pointed, "
                + "e.g. `rsync -a \(shown)/ \(destination)/` (which adds and updates files there and deletes none)", isRefusal: true)
        case .other:
            throw WriteError(path: shown, reason: "this is a file, not a folder Harigami wrote; nothing was written. Move it elsewhere, "
                + "or build into another folder with --output", isRefusal: true)
        }
    }

    // MARK: - Output/posters

    enum PostersStep: Equatable {
        /// Make `posters` a link to `destination`; `replacing` is what is there now: nothing, Harigami's link,
        /// or an earlier version's folder of posters. Before the swap when the link resolves before and after it:
        /// then it changes in the same step as the site.
        case link(destination: String, replacing: OutputEntry, beforeSwap: Bool)
        case keep
        case leave(warning: String)
    }

    static func postersStep(building name: String, in folder: OutputFolder, output: String, record: OutputRecord,
                            recorded: Bool) throws -> PostersStep {
        var destination = "\(name)/posters"
        if name != "site", case .folder(let site) = try folder.entry("site"), record.wrote("site", site, generation: folder.generation("site")) {
            destination = "site/posters"
        }
        let shown = output + "/" + postersLink
        let entry = try folder.entry(postersLink)
        var resolvesNow = false
        if case .folder = try folder.entry(firstPart(destination)) { resolvesNow = true }
        switch entry {
        case .missing:
            return .link(destination: destination, replacing: entry, beforeSwap: resolvesNow)
        case .link(let current) where current == destination:
            return .keep
        case .link(let current) where folderNames.map({ "\($0)/posters" }).contains(current):
            return .link(destination: destination, replacing: entry, beforeSwap: resolvesNow)
        case .link(let current):
            return .leave(warning: "\(shown) is a link to \(current), which Harigami did not make: left as it is. "
                + "The posters are in \(output)/\(name)/posters")
        case .folder:
            let strangers = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + postersLink).sorted().filter { file in
                guard isPosterFileName(file) else { return true }
                var status = stat()
                return lstat(folder.path + "/" + postersLink + "/" + file, &status) != 0 || status.st_mode & S_IFMT != S_IFREG
            }
            guard strangers.isEmpty else {
                return .leave(warning: "\(shown) holds \(list(strangers)), which is not a poster Harigami wrote: the folder is left as it is. "
                    + "The posters are now in \(output)/\(name)/posters; move \(shown) elsewhere and build again, "
                    + "and \(shown) becomes a link to them")
            }
            // Only an earlier version, which kept no record, wrote a folder of posters here; where this version
            // has written (its record lists a folder), the link it made was replaced by someone's own folder.
            guard !recorded else {
                return .leave(warning: "\(shown) is a folder of posters Harigami did not write: left as it is. "
                    + "The posters are now in \(output)/\(name)/posters; move \(shown) elsewhere and build again, "
                    + "and \(shown) becomes a link to them")
            }
            return .link(destination: destination, replacing: entry, beforeSwap: resolvesNow)
        case .other:
            return .leave(warning: "\(shown) is a file, not Harigami's: left as it is. The posters are in \(output)/\(name)/posters")
        }
    }

    /// `awareness.ja.A4.html`, `awareness.ja-en.B4.html`: the names of the files Harigami writes for posters.
    static func isPosterFileName(_ file: String) -> Bool {
        let parts = file.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts.last == "html", PosterPaper(rawValue: String(parts[parts.count - 2])) != nil,
              !parts[0].isEmpty else { return false }
        let languages = parts[parts.count - 3].split(separator: "-", omittingEmptySubsequences: false)
        return !languages.isEmpty && languages.allSatisfy { tag in
            !tag.isEmpty && tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Makes `Output/posters` the link to `destination`, in one rename; an earlier version's folder of posters
    /// it replaces is swapped out in that step and then deleted.
    static func link(_ destination: String, replacing: OutputEntry, in folder: OutputFolder, output: String,
                     beforeSwapOf swapped: String?, staging: String) throws(WriteError) -> [String] {
        let shown = output + "/" + postersLink
        let temporary = linkStagingPrefix + postersLink
        do {
            try folder.makeLink(temporary, to: destination)
            switch replacing {
            case .missing:
                if try !folder.renameIfAbsent(temporary, to: postersLink) { try folder.rename(temporary, to: postersLink) }
                return [] // the link every build makes; the README describes it
            case .link:
                try folder.rename(temporary, to: postersLink)
                return ["\(shown) now links to \(destination)"]
            default:
                if try !folder.exchange(temporary, postersLink) {
                    try folder.rename(postersLink, to: retiredPrefix + postersLink)
                    try folder.rename(temporary, to: postersLink)
                    try folder.rename(retiredPrefix + postersLink, to: temporary)
                }
            }
        } catch {
            // Before the swap, the build stops here and its new folder is deleted.
            let unchanged = swapped.map { "; the previous \($0) is unchanged" + removingStaging(staging, in: folder) } ?? ""
            throw WriteError(path: shown, reason: "cannot make the link to \(destination) (\(describe(error)))\(unchanged)")
        }
        do {
            try folder.remove(temporary)
        } catch {
            return ["\(shown), the folder of posters an earlier Harigami version wrote, is now a link to \(destination); "
                + "the old folder could not be deleted from \(output)/\(temporary) (\(describe(error))), the next build deletes it"]
        }
        return ["\(shown), the folder of posters an earlier Harigami version wrote, was deleted and is now a link to \(destination)"]
    }

    // MARK: - Writing

    /// Moves the archive, written beside its folder before the swap, into place over the previous one. Renaming in
    /// one folder fails only when the system does; then the previous archive, which would be left beside a newer
    /// folder, is deleted and `outcome` tells why.
    static func placeArchive(_ staged: String, as name: String, replacing previous: FolderIdentity?, beside folderShown: String,
                             in folder: OutputFolder, output: String, record: inout OutputRecord, outcome: inout Outcome) {
        let shown = output + "/" + name
        let written = record.files?[name]?.last
        do {
            try folder.rename(staged, to: name)
            try folder.sync()
        } catch {
            var failure = "\(folderShown) was written, but \(shown) was not (\(describe(error)))"
            do {
                let now = try folder.fileIdentity(name)
                if now != nil, now == written {
                    outcome.archive = name // renamed into place; only syncing the folder failed
                    outcome.warnings.append("\(shown) was written, but \(describe(error))")
                    record.files?[name] = written.map { [$0] }
                    return
                }
                if let previous, now == previous {
                    try folder.remove(name)
                    failure += "; the previous \(shown), which no longer matches \(folderShown), was deleted"
                }
                record.files?[name] = nil
            } catch let removal {
                failure += "; the previous \(shown), which no longer matches \(folderShown), could not be deleted (\(describe(removal)))"
            }
            failure += removingStaging(staged, in: folder, what: "archive")
            outcome.archiveFailure = failure
            return
        }
        record.files?[name] = written.map { [$0] }
        if let written { record.remember(written, generation: folder.generation(name)) }
        outcome.archive = name
    }

    /// Writes a new file; the system's own reason when it cannot (a full disk: "No space left on device").
    static func writeFile(_ path: String, _ data: Data) -> SystemCallError? {
        let file = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard file >= 0 else { return SystemCallError(action: "cannot create \(path)", code: errno) }
        var failure: SystemCallError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(file, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failure = SystemCallError(action: "cannot write \(path)", code: written < 0 ? errno : EIO)
                    return
                }
                offset += written
            }
        }
        if close(file) != 0, failure == nil { failure = SystemCallError(action: "cannot write \(path)", code: errno) }
        return failure
    }

    /// Removes, in the output folder, what Harigami's interrupted builds and earlier versions left: its staging
    /// folders, and the `.site.new-PID`, `.site.old-PID` and `.site.previous` of earlier versions (also for staff and
    /// posters). A link among them is removed, never followed. Returns the names removed.
    static func removeLeftovers(in folder: OutputFolder) throws -> [String] {
        let leftovers = try folder.names().filter(isLeftover).sorted()
        for name in leftovers { try folder.remove(name) }
        return leftovers
    }

    /// Only the exact names a build writes (`.harigami-new-site`, `.harigami-old-posters`, …): a user's
    /// `.harigami-new-ideas` is not one of them and is kept.
    static func isLeftover(_ name: String) -> Bool {
        let written = folderNames + folderNames.map { $0 + ".zip" } + [postersLink]
        if [stagingPrefix, linkStagingPrefix, retiredPrefix].contains(where: { prefix in written.contains { prefix + $0 == name } })
            || name == OutputRecord.fileName + ".tmp" {
            return true
        }
        // Earlier versions named their temporary folders with the process number: `.site.new-1234`. A name that
        // ends otherwise (`.site.old-backup`) is someone else's.
        return (folderNames + [postersLink]).contains { folder in
            guard name != ".\(folder).previous" else { return true }
            for prefix in [".\(folder).new-", ".\(folder).old-"] where name.hasPrefix(prefix) {
                let number = name.dropFirst(prefix.count)
                return !number.isEmpty && number.allSatisfy { $0.isASCII && $0.isNumber }
            }
            return false
        }
    }

    /// Deletes the staging folder after a failure, and says how that went, as the end of the failure's message.
    static func removingStaging(_ staging: String, in folder: OutputFolder, what: String = "output") -> String {
        do {
            if try folder.entry(staging) != .missing { try folder.remove(staging) }
            return "; the partly written new \(what) was deleted"
        } catch {
            return "; the partly written new \(what) could not be deleted from \(folder.path)/\(staging) (\(describe(error))), the next build deletes it"
        }
    }

    static func firstPart(_ path: String) -> String {
        String(path.split(separator: "/", maxSplits: 1).first ?? Substring(path))
    }

    private static func list(_ names: [String]) -> String {
        names.count > 3 ? names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more" : names.joined(separator: ", ")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? SystemCallError { return error.description }
        if let error = error as? WriteError { return error.description }
        return error.localizedDescription
    }
}
