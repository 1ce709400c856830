// Stamping categories.yml: each translation's wording records the hash of the default language's wording.

import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiCheck

enum CategoryStamp {
    /// `text` (categories.yml) with a `source-hash:` in every translation's block, the hash of the default language's
    /// wording of that category; every other line stays as it was. A failure names the line to fix first.
    static func stamped(_ text: String, content: Content, path: String) -> Result<String, Diagnostic> {
        let root: YAMLNode?
        switch YAMLReader.parse(text, path: path) {
        case .success(let node): root = node
        case .failure(let problem): return .failure(problem)
        }
        guard case .sequence(let items, _)? = root else {
            return .failure(.error(SourceLocation(path: path), "categories.yml must be a list of categories before it can be stamped", rule: "load.schema"))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Insertions are made from the end, so the line numbers found before stay right.
        var edits: [(line: Int, replace: Bool, text: String)] = []
        for item in items {
            guard case .mapping(let entries, _) = item,
                  let id = entries.first(where: { $0.key == "id" }), case .scalar(let idValue, _) = id.value,
                  let category = content.categories.first(where: { $0.id == idValue }),
                  let source = category.texts[content.site.defaultLanguage] else { continue }
            let hash = SourceHash.of(category: source)
            for language in content.site.languages.dropFirst() {
                guard let block = entries.first(where: { $0.key == language }), case .mapping(let keys, _) = block.value,
                      let first = keys.first, let last = keys.last else { continue }
                guard first.keyLocation.line > block.keyLocation.line else {
                    return .failure(.error(block.keyLocation, "write the \(language) wording of category '\(idValue)' one key per line (name:, summary:, …) so that it can be stamped",
                                           rule: "load.schema"))
                }
                let indent = String(repeating: " ", count: first.keyLocation.column - 1)
                if let existing = keys.first(where: { $0.key == "source-hash" }) {
                    edits.append((existing.keyLocation.line, true, indent + "source-hash: " + hash))
                    continue
                }
                // After the block's last key and whatever its value spans (lines indented deeper, blank lines).
                var end = last.keyLocation.line
                while end < lines.count {
                    let line = lines[end]
                    let depth = line.prefix { $0 == " " }.count
                    guard line.trimmingCharacters(in: .whitespaces).isEmpty ? end + 1 < lines.count : depth >= first.keyLocation.column else { break }
                    end += 1
                }
                while end > last.keyLocation.line, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
                edits.append((end + 1, false, indent + "source-hash: " + hash))
            }
        }
        let ending = text.contains("\r\n") ? "\r" : ""
        for edit in edits.sorted(by: { $0.line > $1.line }) {
            if edit.replace { lines[edit.line - 1] = edit.text + ending } else { lines.insert(edit.text + ending, at: edit.line - 1) }
        }
        return .success(lines.joined(separator: "\n"))
    }
}
