// Templates/: the Mustache templates, the UI strings per language and the static assets.

import Foundation
import Mustache
import Yams
import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown

public struct TemplateSet: Sendable {
    public static let requiredTemplates = ["layout", "home", "article", "examples", "example", "posters", "poster", "notice", "card", "language-root", "not-found", "coverage", "accessibility", "manual"]
    /// The UI strings Harigami puts into pages itself, outside the templates: every language must have each of them.
    static let requiredStrings = MarkdownSettings.stringKeys + CoverageTable.stringKeys + AccessibilityPage.stringKeys

    var library: MustacheLibrary
    /// The templates compiled for the view models (TemplatePlan.swift); the others are rendered by `library`.
    package var plans: TemplatePlans
    /// UI strings per language, from `i18n/LANG.yml`.
    public var strings: [String: [String: String]]
    /// Files under `assets/`, copied to the site as they are: relative path → bytes.
    public var assets: [String: Data]
    /// Every file of the folder as read, by relative path: two sets with the same files render alike.
    package var files: [String: Data] = [:]

    /// Loads `directory`; every problem (parse errors, missing partials, missing strings) is reported.
    public static func load(directory: String, languages: [String]) -> (TemplateSet?, [Diagnostic]) {
        var log = DiagnosticLog()
        let fm = FileManager.default
        let root = URL(fileURLWithPath: directory)
        guard let enumerator = fm.enumerator(atPath: root.path) else {
            log.error(SourceLocation(path: directory), "the templates folder cannot be read", rule: "template.io")
            return (nil, log.all)
        }
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        var assets: [String: Data] = [:]
        var files: [String: Data] = [:]
        var strings: [String: [String: String]] = [:]
        /// What each template includes, by name.
        var included: [String: [(name: String, location: SourceLocation)]] = [:]
        let paths = enumerator.compactMap { $0 as? String }.sorted()
        for relative in paths {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let shown = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                log.error(SourceLocation(path: shown), "cannot read the file: \(error.localizedDescription)", rule: "template.io")
                continue
            }
            files[relative] = data
            if relative.hasPrefix("assets/") {
                assets[String(relative.dropFirst("assets/".count))] = data
                continue
            }
            let text: String
            switch TextFile.decode(data, path: shown) {
            case .success(let t): text = t
            case .failure(let d): log.append(contentsOf: [d]); continue
            }
            if relative.hasSuffix(".mustache") {
                let name = String(relative.dropLast(".mustache".count))
                do {
                    HTMLEscaping.registered
                    templates[name] = try MustacheTemplate(string: HTMLEscaping.pragma + text)
                    sources[name] = shown
                } catch let error as MustacheTemplate.ParserError {
                    // The pragma line put above the template is not the author's: lines count from the one after it.
                    log.error(SourceLocation(path: shown, line: max(error.context.lineNumber - 1, 1), column: error.context.columnNumber),
                              "the template cannot be read: \(error.error)", rule: "template.syntax")
                } catch {
                    log.error(SourceLocation(path: shown), "the template cannot be read: \(error)", rule: "template.syntax")
                }
                let references = references(in: text, path: shown)
                for reference in references where templates[reference.name] == nil && !paths.contains(reference.name + ".mustache") {
                    log.error(reference.location, "the template '\(reference.name)' it includes does not exist (no \(reference.name).mustache)", rule: "template.missing")
                }
                included[name] = references
            } else if relative.hasPrefix("i18n/"), relative.hasSuffix(".yml") {
                let language = String(relative.dropFirst("i18n/".count).dropLast(".yml".count))
                strings[language] = loadStrings(text, path: shown, log: &log)
            }
        }
        checkLoops(included, log: &log)
        for name in requiredTemplates where templates[name] == nil && sources[name] == nil && !paths.contains(name + ".mustache") {
            log.error(SourceLocation(path: directory + "/\(name).mustache"), "the template \(name).mustache is missing; restore it from the Templates folder Harigami ships", rule: "template.missing")
        }
        for language in languages {
            guard let table = strings[language] else {
                log.error(SourceLocation(path: directory + "/i18n/\(language).yml"), "the UI strings for '\(language)' are missing: create i18n/\(language).yml", rule: "template.strings")
                continue
            }
            let reference = strings[languages[0]] ?? [:]
            for key in Set(reference.keys).union(requiredStrings).sorted() where table[key] == nil {
                let why = reference[key] != nil ? "it is in i18n/\(languages[0]).yml" : "Harigami shows it in the pages it makes; restore it from the Templates folder Harigami ships"
                log.error(SourceLocation(path: directory + "/i18n/\(language).yml"), "the UI string '\(key)' is missing (\(why))", rule: "template.strings")
            }
        }
        guard !log.hasErrors else { return (nil, log.all) }
        return (TemplateSet(library: MustacheLibrary(templates: templates), plans: TemplatePlans(templates: templates), strings: strings,
                            assets: assets, files: files), log.all)
    }

    /// Every `{{> name}}` and `{{< name}}` of a template, where it is written.
    private static func references(in text: String, path: String) -> [(name: String, location: SourceLocation)] {
        // Built once per file: a regular expression written in a loop is parsed again on every line.
        let reference = #/\{\{\s*[<>]\s*([A-Za-z0-9_\-/]+)\s*\}\}/#
        var found: [(String, SourceLocation)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: reference) {
                let column = line.distance(from: line.startIndex, to: match.range.lowerBound) + 1
                found.append((String(match.output.1), SourceLocation(path: path, line: index + 1, column: column)))
            }
        }
        return found
    }

    /// A template that includes itself, directly or through others, would be rendered without end: the views hold
    /// no nested data that could stop it, and swift-mustache stops only when the stack overflows, ending Harigami
    /// with a crash instead of a message. Each loop is reported once, at the line that closes it.
    static func checkLoops(_ included: [String: [(name: String, location: SourceLocation)]], log: inout DiagnosticLog) {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var trail: [String] = []
        func visit(_ template: String) {
            marks[template] = .visiting
            trail.append(template)
            for reference in included[template] ?? [] {
                switch marks[reference.name] {
                case .visiting?:
                    let loop = trail.drop { $0 != reference.name } + [reference.name]
                    log.error(reference.location, "the template '\(template)' includes '\(reference.name)', which leads back to it "
                              + "(\(loop.joined(separator: " → "))): it would be rendered without end; remove this line or the one that leads back",
                              rule: "template.loop")
                case .done?:
                    continue
                case nil:
                    if included[reference.name] != nil { visit(reference.name) }
                }
            }
            trail.removeLast()
            marks[template] = .done
        }
        for template in included.keys.sorted() where marks[template] == nil { visit(template) }
    }

    package static func loadStrings(_ text: String, path: String, log: inout DiagnosticLog) -> [String: String] {
        switch YAMLReader.parse(text, path: path) {
        case .failure(let d):
            log.append(contentsOf: [d])
            return [:]
        case .success(let node):
            guard case .mapping(let entries, _)? = node else {
                log.error(SourceLocation(path: path), "UI strings must be `key: text` lines", rule: "template.strings")
                return [:]
            }
            var table: [String: String] = [:]
            for entry in entries {
                guard case .scalar(let value, _) = entry.value else {
                    log.error(entry.value.location, "the UI string '\(entry.key)' must be text", rule: "template.strings")
                    continue
                }
                table[entry.key] = value
            }
            return table
        }
    }

    func render(_ context: Any, template: String) -> String {
        if let view = context as? any TemplateView, let rendered = plans.render(view, template: template) { return rendered }
        return renderWithoutPlans(context, template: template)
    }

    /// Without the plans: what swift-mustache alone makes of the same view.
    package func renderWithoutPlans(_ context: Any, template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
