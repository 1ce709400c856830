// An accessibility results file (JSON, written by the acceptance run) → AccessibilityResults, each problem where it is.

import Foundation
import HarigamiModel

package enum AccessibilityResultsLoader {
    package static let rule = "accessibility.results"

    /// `data`, the file `path`: the results, or nil with every problem found in it added to `problems`.
    package static func load(_ data: Data, path: String, problems: inout [Diagnostic]) -> AccessibilityResults? {
        let start = SourceLocation(path: path)
        guard let text = String(validating: data, as: UTF8.self) else {
            problems.append(.error(start, "the accessibility results are not UTF-8 text; give the JSON file that Scripts/acceptance/site.py --results writes", rule: rule))
            return nil
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            problems.append(.error(location(of: detail, in: text, path: path), "the accessibility results are not JSON (\(detail)); give the file that Scripts/acceptance/site.py --results writes", rule: rule))
            return nil
        }
        // JSON is YAML, and the YAML reader remembers where each value is: problems are reported there. Should it not
        // read the file, the problems are reported at its start; what is read comes from the JSON parser either way.
        let positions: YAMLNode? = switch YAMLReader.parse(text, path: path) {
        case .success(let node): node
        case .failure: nil
        }
        var reader = Reader(path: path, positions: positions)
        let results = reader.results(root)
        problems += reader.problems
        return reader.problems.isEmpty ? results : nil
    }

    /// Where the JSON parser's message says the problem is: `around line 3, column 5` or `around character 19`.
    static func location(of message: String, in text: String, path: String) -> SourceLocation {
        if let match = message.firstMatch(of: #/line (\d+), column (\d+)/#), let line = Int(match.output.1), let column = Int(match.output.2) {
            return SourceLocation(path: path, line: line, column: column)
        }
        guard let match = message.firstMatch(of: #/character (\d+)/#), let offset = Int(match.output.1) else { return SourceLocation(path: path) }
        // The offset counts bytes of the UTF-8 text; columns count Unicode scalars, as everywhere in Harigami.
        let before = String(decoding: text.utf8.prefix(offset), as: UTF8.self)
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        return SourceLocation(path: path, line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
    }

    /// A step into the JSON value: a key of an object or an index of an array.
    enum Step {
        case key(String)
        case index(Int)
    }

    struct Reader {
        let path: String
        let positions: YAMLNode?
        var problems: [Diagnostic] = []

        /// Where the value at `steps` is written (its key, for a key that is missing or unknown: `key: true`).
        func location(_ steps: [Step], key: Bool = false) -> SourceLocation {
            var node = positions
            var found = node?.location ?? SourceLocation(path: path)
            for (number, step) in steps.enumerated() {
                switch (step, node) {
                case (.key(let name), .mapping(let entries, _)?):
                    guard let entry = entries.first(where: { $0.key == name }) else { return found }
                    if key, number == steps.count - 1 { return entry.keyLocation }
                    node = entry.value
                case (.index(let index), .sequence(let items, _)?) where items.indices.contains(index):
                    node = items[index]
                default:
                    return found
                }
                found = node?.location ?? found
            }
            return found
        }

        mutating func problem(_ steps: [Step], _ message: String, key: Bool = false) {
            problems.append(.error(location(steps, key: key), message, rule: AccessibilityResultsLoader.rule))
        }

        /// The object at `steps` with exactly `keys` (`optional` may be left out); nil, with the problems, when it is not.
        mutating func object(_ value: Any, at steps: [Step], named subject: String, keys: [String], optional: Set<String> = []) -> [String: Any]? {
            guard let object = value as? [String: Any] else {
                problem(steps, "\(subject) must be a JSON object with the keys \(keys.joined(separator: ", "))")
                return nil
            }
            for key in keys where object[key] == nil && !optional.contains(key) {
                problem(steps, "\(subject) has no '\(key)'")
            }
            for key in object.keys.sorted() where !keys.contains(key) {
                problem(steps + [.key(key)], "unknown key '\(key)' in \(subject); expected one of \(keys.map { "'\($0)'" }.joined(separator: ", "))", key: true)
            }
            return object
        }

        mutating func string(_ object: [String: Any], _ key: String, at steps: [Step]) -> String? {
            guard let value = object[key] else { return nil }
            guard let text = value as? String, !text.isEmpty else {
                problem(steps + [.key(key)], "'\(key)' must be text that is not empty")
                return nil
            }
            return text
        }

        mutating func array(_ object: [String: Any], _ key: String, at steps: [Step]) -> [Any]? {
            guard let value = object[key] else { return nil }
            guard let items = value as? [Any] else {
                problem(steps + [.key(key)], "'\(key)' must be a JSON array")
                return nil
            }
            return items
        }

        /// A whole number. Foundation reads JSON's `true` as a number 1 that also says it is a Bool (as does the number 1):
        /// only its class tells the two apart.
        static func wholeNumber(_ value: Any) -> Int? {
            guard let number = value as? NSNumber, ObjectIdentifier(type(of: number)) != ObjectIdentifier(type(of: NSNumber(value: true))) else { return nil }
            return Int(exactly: number.doubleValue)
        }

        mutating func count(_ object: [String: Any], _ key: String, at steps: [Step]) -> Int? {
            guard let value = object[key] else { return nil }
            guard let count = Self.wholeNumber(value), count >= 0 else {
                problem(steps + [.key(key)], "'\(key)' must be a whole number, 0 or more")
                return nil
            }
            return count
        }

        mutating func criteria(_ object: [String: Any], _ key: String, at steps: [Step]) -> [String]? {
            guard let items = array(object, key, at: steps) else { return nil }
            var criteria: [String] = []
            for (index, item) in items.enumerated() {
                guard let text = item as? String, text.wholeMatch(of: #/[1-4]\.[0-9]{1,2}\.[0-9]{1,2}/#) != nil else {
                    problem(steps + [.key(key), .index(index)], "each entry of '\(key)' must be a WCAG success criterion's number, such as \"1.4.3\"")
                    continue
                }
                criteria.append(text)
            }
            return criteria
        }

        mutating func results(_ root: Any) -> AccessibilityResults? {
            let keys = ["format", "version", "date", "tools", "pages"]
            guard let object = object(root, at: [], named: "the accessibility results", keys: keys) else { return nil }
            if let format = object["format"], format as? String != AccessibilityResults.format {
                problem([.key("format")], "'format' must be \"\(AccessibilityResults.format)\": this is not a file of accessibility results")
            }
            if let version = object["version"] {
                if Self.wholeNumber(version) != AccessibilityResults.version {
                    problem([.key("version")], "this Harigami reads version \(AccessibilityResults.version) of the accessibility results, not \(version); "
                            + "run the acceptance test of this version to write them")
                }
            }
            let date = string(object, "date", at: [])
            if let date, CalendarDate(iso: date) == nil {
                problem([.key("date")], "'date' must be the day of the test run, written YYYY-MM-DD, such as 2026-10-01")
            }
            var tools: [AccessibilityResults.Tool] = []
            if let items = array(object, "tools", at: []) {
                if items.isEmpty { problem([.key("tools")], "'tools' must name the tools of the test run and their versions") }
                for (index, item) in items.enumerated() {
                    let steps: [Step] = [.key("tools"), .index(index)]
                    guard let tool = self.object(item, at: steps, named: "each tool", keys: ["name", "version"]) else { continue }
                    if let name = string(tool, "name", at: steps), let version = string(tool, "version", at: steps) {
                        tools.append(.init(name: name, version: version))
                    }
                }
            }
            var pages: [AccessibilityResults.Page] = []
            var seen: Set<String> = []
            if let items = array(object, "pages", at: []) {
                for (index, item) in items.enumerated() {
                    let steps: [Step] = [.key("pages"), .index(index)]
                    guard let entry = self.object(item, at: steps, named: "each page", keys: ["path", "outcome", "findings", "criteria", "failed-criteria"]) else { continue }
                    let path = string(entry, "path", at: steps)
                    if let path, path.hasPrefix("/") || path.split(separator: "/").contains("..") || !path.hasSuffix(".html") {
                        problem(steps + [.key("path")], "'path' must name an HTML file of the site relative to its folder, such as ja/index.html")
                    }
                    if let path, !seen.insert(path).inserted {
                        problem(steps + [.key("path")], "the page \(path) is listed twice")
                    }
                    let outcome = string(entry, "outcome", at: steps)
                    if let outcome, !["pass", "fail"].contains(outcome) {
                        problem(steps + [.key("outcome")], "'outcome' must be \"pass\" or \"fail\", not \"\(outcome)\"")
                    }
                    let findings = count(entry, "findings", at: steps)
                    if let outcome, let findings, (outcome == "pass") != (findings == 0) {
                        problem(steps + [.key("findings")], "a page that \(outcome == "pass" ? "passed has no findings" : "failed has at least one finding"), not \(findings)")
                    }
                    let criteria = criteria(entry, "criteria", at: steps)
                    let failed = self.criteria(entry, "failed-criteria", at: steps)
                    if let path, let outcome, let findings, let criteria, let failed {
                        pages.append(.init(path: path, passed: outcome == "pass", findings: findings, criteria: criteria, failedCriteria: failed,
                                           location: location(steps)))
                    }
                }
            }
            guard let date else { return nil }
            return AccessibilityResults(file: path, date: date, tools: tools, pages: pages, pagesLocation: location([.key("pages")]))
        }
    }
}
