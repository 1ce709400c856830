// A build's new output folder, written a chunk of files at a time while the build renders, with the output folder
// locked throughout; then swapped in whole (`publish`) or deleted (`discard`), which leaves the output as it was.

import Foundation
import HarigamiModel

public final class OutputStaging {
    public typealias WriteError = OutputWriter.WriteError

    let folder: OutputFolder
    let name: String
    let output: String
    /// Whether `publish` will be given an archive: a failed write says what became of it too, as it always has.
    let withArchive: Bool
    let between: (String) -> Void
    /// What opening did that the build's messages mention (leftovers removed).
    var notes: [String] = []
    /// The folders made so far inside the new one, and the relative path of every file written.
    private var folders: Set<String> = []
    public private(set) var paths: [String] = []
    /// The output folder and those above it that opening made: deleted again with the new folder, when empty.
    private let madeOutput: [String]
    var discarded = false

    var shown: String { output + "/" + name }
    var staging: String { OutputWriter.stagingPrefix + name }
    var stagedArchive: String { OutputWriter.stagingPrefix + name + ".zip" }
    package var root: String { folder.path + "/" + staging }

    /// Locks `output` (calling `waiting` first when another build of it is writing), removes what interrupted
    /// builds left, and makes the new folder for `output/name`. Nothing else in `output` changes until `publish`.
    public convenience init(as name: String, in output: String, withArchive: Bool = false, waiting: () -> Void = {}) throws(WriteError) {
        try self.init(as: name, in: output, withArchive: withArchive, waiting: waiting, swapInOneStep: true, between: { _ in })
    }

    /// For the tests: see `OutputWriter.publish`.
    init(as name: String, in output: String, withArchive: Bool, waiting: () -> Void, swapInOneStep: Bool,
         between: @escaping (String) -> Void) throws(WriteError) {
        self.name = name
        self.output = output
        self.withArchive = withArchive
        self.between = between
        var missing: [String] = []
        var path = (output as NSString).standardizingPath
        while !path.isEmpty, path != "/", !FileManager.default.fileExists(atPath: path) {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        madeOutput = missing
        do {
            folder = try OutputFolder(path: output, waiting: waiting)
            folder.swapsInOneStep = swapInOneStep
        } catch {
            throw WriteError(path: output, reason: "cannot use the output folder (\(error)); nothing was written")
        }
        do {
            let removed = try OutputWriter.removeLeftovers(in: folder)
            if !removed.isEmpty {
                notes.append("removed what interrupted or earlier builds left in \(output): \(removed.joined(separator: ", "))")
            }
        } catch {
            throw WriteError(path: output, reason: "cannot remove what an interrupted build left (\(error)); nothing was written")
        }
        between("leftovers removed")
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        } catch {
            throw failure(error)
        }
    }

    /// Writes `files` (relative path → bytes) into the new folder, on all cores: writing is most of what a large
    /// build's writing costs. A failure deletes the new folder; the output is as it was.
    public func write(_ files: [String: Data]) throws(WriteError) {
        precondition(!discarded, "written after the new folder was deleted")
        do {
            try makeFolders(files.keys.map { ($0 as NSString).deletingLastPathComponent })
            let root = root
            let sorted = files.keys.sorted()
            let failures = sorted.concurrentMap { path in OutputWriter.writeFile(root + "/" + path, files[path]!) }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            paths += sorted
        } catch {
            throw failure(error)
        }
    }

    /// Every file written, read back from the new folder (the staff archive is made from them).
    public func readBack() throws(WriteError) -> [String: Data] {
        var files: [String: Data] = [:]
        do {
            for path in paths { files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }
        } catch {
            throw WriteError(path: shown, reason: "cannot read the new output back (\(OutputWriter.describe(error))); the previous \(shown) is unchanged"
                + removedForGood())
        }
        return files
    }

    /// Deletes the new folder (and the output folder, when opening made it and it is still empty): a build that
    /// failed after writing some files leaves the output as it was. What cannot be deleted, the next build deletes.
    public func discard() {
        _ = removedForGood()
    }

    private func removedForGood() -> String {
        guard !discarded else { return "" }
        discarded = true
        let said = OutputWriter.removingStaging(staging, in: folder)
        // rmdir removes only an empty folder: one someone has put something in since stays, as it should.
        for path in madeOutput { rmdir(path) }
        return said
    }

    func makeFolders(_ parents: [String]) throws {
        var new: [String] = []
        for path in parents {
            var folder = path
            while !folder.isEmpty, !folders.contains(folder) {
                folders.insert(folder)
                new.append(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        // Sorted, a folder comes before what it holds. Paths as text: building URLs piece by piece costs more.
        for folder in new.sorted() {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: false)
        }
    }

    private func failure(_ error: any Error) -> WriteError {
        discarded = true
        for path in madeOutput { rmdir(path) }
        return WriteError(path: shown, reason: "cannot write the new output (\(OutputWriter.describe(error))); the previous \(shown) is unchanged"
            + OutputWriter.removingStaging(staging, in: folder)
            + (withArchive ? OutputWriter.removingStaging(stagedArchive, in: folder, what: "archive") : ""))
    }
}

extension OutputStaging {
    /// Swaps the new folder in for `output/name` (with the empty `folders`), then, when `archive` is given, replaces
    /// `output/name.zip` with it; refuses, deleting the new folder, when what is there is not Harigami's to replace.
    public func publish(folders extra: Set<String> = [], archive: Data? = nil) throws(WriteError) -> OutputWriter.Outcome {
        precondition(!discarded, "published after the new folder was deleted")
        var outcome = OutputWriter.Outcome()
        outcome.notes = notes
        var record: OutputRecord
        let previous: FolderIdentity?
        let previousArchive: FolderIdentity?
        let posters: OutputWriter.PostersStep
        let archiveName = name + ".zip"
        // What is in the output folder is looked at once the new folder is written, with the output locked all along.
        // A refusal deletes the new folder; its message is the one it was before anything was written.
        do throws(WriteError) {
            record = try OutputRecord.read(in: folder)
            let topLevel = Set(paths.map(OutputWriter.firstPart) + extra.map(OutputWriter.firstPart))
            // With no record yet, the output is new or an earlier version's, which kept none.
            let recorded = !record.folders.isEmpty
            previous = try OutputWriter.previousFolder(name, shown: shown, in: folder, record: record, topLevel: topLevel)
            previousArchive = archive == nil ? nil : try OutputWriter.previousFile(archiveName, shown: output + "/" + archiveName, in: folder, record: record)
            if !recorded {
                record.folders = try OutputWriter.earlierFolders(besides: name, shown: output, in: folder, topLevel: topLevel)
            }
            do {
                posters = try OutputWriter.postersStep(building: name, in: folder, output: output, record: record, recorded: recorded)
            } catch {
                throw WriteError(path: output + "/" + OutputWriter.postersLink, reason: "\(error); nothing was written")
            }
        } catch {
            discard()
            throw error
        }
        if case .leave(let warning) = posters { outcome.warnings.append(warning) }

        let staged: FolderIdentity
        do {
            try makeFolders(Array(extra))
            guard case .folder(let identity) = try folder.entry(staging) else {
                throw SystemCallError(action: "the new folder \(folder.path)/\(staging) is gone", code: ENOENT)
            }
            staged = identity
            // Recorded before the swap, so that a build killed just after it still leaves Output/site known as Harigami's.
            record.folders[name] = [previous, staged].compactMap { $0 }
            if let previous { record.remember(previous, generation: folder.generation(name)) }
            record.remember(staged, generation: folder.generation(staging))
            // The archive is written whole before anything is replaced, so that a disk too full for it changes nothing.
            if let archive {
                try folder.writeStaged(archive, as: stagedArchive)
                guard let identity = try folder.fileIdentity(stagedArchive) else {
                    throw SystemCallError(action: "the new file \(folder.path)/\(stagedArchive) is gone", code: ENOENT)
                }
                var recordedFiles = record.files ?? [:]
                recordedFiles[archiveName] = [previousArchive, identity].compactMap { $0 }
                record.files = recordedFiles
                record.remember(identity, generation: folder.generation(stagedArchive))
            }
            try record.write(in: folder)
        } catch {
            throw WriteError(path: shown, reason: "cannot write the new output (\(OutputWriter.describe(error))); the previous \(shown) is unchanged"
                + OutputWriter.removingStaging(staging, in: folder) + (archive == nil ? "" : OutputWriter.removingStaging(stagedArchive, in: folder, what: "archive")))
        }

        between("staged and recorded")
        if case .link(let destination, let replacing, beforeSwap: true) = posters {
            outcome.notes += try OutputWriter.link(destination, replacing: replacing, in: folder, output: output, beforeSwapOf: shown, staging: staging)
        }

        between("posters linked before the swap")
        // After the swap the previous folder is here, to be deleted.
        var retired = staging
        do {
            if previous == nil {
                if try !folder.renameIfAbsent(staging, to: name) { try folder.rename(staging, to: name) }
            } else if try !folder.exchange(staging, name) {
                // No swap in one step here: the previous folder is renamed aside, then the new one into place.
                try folder.rename(name, to: OutputWriter.retiredPrefix + name)
                do {
                    try folder.rename(staging, to: name)
                } catch {
                    do {
                        try folder.rename(OutputWriter.retiredPrefix + name, to: name)
                    } catch let putBack {
                        throw WriteError(path: shown, reason: "cannot move the new output into place (\(OutputWriter.describe(error))), and the previous "
                            + "one, moved aside to \(output)/\(OutputWriter.retiredPrefix + name), cannot be moved back (\(OutputWriter.describe(putBack))): "
                            + "rename it to \(shown) by hand before the next build, which would delete it")
                    }
                    throw error
                }
                retired = OutputWriter.retiredPrefix + name
            }
        } catch let error as WriteError {
            throw error
        } catch {
            throw WriteError(path: shown, reason: "cannot move the new output into place (\(OutputWriter.describe(error))); the previous \(shown) is unchanged"
                + OutputWriter.removingStaging(staging, in: folder))
        }
        outcome.replaced = previous != nil
        between("swapped")

        if case .link(let destination, let replacing, beforeSwap: false) = posters {
            do {
                outcome.notes += try OutputWriter.link(destination, replacing: replacing, in: folder, output: output, beforeSwapOf: nil, staging: staging)
            } catch {
                outcome.warnings.append("the new \(shown) is in place, but \(error.description)")
            }
        }
        if previous != nil {
            do {
                try folder.remove(retired)
            } catch {
                outcome.warnings.append("\(shown) was replaced, but the previous one could not be deleted from \(output)/\(retired) "
                    + "(\(OutputWriter.describe(error))); the next build deletes it")
            }
        }
        between("posters linked after the swap, the previous folder deleted")
        record.folders[name] = [staged]
        record.remember(staged, generation: folder.generation(name))
        if archive != nil {
            OutputWriter.placeArchive(stagedArchive, as: archiveName, replacing: previousArchive, beside: shown, in: folder, output: output,
                         record: &record, outcome: &outcome)
        }
        do {
            try record.write(in: folder)
        } catch {
            outcome.warnings.append("\(shown) was replaced, but the record \(output)/\(OutputRecord.fileName) could not be updated "
                + "(\(OutputWriter.describe(error))); it still lists the previous folder too, which does no harm")
        }
        return outcome
    }

}
