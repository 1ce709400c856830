// Content/ → typed model: site.yml, categories.yml and every Markdown page, with every problem reported.

import Foundation
import HarigamiModel

/// What decides how a page file loads besides its bytes: the same for every page of one load.
public struct LoadSettings: Equatable, Sendable {
    public var site: Site
    public var categories: [Category]
    /// Whether categories.yml could be read (when not, examples are not also called unknown).
    public var categoriesRead: Bool
    public var displayRoot: String
}

/// One Markdown page file to load, and the tree to read it from.
public struct PageFile: Sendable {
    public var file: ContentFile
    public var tree: ContentTree

    public init(file: ContentFile, tree: ContentTree) {
        self.file = file
        self.tree = tree
    }
}

/// One page as loaded: nil document when it could not be (its problems say why).
public struct PageLoad: Sendable {
    public var document: Document?
    public var problems: [Diagnostic]
}

/// categories.yml as read, and the languages its entries must have.
public struct CategoriesFile: Equatable, Sendable {
    public var text: String
    public var path: String
    public var languages: [String]
}

/// categories.yml as loaded, with its problems.
public struct CategoriesLoad: Sendable {
    public var categories: [Category]
    public var problems: [Diagnostic]
}

public struct LoadResult: Sendable {
    /// Nil when site.yml itself could not be read: nothing else can be judged without it.
    public var content: Content?
    public var diagnostics: [Diagnostic]
}

public enum ContentLoader {
    public static let channels = ["phone", "counter", "email", "online"]

    /// `pages` loads the Markdown pages (`loadPage`): each afresh unless the caller passes a runner of its own.
    /// `categories` loads categories.yml the same way (one unit): the preview keeps it while its text is unchanged, since
    /// a large site's list is parsed again on every save otherwise.
    public static func load(_ tree: ContentTree, pages loadPages: Batch<LoadSettings, PageFile, PageLoad> = .fresh,
                            categories loadCategoriesFile: Batch<Void, CategoriesFile, CategoriesLoad> = .fresh) -> LoadResult {
        var log = DiagnosticLog()
        let rootLocation = SourceLocation(path: tree.displayRoot)
        let names: FileNames
        do {
            names = FileNames(try tree.list())
        } catch {
            log.error(rootLocation, "cannot read the content folder: \(error.localizedDescription)", rule: "load.io")
            return LoadResult(content: nil, diagnostics: log.all)
        }
        for clash in names.clashes {
            let shown = clash.map { "'\(tree.displayPath($0))' (\($0.isNFC ? "composed" : "decomposed"))" }
            log.error(SourceLocation(path: tree.displayPath(clash[0].nfc)),
                      "the file names \(shown.joined(separator: " and ")) are one name written in two Unicode forms: "
                      + "an accented letter, or a kana with its dakuten, stored as one character or as two (as macOS stores names); "
                      + "the site publishes one name, so delete or rename all but one of these files",
                      rule: "load.duplicate-name")
        }
        let files = names.files
        let tree = names.reading(tree)
        for file in files where file.linkOutside != nil {
            log.error(SourceLocation(path: tree.displayPath(file.path)),
                      "this is a symbolic link to \(file.linkOutside ?? ""), outside the content folder; copy the file in instead",
                      rule: "load.symlink")
        }
        for file in files {
            guard let folder = file.linkLoop else { continue }
            log.error(SourceLocation(path: tree.displayPath(file.path)),
                      "this is a symbolic link to the folder \(folder.isEmpty ? tree.displayRoot : tree.displayPath(folder)), which holds it, so the folder would repeat without end; remove the link",
                      rule: "load.symlink")
        }
        let usable = files.filter { $0.linkOutside == nil && $0.linkLoop == nil }
        let paths = usable.map(\.path)

        func text(_ relative: String) -> String? { readText(relative, from: tree, log: &log) }

        guard paths.contains("site.yml") else {
            log.error(SourceLocation(path: tree.displayPath("site.yml")), "site.yml is missing: create it with the languages, base-url, title, organisation, description, contact and example-sections", rule: "load.missing-file")
            return LoadResult(content: nil, diagnostics: log.all)
        }
        guard let siteText = text("site.yml"), let site = loadSite(siteText, path: tree.displayPath("site.yml"), log: &log) else {
            return LoadResult(content: nil, diagnostics: log.all)
        }
        log.append(contentsOf: SampleValue.problems(in: siteText, path: tree.displayPath("site.yml")))

        var categories: [Category] = []
        // When categories.yml cannot be read, its error is the one to fix: examples are not also called unknown.
        var categoriesRead = false
        if paths.contains("categories.yml") {
            if let categoriesText = text("categories.yml") {
                let file = CategoriesFile(text: categoriesText, path: tree.displayPath("categories.yml"), languages: site.languages)
                let loaded = loadCategoriesFile((), [file]) { file in
                    var log = DiagnosticLog()
                    let categories = loadCategories(file.text, path: file.path, languages: file.languages, log: &log)
                    return CategoriesLoad(categories: categories, problems: log.all)
                }[0]
                log.append(contentsOf: loaded.problems)
                categories = loaded.categories
                categoriesRead = !loaded.problems.contains { $0.rule == "load.yaml" }
            }
        } else {
            log.error(SourceLocation(path: tree.displayPath("categories.yml")), "categories.yml is missing: create it with one entry per category (`harigami new category ID`)", rule: "load.missing-file")
        }

        // Pages load independently of each other, so they load on all cores; their problems keep the files' order.
        let registry = categories
        let registryRead = categoriesRead
        let settings = LoadSettings(site: site, categories: registry, categoriesRead: registryRead, displayRoot: tree.displayRoot)
        let pageFiles = usable.filter { !["site.yml", "categories.yml", NameTags.fileName].contains($0.path) }.map { PageFile(file: $0, tree: tree) }
        let pages = loadPages(settings, pageFiles) { page in
            loadPage(page.file, from: page.tree, site: site, categories: registry, categoriesRead: registryRead)
        }
        var documents: [Document] = []
        for page in pages {
            log.append(contentsOf: page.problems)
            if let document = page.document { documents.append(document) }
        }
        log.append(contentsOf: makeStaffPagesWhole(&documents))
        var images: [String: Data] = [:]
        for relative in paths where relative.hasPrefix("images/") {
            // A name that is not UTF-8 (Shift_JIS from an archive made on Windows) is listed with U+FFFD and cannot be
            // opened by that name: say so, rather than that the file does not exist.
            guard !relative.unicodeScalars.contains("\u{FFFD}") else {
                log.error(SourceLocation(path: tree.displayPath(relative)),
                          "this file's name is not UTF-8 text (it was probably saved by a system using another encoding, such as Shift_JIS): rename it, in Japanese or in ASCII, and link it by its new name",
                          rule: "load.file-name")
                continue
            }
            do {
                images[relative] = try tree.read(relative)
            } catch {
                log.error(SourceLocation(path: tree.displayPath(relative)), "cannot read the file: \(error.localizedDescription)", rule: "load.io")
            }
        }
        var content = Content(site: site, categories: categories, documents: documents, images: images)
        content.categoriesRead = categoriesRead
        if paths.contains(NameTags.fileName), let nameTagsText = text(NameTags.fileName) {
            content.nameTags = NameTagsLoader.load(nameTagsText, path: tree.displayPath(NameTags.fileName), languages: site.languages, log: &log)
        }
        return LoadResult(content: content, diagnostics: log.all)
    }

    /// A page is staff-only when any of its language versions is: every version of it becomes staff-only, so no
    /// language publishes what another keeps for staff, and each version that does not say so is an error.
    static func makeStaffPagesWhole(_ documents: inout [Document]) -> [Diagnostic] {
        var staffVersion: [String: Document] = [:]
        for document in documents where document.audience == .staff && staffVersion[document.key] == nil {
            staffVersion[document.key] = document
        }
        guard !staffVersion.isEmpty else { return [] }
        var problems: [Diagnostic] = []
        for index in documents.indices where documents[index].audience == .public {
            guard let staff = staffVersion[documents[index].key] else { continue }
            problems.append(.error(documents[index].frontMatterLocation,
                                   "\(staff.path) is staff-only (audience: staff) but this \(documents[index].language) version is not: add 'audience: staff' to its front matter; until then every version of the page is kept out of the public site",
                                   rule: "audience.mismatch"))
            documents[index].audience = .staff
        }
        return problems
    }

    /// The text of a content file, or nil with the problem logged.
    /// With `byteLimit`, a larger file is an error (`MarkdownFile`), not read as text.
    static func readText(_ relative: String, from tree: ContentTree, byteLimit: Bool = false, log: inout DiagnosticLog) -> String? {
        let shown = tree.displayPath(relative)
        do {
            let data = try tree.read(relative)
            if byteLimit, let problem = MarkdownFile.sizeProblem(size: data.count, path: shown, poster: MarkdownFile.isPoster(relative)) {
                log.append(contentsOf: [problem])
                return nil
            }
            switch TextFile.decode(data, path: shown) {
            case .success(let text): return text
            case .failure(let diagnostic): log.append(contentsOf: [diagnostic]); return nil
            }
        } catch {
            log.error(SourceLocation(path: shown), "cannot read the file: \(error.localizedDescription)", rule: "load.io")
            return nil
        }
    }

    /// One Markdown page and its problems.
    static func loadPage(_ file: ContentFile, from tree: ContentTree, site: Site, categories: [Category], categoriesRead: Bool = true) -> PageLoad {
        // Refused before it is read: a file of gigabytes is not brought into memory to be measured.
        if let size = file.stamp?.size, let problem = MarkdownFile.sizeProblem(size: Int(clamping: size), path: tree.displayPath(file.path),
                                                                              poster: MarkdownFile.isPoster(file.path)) {
            return PageLoad(document: nil, problems: [problem])
        }
        var log = DiagnosticLog()
        let document = loadPage(file.path, from: tree, site: site, categories: categories, categoriesRead: categoriesRead, log: &log)
        return PageLoad(document: document, problems: log.all)
    }

    /// One Markdown page, or nil with its problems logged.
    static func loadPage(_ relative: String, from tree: ContentTree, site: Site, categories: [Category], categoriesRead: Bool = true,
                         log: inout DiagnosticLog) -> Document? {
        let shown = tree.displayPath(relative)
        guard let (kind, language) = classify(relative, site: site, categories: categoriesRead ? categories : nil, path: shown, log: &log),
              let source = readText(relative, from: tree, byteLimit: true, log: &log) else { return nil }
        return loadDocument(source, kind: kind, language: language, path: shown, site: site, categories: categories, log: &log)
    }

    /// Lowercase ASCII letters and digits, words joined by single hyphens: it becomes part of an address.
    public static func isValidID(_ id: String) -> Bool {
        // Checked for every file name and id; a regular expression here was a noticeable part of loading a large site.
        let words = id.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
    }

    /// `text` with full-width digits and hyphens (U+FF10–U+FF19, U+FF0D) as their ASCII forms.
    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19: Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!
            case 0xFF0D: "-"
            default: scalar
            }
        }))
    }

    /// `YYYY-MM-DD` in ASCII digits. Checked on every page; a regular expression here is compiled on every call.
    static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.indices.allSatisfy { index in
            index == 4 || index == 7 ? bytes[index] == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
    }

    // MARK: - site.yml

    static func loadSite(_ text: String, path: String, log: inout DiagnosticLog) -> Site? {
        let start = SourceLocation(path: path)
        let root: YAMLNode?
        switch YAMLReader.parse(text, path: path) {
        case .success(let node): root = node
        case .failure(let d): log.append(contentsOf: [d]); return nil
        }
        guard var reader = MappingReader(root, subject: "site.yml", at: start, log: &log) else { return nil }
        let before = log.all.count
        let languages = reader.stringList("languages", required: true, log: &log) ?? []
        for language in languages where language.value.wholeMatch(of: #/[a-z]{2,3}(-[A-Za-z0-9]+)?/#) == nil {
            log.error(language.location, "'\(language.value)' is not a language code such as ja or en", rule: "load.schema")
        }
        let codes = languages.map(\.value)
        if languages.isEmpty, log.all.count == before {
            log.error(reader.location, "'languages' must list at least one language, for example [ja, en]", rule: "load.schema")
        }
        let baseURL = reader.string("base-url", log: &log)
        if let baseURL, !(baseURL.value.hasPrefix("https://") || baseURL.value.hasPrefix("http://")) {
            log.error(baseURL.location, "'base-url' must be an absolute address starting with https://", rule: "load.schema")
        }
        let allowHTML = reader.bool("allow-html", default: false, log: &log)
        let title = reader.localized("title", languages: codes, log: &log)
        let organisation = reader.localized("organisation", languages: codes, log: &log)
        let selfName = reader.localized("self", languages: codes, required: false, log: &log)
        let description = reader.localized("description", languages: codes, log: &log)
        var contact: Contact?
        if let node = reader.node("contact", required: true, log: &log),
           var contactReader = MappingReader(node, subject: "'contact'", at: node.location, log: &log) {
            let department = contactReader.localized("department", languages: codes, log: &log)
            let phone = contactReader.string("phone", log: &log)
            let email = contactReader.string("email", log: &log)
            let hours = contactReader.localized("hours", languages: codes, log: &log)
            contactReader.reportUnknownKeys(log: &log)
            if let department, let phone, let email, let hours {
                contact = Contact(department: department, phone: Self.halfWidthPhone(phone.value), email: email.value, hours: hours)
            }
        }
        var sections: [ExampleSection] = []
        if let node = reader.node("example-sections", required: true, log: &log) {
            if case .sequence(let items, _) = node, !items.isEmpty {
                for item in items {
                    guard var sectionReader = MappingReader(item, subject: "an entry of 'example-sections'", at: item.location, log: &log) else { continue }
                    let id = sectionReader.string("id", log: &log)
                    let wording = sectionReader.bool("wording", default: false, log: &log)
                    var headings: [String: String] = [:]
                    for language in codes {
                        if let heading = sectionReader.string(language, log: &log) { headings[language] = heading.value }
                    }
                    sectionReader.reportUnknownKeys(log: &log)
                    if let id {
                        if sections.contains(where: { $0.id == id.value }) {
                            log.error(id.location, "the section id '\(id.value)' is used twice", rule: "load.duplicate-id")
                        }
                        sections.append(ExampleSection(id: id.value, headings: Localized(headings), requiresWording: wording, location: id.location))
                    }
                }
            } else {
                log.error(node.location, "'example-sections' must be a list of sections, each with an id and a heading per language", rule: "load.schema")
            }
        }
        var prose = ProseSettings()
        if let node = reader.node("prose", required: false, log: &log),
           var proseReader = MappingReader(node, subject: "'prose'", at: node.location, log: &log) {
            if let value = proseReader.node("max-sentence-length", required: false, log: &log) {
                if case .scalar(let text, _) = value, let length = Int(text), length > 0 {
                    prose.maxSentenceLength = length
                } else {
                    log.error(value.location, "'max-sentence-length' must be a whole number of characters, such as 100", rule: "load.schema")
                }
            }
            proseReader.reportUnknownKeys(log: &log)
        }
        var dates = DateStyle.western
        if let value = reader.string("dates", required: false, log: &log) {
            if let style = DateStyle(rawValue: value.value) {
                dates = style
            } else {
                log.error(value.location, "'dates' must be one of \(DateStyle.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value.value)'", rule: "load.schema")
            }
        }
        let policyDate = reader.string("accessibility-policy-date", required: false, log: &log)
        if let policyDate, CalendarDate(iso: policyDate.value) == nil {
            log.error(policyDate.location, "'accessibility-policy-date' must be a date written YYYY-MM-DD, such as 2026-10-01", rule: "load.schema")
        }
        reader.reportUnknownKeys(log: &log)
        guard log.all.count == before, let baseURL, let title, let organisation, let description, let contact else { return nil }
        let base = baseURL.value.hasSuffix("/") ? baseURL.value : baseURL.value + "/"
        var site = Site(languages: codes, baseURL: base, allowHTML: allowHTML, title: title, organisation: organisation, selfName: selfName ?? organisation,
                        description: description, contact: contact, exampleSections: sections, location: start, prose: prose)
        site.dates = dates
        site.accessibilityPolicyDate = policyDate?.value
        return site
    }

    // MARK: - categories.yml

    package static func loadCategories(_ text: String, path: String, languages: [String], log: inout DiagnosticLog) -> [Category] {
        let start = SourceLocation(path: path)
        let root: YAMLNode?
        switch YAMLReader.parse(text, path: path) {
        case .success(let node): root = node
        case .failure(let d): log.append(contentsOf: [d]); return []
        }
        guard case .sequence(let items, _)? = root else {
            log.error(root?.location ?? start, "categories.yml must be a list of categories, each starting with '- id: …'", rule: "load.schema")
            return []
        }
        var categories: [Category] = []
        for item in items {
            guard var reader = MappingReader(item, subject: "a category", at: item.location, log: &log) else { continue }
            guard let id = reader.string("id", log: &log) else { continue }
            reader = MappingReader(item, subject: "category '\(id.value)'", at: item.location, log: &log)!
            _ = reader.string("id", log: &log)
            if !isValidID(id.value) {
                log.error(id.location, "the category id '\(id.value)' must be lowercase ASCII letters, digits and hyphens, such as time-binding", rule: "load.id")
            }
            if let earlier = categories.first(where: { $0.id == id.value }) {
                log.error(id.location, "the category id '\(id.value)' is used twice (first on line \(earlier.location.line))", rule: "load.duplicate-id")
            }
            var texts: [String: CategoryText] = [:]
            for language in languages {
                // A missing language is reported by the coverage check, with the fix.
                guard let node = reader.node(language, required: false, log: &log) else { continue }
                guard var textReader = MappingReader(node, subject: "category '\(id.value)' (\(language))", at: node.location, log: &log) else { continue }
                let name = textReader.node("name", required: false, log: &log)
                let summary = textReader.node("summary", required: false, log: &log)
                let label = textReader.node("poster-label", required: false, log: &log)
                let signs = textReader.node("signs", required: false, log: &log)
                let response = textReader.node("response", required: false, log: &log)
                let sourceHash = language == languages.first ? nil : textReader.string("source-hash", required: false, log: &log)
                textReader.reportUnknownKeys(log: &log)
                func scalar(_ node: YAMLNode?, _ key: String) -> String {
                    guard let node else { return "" }
                    guard case .scalar(let text, _) = node else {
                        log.error(node.location, "'\(key)' must be text, not \(node.kindName)", rule: "load.schema")
                        return ""
                    }
                    return text
                }
                texts[language] = CategoryText(name: scalar(name, "name"), summary: scalar(summary, "summary"), posterLabel: scalar(label, "poster-label"),
                                               signs: scalar(signs, "signs"), response: scalar(response, "response"), sourceHash: sourceHash)
            }
            reader.reportUnknownKeys(log: &log)
            categories.append(Category(id: id.value, texts: texts, location: id.location))
        }
        return categories
    }

    // MARK: - Markdown pages

    /// Which page a file is, from its path; anything unexpected is reported, never skipped quietly.
    /// `categories` is nil when categories.yml could not be read: any example folder is then taken as a category.
    static func classify(_ relative: String, site: Site, categories: [Category]?, path: String, log: inout DiagnosticLog) -> (PageKind, String)? {
        let at = SourceLocation(path: path)
        let parts = relative.split(separator: "/").map(String.init)
        let fileName = parts.last ?? relative
        if parts.first == "images" { return nil }
        guard fileName.hasSuffix(".md") else {
            log.error(at, "unexpected file: content files are Markdown pages NAME.LANG.md (pictures go under images/)", rule: "load.unexpected-file")
            return nil
        }
        let stem = fileName.dropLast(3).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard stem.count == 2, !stem[0].isEmpty else {
            let example = (stem.first.map { $0.isEmpty ? "page" : $0 } ?? "page") + "." + site.defaultLanguage + ".md"
            log.error(at, "a page's file name must name its language, like \(example)", rule: "load.file-name")
            return nil
        }
        let (name, language) = (stem[0], stem[1])
        guard site.languages.contains(language) else {
            log.error(at, "'\(language)' is not one of the site's languages (\(site.languages.joined(separator: ", "))) in site.yml", rule: "load.language")
            return nil
        }
        func checkedSlug(_ slug: String) -> Bool {
            if isValidID(slug) { return true }
            log.error(at, "the name '\(slug)' must be lowercase ASCII letters, digits and hyphens (it becomes part of the web address)", rule: "load.id")
            return false
        }
        switch parts.count {
        case 1:
            switch name {
            case "notice": return (.notice, language)
            case "guideline": return (.guideline, language)
            default:
                log.error(at, "unexpected page '\(fileName)' at the top level: only notice and guideline live here; put further pages in pages/", rule: "load.unexpected-file")
                return nil
            }
        case 2 where parts[0] == "pages":
            guard checkedSlug(name) else { return nil }
            if Routes.reservedPageSlugs.contains(name) {
                log.error(at, "the page name '\(name)' is taken by a built-in page; choose another", rule: "load.id")
                return nil
            }
            return (.page(slug: name), language)
        case 2 where parts[0] == "posters":
            guard checkedSlug(name) else { return nil }
            return (.poster(name: name), language)
        case 3 where parts[0] == "examples":
            let category = parts[1]
            if let categories, !categories.contains(where: { $0.id == category }) {
                let known = categories.map(\.id).joined(separator: ", ")
                log.error(at, "unknown category '\(category)': categories.yml has \(known.isEmpty ? "none" : known) (add it with `harigami new category \(category)`)", rule: "load.unknown-category")
                return nil
            }
            guard checkedSlug(name) else { return nil }
            return (.example(category: category, slug: name), language)
        default:
            log.error(at, "unexpected file location: examples go in examples/CATEGORY/, posters in posters/, further pages in pages/", rule: "load.unexpected-file")
            return nil
        }
    }

    static func loadDocument(_ text: String, kind: PageKind, language: String, path: String, site: Site, categories: [Category],
                             log: inout DiagnosticLog) -> Document? {
        let split: FrontMatterSplit
        switch FrontMatterSplit.split(text, path: path) {
        case .success(let s): split = s
        case .failure(let d): log.append(contentsOf: [d]); return nil
        }
        let start = SourceLocation(path: path, line: 1, column: 1)
        let root: YAMLNode?
        switch YAMLReader.parse(split.yaml, path: path, firstLine: split.yamlLine) {
        case .success(let node): root = node
        case .failure(let d): log.append(contentsOf: [d]); return nil
        }
        guard var reader = MappingReader(root, subject: "the front matter", at: start, log: &log) else { return nil }
        let before = log.all.count
        let isPoster: Bool
        if case .poster = kind { isPoster = true } else { isPoster = false }

        let title = reader.string("title", log: &log)
        let summary = isPoster ? nil : reader.string("summary", log: &log)
        // A date typed with a Japanese input method comes in full-width digits (２０２６－１０－０１): read as the same date.
        let updated = reader.string("updated", required: false, log: &log).map { Located(halfWidth($0.value), at: $0.location) }
        if let updated, !isISODate(updated.value) {
            log.error(updated.location, "'updated' must be a date written YYYY-MM-DD, such as 2026-10-01", rule: "load.schema")
        }
        var audience = Audience.public
        let writtenAudience = reader.string("audience", required: false, log: &log)
        if let value = writtenAudience {
            if let parsed = Audience(rawValue: value.value) { audience = parsed } else {
                log.error(value.location, "'audience' must be public or staff", rule: "load.schema")
            }
        }
        let sourceHash = language == site.defaultLanguage ? nil : reader.string("source-hash", required: false, log: &log)
        var channels: [Located<String>] = []
        if case .example = kind {
            channels = reader.stringList("channels", required: false, log: &log) ?? []
            for channel in channels where !Self.channels.contains(channel.value) {
                log.error(channel.location, "unknown channel '\(channel.value)'; expected one of \(Self.channels.joined(separator: ", "))", rule: "load.schema")
            }
        }
        var poster: PosterFields?
        if isPoster {
            poster = loadPosterFields(&reader, path: path, log: &log)
            if let poster, poster.kind == .card {
                audience = staffCardAudience(writtenAudience, log: &log)
            }
        }
        reader.reportUnknownKeys(log: &log)
        guard log.all.count == before, let title else { return nil }
        // `{{…}}` in the texts the page shows is replaced here, once; a translation's freshness follows them as written.
        // Most values hold none, and cost one look at their bytes.
        func expanded(_ value: Located<String>) -> Located<String> {
            guard value.value.holdsByte(UInt8(ascii: "{")) else { return value }
            let variables = ContentVariables(site: site, categories: categories, language: language)
            let yamlLines = split.yaml.split(separator: "\n", omittingEmptySubsequences: false)
            // A quoted value's text starts one column after its quote.
            let line = value.location.line - split.yamlLine
            let quoted = yamlLines.indices.contains(line)
                && yamlLines[line].unicodeScalars.dropFirst(value.location.column - 1).first.map { $0 == "\"" || $0 == "'" } == true
            log.append(contentsOf: ContentVariables.problems(inLine: Array(value.value.utf8), path: path, line: value.location.line,
                                                             column: value.location.column + (quoted ? 1 : 0), inlineOnly: true))
            return Located(variables.expanding(value.value), at: value.location)
        }
        var shownPoster = poster
        if var fields = poster {
            fields.subtitle = expanded(fields.subtitle)
            fields.tagline = expanded(fields.tagline)
            for index in fields.bubbles.indices { fields.bubbles[index].text = expanded(fields.bubbles[index].text) }
            fields.lead = expanded(fields.lead)
            fields.items = fields.items.map(expanded)
            shownPoster = fields
        }
        var document = Document(kind: kind, language: language, path: path, title: expanded(title),
                                summary: expanded(summary ?? Located(title.value, at: title.location)),
                                updated: updated, audience: audience, sourceHash: sourceHash, channels: channels,
                                poster: shownPoster, body: split.body, bodyLine: split.bodyLine, frontMatterLocation: start)
        if let poster {
            document.translatedFrontMatter = [title.value, poster.subtitle.value, poster.tagline.value]
                + poster.bubbles.map { $0.category.value + ": " + $0.text.value }
                + (poster.kind == .notice ? [poster.lead.value] + poster.items.map(\.value) : [])
        }
        return document
    }

    /// The keys a poster has depend on its kind; each kind reads its own, so an unknown key is named with that kind's.
    static func loadPosterFields(_ reader: inout MappingReader, path: String, log: inout DiagnosticLog) -> PosterFields? {
        var kind = PosterKind.awareness
        if let written = reader.string("kind", required: false, log: &log) {
            guard let parsed = PosterKind(rawValue: written.value) else {
                let allowed = PosterKind.allCases.map(\.rawValue).joined(separator: ", ")
                log.error(written.location, "unknown poster kind '\(written.value)'; expected one of \(allowed)", rule: "load.schema")
                // Which keys belong is unknown too: the kind is the one problem to report.
                for entry in reader.entries { _ = reader.node(entry.key, required: false, log: &log) }
                return nil
            }
            kind = parsed
        }
        if kind == .card {
            // A staff card is read at arm's length from paper, never on a screen across the room.
            reader.refuse("signage", "a staff card (kind: card) is for staff only and is not shown on signage; remove 'signage:'", log: &log)
            return loadStaffCardFields(&reader, log: &log)
        }
        let sizes = loadPosterSizes(&reader, log: &log)
        let orientation = reader.string("orientation", log: &log).flatMap { written -> Located<PosterOrientation>? in
            guard let orientation = PosterOrientation(rawValue: written.value) else {
                let allowed = PosterOrientation.allCases.map(\.rawValue).joined(separator: " or ")
                log.error(written.location, "'orientation' must be \(allowed)", rule: "load.schema")
                return nil
            }
            return Located(orientation, at: written.location)
        }
        let signage = reader.bool("signage", default: false, log: &log)
        if kind == .notice {
            var fields = loadNoticeFields(&reader, sizes: sizes, orientation: orientation, log: &log)
            fields?.signage = signage
            return fields
        }
        let subtitle = reader.string("subtitle", log: &log)
        let tagline = reader.string("tagline", log: &log)
        let qr = reader.string("qr", log: &log)
        var bubbles: [PosterBubble] = []
        if let node = reader.node("bubbles", required: true, log: &log) {
            if case .sequence(let items, _) = node {
                for item in items {
                    guard var bubbleReader = MappingReader(item, subject: "a bubble", at: item.location, log: &log) else { continue }
                    let category = bubbleReader.string("category", log: &log)
                    let text = bubbleReader.string("text", log: &log)
                    bubbleReader.reportUnknownKeys(log: &log)
                    if let category, let text { bubbles.append(PosterBubble(category: category, text: text)) }
                }
            } else {
                log.error(node.location, "'bubbles' must be a list of entries with 'category' and 'text'", rule: "load.schema")
            }
        }
        guard let subtitle, let tagline, let orientation, let qr else { return nil }
        var fields = PosterFields(kind: kind, subtitle: subtitle, tagline: tagline, sizes: sizes, orientation: orientation, bubbles: bubbles, qr: qr)
        fields.signage = signage
        return fields
    }

    /// A telephone number as dialled and printed: what `halfWidth` makes ASCII, and the parentheses, plus sign and
    /// spaces typed with a Japanese input method, and the dashes that stand for a hyphen (ー, ‐, −, –, —), so the number
    /// fits the posters' slot and its tel: link dials.
    static func halfWidthPhone(_ written: String) -> String {
        String(String.UnicodeScalarView(halfWidth(written).unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF08, 0xFF09, 0xFF0B: Unicode.Scalar(scalar.value - 0xFEE0)!
            case 0x30FC, 0xFF70, 0x2010...0x2014, 0x2212: "-"
            case 0x3000: " "
            default: scalar
            }
        }))
    }

    /// The paper sizes a poster lists, those that are one of `PosterPaper`'s; every other is reported.
    static func loadPosterSizes(_ reader: inout MappingReader, log: inout DiagnosticLog) -> [Located<PosterPaper>] {
        guard let written = reader.stringList("sizes", required: true, log: &log) else { return [] }
        let allowed = PosterPaper.allCases.map(\.rawValue).joined(separator: ", ")
        if written.isEmpty {
            let list = reader.entries.first { $0.key == "sizes" }?.value.location ?? reader.location
            log.error(list, "the poster lists no paper sizes: write for example 'sizes: [A4, A3]' (one or more of \(allowed))", rule: "load.schema")
        }
        return written.compactMap { size in
            guard let paper = PosterPaper(rawValue: size.value) else {
                log.error(size.location, "unknown poster size '\(size.value)'; expected one of \(allowed)", rule: "load.schema")
                return nil
            }
            return Located(paper, at: size.location)
        }
    }
}
