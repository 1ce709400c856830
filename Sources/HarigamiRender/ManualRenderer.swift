// The staff manual: the guideline, every response example and the staff card as one A4 document per language.

import Foundation
import HarigamiModel
import HarigamiPosterLayout

struct ManualChapterView {
    var number: Int
    /// The anchor the contents list links to.
    var id: String
    /// The CSS named page of the chapter, whose running head names it.
    var pageName: String
    /// `"3 暴言型"`, escaped for a CSS string (the running head).
    var runningHeadCSS: String
    var title: String
    var chapterSummary: String?
    /// The guideline's Markdown, its headings one level down.
    var guidelineBody: String?
    var examples: [ManualExampleView]
    var card: ManualCardView?
    /// Whether the contents list nests the examples' titles under the chapter (the templates read stored values only).
    var hasExamples = false
}

struct ManualExampleView {
    var id: String
    var title: String
    var exampleSummary: String
    /// Nil when the example names none.
    var exampleChannels: String?
    var body: String
}

struct ManualCardView {
    var cardSubtitle: String
    var cardTagline: String
    var rows: [ManualCardRowView]
}

struct ManualCardRowView {
    var number: Int
    var name: String
    var say: String
    var handOver: String
}

struct ManualView {
    var lang: String
    var ui: [String: String]
    var htmlTitle: String
    var description: String
    var organisation: String
    var title: String
    var siteTitle: String
    /// The newest `updated` date of the documents in it (ISO), or nil when none has one.
    var updated: String?
    /// `updated` as the site writes dates in this language (site.yml `dates`).
    var updatedText: String?
    /// `"サンプル市 職員対応マニュアル"`, escaped for a CSS string (the running head of every page).
    var runningHeadCSS: String
    var chapters: [ManualChapterView]
}

extension SiteRenderer {
    /// The manual's file in `language`, in the staff build's folder.
    static func manualPath(language: String) -> String { "manual.\(language).html" }

    /// The languages that have a manual: those with a guideline of their own (not a stand-in for a missing translation).
    func manualLanguages(_ documents: [Document]) -> [String] {
        let own = documents.filter { standIns[$0.path] == nil }
        return site.languages.filter { Self.guideline(in: own, language: $0) != nil }
    }

    static func guideline(in documents: [Document], language: String) -> Document? {
        documents.first { $0.key == "guideline" && $0.language == language }
    }

    /// Every language's manual (`manual.LANG.html`), from the pages' renderings (`body`), and the files as printed documents.
    /// `documents` are the pages the staff build publishes; stand-ins for missing translations are left out, as the
    /// staff card leaves them out.
    func manuals(_ documents: [Document], body: (Document) -> String) -> (files: [String: Data], printed: [PrintedDocument]) {
        var files: [String: Data] = [:]
        var printed: [PrintedDocument] = []
        let own = documents.filter { standIns[$0.path] == nil }
        var written = content
        written.documents = content.documents.filter { standIns[$0.path] == nil }
        for language in manualLanguages(own) {
            guard let guideline = Self.guideline(in: own, language: language) else { continue }
            let path = Self.manualPath(language: language)
            let view = manualView(language: language, guideline: guideline, documents: own, content: written, body: body)
            files[path] = Data(templates.render(view, template: "manual").utf8)
            printed.append(PrintedDocument(path: path, sheets: .pagesOfA4))
        }
        return (files, printed)
    }

    func manualView(language: String, guideline: Document, documents: [Document], content written: Content, body: (Document) -> String) -> ManualView {
        let ui = templates.strings[language] ?? [:]
        var chapters: [ManualChapterView] = []
        var parts = [guideline]
        func chapter(_ title: String) -> ManualChapterView {
            let number = chapters.count + 1
            return ManualChapterView(number: number, id: "chapter-\(number)", pageName: "chapter\(number)",
                                     runningHeadCSS: Self.cssString("\(number) \(title)"), title: title, examples: [])
        }
        let examples = documents.filter { $0.language == language }.examplesByCategory()
        // The categories with an example in this language, in the categories' order: a chapter each.
        let categories = content.categories.compactMap { category in
            examples[category.id]?[language].flatMap { $0.isEmpty ? nil : (category: category, examples: $0) }
        }
        // A link to a page the manual holds leads to its place in the manual, so the printed PDF's links stay inside it.
        var anchors: [String: String] = [:]
        if let path = Routes.file(key: guideline.key, language: language) { anchors[path] = "#chapter-1" }
        let examplesPage = Routes.file(key: "examples", language: language) ?? ""
        for (index, (category, listed)) in categories.enumerated() {
            anchors["\(examplesPage)#\(category.id)"] = "#chapter-\(index + 2)"
            for example in listed {
                if let path = Routes.file(key: example.key, language: language) { anchors[path] = "#" + Self.anchor(example, chapter: index + 2) }
            }
        }
        var first = chapter(guideline.title.value)
        first.chapterSummary = guideline.summary.value.isEmpty ? nil : guideline.summary.value
        first.guidelineBody = Self.rebased(Self.headingsDown(body(guideline), by: 1), from: Routes.file(key: guideline.key, language: language) ?? "", anchors: anchors)
        chapters.append(first)
        for (category, listed) in categories {
            let text = category.texts[language]
            var next = chapter(text?.name ?? category.id)
            next.chapterSummary = text?.summary
            next.examples = listed.map { example in
                parts.append(example)
                return ManualExampleView(id: Self.anchor(example, chapter: next.number), title: example.title.value,
                                         exampleSummary: example.summary.value,
                                         exampleChannels: example.channels.isEmpty ? nil : channelNames(example.channels.map(\.value), ui: ui),
                                         body: Self.rebased(Self.headingsDown(body(example), by: 2), from: Routes.file(key: example.key, language: language) ?? "",
                                                            anchors: anchors))
            }
            next.hasExamples = true
            chapters.append(next)
        }
        if let card = written.posters.first(where: { $0.language == language && $0.poster?.kind == .card }), let fields = card.poster {
            parts.append(card)
            var last = chapter(card.title.value)
            let rows = StaffCard.entries(written, language: language).enumerated().map { index, entry in
                ManualCardRowView(number: index + 1, name: entry.name.value, say: entry.say?.value ?? "", handOver: entry.handOver?.value ?? "")
            }
            last.card = ManualCardView(cardSubtitle: fields.subtitle.value, cardTagline: fields.tagline.value, rows: rows)
            chapters.append(last)
        }
        let organisation = site.organisation[language] ?? ""
        let title = ui["manual-title"] ?? ""
        // ISO dates sort as text.
        let updated = parts.compactMap { $0.updated?.value }.max()
        return ManualView(lang: language, ui: ui, htmlTitle: "\(title)\(ui["title-separator"] ?? " | ")\(organisation)",
                          description: ui["manual-description"] ?? "", organisation: organisation, title: title,
                          siteTitle: site.title[language] ?? "",
                          updated: updated, updatedText: updated.map { site.dates.display($0, language: language) },
                          runningHeadCSS: Self.cssString([organisation, title].filter { !$0.isEmpty }.joined(separator: " ")),
                          chapters: chapters)
    }

    /// `html` with every heading `levels` lower (`<h2>` → `<h3>`), at most `<h6>`: a page's sections sit under its
    /// chapter's (or its example's) heading in the manual.
    static func headingsDown(_ html: String, by levels: Int) -> String {
        html.replacing(#/<(/?)h([1-6])([ >])/#) { match in
            "<\(match.output.1)h\(min(Int(match.output.2)! + levels, 6))\(match.output.3)"
        }
    }

    /// The id of an example's section in the manual: `chapter-4-counter`.
    static func anchor(_ example: Document, chapter: Int) -> String {
        "chapter-\(chapter)-\(example.key.split(separator: "/").last ?? "")"
    }

    /// `html`, rendered for the page at `page` (`ja/guideline/index.html`), with its links made to work from the
    /// manual at the site's root: a link to a page in the manual leads to its chapter or example there (`anchors`, by
    /// site path, with or without the fragment), any other link up to the root loses its `../`, and a link within the
    /// page leads to the page.
    static func rebased(_ html: String, from page: String, anchors: [String: String]) -> String {
        let up = String(repeating: "../", count: page.split(separator: "/").count - 1)
        return html.replacing(#/ (href|src)="([^"]*)"/#) { match in
            var target = String(match.output.2)
            if target.hasPrefix("#") {
                target = HTMLText.escape(page) + target
            } else if !up.isEmpty, target.hasPrefix(up) {
                target.removeFirst(up.count)
            } else {
                return String(match.output.0)
            }
            let path = String(target.prefix { $0 != "#" })
            return " \(match.output.1)=\"\(anchors[target] ?? anchors[path] ?? target)\""
        }
    }

    /// `text` as a CSS string in a `<style>` element: quoted, with quotes, backslashes and line ends escaped, and `<`
    /// written as an escape so that no `</style>` can end the element.
    static func cssString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": escaped += "\\" + String(scalar)
            case "<": escaped += "\\3c "
            case "\n", "\r", "\u{0C}": escaped += "\\a "
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
