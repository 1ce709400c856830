// Splits a Markdown file into its YAML front matter and its body.

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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else {
            return .failure(.error(start, "the file must start with front matter: a line '---', the keys (such as 'title:'), then another line '---'", rule: "load.front-matter"))
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
            return .failure(.error(start, "the front matter is not closed: add a line '---' after its last key", rule: "load.front-matter"))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let bodyLines = lines[(close + 1)...]
        let body = bodyLines.isEmpty ? "" : bodyLines.joined(separator: "\n") + "\n"
        return .success(FrontMatterSplit(yaml: yaml, yamlLine: 2, body: body, bodyLine: close + 2))
    }
}
