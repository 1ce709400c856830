// Which folders of the output folder Harigami wrote: `.harigami-output.json`, kept beside them, outside
// every published folder. A folder is known by its device and inode, so a folder someone else put in its
// place, under the same name, is not taken for Harigami's.

import Foundation

struct OutputRecord: Codable, Equatable {
    static let fileName = ".harigami-output.json"

    var version = 1
    /// Folder name (`site`, `staff`) → the folders Harigami wrote under that name. Two while a swap is under
    /// way (the previous and the new one), so a build killed at any instant leaves the folder there recognised.
    var folders: [String: [FolderIdentity]] = [:]

    func wrote(_ name: String, _ identity: FolderIdentity) -> Bool {
        folders[name]?.contains(identity) ?? false
    }

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
