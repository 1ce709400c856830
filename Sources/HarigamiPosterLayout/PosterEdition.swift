// Which poster files a build prints: every poster in each of its languages and sizes, and both languages on one sheet.

import HarigamiModel

public struct PosterEdition: Sendable, Hashable {
    public var name: String
    /// The texts printed, first language first: one language, or two on the bilingual sheet.
    public var contents: [PosterContent]
    public var paper: PosterPaper
    public var orientation: PosterOrientation
    /// The 1920 × 1080 page for a screen (`signage: true`), not a sheet: `paper` is then the poster's first size,
    /// unused, and the orientation landscape.
    public var isSignage = false

    public var kind: PosterKind { contents[0].fields.kind }
    public var languages: [String] { contents.map(\.document.language) }
    /// `ja`, `en` or `ja-en`: the language part of the file name.
    public var languageTag: String { languages.joined(separator: "-") }
    /// `awareness.ja-en.A4.html`; `awareness.ja.signage.html` for the screen.
    public var fileName: String { "\(name).\(languageTag).\(sizeName).html" }
    /// The size name of a signage page, in its file name and in messages.
    public static let signageName = "signage"
    /// What the file name and the fit rule name: the paper (`A4`) or `signage`.
    public var sizeName: String { isSignage ? Self.signageName : paper.rawValue }
    public var isBilingual: Bool { contents.count > 1 }
    public var layout: PosterLayout {
        isSignage ? PosterLayout(signageFor: paper) : PosterLayout(paper: paper, orientation: orientation, languageCount: contents.count)
    }

    /// The sizes a poster document asks for, each once, in the order written.
    static func papers(_ fields: PosterFields) -> [PosterPaper] {
        var papers: [PosterPaper] = []
        for size in fields.sizes where !papers.contains(size.value) { papers.append(size.value) }
        return papers
    }

    /// Every edition of every poster, in a stable order: by poster name, then language, then size.
    /// The bilingual sheet pairs the site's first two languages; it is printed in the sizes both ask for,
    /// and only when both agree on the orientation (the check reports when they do not).
    public static func all(_ content: Content) -> [PosterEdition] {
        let languages = content.site.languages
        var byName: [String: [PosterContent]] = [:]
        for document in content.posters {
            guard let poster = PosterContent(document) else { continue }
            byName[poster.name, default: []].append(poster)
        }
        var editions: [PosterEdition] = []
        for name in byName.keys.sorted() {
            let posters = languages.compactMap { language in byName[name]?.first { $0.document.language == language } }
            for poster in posters {
                for paper in papers(poster.fields) {
                    editions.append(PosterEdition(name: name, contents: [poster], paper: paper, orientation: poster.fields.orientation.value))
                }
                // One language per screen: both at once would need type too small to read from across the room.
                if poster.fields.signage, poster.fields.kind != .card, let paper = papers(poster.fields).first {
                    editions.append(PosterEdition(name: name, contents: [poster], paper: paper, orientation: .landscape, isSignage: true))
                }
            }
            // The staff card fills its sheet in one language; both would not fit at a size read at arm's length.
            guard languages.count > 1, posters.first?.fields.kind != .card, let first = posters.first(where: { $0.document.language == languages[0] }),
                  let second = posters.first(where: { $0.document.language == languages[1] }),
                  first.fields.kind == second.fields.kind,
                  first.fields.orientation.value == second.fields.orientation.value else { continue }
            let secondPapers = papers(second.fields)
            for paper in papers(first.fields) where secondPapers.contains(paper) {
                editions.append(PosterEdition(name: name, contents: [first, second], paper: paper, orientation: first.fields.orientation.value))
            }
        }
        return editions
    }
}
