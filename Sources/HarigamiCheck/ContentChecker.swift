// Runs every rule family over loaded content: the CI gate, and the first step of every build.

import Foundation
import HarigamiModel
import HarigamiMarkdown

/// What one run of the checks found: every problem, and the category × language coverage.
public struct CheckReport: Sendable {
    /// In report order (path, line, column), load and template problems included.
    public var diagnostics: [Diagnostic]
    /// Nil when site.yml could not be read, so nothing could be judged.
    public var coverage: CoverageTable?
    /// Markdown pages loaded (for the summary line).
    public var documentCount: Int
    /// Each page's Markdown as the checks rendered it, by path, for a build to use again: a public page as the public
    /// build renders it, a staff page as the staff build does. Empty when a link had to stand in for a missing page.
    public var rendered: [String: RenderedMarkdown] = [:]
    /// Pictures under `images/` that only staff content uses (staff-only pages, `::: staff` blocks): the public build
    /// leaves them out.
    public var staffOnlyImages: Set<String> = []

    package init(diagnostics: [Diagnostic], coverage: CoverageTable?, documentCount: Int, rendered: [String: RenderedMarkdown] = [:], staffOnlyImages: Set<String> = []) {
        self.diagnostics = diagnostics
        self.coverage = coverage
        self.documentCount = documentCount
        self.rendered = rendered
        self.staffOnlyImages = staffOnlyImages
    }
}

public enum ContentChecker {
    /// Every rule family's problems with `content`, in report order.
    /// `loadProblems` are what loading reported: a file that exists but did not load is not reported missing again.
    /// Templates are not read here: their own problems are reported when they are loaded.
    public static func check(_ content: Content, loadProblems: [Diagnostic] = []) -> [Diagnostic] {
        run(content, loadProblems: loadProblems).diagnostics
    }

    /// The rule families' problems and the coverage table, from one rendering of every page.
    /// `markdown` renders the pages and `pages` runs the rules that read one page: each afresh unless the caller
    /// passes runners of its own. With `allowingPendingTranslations` (`build --allow-missing-translations`), a page missing in a language that
    /// the build publishes as its source page (`CoverageRules.pendingTranslations`) is a warning, not an error.
    public static func run(_ content: Content, loadProblems: [Diagnostic] = [], allowingPendingTranslations: Bool = false,
                           markdown: Batch<MarkdownBatch, MarkdownJob, RenderedMarkdown> = .fresh,
                           pages: Batch<Site, PageRulesInput, [Diagnostic]> = .fresh,
                           posterFits: Batch<Void, PosterFitInput, [Diagnostic]> = .fresh) -> CheckReport {
        var context = CheckContext(content: content, loadProblems: loadProblems, markdown: markdown)
        context.allowsPendingTranslations = allowingPendingTranslations
        var diagnostics: [Diagnostic] = []
        diagnostics += context.renderProblems
        // The rules that read one page (and the page it translates) at a time.
        let defaultLanguage = content.site.defaultLanguage
        let inputs = content.documents.map { document in
            PageRulesInput(document: document, source: document.language == defaultLanguage ? nil
                           : content.document(key: document.key, language: defaultLanguage))
        }
        diagnostics += pages(content.site, inputs, make: context.pageFindings).flatMap { $0 }
        // The rules across pages.
        diagnostics += CoverageRules.check(context)
        diagnostics += CategoryFreshness.check(content)
        diagnostics += PosterRules.check(content, fits: posterFits)
        diagnostics += NameTagRules.check(content)
        return CheckReport(diagnostics: diagnostics.sortedForReport(),
                           coverage: CoverageRules.table(context),
                           documentCount: content.documents.count,
                           rendered: context.linkTargetsStoodIn ? [:] : context.rendered,
                           staffOnlyImages: context.staffOnlyImages())
    }

}

/// What the rules that read one page read besides the site: the page, and the source page it translates.
public struct PageRulesInput: Equatable, Sendable {
    public var document: Document
    public var source: Document?
}

/// What every rule family reads: the content, each page rendered once, and where files belong.
struct CheckContext {
    let content: Content
    /// Files that exist but reported load problems: they are not "missing", their problems are already listed.
    let troubledPaths: Set<String>
    /// The content folder as shown in diagnostics, ending with `/` (`Content/`).
    let root: String
    /// Each page rendered as the public build renders it (staff pages as the staff build does), by path.
    let rendered: [String: RenderedMarkdown]
    /// Whether links were resolved with stand-ins for missing translations, which no build has.
    let linkTargetsStoodIn: Bool
    /// `ExampleSectionRules.requiredHeadings` of the site, worked out once for every example.
    let requiredHeadings: [String: [String?]]

    /// The public examples by category and language, for the coverage rules and table.
    let examplesByCategory: [String: [String: [Document]]]
    /// Whether the build publishes missing translations as their source page (`--allow-missing-translations`).
    var allowsPendingTranslations = false

    init(content: Content, loadProblems: [Diagnostic], markdown: Batch<MarkdownBatch, MarkdownJob, RenderedMarkdown> = .fresh) {
        self.content = content
        troubledPaths = Set(loadProblems.map(\.location.path))
        requiredHeadings = ExampleSectionRules.requiredHeadings(content.site)
        // Staff-only examples are not on the public site, so they do not count toward its coverage.
        examplesByCategory = content.documents.filter { $0.audience == .public }.examplesByCategory()
        let sitePath = content.site.location.path
        root = sitePath.hasSuffix("site.yml") ? String(sitePath.dropLast("site.yml".count)) : ""
        // A link to a page whose translation is missing is not a second problem: the coverage rule names the file to create.
        var linkTargets = content
        var standIns: [Document] = []
        var stoodIn = Set<String>()
        let languageCount = content.site.languages.count
        for document in content.documents where content.versionCount(key: document.key) < languageCount {
            for language in content.site.languages where content.document(key: document.key, language: language) == nil
                && stoodIn.insert("\(document.key).\(language)").inserted {
                var standIn = document
                standIn.language = language
                standIn.path = root + Self.relativeFile(key: document.key, language: language)
                standIns.append(standIn)
            }
        }
        // One append: every change to the pages re-indexes them.
        if !standIns.isEmpty { linkTargets.documents += standIns }
        let targets = linkTargets
        linkTargetsStoodIn = linkTargets.documents.count != content.documents.count
        var settings = PageSettings(content: targets, audience: nil, readingProse: true)
        let jobs = content.documents.map { document in
            MarkdownJob(document: document, settings: settings(document)) {
                Self.pipeline(for: document, content: targets)
            }
        }
        let pages = markdown(MarkdownBatch(purpose: .check, linkTargets: targets), jobs) { $0.render() }
        rendered = Dictionary(zip(content.documents.map(\.path), pages)) { _, later in later }
    }

    var site: Site { content.site }

    /// What the rules that read one page find on `document`: its anatomy and prose, its sections if it is an example,
    /// and, if it is a translation, its structure and freshness against its source page.
    @Sendable func pageFindings(_ input: PageRulesInput) -> [Diagnostic] {
        let document = input.document
        var found = LinkRules.check(document, context: self) + ProseRules.check(document, rendered: rendered(document), content: content)
        found += AnnouncementRules.check(document, rendered: rendered(document))
        if document.kind.isExample { found += ExampleSectionRules.check(document, context: self) }
        if let source = input.source {
            found += TranslationStructureRules.compare(document, with: source, context: self).map { [$0] } ?? []
            found += FreshnessRules.check(document, source: source).map { [$0] } ?? []
        }
        return found
    }

    /// Pictures linked from staff-only pages or `::: staff` blocks and from no public text.
    func staffOnlyImages() -> Set<String> {
        guard !content.images.isEmpty else { return [] }
        var staff = Set<String>(), published = Set<String>()
        for document in content.documents {
            let links = rendered(document).links
            guard !links.isEmpty else { continue }
            let resolver = LinkResolver(content: content, audience: document.audience, language: document.language,
                                        fromFile: "", sourcePath: document.path)
            for link in links {
                guard let image = resolver.imagePath(link.url) else { continue }
                if document.audience == .staff || link.insideStaff { staff.insert(image) } else { published.insert(image) }
            }
        }
        return staff.subtracting(published)
    }

    /// Problems the Markdown pipeline itself found (containers, raw HTML, unsafe or broken links).
    var renderProblems: [Diagnostic] { rendered.values.flatMap(\.diagnostics) }

    func rendered(_ document: Document) -> RenderedMarkdown {
        rendered[document.path] ?? RenderedMarkdown(html: "", outline: [], links: [], staffTexts: [], diagnostics: [])
    }

    /// The path shown in diagnostics for a file of the content folder: `Content/examples/x/y.en.md`.
    func path(_ relative: String) -> String { root + relative }

    /// The file a page lives in, relative to the content folder: `examples/time-binding/phone.en.md`.
    static func relativeFile(key: String, language: String) -> String { "\(key).\(language).md" }

    /// Whether any file under `folder` (relative, e.g. `examples/violence/`) exists but did not load.
    func hasTroubledFile(under folder: String) -> Bool {
        troubledPaths.contains { $0.hasPrefix(path(folder)) }
    }

    /// How the checks render `document`: as its audience's build does, reading the prose as well.
    static func settings(for document: Document, content: Content) -> MarkdownSettings {
        .page(document, content: content, audience: document.audience, readingProse: true)
    }

    /// The same pipeline the site build uses, so the check and the build agree on every link.
    static func pipeline(for document: Document, content: Content) -> MarkdownPipeline {
        let settings = settings(for: document, content: content)
        let from = Routes.file(key: document.key, language: document.language) ?? "\(document.language)/index.html"
        let resolver = LinkResolver(content: content, audience: document.audience, language: document.language,
                                    fromFile: from, sourcePath: document.path)
        var pipeline = MarkdownPipeline(settings: settings, resolveLink: resolver.resolve)
        pipeline.proseReader = ProseRules.Reader.init
        return pipeline
    }
}
