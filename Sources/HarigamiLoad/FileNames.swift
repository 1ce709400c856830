// File names as the content knows them: Unicode NFC, whatever form the file system stored them in.

import Foundation

/// macOS stores a name decomposed (ポ as ホ + U+309A, é as e + U+0301), Windows and Linux keep it as typed, usually
/// composed. The content knows every file by its composed (NFC) name, so a link typed in either form finds the file
/// and the site publishes it under one spelling, the one its links use.
struct FileNames {
    /// The files under their NFC names; of names that differ only in form, the one stored composed is kept.
    var files: [ContentFile]
    /// The stored names that are one name in NFC, the composed one first, for an error naming them all.
    var clashes: [[String]]
    /// NFC name → name as stored, for the files stored otherwise.
    var stored: [String: String]

    init(_ listed: [ContentFile]) {
        var groups: [[ContentFile]] = []
        var index: [String: Int] = [:]
        for file in listed {
            let name = file.path.nfc
            // Swift compares strings by canonical equivalence, so this finds the name stored in either form.
            if let group = index[name] {
                groups[group].append(file)
            } else {
                index[name] = groups.count
                groups.append([file])
            }
        }
        var files: [ContentFile] = []
        var stored: [String: String] = [:]
        var clashes: [[String]] = []
        for group in groups {
            // The composed spelling first, then byte order: which file is kept does not depend on the system's listing.
            let ordered = group.count == 1 ? group : group.sorted { a, b in
                a.path.isNFC != b.path.isNFC ? a.path.isNFC : a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
            }
            if ordered.count > 1 { clashes.append(ordered.map(\.path)) }
            var file = ordered[0]
            if !file.path.isNFC {
                let name = file.path.nfc
                stored[name] = file.path
                file.path = name
            }
            file.linkLoop = file.linkLoop?.nfc
            files.append(file)
        }
        self.files = files
        self.clashes = clashes
        self.stored = stored
    }

    /// `tree` reading each file by its NFC name.
    func reading(_ tree: ContentTree) -> ContentTree {
        guard !stored.isEmpty else { return tree }
        var renamed = tree
        let stored = stored
        renamed.read = { name in try tree.read(stored[name] ?? name) }
        return renamed
    }
}
