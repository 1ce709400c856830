// YAML text → a small tree that remembers where each value was written.

import Yams
import HarigamiModel

package indirect enum YAMLNode: Sendable {
    case scalar(String, SourceLocation)
    case mapping([(key: String, keyLocation: SourceLocation, value: YAMLNode)], SourceLocation)
    case sequence([YAMLNode], SourceLocation)

    package var location: SourceLocation {
        switch self {
        case .scalar(_, let l), .mapping(_, let l), .sequence(_, let l): l
        }
    }

    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a set of keys"
        case .sequence: "a list"
        }
    }
}

package enum YAMLReader {
    /// Aliases make small files expand without bound; front matter has no use for them.
    static let maximumNodes = 100_000

    /// Parses `text` (which starts on `firstLine` of the file at `path`).
    package static func parse(_ text: String, path: String, firstLine: Int = 1) -> Result<YAMLNode?, Diagnostic> {
        func at(_ mark: Mark?) -> SourceLocation {
            SourceLocation(path: path, line: (mark?.line ?? 1) + firstLine - 1, column: mark?.column ?? 1)
        }
        let root: Node?
        do {
            // Swift strings are UTF-8; naming it spares Yams reading the whole environment on every parse.
            // Every value is read as text (`scalar.string`), so Yams need not guess types: its default resolver
            // matches regular expressions against every value, a noticeable part of loading a large site.
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(unquotedColon(in: text, error: error, at: at) ?? diagnostic(for: error, at: at))
        } catch {
            return .failure(.error(at(nil), "could not read the YAML: \(error)", rule: "load.yaml"))
        }
        guard let root else { return .success(nil) }
        var budget = maximumNodes
        return convert(root, at: at, budget: &budget).map { Optional($0) }
    }

    private static func convert(_ node: Node, at: (Mark?) -> SourceLocation, budget: inout Int) -> Result<YAMLNode, Diagnostic> {
        budget -= 1
        if budget < 0 {
            return .failure(.error(at(node.mark), "the YAML expands to more than \(maximumNodes) values (too many aliases); write the values out instead", rule: "load.yaml"))
        }
        switch node {
        case .scalar(let scalar):
            return .success(.scalar(scalar.string, at(scalar.mark)))
        case .alias(let alias):
            return .failure(.error(at(alias.mark), "YAML aliases (*name) are not supported in content files; write the value out", rule: "load.yaml"))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                switch convert(item, at: at, budget: &budget) {
                case .success(let value): items.append(value)
                case .failure(let d): return .failure(d)
                }
            }
            return .success(.sequence(items, at(sequence.mark)))
        case .mapping(let mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    return .failure(.error(at(key.mark), "a key must be plain text", rule: "load.yaml"))
                }
                if let earlier = entries.first(where: { $0.key == keyScalar.string }) {
                    return .failure(.error(at(keyScalar.mark), "the key '\(keyScalar.string)' is given twice (first on line \(earlier.keyLocation.line)); keep one", rule: "load.yaml"))
                }
                switch convert(value, at: at, budget: &budget) {
                case .success(let converted): entries.append((keyScalar.string, at(keyScalar.mark), converted))
                case .failure(let d): return .failure(d)
                }
            }
            return .success(.mapping(entries, at(mapping.mark)))
        }
    }

    /// The commonest slip in YAML, `summary: Note: …`, said in words with the fix, instead of the parser's "mapping
    /// values are not allowed" (which, in categories.yml, hid every category and named each example's as unknown).
    private static func unquotedColon(in text: String, error: YamlError, at: (Mark?) -> SourceLocation) -> Diagnostic? {
        guard case .scanner(_, let problem, let mark, _) = error, problem.contains("mapping values are not allowed") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(mark.line - 1) else { return nil }
        var line = Substring(lines[mark.line - 1].trimmingCharacters(in: .whitespaces))
        if line.hasPrefix("- ") { line = line.dropFirst(2) }
        guard let colon = line.range(of: ": ") else { return nil }
        let key = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" "), !value.isEmpty else { return nil }
        let shown = value.count > 40 ? value.prefix(40) + "…" : Substring(value)
        let keyColumn = lines[mark.line - 1].distance(from: lines[mark.line - 1].startIndex, to: lines[mark.line - 1].range(of: key)?.lowerBound ?? lines[mark.line - 1].startIndex)
        var location = at(mark)
        location.column = keyColumn + 1
        return .error(location, "the value of '\(key)' holds a colon followed by a space, which YAML reads as the start of another key: "
                      + "put the whole value in double quotes, as in \(key): \"\(shown.replacingOccurrences(of: "\"", with: "\\\""))\"", rule: "load.yaml")
    }

    private static func diagnostic(for error: YamlError, at: (Mark?) -> SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \(at($0.mark).line)): " } ?? ""
            return .error(at(mark), "the YAML cannot be read: \(detail)\(problem)", rule: "load.yaml")
        case .reader(let problem, _, _, _):
            return .error(at(nil), "the YAML cannot be read: \(problem)", rule: "load.yaml")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at(context.mark), "keys given twice: \(duplicates.joined(separator: ", ")); keep one of each", rule: "load.yaml")
        default:
            return .error(at(nil), "the YAML cannot be read: \(error)", rule: "load.yaml")
        }
    }
}

/// Reads the keys of one YAML mapping, reporting missing, mistyped and unknown keys together.
struct MappingReader {
    let entries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)]
    let location: SourceLocation
    /// What the mapping is, for messages: "front matter", "site.yml", "category 'x'".
    let subject: String
    private(set) var known: [String] = []
    /// Keys written where they do not belong, already reported with their own message: not reported again as unknown.
    private var refused: [String] = []

    init?(_ node: YAMLNode?, subject: String, at fallback: SourceLocation, log: inout DiagnosticLog) {
        guard let node else {
            log.error(fallback, "\(subject) is empty; it needs a set of keys", rule: "load.schema")
            return nil
        }
        guard case .mapping(let entries, let location) = node else {
            log.error(node.location, "\(subject) must be a set of `key: value` lines, not \(node.kindName)", rule: "load.schema")
            return nil
        }
        self.entries = entries
        self.location = location
        self.subject = subject
    }

    mutating func node(_ key: String, required: Bool, log: inout DiagnosticLog) -> YAMLNode? {
        known.append(key)
        if let entry = entries.first(where: { $0.key == key }) { return entry.value }
        if required {
            log.error(location, "\(subject) is missing the required key '\(key)'", rule: "load.schema")
        }
        return nil
    }

    mutating func string(_ key: String, required: Bool = true, log: inout DiagnosticLog) -> Located<String>? {
        guard let value = node(key, required: required, log: &log) else { return nil }
        guard case .scalar(let text, let location) = value else {
            log.error(value.location, "'\(key)' must be text, not \(value.kindName)", rule: "load.schema")
            return nil
        }
        // Text of spaces and invisible characters only (zero-width spaces and joiners) prints nothing: it is empty.
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint }) {
            log.error(location, "'\(key)' is empty", rule: "load.schema")
            return nil
        }
        return Located(text, at: location)
    }

    mutating func bool(_ key: String, default fallback: Bool, log: inout DiagnosticLog) -> Bool {
        guard let value = node(key, required: false, log: &log) else { return fallback }
        guard case .scalar(let text, let location) = value, let flag = ["true": true, "false": false][text] else {
            log.error(value.location, "'\(key)' must be true or false", rule: "load.schema")
            return fallback
        }
        _ = location
        return flag
    }

    mutating func stringList(_ key: String, required: Bool, log: inout DiagnosticLog) -> [Located<String>]? {
        guard let value = node(key, required: required, log: &log) else { return nil }
        guard case .sequence(let items, _) = value else {
            log.error(value.location, "'\(key)' must be a list, for example [\(key == "sizes" ? "A4, A3" : "a, b")]", rule: "load.schema")
            return nil
        }
        var result: [Located<String>] = []
        for item in items {
            guard case .scalar(let text, let location) = item else {
                log.error(item.location, "each entry of '\(key)' must be text", rule: "load.schema")
                continue
            }
            result.append(Located(text, at: location))
        }
        return result
    }

    /// A mapping from language code to text, e.g. `title: {ja: …, en: …}`.
    mutating func localized(_ key: String, languages: [String], required: Bool = true, log: inout DiagnosticLog) -> Localized<String>? {
        guard let value = node(key, required: required, log: &log) else { return nil }
        guard var reader = MappingReader(value, subject: "'\(key)'", at: value.location, log: &log) else { return nil }
        var values: [String: String] = [:]
        for language in languages {
            if let text = reader.string(language, log: &log) { values[language] = text.value }
        }
        reader.reportUnknownKeys(log: &log)
        return Localized(values)
    }

    /// A key that exists, but not in this mapping: reported with `message` at the key, and left out of the expected keys.
    mutating func refuse(_ key: String, _ message: String, log: inout DiagnosticLog) {
        guard let entry = entries.first(where: { $0.key == key }) else { return }
        refused.append(key)
        log.error(entry.keyLocation, message, rule: "load.schema")
    }

    /// Every key not asked for is an error that names the expected ones.
    func reportUnknownKeys(log: inout DiagnosticLog) {
        for entry in entries where !known.contains(entry.key) && !refused.contains(entry.key) {
            let expected = known.map { "'\($0)'" }.joined(separator: ", ")
            log.error(entry.keyLocation, "unknown key '\(entry.key)' in \(subject); expected one of \(expected)", rule: "load.unknown-key")
        }
    }
}
