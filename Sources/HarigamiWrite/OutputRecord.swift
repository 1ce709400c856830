// Which folders (and files: the staff archive) of the output folder Harigami wrote: `.harigami-output.json`,
// kept beside them, outside every published folder. A folder is known by its device and inode, so a folder
// someone else put in its place, under the same name, is not taken for Harigami's.

import Foundation

struct OutputRecord: Codable, Equatable {
    static let fileName = ".harigami-output.json"

    var version = 1
    /// Folder name (`site`, `staff`) → the folders Harigami wrote under that name. Two while a swap is under
    /// way (the previous and the new one), so a build killed at any instant leaves the folder there recognised.
    var folders: [String: [FolderIdentity]] = [:]
    /// File name (`staff.zip`) → the files Harigami wrote under that name, known the same way; two while the new
    /// one is renamed into place. Nil in records written before Harigami wrote any file here.
    var files: [String: [FolderIdentity]]?

    /// The file system's generation number of each folder's inode (key "device:inode"), where it keeps one (ext4,
    /// XFS, Btrfs): a folder made later at an inode number that was freed and used again has another.
    var generations: [String: UInt32]?

    /// True when the record lists `identity` under `name`, with the same generation where both are known.
    func wrote(_ name: String, _ identity: FolderIdentity, generation: UInt32?) -> Bool {
        guard folders[name]?.contains(identity) ?? false else { return false }
        return matches(identity, generation: generation)
    }

    /// True when the record lists the file `identity` under `name`, with the same generation where both are known.
    func wroteFile(_ name: String, _ identity: FolderIdentity, generation: UInt32?) -> Bool {
        guard files?[name]?.contains(identity) ?? false else { return false }
        return matches(identity, generation: generation)
    }

    private func matches(_ identity: FolderIdentity, generation: UInt32?) -> Bool {
        guard let generation, let recorded = generations?[Self.key(identity)] else { return true }
        return recorded == generation
    }

    /// Keeps the generation of a folder the record lists, and forgets those of folders it no longer lists.
    mutating func remember(_ identity: FolderIdentity, generation: UInt32?) {
        let listed = Array(folders.values.joined()) + (files ?? [:]).values.joined()
        var kept = (generations ?? [:]).filter { key, _ in listed.contains { Self.key($0) == key } }
        if let generation { kept[Self.key(identity)] = generation }
        generations = kept.isEmpty ? nil : kept
    }

    private static func key(_ identity: FolderIdentity) -> String { "\(identity.device):\(identity.inode)" }

    /// The record in `folder`; an empty one when there is none yet.
    static func read(in folder: OutputFolder) throws(OutputWriter.WriteError) -> OutputRecord {
        let path = folder.path + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return OutputRecord() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw OutputWriter.WriteError(path: path, reason: "cannot read Harigami's record of the folders it wrote (\(error.localizedDescription))")
        }
        do {
            return try JSONDecoder().decode(OutputRecord.self, from: data)
        } catch {
            throw OutputWriter.WriteError(path: path, reason: "this is not Harigami's record of the folders it wrote (\(error)); "
                + "remove the file: the next build then replaces only folders that look like Harigami's output")
        }
    }

    func write(in folder: OutputFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try folder.writeAtomically(try encoder.encode(self), to: Self.fileName)
    }
}
