// `new category` and `new example`: the files a coverage error asks for, with every key and section and no invented text.
// Values and sections are left empty on purpose: `check` then names each one still to be written.

import Foundation
import HarigamiModel
import HarigamiLoad

public enum Scaffold {
    public struct Outcome: Sendable, Hashable {
        /// Files written, as diagnostics show them.
        public var written: [String]
        /// Files that already existed and were left as they were.
        public var kept: [String]
        public var languages: [String]
        /// The required section headings per language, for the command's advice.
        public var sections: [String: [String]] = [:]
    }

    public enum Failure: Error, Sendable, Hashable {
        /// A bad id, an unknown category, files that all exist: exit 2.
        case usage(String)
        /// site.yml or categories.yml must be fixed first: exit 1.
        case content([Diagnostic])
        case io(String)
    }

    // MARK: - new example

    /// Creates `examples/CATEGORY/SLUG.LANG.md` for every language that lacks it; never overwrites a file.
    public static func newExample(category: String, slug: String, contentDirectory: String) -> Result<Outcome, Failure> {
        for (what, id) in [("category", category), ("example name", slug)] where !ContentLoader.isValidID(id) {
            return .failure(.usage("the \(what) '\(id)' must be lowercase ASCII letters, digits and single hyphens, such as time-binding or phone (it becomes part of the web address)"))
        }
        let tree = ContentTree.directory(contentDirectory)
        let loaded = ContentLoader.load(tree)
        guard let content = loaded.content else { return .failure(.content(loaded.diagnostics.filter { $0.severity == .error })) }
        guard content.categories.contains(where: { $0.id == category }) else {
            let known = content.categories.map(\.id)
            return .failure(.usage("there is no category '\(category)' in \(tree.displayPath("categories.yml")) (it has \(known.isEmpty ? "none yet" : known.joined(separator: ", "))); add it first with `harigami new category \(category)`"))
        }
        let site = content.site
        var outcome = Outcome(written: [], kept: [], languages: site.languages)
        for language in site.languages {
            outcome.sections[language] = site.exampleSections.map { $0.headings[language] ?? $0.id }
        }
        let folder = URL(fileURLWithPath: contentDirectory).appendingPathComponent("examples/\(category)")
        let planned = site.languages.map { language in (language, "examples/\(category)/\(slug).\(language).md") }
        let fm = FileManager.default
        if planned.allSatisfy({ fm.fileExists(atPath: URL(fileURLWithPath: contentDirectory).appendingPathComponent($0.1).path) }) {
            return .failure(.usage("\(planned.map { tree.displayPath($0.1) }.joined(separator: " and ")) already exist; nothing was written"))
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return .failure(.io("cannot create the folder \(tree.displayPath("examples/\(category)")): \(error.localizedDescription)"))
        }
        for (language, relative) in planned {
            let url = URL(fileURLWithPath: contentDirectory).appendingPathComponent(relative)
            if fm.fileExists(atPath: url.path) {
                outcome.kept.append(tree.displayPath(relative))
                continue
            }
            do {
                // Never replaces a file, even one that appeared since the check above.
                try Data(exampleText(site: site, language: language).utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                return .failure(.io("cannot write \(tree.displayPath(relative)): \(error.localizedDescription)"))
            }
            outcome.written.append(tree.displayPath(relative))
        }
        return .success(outcome)
    }

    /// Front matter with empty title and summary, then each required section's heading with nothing under it.
    static func exampleText(site: Site, language: String) -> String {
        var text = "---\ntitle: \"\"\nsummary: \"\"\n---\n"
        for section in site.exampleSections {
            text += "\n## \(section.headings[language] ?? section.id)\n"
        }
        return text
    }

    // MARK: - new category

    /// Appends a category with empty name, summary, poster label, signs and response in every language to categories.yml.
    public static func newCategory(id: String, contentDirectory: String) -> Result<Outcome, Failure> {
        guard ContentLoader.isValidID(id) else {
            return .failure(.usage("the category id '\(id)' must be lowercase ASCII letters, digits and single hyphens, such as time-binding (it becomes part of the web address)"))
        }
        let tree = ContentTree.directory(contentDirectory)
        let loaded = ContentLoader.load(tree)
        guard let content = loaded.content else { return .failure(.content(loaded.diagnostics.filter { $0.severity == .error })) }
        let shown = tree.displayPath("categories.yml")
        let problems = loaded.diagnostics.filter { $0.location.path == shown && $0.severity == .error && $0.rule != "load.missing-file" }
        guard problems.isEmpty else { return .failure(.content(problems)) }
        if let existing = content.categories.first(where: { $0.id == id }) {
            return .failure(.usage("the category '\(id)' is already in \(shown) (line \(existing.location.line)); nothing was written"))
        }
        let url = URL(fileURLWithPath: contentDirectory).appendingPathComponent("categories.yml")
        var original = Data()
        if FileManager.default.fileExists(atPath: url.path) {
            do { original = try Data(contentsOf: url) } catch {
                return .failure(.io("cannot read \(shown): \(error.localizedDescription)"))
            }
        }
        let text = String(decoding: original, as: UTF8.self)
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        var updated = original
        if let last = original.last, last != UInt8(ascii: "\n"), last != UInt8(ascii: "\r") { updated += Data(lineEnd.utf8) }
        updated += Data(categoryEntry(id: id, languages: content.site.languages, lineEnd: lineEnd).utf8)
        // The file may be written in a form an appended entry does not extend (a flow list, other indentation).
        var log = DiagnosticLog()
        let reread = ContentLoader.loadCategories(String(decoding: updated, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
                                                  path: shown, languages: content.site.languages, log: &log)
        guard !log.hasErrors, reread.map(\.id) == content.categories.map(\.id) + [id] else {
            return .failure(.usage("\(shown) is written in a form this command cannot extend; add the category by hand:\n" + categoryEntry(id: id, languages: content.site.languages, lineEnd: "\n")))
        }
        do { try updated.write(to: url, options: .atomic) } catch {
            return .failure(.io("cannot write \(shown): \(error.localizedDescription); the file is unchanged"))
        }
        return .success(Outcome(written: [shown], kept: [], languages: content.site.languages))
    }

    static func categoryEntry(id: String, languages: [String], lineEnd: String) -> String {
        var lines = ["- id: \(id)"]
        for language in languages {
            lines += ["  \(language):", "    name: \"\"", "    summary: \"\"", "    poster-label: \"\"", "    signs: \"\"", "    response: \"\""]
        }
        return lines.map { $0 + lineEnd }.joined()
    }
}
