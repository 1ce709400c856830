// Splits a Markdown file into its YAML front matter and its body.

import HarigamiModel

struct FrontMatterSplit {
    var yaml: String
    /// File line on which the YAML starts (2: after the opening `---`).
    var yamlLine: Int
    var body: String
    var bodyLine: Int

    static func split(_ text: String, path: String) -> Result<FrontMatterSplit, Diagnostic> {
        let start = SourceLocation(path: path)
        if text.isEmpty {
            return .failure(.error(start, "the file is empty; it needs front matter (a line '---', keys such as 'title:', a line '---') and a body", rule: "load.front-matter"))
        }
        // Most lines are not fences; Foundation's trimming is worth calling only for one that might be.
        func isFence(_ line: Substring) -> Bool { line == "---" || (line.contains("---") && line.trimmingCharacters(in: .whitespaces) == "---") }
        // Only the front matter is cut into lines; the body, most of the file, stays one slice of the text.
        var lines: [Substring] = []
        var rest = text[...]
        var close: Int?
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            if lines.isEmpty, !isFence(line) {
                return .failure(.error(start, "the file must start with front matter: a line '---', the keys (such as 'title:'), then another line '---'", rule: "load.front-matter"))
            }
            if !lines.isEmpty, isFence(line) {
                close = lines.count
                break
            }
            lines.append(line)
        }
        guard let close else {
            return .failure(.error(start, "the front matter is not closed: add a line '---' after its last key", rule: "load.front-matter"))
        }
        let yaml = lines[1...].joined(separator: "\n")
        // The body ends with exactly the line end it has, or one added when the file's last line has none.
        let body = rest.isEmpty ? "" : String(rest) + (rest.hasSuffix("\n") ? "" : "\n")
        return .success(FrontMatterSplit(yaml: yaml, yamlLine: 2, body: body, bodyLine: close + 2))
    }
}
