// Content + templates → every file of one site build (public or staff), kept in memory or handed to a sink as made.

import Foundation
import HarigamiModel
import HarigamiMarkdown

public struct SiteBuild: Sendable {
    /// Relative path → bytes, for `Output/site` or `Output/staff`: every file from `render()`; from `render(into:)`,
    /// only those it did not hand to the sink.
    public var files: [String: Data]
    public var pagesPerLanguage: [String: Int]
    /// Plain text of every staff-only block and page, for the leak scan of a public build.
    public var staffTexts: [Located<String>]
    /// Headings of staff-only pages that public pages have too (a staff-only example and a public one share their
    /// sub-headings): labels, not staff-only text.
    public var sharedHeadings: [String] = []
    /// What the accessibility page found comparing the test results with the site's pages (`AccessibilityResults.rows`).
    public var problems: [Diagnostic] = []
    /// The files printed as documents of many pages (the staff manual), for the PDF printer.
    public var printedDocuments: [PrintedDocument] = []
}

public struct SiteRenderer: Sendable {
    public var content: Content
    public var templates: TemplateSet
    public var audience: Audience
    /// Extra pages the caller adds to the posters page (poster files, by `posterFilesKey`) and the staff build (coverage).
    public var posterFiles: [String: [PosterFileLink]] = [:]
    public var coverageHTML: [String: String] = [:]
    /// `build --pdf`: each PDF printed, and PNG of a signage page (its path in the site, beside its HTML) → its size in
    /// bytes; the posters page offers each with its size. Empty: the page is as without PDFs.
    public var printedSizes: [String: Int] = [:]
    /// Markdown the checks already rendered, by path (`CheckReport.rendered`): used for the pages whose
    /// audience is this build's, which the checks render exactly as the build would.
    public var prerendered: [String: RenderedMarkdown] = [:]
    /// How the Markdown of the pages not `prerendered`, the pages of documents, and the pages made from lists of
    /// others (and the sitemap) are made: each afresh unless the caller passes runners of its own.
    package var markdown: Batch<MarkdownBatch, MarkdownJob, RenderedMarkdown> = .fresh
    package var pages: Batch<SiteSurroundings, SitePage, Data> = .fresh
    package var lists: Batch<SiteSurroundings, ListPage, Data> = .fresh
    /// Pictures only staff content links to (`CheckReport.staffOnlyImages`): a public build leaves them out, unless
    /// a template or style sheet names them.
    public var staffOnlyImages: Set<String> = []
    /// Pages published in a language they lack (`--allow-missing-translations`): a stand-in document (the missing
    /// file's path and language, in `content`) → the page in the site's first language whose text it shows.
    public var standIns: [String: Document] = [:]
    /// The automated accessibility test results the accessibility page shows (`build --accessibility-results`); nil: pending.
    public var accessibilityResults: AccessibilityResults?
    /// HTML files the caller adds to the site (poster files, name-tag sheets), relative to its root: the accessibility
    /// page's results table lists them with the pages made here.
    public var otherPages: [String] = []

    public struct PosterFileLink: Sendable, Hashable {
        public var label: String
        /// Relative to the site root.
        public var path: String
        public var isPreview: Bool

        public init(label: String, path: String, isPreview: Bool = false) {
            self.label = label
            self.path = path
            self.isPreview = isPreview
        }
    }

    /// A poster's files as the posters page at `page` lists them, each with its PDF (a signage page: its PNG) and
    /// that file's size when `build --pdf` made one.
    func posterFileViews(_ links: [PosterFileLink], on page: String, ui: [String: String]) -> [PosterFileView] {
        links.filter { !$0.isPreview }.map { link in
            var view = PosterFileView(label: link.label, href: Routes.relative(from: page, to: link.path))
            let copies = [(PrintedDocument.pdfPath(of: link.path), "application/pdf", "poster-pdf", "PDF {size} KB"),
                          (PrintedDocument.pngPath(of: link.path), "image/png", "poster-png", "PNG {size} KB")]
            if let (path, type, key, fallback) = copies.first(where: { printedSizes[$0.0] != nil }), let bytes = printedSizes[path] {
                let text = fill(ui[key] ?? fallback, ["size": Self.kilobytes(bytes)])
                view.downloadHref = Routes.relative(from: page, to: path)
                view.downloadType = type
                view.downloadText = text
                // Every such link reads alike on screen; its name says which file it is.
                view.downloadName = fill(ui["poster-pdf-of"] ?? "{pdf} ({file})", ["pdf": text, "file": link.label])
            }
            return view
        }
    }

    /// `312.4`: kilobytes of 1,024 bytes with one decimal, as Japanese public sites give a download's size.
    package static func kilobytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1024)
    }

    /// The posters page of each language lists a poster's files labelled in that language: `posters/awareness.ja`.
    public static func posterFilesKey(posterKey: String, language: String) -> String { "\(posterKey).\(language)" }

    public init(content: Content, templates: TemplateSet, audience: Audience) {
        self.content = content
        self.templates = templates
        self.audience = audience
    }

    var site: Site { content.site }

    /// What this build publishes, worked out once per render: every page's navigation and language links read it.
    struct PublishedPages: Sendable {
        /// The documents published, in content order (staff pages only in the staff build; posters have their own renderer).
        var documents: [Document]
        /// Per language, the keys that have a page, the built-in index pages included.
        var keys: [String: Set<String>]
        /// Per language, the further pages (`pages/…`) the navigation lists, in content order.
        var furtherPages: [String: [Document]]
        /// Per language, the keys whose page shows the site's first language's page for now (`standIns`).
        var standInKeys: [String: Set<String>] = [:]

        func has(_ key: String, in language: String) -> Bool { keys[language]?.contains(key) == true }

        /// Whether the page of `key` in `language` is written in that language: a stand-in is not its translation,
        /// so no `hreflang` names it.
        func hasTranslation(_ key: String, in language: String) -> Bool {
            has(key, in: language) && standInKeys[language]?.contains(key) != true
        }
    }

    /// `documents` with each stand-in placed after the page it shows, so lists in its language keep the content's order.
    package static func inserting(_ pending: [(standIn: Document, source: Document)], into documents: [Document]) -> [Document] {
        guard !pending.isEmpty else { return documents }
        var after: [String: [Document]] = [:]
        for (standIn, source) in pending { after[source.path, default: []].append(standIn) }
        var result: [Document] = []
        result.reserveCapacity(documents.count + pending.count)
        for document in documents {
            result.append(document)
            result += after[document.path] ?? []
        }
        return result
    }

    /// The language a page's text is in when it is not the language of its section: a stand-in's source language.
    func contentLanguage(of document: Document) -> String? {
        standIns[document.path]?.language
    }

    /// The pages this build publishes: staff pages only in the staff build; posters have their own renderer.
    func publishedPages() -> PublishedPages {
        navigation(of: content.documents.filter { $0.poster == nil && (audience == .staff || $0.audience == .public) })
    }

    func navigation(of documents: [Document]) -> PublishedPages {
        var keys: [String: Set<String>] = [:]
        var furtherPages: [String: [Document]] = [:]
        for language in site.languages {
            keys[language] = ["notice", "examples", "posters", AccessibilityPage.key]
            if audience == .staff, coverageHTML[language] != nil { keys[language]?.insert("coverage") }
        }
        var standInKeys: [String: Set<String>] = [:]
        for document in documents {
            keys[document.language, default: []].insert(document.key)
            if case .page = document.kind { furtherPages[document.language, default: []].append(document) }
            if standIns[document.path] != nil { standInKeys[document.language, default: []].insert(document.key) }
        }
        return PublishedPages(documents: documents, keys: keys, furtherPages: furtherPages, standInKeys: standInKeys)
    }

    public func render() -> SiteBuild {
        render(concurrently: true)
    }

    /// `concurrently: false` renders one page after the other, for tests that compare both ways byte for byte.
    func render(concurrently: Bool) -> SiteBuild {
        var kept = KeptFiles()
        var build = render(into: &kept, chunkSize: .max, concurrently: concurrently)
        build.files.merge(kept.files) { held, _ in held }
        return build
    }

    /// How many pages a streaming render makes at once: enough to keep every core busy, few enough that the
    /// pages in flight stay a few megabytes however large the site.
    public static let chunkSize = 256

    /// Renders the site, handing its files to `sink` as they are finished, `chunkSize` pages at a time, so that a
    /// large site is never whole in memory. Returns, in `files`, only what the caller still changes or prints: the
    /// posters pages (`build --pdf` makes them again with the PDFs' sizes) and the documents printed (`printedDocuments`).
    public func render(into sink: inout some SiteFileSink, chunkSize: Int = SiteRenderer.chunkSize) -> SiteBuild {
        render(into: &sink, chunkSize: chunkSize, concurrently: true)
    }

    func render(into sink: inout some SiteFileSink, chunkSize: Int, concurrently: Bool) -> SiteBuild {
        guard concurrently else {
            var serial = self
            (serial.markdown, serial.pages, serial.lists) = (.serial, .serial, .serial)
            return serial.render(into: &sink, chunkSize: chunkSize, concurrently: true)
        }
        var files: [String: Data] = [:]
        var staffTexts: [Located<String>] = []
        var staffHeadings = Set<String>()
        var pagesPerLanguage: [String: Int] = [:]
        let surroundings = SiteSurroundings(site: site, categories: content.categories, templates: templates.files, audience: audience,
                                            coverage: site.languages.filter { coverageHTML[$0] != nil }, pages: SiteOutline(content))
        let published = publishedPages()
        let rendered = renderMarkdown(published)
        /// A document's Markdown as this build shows it: as the checks rendered it when it was for this audience.
        func markdown(of document: Document) -> RenderedMarkdown {
            checkedRendering(of: document) ?? rendered[document.path]!
        }
        for document in content.documents where document.audience == .staff {
            staffTexts.append(document.title)
            staffTexts.append(document.summary)
            let rendered = rendered[document.path]!
            staffTexts.append(Located(MarkdownPipeline.visibleText(ofHTML: rendered.html), at: document.frontMatterLocation))
            staffTexts += rendered.staffTexts
            staffHeadings.formUnion(Self.headings(rendered.outline))
        }
        var sharedHeadings = Set<String>()
        // A stand-in shows its source page's text as that page shows it: its links lead where the source's do.
        let units = published.documents.compactMap { document -> SitePage? in
            guard let path = Routes.file(key: document.key, language: document.language) else { return nil }
            return SitePage(document: document, path: path, body: markdown(of: standIns[document.path] ?? document).html)
        }
        // The pages the site gets, language by language: what the leak scan looks for is known before any page is made.
        var pageUnits: [SitePage] = []
        let examplesByCategory = published.documents.examplesByCategory()
        var listPages: [(language: String, page: ListPage)] = []
        for language in site.languages {
            let ui = templates.strings[language] ?? [:]
            var count = 0
            for unit in units where unit.document.language == language {
                let shown = markdown(of: standIns[unit.document.path] ?? unit.document)
                staffTexts += shown.staffTexts
                sharedHeadings.formUnion(Self.headings(shown.outline).filter(staffHeadings.contains))
                pageUnits.append(unit)
                count += 1
            }
            // The category index.
            let examplesPath = Routes.file(key: "examples", language: language)!
            let examples = content.categories.map { examplesByCategory[$0.id]?[language] ?? [] }
            listPages.append((language, ListPage(path: examplesPath, input: .examples(examples.map { $0.map(ListPageInput.Listing.init) })) {
                var view = self.pageView(key: "examples", language: language, title: ui["examples-title"] ?? "", description: ui["examples-description"] ?? "", body: "", ui: ui, published: published)
                view.categories = zip(self.content.categories, examples).map { category, examples in
                    let text = category.texts[language]
                    return CategoryView(id: category.id, name: text?.name ?? category.id, summary: text?.summary ?? "", examples: examples.map { example in
                        ExampleLinkView(title: example.title.value, summary: example.summary.value,
                                        href: self.href(from: examplesPath, key: example.key, language: language),
                                        channels: self.channelNames(example.channels.map(\.value), ui: ui),
                                        titleLang: self.contentLanguage(of: example))
                    })
                }
                return Data(self.templates.render(view, template: "examples").utf8)
            }))
            let posters = postersPage(language, published: published)
            listPages.append((language, listPage(posters.view, template: "posters", path: posters.path)))
            if audience == .staff, let coverage = coverageHTML[language] {
                let path = Routes.file(key: "coverage", language: language)!
                let view = pageView(key: "coverage", language: language, title: ui["coverage-title"] ?? "", description: ui["coverage-description"] ?? "", body: coverage, ui: ui, published: published)
                listPages.append((language, listPage(view, template: "coverage", path: path)))
            }
            pagesPerLanguage[language] = count + listPages.count { $0.language == language }
        }
        // The accessibility page lists every HTML file of the build, so it is made once the others are known.
        let htmlFiles = units.map(\.path) + listPages.map(\.page.path) + ["index.html", "404.html"] + otherPages.filter { $0.hasSuffix(".html") }
        let accessibility = accessibilityPages(sitePages: htmlFiles, published: published)
        for (language, page) in accessibility.pages {
            listPages.append((language, page))
            pagesPerLanguage[language, default: 0] += 1
        }
        // The staff build's documents for paper and for the phone system, from the renderings the pages show.
        var printedDocuments: [PrintedDocument] = []
        if audience == .staff {
            let manuals = manuals(published.documents) { markdown(of: $0).html }
            files.merge(manuals.files) { _, manual in manual }
            printedDocuments = manuals.printed
            files.merge(announcementFiles(published.documents, rendering: markdown(of:))) { _, text in text }
        }
        let sitemap = ListPage(path: "sitemap.xml", input: .sitemap) { Data(self.sitemap(published).utf8) }
        let allLists = listPages.map(\.page) + [sitemap]
        for (unit, data) in zip(allLists, lists(surroundings, allLists) { $0.make() }) { files[unit.path] = data }
        files["index.html"] = Data(templates.render(rootView(canonicalPath: ""), template: "language-root").utf8)
        files["404.html"] = Data(templates.render(rootView(canonicalPath: "404.html"), template: "not-found").utf8)
        // Crawlers read robots.txt only at the root of a host: in a sub-folder it would be a file nobody reads.
        if Self.isHostRoot(site.baseURL) {
            files["robots.txt"] = Data((audience == .staff ? "User-agent: *\nDisallow: /\n" : "User-agent: *\nAllow: /\n\nSitemap: \(site.baseURL)sitemap.xml\n").utf8)
        }
        for (path, data) in templates.assets { files["assets/" + path] = data }
        let withheld = audience == .staff ? [] : staffOnlyImages.filter { image in
            let name = Data(image.utf8)
            return !templates.files.values.contains { $0.range(of: name) != nil }
        }
        for (path, data) in content.images where !withheld.contains(path) { files[path] = data }
        sink.begin(staffTexts: staffTexts, sharedHeadings: sharedHeadings.sorted())
        // What the caller still changes or prints stays here; the rest goes first, and a page whose path one of
        // these files has is left out, as it was overwritten when the whole site was one dictionary.
        let heldPaths = Set(site.languages.map { Routes.file(key: "posters", language: $0)! } + printedDocuments.map(\.path))
        var held: [String: Data] = [:]
        for path in heldPaths { held[path] = files.removeValue(forKey: path) }
        let listed = Set(files.keys).union(held.keys)
        sink.receive(files)
        files = [:]
        var start = pageUnits.startIndex
        while start < pageUnits.endIndex {
            let end = pageUnits.index(start, offsetBy: min(chunkSize, pageUnits.endIndex - start))
            let chunk = pageUnits[start..<end].filter { !listed.contains($0.path) }
            let finished = pages(surroundings, chunk) { unit in
                page(unit.document, path: unit.path, body: unit.body, published: published)
            }
            sink.receive(Dictionary(zip(chunk.map(\.path), finished)) { _, later in later })
            start = end
        }
        return SiteBuild(files: held, pagesPerLanguage: pagesPerLanguage, staffTexts: staffTexts,
                         sharedHeadings: sharedHeadings.sorted(), problems: accessibility.problems, printedDocuments: printedDocuments)
    }

    /// What the public site shows by design, whoever else writes it: the site's names and contact, the example
    /// section headings, the categories' wording, the interface strings (the call-out labels among them). A staff page that
    /// repeats one of them (a staff-only example has the required headings) leaks nothing.
    public func textsPublishedByDesign() -> [String] {
        var texts: [String] = []
        for language in site.languages {
            texts += [site.title[language], site.organisation[language], site.description[language],
                      site.contact.department[language], site.contact.hours[language]].compactMap { $0 }
            texts += site.exampleSections.compactMap { $0.headings[language] }
            for category in content.categories {
                if let text = category.texts[language] { texts += [text.name, text.summary, text.posterLabel] }
            }
            texts += (templates.strings[language] ?? [:]).keys.sorted().compactMap { templates.strings[language]?[$0] }
        }
        texts += [site.contact.phone, site.contact.email]
        return texts
    }

    /// The titles of public pages: a staff label (a heading, a link) that names one leaks nothing; a staff sentence
    /// that one repeats does (`AudienceLeakScan.scan`).
    public func publicPageTitles() -> [String] {
        content.documents.filter { $0.audience == .public }.map(\.title.value)
    }

    static func headings(_ outline: [OutlineItem]) -> [String] {
        outline.compactMap { item in
            if case .heading(_, let text) = item.kind { return text }
            return nil
        }
    }

    // MARK: - Pieces

    /// A page made from a list of others, described by its view.
    /// The posters page of `language`: every poster's files, with their PDFs when `printedSizes` has them.
    func postersPage(_ language: String, published: PublishedPages) -> (path: String, view: PageView) {
        let ui = templates.strings[language] ?? [:]
        let postersPath = Routes.file(key: "posters", language: language)!
        var postersView = pageView(key: "posters", language: language, title: ui["posters-title"] ?? "", description: ui["posters-description"] ?? "", body: "", ui: ui, published: published)
        postersView.posters = content.posters.filter { $0.language == language }.map { poster in
            let links = posterFiles[Self.posterFilesKey(posterKey: poster.key, language: language)] ?? []
            return PosterView(title: poster.title.value, subtitle: poster.poster.map { $0.kind == .notice ? $0.lead.value : $0.subtitle.value } ?? "",
                              previewHref: links.first(where: \.isPreview).map { Routes.relative(from: postersPath, to: $0.path) },
                              landscape: poster.poster?.orientation.value == .landscape,
                              files: posterFileViews(links, on: postersPath, ui: ui))
        }
        // Only the staff build passes the name tags' files (NameTagRenderer), so only its posters page lists them.
        if let sheets = posterFiles[Self.posterFilesKey(posterKey: NameTagRenderer.posterKey, language: language)] {
            postersView.posters.append(PosterView(title: ui["nametags-title"] ?? "", subtitle: ui["nametags-description"] ?? "",
                                                  previewHref: sheets.first(where: \.isPreview).map { Routes.relative(from: postersPath, to: $0.path) },
                                                  files: posterFileViews(sheets, on: postersPath, ui: ui)))
        }
        // The staff manual is printed from here too: each language's file, this page's language first.
        let manuals = manualLanguages(content.documents)
        if audience == .staff, !manuals.isEmpty {
            let files = manuals.sorted { ($0 == language ? 0 : 1) < ($1 == language ? 0 : 1) }.map {
                PosterFileLink(label: "\(PosterPaper.a4.rawValue) \(ui["poster-language-\($0)"] ?? $0)", path: Self.manualPath(language: $0))
            }
            postersView.posters.append(PosterView(title: ui["manual-title"] ?? "", subtitle: ui["manual-description"] ?? "", previewHref: nil,
                                                  files: posterFileViews(files, on: postersPath, ui: ui)))
        }
        return (postersPath, postersView)
    }

    /// The posters page of every language alone, path → bytes, as `render` makes it: `build --pdf` prints the site's
    /// documents once the site is rendered, then puts these in place of the pages `render` made without the PDFs' sizes.
    public func postersPages() -> [String: Data] {
        let published = publishedPages()
        var files: [String: Data] = [:]
        for language in site.languages {
            let page = postersPage(language, published: published)
            files[page.path] = Data(templates.render(page.view, template: "posters").utf8)
        }
        return files
    }

    func listPage(_ view: PageView, template: String, path: String) -> ListPage {
        ListPage(path: path, input: .view(view)) { Data(self.templates.render(view, template: template).utf8) }
    }

    /// `document`'s Markdown as the checks rendered it, when they rendered it for this build's audience.
    func checkedRendering(of document: Document) -> RenderedMarkdown? {
        document.audience == audience ? prerendered[document.path] : nil
    }

    /// The Markdown this build renders itself, by path: every staff-only document (for the leak scan's staff texts),
    /// and each page's shown document that the checks did not render for this audience.
    func renderMarkdown(_ published: PublishedPages) -> [String: RenderedMarkdown] {
        var needed = content.documents.filter { $0.audience == .staff }
        for document in published.documents {
            let shown = standIns[document.path] ?? document
            if checkedRendering(of: shown) == nil { needed.append(shown) }
        }
        var seen = Set<String>()
        var settings = PageSettings(content: content, audience: audience)
        let jobs = needed.filter { seen.insert($0.path).inserted }.map { document in
            MarkdownJob(document: document, settings: settings(document)) { self.pipeline(for: document) }
        }
        let results = markdown(MarkdownBatch(purpose: .build(audience), linkTargets: content), jobs) { $0.render() }
        return Dictionary(zip(jobs.map(\.document.path), results)) { first, _ in first }
    }

    /// The page of `document`, whose Markdown is `body`.
    func page(_ document: Document, path: String, body: String, published: PublishedPages) -> Data {
        let language = document.language
        let ui = templates.strings[language] ?? [:]
        var view = pageView(key: document.key, language: language, title: document.title.value,
                            description: document.summary.value, body: body, ui: ui, published: published,
                            contentLanguage: contentLanguage(of: document))
        view.updated = document.updated?.value
        view.updatedText = document.updated.map { site.dates.display($0.value, language: language) }
        let template: String
        switch document.kind {
        case .notice:
            template = "home"
            view.links = ["guideline", "examples", "posters"].map { key in
                LinkView(label: ui["nav-\(key)"] ?? key, href: href(from: path, key: key, language: language))
            }
        case .example(let categoryID, _):
            template = "example"
            let category = content.categoryList.category(id: categoryID)?.texts[language]
            view.example = ExampleView(categoryName: category?.name ?? categoryID,
                                       categoryHref: href(from: path, key: "examples", language: language) + "#" + categoryID,
                                       categorySummary: category?.summary ?? "",
                                       channels: channelNames(document.channels.map(\.value), ui: ui))
        default:
            template = "article"
        }
        return Data(templates.render(view, template: template).utf8)
    }

    /// Whether the site is published at the root of its host (`https://kasuhara.example.jp/`), where robots.txt is read.
    public static func isHostRoot(_ baseURL: String) -> Bool {
        let path = URLComponents(string: baseURL)?.path ?? ""
        return path.isEmpty || path == "/"
    }

    func settings(for document: Document) -> MarkdownSettings {
        .page(document, content: content, audience: audience)
    }

    func pipeline(for document: Document) -> MarkdownPipeline {
        let settings = settings(for: document)
        let from = Routes.file(key: document.key, language: document.language) ?? "\(document.language)/index.html"
        let resolver = LinkResolver(content: content, audience: audience, language: document.language, fromFile: from, sourcePath: document.path)
        return MarkdownPipeline(settings: settings, resolveLink: resolver.resolve)
    }

    func href(from path: String, key: String, language: String) -> String {
        Routes.relative(from: path, to: Routes.file(key: key, language: language) ?? "\(language)/index.html")
    }

    func channelNames(_ channels: [String], ui: [String: String]) -> String {
        channels.map { ui["channel-\($0)"] ?? $0 }.joined(separator: ui["list-separator"] ?? ", ")
    }

    /// `template` with each `{name}` of `values` replaced by its value, in one pass: a value that holds braces (an
    /// organisation's name) is not read again.
    func fill(_ template: String?, _ values: [String: String]) -> String {
        var text = ""
        var rest = Substring(template ?? "")
        while let open = rest.firstIndex(of: "{") {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                text += value
                rest = after[after.index(after: close)...]
            } else {
                text += "{"
                rest = after
            }
        }
        return text + rest
    }

    /// `contentLanguage`: the language of the page's own text (title, body) when it is not `language`, the language
    /// of its section, its navigation and the rest of its chrome.
    func pageView(key: String, language: String, title: String, description: String, body: String, ui: [String: String], published: PublishedPages,
                  contentLanguage: String? = nil) -> PageView {
        let path = Routes.file(key: key, language: language)!
        let root = Routes.relative(from: path, to: "")
        let alternates = site.languages.filter { published.hasTranslation(key, in: $0) }.map {
            AlternateView(hreflang: $0, href: Routes.url(key: key, language: $0, baseURL: site.baseURL)!)
        }
        let languages = site.languages.map { other in
            let target = published.has(key, in: other) ? key : "notice"
            return LanguageLinkView(label: templates.strings[other]?["language-name"] ?? other, lang: other,
                                    href: href(from: path, key: target, language: other), current: other == language)
        }
        var nav = ["notice", "guideline", "examples", "posters"].filter { published.has($0, in: language) }.map { navKey in
            LinkView(label: ui["nav-\(navKey)"] ?? navKey, href: href(from: path, key: navKey, language: language),
                     current: navKey == key || (navKey == "examples" && key.hasPrefix("examples/")))
        }
        for document in published.furtherPages[language] ?? [] {
            nav.append(LinkView(label: document.title.value, href: href(from: path, key: document.key, language: language), current: document.key == key,
                                labelLang: self.contentLanguage(of: document)))
        }
        if published.has("coverage", in: language) {
            nav.append(LinkView(label: ui["nav-coverage"] ?? "coverage", href: href(from: path, key: "coverage", language: language), current: key == "coverage"))
        }
        var crumbs: [CrumbView] = []
        if key != "notice" {
            crumbs.append(CrumbView(label: ui["nav-notice"] ?? "", href: href(from: path, key: "notice", language: language), last: false))
            if key.hasPrefix("examples/") {
                crumbs.append(CrumbView(label: ui["nav-examples"] ?? "", href: href(from: path, key: "examples", language: language), last: false))
                let categoryID = key.split(separator: "/")[1]
                if let category = content.categoryList.category(id: categoryID) {
                    crumbs.append(CrumbView(label: category.texts[language]?.name ?? category.id,
                                            href: href(from: path, key: "examples", language: language) + "#" + category.id, last: false))
                }
            }
            crumbs.append(CrumbView(label: title, href: nil, last: true, labelLang: contentLanguage))
        }
        let siteTitle = site.title[language] ?? ""
        let contact = site.contact
        return PageView(lang: language, ui: ui, siteTitle: siteTitle, organisation: site.organisation[language] ?? "",
                        title: title, htmlTitle: key == "notice" ? siteTitle : "\(title)\(ui["title-separator"] ?? " | ")\(siteTitle)",
                        description: description.isEmpty ? (site.description[language] ?? "") : description,
                        // A stand-in repeats its source page, which is the one search engines should list.
                        canonical: Routes.url(key: key, language: contentLanguage ?? language, baseURL: site.baseURL)!,
                        alternates: alternates,
                        xDefault: Routes.url(key: key, language: site.defaultLanguage, baseURL: site.baseURL)!,
                        stylesheet: root + "assets/style.css", homeHref: href(from: path, key: "notice", language: language),
                        languages: languages, nav: nav, breadcrumbs: crumbs, hasBreadcrumbs: !crumbs.isEmpty,
                        contact: ContactView(department: contact.department[language] ?? "", phone: contact.phone,
                                             phoneHref: "tel:" + contact.phone.filter { $0.isNumber || $0 == "+" },
                                             email: contact.email, hours: contact.hours[language] ?? ""),
                        staff: audience == .staff, updated: nil, body: body, contentLang: contentLanguage,
                        accessibilityHref: href(from: path, key: AccessibilityPage.key, language: language))
    }

    func rootView(canonicalPath: String) -> RootView {
        let isRoot = canonicalPath.isEmpty
        return RootView(lang: site.defaultLanguage,
                        htmlTitle: site.languages.compactMap { site.title[$0] }.joined(separator: " / "),
                        description: site.languages.compactMap { site.description[$0] }.joined(separator: " / "),
                        canonical: site.baseURL + canonicalPath,
                        alternates: isRoot ? site.languages.map { AlternateView(hreflang: $0, href: "\(site.baseURL)\($0)/") } : [],
                        xDefault: site.baseURL,
                        // 404.html is served at any address, so its links are absolute.
                        stylesheet: isRoot ? "assets/style.css" : "\(site.baseURL)assets/style.css",
                        staff: audience == .staff,
                        languages: site.languages.enumerated().map { index, language in
                            RootView.Language(lang: language, siteTitle: site.title[language] ?? "", description: site.description[language] ?? "",
                                              href: isRoot ? "\(language)/index.html" : "\(site.baseURL)\(language)/",
                                              ui: templates.strings[language] ?? [:], first: index == 0,
                                              accessibilityHref: isRoot ? Routes.file(key: AccessibilityPage.key, language: language)!
                                                  : Routes.url(key: AccessibilityPage.key, language: language, baseURL: site.baseURL)!)
                        })
    }

    func sitemap(_ published: PublishedPages) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        var keys = Set<String>()
        for language in site.languages { keys.formUnion(published.keys[language] ?? []) }
        for key in keys.map({ (folder: Routes.folder(key: $0) ?? $0, key: $0) }).sorted(by: { $0.folder < $1.folder }).map(\.key) {
            // A stand-in is left out: its address is not a translation, and its canonical address is its source page's.
            let languages = site.languages.filter { published.hasTranslation(key, in: $0) }
            for language in languages {
                xml += "  <url>\n    <loc>\(HTMLText.escape(Routes.url(key: key, language: language, baseURL: site.baseURL)!))</loc>\n"
                for other in languages {
                    xml += "    <xhtml:link rel=\"alternate\" hreflang=\"\(other)\" href=\"\(HTMLText.escape(Routes.url(key: key, language: other, baseURL: site.baseURL)!))\"/>\n"
                }
                if languages.contains(site.defaultLanguage) {
                    xml += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(HTMLText.escape(Routes.url(key: key, language: site.defaultLanguage, baseURL: site.baseURL)!))\"/>\n"
                }
                xml += "  </url>\n"
            }
        }
        return xml + "</urlset>\n"
    }
}

