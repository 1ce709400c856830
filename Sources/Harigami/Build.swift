// The pipeline as named steps: load, check, render, write. The CLI calls this; nothing here prints.

import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown
import HarigamiCheck
import HarigamiRender
import HarigamiWrite

public struct BuildOptions: Sendable {
    public var contentDirectory: String = "Content"
    public var templatesDirectory: String = "Templates"
    public var outputDirectory: String = "Output"
    public var audience: Audience = .public
    public var baseURL: String?
    /// A page or example missing in a language is published there as its page in the site's first language, with
    /// a notice, and its coverage error is a warning (`--allow-missing-translations`).
    public var allowMissingTranslations = false
    /// The automated accessibility test results the accessibility page shows (`--accessibility-results FILE`); without
    /// them the page says they are pending.
    public var accessibilityResults: String?
    /// `--pdf`: every poster file (and the staff build's name-tag sheets) is also published as a PDF printed by this,
    /// beside its HTML, each signage page as a PNG, and the posters page offers them. Nil: none, and nothing looks for Chromium.
    public var printer: PDFPrinter?

    public init() {}
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// What the person publishing the site should know, printed after a build that wrote.
    public var notes: [String] = []
    public var pagesPerLanguage: [String: Int] = [:]
    public var posterFiles: Int = 0
    /// What writing did: whether a previous build was replaced, what else changed, what was left alone; nil
    /// when nothing was written.
    public var written: OutputWriter.Outcome?
    /// True when the output was written.
    public var wrote: Bool { written != nil }
}

public enum BuildError: Error, CustomStringConvertible {
    /// Writing failed; the message says what became of the previous output.
    case io(String)
    /// `--pdf`: a document did not print; nothing was written.
    case printing(PrintFailure, output: String)
    /// The folders given would make the build replace something that is not its own; nothing was done.
    case refused(String)

    public var description: String {
        switch self {
        case .io(let message), .refused(let message): message
        case .printing(let failure, let output):
            "\(output)/\(failure.path): headless Chromium did not \(failure.isScreen ? "photograph it as a PNG" : "print it to PDF"): \(failure.message); nothing was written"
        }
    }
}

/// A build made without writing: the report, and the files `Builder.build` writes when it has no errors.
public struct RenderedBuild: Sendable {
    public var report: BuildReport
    /// `site` (or `staff`), the posters inside it at `posters/`, relative path → bytes; nil when the content has errors,
    /// and when the files went to a sink as they were made (`complete` then says whether they may be published).
    public var site: [String: Data]?
    /// True when every file was made and nothing stands in the way of publishing them.
    public var complete = false
    /// The poster files alone, file name → bytes.
    public var posters: [String: Data]?
    /// The coverage table and the number of pages read, as the checks found them (nil table: site.yml unreadable).
    public var coverage: CoverageTable?
    public var documentCount = 0
    /// The newest `updated` date (`YYYY-MM-DD`) of the pages built: the date of every file in the staff archive.
    public var updated: String?
    /// The files of `site` printed as documents of many pages (the staff manual), relative to the site's folder.
    public var printedDocuments: [PrintedDocument] = []
    /// `--pdf`: the document that did not print (then `site` is nil).
    public var printFailure: PrintFailure?
}

/// How the build's steps do their work. Each makes everything afresh (`fresh`) unless the caller, the preview,
/// passes steps that use again what an earlier build made from the same input; the files are the same either way.
package struct BuildSteps: Sendable {
    package var loadTemplates: @Sendable (_ directory: String, _ languages: [String]) -> (TemplateSet?, [Diagnostic])
    package var loadPages: Batch<LoadSettings, PageFile, PageLoad>
    /// categories.yml.
    package var loadCategories: Batch<Void, CategoriesFile, CategoriesLoad>
    package var renderMarkdown: Batch<MarkdownBatch, MarkdownJob, RenderedMarkdown>
    package var checkPages: Batch<Site, PageRulesInput, [Diagnostic]>
    package var renderPages: Batch<SiteSurroundings, SitePage, Data>
    package var renderLists: Batch<SiteSurroundings, ListPage, Data>
    package var renderPosters: Batch<Void, PosterRenderer, PosterBuild>
    package var scanFiles: Batch<LeakSearch, PublishedFile, [Diagnostic]>
    /// The leak scan's sentences of each staff-only and public text.
    package var splitTexts: Batch<Void, String, [AudienceLeakScan.Sentence]>
    /// The posters' and notices' fit rules.
    package var fitPosters: Batch<Void, PosterFitInput, [Diagnostic]>

    package init(loadTemplates: @escaping @Sendable (String, [String]) -> (TemplateSet?, [Diagnostic]),
                 loadPages: Batch<LoadSettings, PageFile, PageLoad>, renderMarkdown: Batch<MarkdownBatch, MarkdownJob, RenderedMarkdown>,
                 checkPages: Batch<Site, PageRulesInput, [Diagnostic]>, renderPages: Batch<SiteSurroundings, SitePage, Data>,
                 renderLists: Batch<SiteSurroundings, ListPage, Data>, renderPosters: Batch<Void, PosterRenderer, PosterBuild>,
                 scanFiles: Batch<LeakSearch, PublishedFile, [Diagnostic]>, splitTexts: Batch<Void, String, [AudienceLeakScan.Sentence]> = .fresh,
                 fitPosters: Batch<Void, PosterFitInput, [Diagnostic]> = .fresh, loadCategories: Batch<Void, CategoriesFile, CategoriesLoad> = .fresh) {
        self.loadTemplates = loadTemplates
        self.loadPages = loadPages
        self.renderMarkdown = renderMarkdown
        self.checkPages = checkPages
        self.renderPages = renderPages
        self.renderLists = renderLists
        self.renderPosters = renderPosters
        self.scanFiles = scanFiles
        self.splitTexts = splitTexts
        self.fitPosters = fitPosters
        self.loadCategories = loadCategories
    }

    package static let fresh = BuildSteps(
        loadTemplates: { TemplateSet.load(directory: $0, languages: $1) }, loadPages: .fresh, renderMarkdown: .fresh,
        checkPages: .fresh, renderPages: .fresh, renderLists: .fresh, renderPosters: .fresh, scanFiles: .fresh)
}

public enum Builder {
    /// Loads and checks content and templates. Nil content when they cannot be used at all.
    public static func prepare(_ options: BuildOptions) -> (Content?, TemplateSet?, [Diagnostic]) {
        prepare(options, steps: .fresh)
    }

    static func prepare(_ options: BuildOptions, steps: BuildSteps) -> (Content?, TemplateSet?, [Diagnostic]) {
        let loaded = ContentLoader.load(.directory(options.contentDirectory), pages: steps.loadPages, categories: steps.loadCategories)
        var diagnostics = loaded.diagnostics
        guard var content = loaded.content else { return (nil, nil, diagnostics) }
        if let baseURL = options.baseURL {
            content.site.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        let (templates, templateProblems) = steps.loadTemplates(options.templatesDirectory, content.site.languages)
        diagnostics += templateProblems
        content.interfaceStrings = templates?.strings ?? [:]
        return (content, templates, diagnostics)
    }

    /// The folder of `Output` a build of `audience` replaces; `Output/posters` links to the posters inside it.
    public static func siteFolder(_ audience: Audience) -> String { audience == .staff ? "staff" : "site" }

    /// Checks, renders and writes. `waiting` is called when another build of the same output folder is writing.
    public static func build(_ options: BuildOptions, waiting: @escaping () -> Void = {}) throws(BuildError) -> BuildReport {
        try build(options, chunkSize: SiteRenderer.chunkSize, waiting: waiting, written: { _ in })
    }

    /// For the tests: `chunkSize` pages are made and written at a time, and `written` is given the new folder after each write.
    static func build(_ options: BuildOptions, chunkSize: Int, waiting: @escaping () -> Void,
                      written: @escaping (_ staging: String) -> Void) throws(BuildError) -> BuildReport {
        // Before anything is read or made: an output folder overlapping an input would be replaced with the build.
        let inputs = [("content", options.contentDirectory), ("templates", options.templatesDirectory)]
        if let overlap = OutputFolders.overlap(output: options.outputDirectory, inputs: inputs) {
            throw .refused(overlap + "; nothing was written")
        }
        // The files are written into the new output folder as they are made, so the site is never whole in memory;
        // the folder is swapped in only once everything succeeded, and deleted otherwise.
        let writer = StagingWriter(name: siteFolder(options.audience), output: options.outputDirectory, withArchive: options.audience == .staff,
                                   waiting: waiting, written: written)
        let rendered = render(options, steps: .fresh, chunkSize: chunkSize, into: writer.write)
        var report = rendered.report
        if let failure = rendered.printFailure {
            writer.staging?.discard()
            throw .printing(failure, output: "\(options.outputDirectory)/\(siteFolder(options.audience))")
        }
        guard rendered.complete, let posters = rendered.posters else {
            writer.staging?.discard()
            return report
        }
        do {
            let staging = try writer.opened()
            // The staff handbook also as one file to hand around, made before anything is replaced, so that one too
            // large for a ZIP file stops the build with nothing changed.
            var archive: Data?
            if options.audience == .staff {
                let folder = siteFolder(options.audience)
                do {
                    archive = try ZipArchive.make(try staging.readBack(), folders: [PosterRenderer.siteFolder], under: folder, date: rendered.updated)
                } catch let tooLarge as ZipArchive.TooLarge {
                    staging.discard()
                    throw BuildError.io("\(options.outputDirectory)/\(folder).zip: the staff handbook is too large for one ZIP file (\(tooLarge.description)); "
                        + "nothing was written")
                }
            }
            // The posters folder is written even when there are no posters, so Output/posters always leads somewhere.
            report.written = try staging.publish(folders: [PosterRenderer.siteFolder], archive: archive)
        } catch let error as BuildError {
            throw error
        } catch let error as OutputWriter.WriteError {
            throw error.isRefusal ? .refused(error.description) : .io(error.description)
        } catch {
            throw .io("\(error)")
        }
        report.posterFiles = posters.count
        return report
    }

    /// Writes what a build hands it into the new output folder, which it makes with the first files; after the
    /// first failure it writes nothing more, and keeps the failure for when the build is over (a leak found later
    /// is what the build reports then, as when nothing was written before the scan).
    final class StagingWriter {
        let name: String, output: String, withArchive: Bool
        let waiting: () -> Void
        let written: (String) -> Void
        private(set) var staging: OutputStaging?
        private(set) var failure: OutputWriter.WriteError?

        init(name: String, output: String, withArchive: Bool, waiting: @escaping () -> Void, written: @escaping (String) -> Void) {
            (self.name, self.output, self.withArchive, self.waiting, self.written) = (name, output, withArchive, waiting, written)
        }

        /// The new folder, made now when no file came (an empty site is published too); or the first failure.
        func opened() throws(OutputWriter.WriteError) -> OutputStaging {
            if let failure { throw failure }
            if let staging { return staging }
            do {
                let made = try OutputStaging(as: name, in: output, withArchive: withArchive, waiting: waiting)
                staging = made
                return made
            } catch {
                failure = error
                throw error
            }
        }

        func write(_ files: [String: Data]) {
            guard failure == nil else { return }
            do throws(OutputWriter.WriteError) {
                let staging = try opened()
                try staging.write(files)
                written(staging.root)
            } catch {
                failure = error
            }
        }
    }

    /// Everything `build` does but writing, each step as `steps` does it (the preview's use again what the
    /// previous build made from the same inputs; the files are the same either way).
    /// With `scanningDespiteErrors` (the check's), a site whose content has errors is still rendered, in memory, for
    /// the leak scan: an error in one page does not hide staff-only text published by another.
    public static func render(_ options: BuildOptions, scanningDespiteErrors: Bool = false) -> RenderedBuild {
        render(options, steps: .fresh, scanningDespiteErrors: scanningDespiteErrors)
    }

    package static func render(_ options: BuildOptions, steps: BuildSteps, scanningDespiteErrors: Bool = false) -> RenderedBuild {
        var kept = KeptFiles()
        // The pages keep their Markdown: the preview's memory knows a page as loaded by its identity from one save to the next.
        var rendered = render(options, steps: steps, scanningDespiteErrors: scanningDespiteErrors, chunkSize: .max, keepingMarkdown: true) {
            kept.receive($0)
        }
        if rendered.complete { rendered.site = kept.files }
        return rendered
    }

    /// `render`, handing the files to `sink` as they are made, `chunkSize` pages at a time (the leak scan reads each
    /// chunk first), instead of keeping them: the returned build's `site` is nil, and `complete` says whether the files
    /// may be published. The posters and the documents `--pdf` prints come last, once they are final. Without
    /// `keepingMarkdown`, a public build lets go of each page's Markdown once the checks have rendered it.
    package static func render(_ options: BuildOptions, steps: BuildSteps, scanningDespiteErrors: Bool = false,
                               chunkSize: Int = SiteRenderer.chunkSize, keepingMarkdown: Bool = false,
                               into sink: @escaping ([String: Data]) -> Void) -> RenderedBuild {
        var (loaded, templates, prepared) = prepare(options, steps: steps)
        let accessibilityResults = options.accessibilityResults.flatMap { readAccessibilityResults($0, problems: &prepared) }
        var report = BuildReport(diagnostics: prepared)
        guard var content = loaded else { return RenderedBuild(report: report) }
        loaded = nil // one copy, `content`, so that letting go of the pages' Markdown below frees it
        // The checks run even when loading found problems, so one run lists every problem.
        var checked = ContentChecker.run(content, loadProblems: prepared, allowingPendingTranslations: options.allowMissingTranslations,
                                         markdown: steps.renderMarkdown, pages: steps.checkPages, posterFits: steps.fitPosters)
        report.diagnostics = (prepared + checked.diagnostics).sortedForReport()
        var refused = RenderedBuild(report: report, coverage: checked.coverage, documentCount: checked.documentCount)
        // Rendered despite errors only for the leak scan: what the posters' rendering finds is left to the build
        // after the errors are fixed. The pages' Markdown problems are the checks' alone: the site uses their renderings.
        let scanOnly = report.diagnostics.hasErrors
        guard let templates, !scanOnly || scanningDespiteErrors && options.audience == .public else { return refused }
        // A staff-only poster (any language version marked `audience: staff`) is in the staff build only.
        var published = content
        // Their own texts are staff texts to the leak scan, as a staff page's are (the staff card's come from the examples).
        var staffPosterTexts: [Located<String>] = []
        if options.audience == .public {
            let staffPosters = Set(content.posters.filter { $0.audience == .staff }.map(\.key))
            staffPosterTexts = content.posters.filter { staffPosters.contains($0.key) }.flatMap { poster in
                [poster.title] + (poster.poster.map { [$0.subtitle, $0.tagline] + $0.bubbles.map(\.text) } ?? [])
            }
            published.documents.removeAll { $0.poster != nil && staffPosters.contains($0.key) }
        }
        // The posters print the content as written: the staff card's rows leave out an example in preparation rather
        // than print its stand-in's Japanese text as English.
        var printed = published
        var standIns: [String: Document] = [:]
        if options.allowMissingTranslations {
            let pending = CoverageRules.pendingTranslations(content)
            standIns = Dictionary(pending.map { ($0.standIn.path, $0.source) }) { first, _ in first }
            published.documents = SiteRenderer.inserting(pending, into: published.documents)
        }
        var renderer = SiteRenderer(content: published, templates: templates, audience: options.audience)
        renderer.standIns = standIns
        renderer.accessibilityResults = accessibilityResults
        (renderer.markdown, renderer.pages, renderer.lists) = (steps.renderMarkdown, steps.renderPages, steps.renderLists)
        renderer.staffOnlyImages = checked.staffOnlyImages
        if options.audience == .staff, let coverage = checked.coverage {
            for language in content.site.languages {
                renderer.coverageHTML[language] = coverage.html(language: language, strings: templates.strings)
            }
        }
        let posters = steps.renderPosters((), [PosterRenderer(content: printed, templates: templates)]) { $0.render() }[0]
        if !scanOnly { report.diagnostics += posters.diagnostics }
        renderer.posterFiles = posters.links
        renderer.otherPages = posters.files.keys.map { "\(PosterRenderer.siteFolder)/\($0)" }
        // What `--pdf` prints: each document is its path and the sheets it must come out on, so a further one is one line here.
        var printedDocuments = posters.printed
        // Name tags are staff-only by construction: the public build never renders them.
        var nameTagFiles: [String: Data] = [:]
        if options.audience == .staff, let nameTags = content.nameTags {
            let sheets = NameTagRenderer(nameTags: nameTags, site: content.site, templates: templates).render()
            renderer.posterFiles.merge(sheets.links) { _, sheet in sheet }
            nameTagFiles = sheets.files
            renderer.otherPages += sheets.files.keys
            printedDocuments += sheets.printed
        }
        // The checks have rendered every page's Markdown already; the site uses that instead of rendering it twice.
        // What only the checks read (outline, links) is let go, so a large site stays small in memory.
        renderer.prerendered = checked.rendered.mapValues {
            // The headings stay, for the leak scan (`SiteBuild.sharedHeadings`).
            RenderedMarkdown(html: $0.html, outline: $0.outline.filter(\.isHeading), links: [], staffTexts: $0.staffTexts, diagnostics: $0.diagnostics,
                             announcements: $0.announcements)
        }
        // Past the checks and the posters, a public page's Markdown is read again only where the site renders it again
        // (staff pages, for the leak scan); the others are let go with what only the checks read, so a large site's
        // sources are not held while its pages are made. The staff build renders every page again for its audience.
        if options.audience == .public, !keepingMarkdown {
            let rendered = checked.rendered
            // One copy of each page without its Markdown, shared by every list of pages that holds it.
            var withoutMarkdown: [String: Document] = [:]
            for document in content.documents where document.audience == .public && document.poster == nil && rendered[document.path] != nil {
                var without = document
                without.body = ""
                withoutMarkdown[document.path] = without
            }
            content.documents = content.documents.map { withoutMarkdown[$0.path] ?? $0 }
            published.documents = published.documents.map { withoutMarkdown[$0.path] ?? $0 }
            renderer.content.documents = published.documents
            printed.documents = []
        }
        checked.rendered = [:]
        var scanning = ScanningSink(batch: steps.scanFiles, sink: sink)
        if options.audience == .public {
            let (publicTexts, publicTitles) = (renderer.textsPublishedByDesign(), renderer.publicPageTitles())
            let outputName = options.outputDirectory + "/" + siteFolder(options.audience)
            scanning.prepare = { staffTexts, sharedHeadings in
                AudienceLeakScan.Search(staffTexts: staffTexts + staffPosterTexts, publicTexts: publicTexts, publicTitles: publicTitles,
                                        sharedHeadings: sharedHeadings, outputName: outputName, split: steps.splitTexts)
            }
        }
        var site = renderer.render(into: &scanning, chunkSize: chunkSize)
        for (name, data) in posters.files { site.files["\(PosterRenderer.siteFolder)/\(name)"] = data }
        site.files.merge(nameTagFiles) { _, sheet in sheet }
        // ISO dates sort as text. The newest is the date of the staff archive's files and of the PDFs.
        let updated = published.documents.compactMap { $0.updated?.value }.max()
        // --pdf: the documents (posters, name-tag sheets, and the staff manual the site renderer makes) are printed
        // from the rendered site, then the posters pages are made again with each PDF's (and PNG's) size. A build whose
        // content has errors prints nothing.
        if let printer = options.printer, !scanOnly, !report.diagnostics.hasErrors {
            do {
                var pdfs = try printer.print(printedDocuments + site.printedDocuments, site.files)
                for (path, pdf) in pdfs where path.hasSuffix(".pdf") { pdfs[path] = PDFDates.dated(pdf, updated) }
                renderer.printedSizes = pdfs.mapValues(\.count)
                site.files.merge(renderer.postersPages()) { _, withSizes in withSizes }
                site.files.merge(pdfs) { _, pdf in pdf }
            } catch {
                refused.report = report
                refused.printFailure = error
                return refused
            }
        }
        scanning.receive(site.files)
        report.pagesPerLanguage = site.pagesPerLanguage
        report.diagnostics += site.problems
        if options.audience == .public, !SiteRenderer.isHostRoot(content.site.baseURL) {
            let sitemap = content.site.baseURL + "sitemap.xml"
            report.notes.append("note: no robots.txt was written, because crawlers read it only at the root of a host and this site lives under \(content.site.baseURL); "
                                + "to point them to the sitemap, add the line 'Sitemap: \(sitemap)' to the host's own robots.txt")
        }
        report.diagnostics += scanning.findings
        report.diagnostics = report.diagnostics.sortedForReport()
        refused.report = report
        guard !report.diagnostics.hasErrors else { return refused }
        return RenderedBuild(report: report, complete: true, posters: posters.files, coverage: checked.coverage,
                             documentCount: checked.documentCount, updated: updated, printedDocuments: site.printedDocuments)
    }

    /// Reads each chunk of a public build's files for staff-only text before passing it on (`AudienceLeakScan`).
    struct ScanningSink: SiteFileSink {
        /// Makes the search once the renderer knows the staff texts; nil: a staff build, which is not scanned.
        var prepare: ((_ staffTexts: [Located<String>], _ sharedHeadings: [String]) -> AudienceLeakScan.Search)?
        private var search: AudienceLeakScan.Search?
        let batch: Batch<LeakSearch, PublishedFile, [Diagnostic]>
        let sink: ([String: Data]) -> Void
        private(set) var findings: [Diagnostic] = []

        init(batch: Batch<LeakSearch, PublishedFile, [Diagnostic]>, sink: @escaping ([String: Data]) -> Void) {
            (self.batch, self.sink) = (batch, sink)
        }

        mutating func begin(staffTexts: [Located<String>], sharedHeadings: [String]) {
            search = prepare?(staffTexts, sharedHeadings)
        }

        mutating func receive(_ files: [String: Data]) {
            if let search { findings += search.findings(in: files, batch: batch) }
            sink(files)
        }
    }

    /// The results file at `path`, or nil with its problems added to `problems`: a file that is not there is a warning
    /// (the page says the results are pending, as before the first test run), one that cannot be used an error.
    static func readAccessibilityResults(_ path: String, problems: inout [Diagnostic]) -> AccessibilityResults? {
        guard FileManager.default.fileExists(atPath: path) else {
            problems.append(.warning(SourceLocation(path: path), "there is no such file of accessibility results: the accessibility page says the results are pending; "
                                     + "Scripts/acceptance/site.py --results writes it", rule: AccessibilityResultsLoader.rule))
            return nil
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            problems.append(.error(SourceLocation(path: path), "cannot read the accessibility results: \(error.localizedDescription)", rule: AccessibilityResultsLoader.rule))
            return nil
        }
        return AccessibilityResultsLoader.load(data, path: path, problems: &problems)
    }

    /// What `harigami check` reports: the checks, then the public site rendered as `build` renders it and
    /// its leak scan, so the check refuses all that `build` refuses. The site is rendered and scanned even when the
    /// checks found errors (as long as the templates load), so one run lists a leak with every other problem.
    public static func check(_ options: BuildOptions) -> CheckReport {
        var publicBuild = options
        publicBuild.audience = .public
        // Each chunk of files is dropped once scanned: the check holds no more of the site than a build does.
        let rendered = render(publicBuild, steps: .fresh, scanningDespiteErrors: true) { _ in }
        return CheckReport(diagnostics: rendered.report.diagnostics, coverage: rendered.coverage, documentCount: rendered.documentCount)
    }
}
