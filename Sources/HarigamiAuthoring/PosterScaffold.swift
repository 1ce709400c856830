// `new poster NAME --kind K`: a poster's files for every language with the keys of its kind, or the name-tag list.
// Texts are left empty on purpose, as for examples: `check` then names each one still to be written.

import Foundation
import HarigamiModel
import HarigamiLoad

extension Scaffold {
    /// What `new poster` can create: the poster kinds, and the staff name tags (kept in Content/nametags.yml).
    public enum PosterTemplate: String, CaseIterable, Sendable {
        case awareness, notice, card, nametags
    }

    /// Writes `posters/NAME.LANG.md` for every language that lacks it (never overwriting a file); for `nametags`,
    /// writes Content/nametags.yml with one sample person, and refuses when the file exists.
    public static func newPoster(name: String, kind: PosterTemplate, contentDirectory: String) -> Result<Outcome, Failure> {
        guard ContentLoader.isValidID(name) else {
            return .failure(.usage("the poster name '\(name)' must be lowercase ASCII letters, digits and single hyphens, such as counter-notice (it becomes part of the file names)"))
        }
        let tree = ContentTree.directory(contentDirectory)
        let loaded = ContentLoader.load(tree)
        guard let content = loaded.content else { return .failure(.content(loaded.diagnostics.filter { $0.severity == .error })) }
        let languages = content.site.languages
        let root = URL(fileURLWithPath: contentDirectory)
        let fm = FileManager.default
        if kind == .nametags {
            let relative = "nametags.yml"
            let url = root.appendingPathComponent(relative)
            if fm.fileExists(atPath: url.path) {
                return .failure(.usage("\(tree.displayPath(relative)) already exists; name tags are all kept in that one file: add people to its 'people:' list; nothing was written"))
            }
            do { try Data(nameTagsText(languages: languages).utf8).write(to: url, options: .withoutOverwriting) } catch {
                return .failure(.io("cannot write \(tree.displayPath(relative)): \(error.localizedDescription)"))
            }
            return .success(Outcome(written: [tree.displayPath(relative)], kept: [], languages: languages))
        }
        let planned = languages.map { language in (language, "posters/\(name).\(language).md") }
        if planned.allSatisfy({ fm.fileExists(atPath: root.appendingPathComponent($0.1).path) }) {
            return .failure(.usage("\(planned.map { tree.displayPath($0.1) }.joined(separator: " and ")) already exist; nothing was written"))
        }
        do {
            try fm.createDirectory(at: root.appendingPathComponent("posters"), withIntermediateDirectories: true)
        } catch {
            return .failure(.io("cannot create the folder \(tree.displayPath("posters")): \(error.localizedDescription)"))
        }
        var outcome = Outcome(written: [], kept: [], languages: languages)
        for (_, relative) in planned {
            let url = root.appendingPathComponent(relative)
            if fm.fileExists(atPath: url.path) {
                outcome.kept.append(tree.displayPath(relative))
                continue
            }
            do {
                try Data(posterText(kind, firstCategory: content.categories.first?.id).utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                return .failure(.io("cannot write \(tree.displayPath(relative)): \(error.localizedDescription)"))
            }
            outcome.written.append(tree.displayPath(relative))
        }
        return .success(outcome)
    }

    /// The front matter (and for an awareness poster, the list) of a new poster of `kind`, every text empty.
    static func posterText(_ kind: PosterTemplate, firstCategory: String?) -> String {
        switch kind {
        case .awareness:
            return """
                ---
                title: ""
                subtitle: ""
                tagline: ""
                sizes: [A4, A3]
                orientation: portrait
                qr: notice
                bubbles:
                  - category: \(firstCategory ?? "\"\"")
                    text: ""
                ---
                -

                """
        case .notice:
            return """
                ---
                kind: notice
                title: ""
                lead: ""
                items:
                  - ""
                sizes: [A4, A5]
                orientation: portrait
                ---

                """
        case .card:
            // The card is compiled from the response examples: its file says only what it is and how it prints.
            return """
                ---
                kind: card
                title: ""
                subtitle: ""
                tagline: ""
                sizes: [A4]
                ---

                """
        case .nametags:
            return ""
        }
    }

    /// One person, plainly a sample (見本 means "sample"), with every key a name tag has and no given name.
    static func nameTagsText(languages: [String]) -> String {
        func localized(_ values: [String: String]) -> String {
            "{" + languages.map { "\($0): \(values[$0] ?? "\"\"")" }.joined(separator: ", ") + "}"
        }
        return """
            # Surname-only name tags for staff (never published). One entry per person: surname, its reading in kana,
            # section and (optionally) role. A name tag never shows a given name or a photo.
            # The person below is a sample: replace it with your staff.
            people:
              - surname: \(localized(["ja": "見本", "en": "Mihon"]))
                reading: みほん
                section: \(localized(["ja": "総務課", "en": "General Affairs Division"]))
                role: \(localized(["ja": "主任", "en": "Senior Officer"]))

            """
    }
}
