// The files under a content folder, listed in a stable order, never leaving the folder.

import Foundation
import HarigamiModel

/// Reads files of one folder. Tests may build one from a dictionary and touch no disk.
public struct ContentTree: Sendable {
    /// The folder as the user named it, used in diagnostics (`Content`).
    public var displayRoot: String
    /// Every regular file, sorted by relative path; hidden files left out.
    public var list: @Sendable () throws -> [ContentFile]
    public var read: @Sendable (String) throws -> Data

    public init(displayRoot: String, list: @escaping @Sendable () throws -> [ContentFile], read: @escaping @Sendable (String) throws -> Data) {
        self.displayRoot = displayRoot
        self.list = list
        self.read = read
    }

    public func displayPath(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : (displayRoot.hasSuffix("/") ? displayRoot + relative : displayRoot + "/" + relative)
    }

    /// An in-memory tree, for tests.
    public static func memory(_ files: [String: String], displayRoot: String = "Content") -> ContentTree {
        ContentTree(displayRoot: displayRoot,
                    list: { files.keys.sorted().map { ContentFile(path: $0) } },
                    read: { path in
                        guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
                        return Data(text.utf8)
                    })
    }

    /// The folder on disk. A symbolic link that leads outside the folder is an error, not followed.
    public static func directory(_ path: String) -> ContentTree {
        let root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        return ContentTree(displayRoot: path, list: { try listFiles(root: root) }, read: { relative in
            try Data(contentsOf: root.appendingPathComponent(relative))
        })
    }

    private static func listFiles(root: URL) throws -> [ContentFile] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        let rootPath = root.path
        // Folders are read on all cores, each with its subfolders: a large site has thousands of files in dozens of folders.
        // `around` holds the real paths of the folders the walk is in: a link back to one of them (directly, or
        // through other links) would repeat it without end.
        @Sendable func walk(_ relative: String, real folderReal: String, around: Set<String>) throws -> [ContentFile] {
            let folder = relative.isEmpty ? rootPath : rootPath + "/" + relative
            var files: [ContentFile] = []
            var subfolders: [(path: String, real: String)] = []
            for entry in try FileStamp.entries(in: folder) where !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                var stamp = entry.stamp
                var real: String?
                if stamp.isSymbolicLink {
                    let target = URL(fileURLWithPath: rootPath + "/" + child).resolvingSymlinksInPath().path
                    if around.contains(target) {
                        files.append(ContentFile(path: child, linkLoop: target == rootPath ? "" : String(target.dropFirst(rootPath.count + 1))))
                        continue
                    }
                    guard target.hasPrefix(rootPath + "/") else {
                        files.append(ContentFile(path: child, linkOutside: target))
                        continue
                    }
                    // A link to nothing is not a file.
                    guard let followed = FileStamp.of(target) else { continue }
                    stamp = followed
                    real = target
                }
                if stamp.isDirectory {
                    subfolders.append((child, real ?? folderReal + "/" + entry.name))
                } else if stamp.isRegularFile {
                    files.append(ContentFile(path: child, stamp: stamp))
                }
            }
            for found in subfolders.concurrentMap({ subfolder in Result { try walk(subfolder.path, real: subfolder.real, around: around.union([subfolder.real])) } }) {
                files += try found.get()
            }
            return files
        }
        let result = try walk("", real: rootPath, around: [rootPath])
        return result.sorted { $0.path < $1.path }
    }
}

public struct ContentFile: Sendable, Hashable {
    public var path: String
    /// Set when the file is a symbolic link to somewhere outside the content folder.
    public var linkOutside: String?
    /// Set when the file is a symbolic link to a folder that holds it (the folder, relative to the content folder).
    public var linkLoop: String?
    /// The file's stamp when it was listed (a linked file's is its target's); nil for a tree not on disk.
    public var stamp: FileStamp?

    public init(path: String, linkOutside: String? = nil, linkLoop: String? = nil, stamp: FileStamp? = nil) {
        self.path = path
        self.linkOutside = linkOutside
        self.linkLoop = linkLoop
        self.stamp = stamp
    }
}
