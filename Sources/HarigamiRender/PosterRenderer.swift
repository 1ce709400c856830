// Content + templates → every poster file (Output/posters), and the links the site's posters page shows.

import Foundation
import HarigamiModel
import HarigamiPosterLayout

public struct PosterBuild: Sendable {
    /// File name (`awareness.ja.A4.html`) → bytes.
    public var files: [String: Data]
    /// For the posters page, keyed by `SiteRenderer.posterFilesKey`: every file, labelled in that page's language, and the preview.
    public var links: [String: [SiteRenderer.PosterFileLink]]
    public var diagnostics: [Diagnostic]
    /// Every file written, as `build --pdf` prints it (paths in the site): one sheet of the edition's paper, or a
    /// signage page's screen.
    public var printed: [PrintedDocument] = []
}

public struct PosterRenderer: Sendable {
    public var content: Content
    public var templates: TemplateSet
    /// Where the poster files sit in the site, so the posters page can link to them.
    public static let siteFolder = "posters"

    public init(content: Content, templates: TemplateSet) {
        self.content = content
        self.templates = templates
    }

    public func render() -> PosterBuild {
        var files: [String: Data] = [:]
        var diagnostics: [Diagnostic] = []
        let editions = PosterEdition.all(content)
        for edition in editions {
            let rendered: Result<String, Diagnostic> = switch edition.kind {
            case .awareness: page(edition).map { templates.render($0, template: "poster") }
            case .notice: noticePage(edition).map { templates.render($0, template: "notice") }
            case .card: .success(templates.render(cardPage(edition), template: "card"))
            }
            switch rendered {
            case .success(let html): files[edition.fileName] = Data(html.utf8)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        let screen = PosterLayout.signageScreen
        let printed = editions.filter { files[$0.fileName] != nil }.map {
            PrintedDocument(path: "\(Self.siteFolder)/\($0.fileName)",
                            sheets: $0.isSignage ? .screen(width: screen.width, height: screen.height) : .onePage($0.paper, $0.orientation))
        }
        return PosterBuild(files: files, links: links(editions), diagnostics: diagnostics, printed: printed)
    }

    /// Per page language: every file, size by size (that language, the others, then both on one sheet),
    /// and as preview the first size in the page's own language.
    func links(_ editions: [PosterEdition]) -> [String: [SiteRenderer.PosterFileLink]] {
        var links: [String: [SiteRenderer.PosterFileLink]] = [:]
        let names = Array(Set(editions.map(\.name))).sorted()
        for language in content.site.languages {
            let ui = templates.strings[language] ?? [:]
            for name in names {
                let every = editions.filter { $0.name == name }
                func rank(_ edition: PosterEdition) -> Int {
                    if edition.languages == [language] { return 0 }
                    return edition.isBilingual ? 2 : 1
                }
                // The signage pages come last, after every sheet; the preview is a sheet.
                let signage = every.filter(\.isSignage).sorted { (rank($0), $0.languageTag) < (rank($1), $1.languageTag) }
                let own = every.filter { !$0.isSignage }
                let papers = PosterPaper.allCases.filter { paper in own.contains { $0.paper == paper } }
                var list: [SiteRenderer.PosterFileLink] = []
                if let preview = own.first(where: { $0.languages == [language] }) ?? own.first {
                    list.append(.init(label: ui["poster-preview"] ?? preview.fileName, path: "\(Self.siteFolder)/\(preview.fileName)", isPreview: true))
                }
                for paper in papers {
                    let sized = own.filter { $0.paper == paper }.sorted { (rank($0), $0.languageTag) < (rank($1), $1.languageTag) }
                    for edition in sized {
                        let languageName = ui["poster-language-\(edition.languageTag)"] ?? edition.languageTag
                        list.append(.init(label: "\(paper.rawValue) \(languageName)", path: "\(Self.siteFolder)/\(edition.fileName)"))
                    }
                }
                for edition in signage {
                    let languageName = ui["poster-language-\(edition.languageTag)"] ?? edition.languageTag
                    list.append(.init(label: "\(ui["poster-signage"] ?? PosterEdition.signageName) \(languageName)", path: "\(Self.siteFolder)/\(edition.fileName)"))
                }
                links[SiteRenderer.posterFilesKey(posterKey: "posters/\(name)", language: language)] = list
            }
        }
        return links
    }

    // MARK: - One poster file

    /// The QR code of a poster and the address it encodes; an awareness poster always has one (the loader requires it).
    func qrCode(_ key: Located<String>?, language: String) -> Result<(QRCode, String), Diagnostic> {
        let site = content.site
        guard let key, let url = Routes.url(key: key.value, language: language, baseURL: site.baseURL) else {
            return .failure(.error(key?.location ?? site.location, "'qr: \(key?.value ?? "")' names no page of the site", rule: "poster.qr"))
        }
        do { return .success((try QRCode(url), url)) } catch {
            return .failure(.error(key.location, error.description, rule: "poster.qr"))
        }
    }

    func page(_ edition: PosterEdition) -> Result<PosterPageView, Diagnostic> {
        let layout = edition.layout
        let site = content.site
        let first = edition.contents[0]
        let language = first.document.language
        let ui = templates.strings[language] ?? [:]
        let qr: QRCode, url: String
        switch qrCode(first.fields.qr, language: language) {
        case .success(let code): (qr, url) = code
        case .failure(let diagnostic): return .failure(diagnostic)
        }

        func group(_ slots: [PosterTextSlot], _ texts: [String]) -> PosterTextGroupView {
            let box = PosterCSS.union(slots)
            let gap = slots.count > 1 ? slots[1].box.y - (slots[0].box.y + slots[0].box.height) : 0
            let parts = zip(slots, zip(texts, edition.contents)).map { slot, pair in
                PosterTextView(lines: PosterLines.balanced(pair.0, capacity: slot.lineCapacity, font: slot.type.font), lang: pair.1.document.language,
                               style: PosterCSS.slot(slot), secondary: pair.1.document.language != language)
            }
            return PosterTextGroupView(style: "\(PosterCSS.box(box));row-gap:\(PosterCSS.length(gap))", parts: parts)
        }
        func each(_ text: (PosterContent) -> String) -> [String] { edition.contents.map(text) }
        func single(_ slot: PosterTextSlot, _ text: String) -> PosterTextGroupView {
            PosterTextGroupView(style: PosterCSS.box(slot.box), parts: [PosterTextView(lines: [text], lang: language, style: PosterCSS.slot(slot), secondary: false)])
        }

        let bubbles = layout.bubbles.indices.compactMap { index -> PosterBubbleView? in
            guard index < first.fields.bubbles.count else { return nil }
            let cell = layout.bubbles[index]
            let categoryID = first.fields.bubbles[index].category.value
            let category = content.categoryList.category(id: categoryID)
            let labels = zip(cell.labels, edition.contents).map { slot, poster in
                let text = category?.texts[poster.document.language]
                let label = text.map { $0.posterLabel.isEmpty ? $0.name : $0.posterLabel } ?? categoryID
                return PosterTextView(lines: [label], lang: poster.document.language, style: PosterCSS.type(slot.type),
                                      secondary: poster.document.language != language)
            }
            let says = group(cell.texts, each { $0.fields.bubbles.indices.contains(index) ? $0.fields.bubbles[index].text.value : "" })
            let tagPadding = cell.labels.first.map { $0.box.x - cell.tag.x } ?? 0
            return PosterBubbleView(category: categoryID, tail: cell.tail.rawValue,
                                    balloonStyle: "\(PosterCSS.box(cell.balloon));--tail:\(PosterCSS.length(cell.frame.y + cell.frame.height - cell.balloon.y - cell.balloon.height))",
                                    tagStyle: "left:\(PosterCSS.length(cell.tag.x));top:\(PosterCSS.length(cell.tag.y));max-width:\(PosterCSS.length(cell.tag.width));height:\(PosterCSS.length(cell.tag.height));padding:0 \(PosterCSS.length(tagPadding))",
                                    labels: labels, says: says)
        }

        let list = layout.behaviours
        let count = edition.contents.map(\.behaviours.count).max() ?? 0
        let items = (0..<count).map { item in
            PosterBehaviourView(parts: edition.contents.enumerated().compactMap { index, poster in
                guard poster.behaviours.indices.contains(item) else { return nil }
                let text = poster.behaviours[item].value
                return PosterTextView(lines: list.lines(text, language: index), lang: poster.document.language,
                                      style: PosterCSS.type(list.types[index]), secondary: index > 0)
            })
        }
        let behaviours = PosterListView(style: "\(PosterCSS.box(list.box));row-gap:\(PosterCSS.length(list.gap));--marker:\(PosterCSS.length(list.markerWidth));font-size:\(PosterCSS.length(list.types[0].fontSize))",
                                        items: items)

        let organisation = group(layout.organisation, edition.contents.map { poster in
            let language = poster.document.language
            return [site.organisation[language], site.contact.department[language]].compactMap { $0 }.joined(separator: " ")
        })
        let titles = edition.contents.map(\.title.value)
        let htmlTitle = titles.joined(separator: " / ") + (ui["title-separator"] ?? " | ") + (site.organisation[language] ?? "")

        return .success(PosterPageView(
            lang: language, htmlTitle: htmlTitle,
            page: PosterPageGeometryView(width: PosterCSS.number(layout.pageWidth), height: PosterCSS.number(layout.pageHeight),
                                         marginX: PosterCSS.number(layout.marginX), marginY: PosterCSS.number(layout.marginY),
                                         scale: PosterCSS.number(layout.scale)),
            sheetStyle: "width:\(PosterCSS.length(layout.sheetWidth));height:\(PosterCSS.length(layout.sheetHeight))",
            bandStyle: PosterCSS.box(layout.band), panelStyle: PosterCSS.box(layout.panel), ruleStyle: PosterCSS.box(layout.rule),
            title: group(layout.title, titles),
            bubbles: bubbles,
            subtitle: group(layout.subtitle, each(\.fields.subtitle.value)),
            behaviours: behaviours,
            tagline: group(layout.tagline, each(\.fields.tagline.value)),
            organisation: organisation,
            phone: single(layout.phone, site.contact.phone),
            email: single(layout.email, site.contact.email),
            qrStyle: PosterCSS.box(layout.qr),
            qrSVG: qr.svg(label: "\(ui["poster-qr-label"] ?? "QR"): \(url)"),
            // On signage the address has a row of its own in the footer, read from its start like the rows above it.
            url: PosterTextGroupView(style: PosterCSS.box(layout.url.box) + (edition.isSignage ? ";text-align:left" : ""),
                                     parts: [PosterTextView(lines: PosterLines.address(url, capacity: layout.url.lineCapacity, font: layout.url.type.font), lang: language,
                                                            style: PosterCSS.slot(layout.url), secondary: false)])))
    }
}
