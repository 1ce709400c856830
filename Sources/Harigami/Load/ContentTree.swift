// The files under a content folder, listed in a stable order, never leaving the folder.

import Foundation

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
        var result: [ContentFile] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? root : root.appendingPathComponent(relative)
            for name in try fm.contentsOfDirectory(atPath: folder.path).sorted() where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                let url = root.appendingPathComponent(child)
                let attributes = try fm.attributesOfItem(atPath: url.path)
                var type = attributes[.type] as? FileAttributeType
                if type == .typeSymbolicLink {
                    let target = url.resolvingSymlinksInPath()
                    guard target.path.hasPrefix(root.path + "/") else {
                        result.append(ContentFile(path: child, linkOutside: target.path))
                        continue
                    }
                    type = try fm.attributesOfItem(atPath: target.path)[.type] as? FileAttributeType
                }
                if type == .typeDirectory { try walk(child) } else if type == .typeRegular { result.append(ContentFile(path: child)) }
            }
        }
        try walk("")
        return result.sorted { $0.path < $1.path }
    }
}

public struct ContentFile: Sendable, Hashable {
    public var path: String
    /// Set when the file is a symbolic link to somewhere outside the content folder.
    public var linkOutside: String?

    public init(path: String, linkOutside: String? = nil) {
        self.path = path
        self.linkOutside = linkOutside
    }
}
