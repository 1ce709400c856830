// What one build keeps for the next. The preview rebuilds after every save; in a site of thousands of pages
// one page changed, and working every other page out again made each save take seconds.
//
// Every reuse is decided by comparing what the result was made from with what it would be made from now:
// the file's stamp and the site settings for a loaded page, the page and the answer to every link it asked
// about for rendered Markdown, the page and everything around it for a finished page. Never by timing or by
// which files the watcher saw change, so a build with memory gives the same bytes as one without (tested).

import Foundation
import Harigami
import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown
import HarigamiCheck
import HarigamiRender

public final class BuildMemory: @unchecked Sendable {
    /// Loaded pages, by content path.
    let loadedPages = Memo<PageSource, LoadedPage>()
    /// categories.yml as loaded, while its text and the site's languages are as they were.
    let loadedCategories = Memo<CategoriesFile, CategoriesLoad>()
    /// Rendered Markdown by page path: as the checks render it, and as the public and the staff build do.
    let checkRenders = Memo<RenderInput, RecordedRender>()
    let publicRenders = Memo<RenderInput, RecordedRender>()
    let staffRenders = Memo<RenderInput, RecordedRender>()
    /// Finished pages of the site, by output path: a page's own, made from its document.
    let sitePages = Memo<SitePageInput, Data>()
    /// The pages made from lists of the others (the examples, posters and coverage pages) and the sitemap, by output path.
    let listPages = Memo<ListPageKey, Data>()
    /// What the rules that read one page found on it, by page path.
    let pageFindings = Memo<PageFindingsInput, [Diagnostic]>()
    /// The leak scan's findings, by output path.
    let leakFindings = Memo<LeakInput, [Diagnostic]>()
    /// The leak scan's sentences of a staff-only or public text, by the text itself.
    let textSentences = Memo<String, [AudienceLeakScan.Sentence]>()
    /// What the posters' and notices' fit rules found, while the posters, the site and the categories are as they were.
    let posterFits = Memo<PosterFitInput, [Diagnostic]>()
    /// The templates folder as loaded, with its problems, while no file in it has changed.
    let templateSets = Memo<TemplateSource, LoadedTemplates>()
    /// The posters, made from every poster page, the categories, the site and the templates.
    let posters = Memo<PosterInput, PosterBuild>()
    /// Numbers that stay the same for as long as what every unit of a batch shares does: compared once per batch
    /// instead of once per page.
    /// Two batches of one build that share an input (the site's pages and its lists) get the same number.
    private let surroundings = Generations<SiteSurroundings>()
    private let loadSettings = Generations<LoadSettings>()
    private let outlines = Generations<SiteOutline>()
    private let sites = Generations<Site>()
    private let leakFragments = Generations<[AudienceLeakScan.Fragment]>()
    /// The category list the latest build's pages held (see `keptCategoryList`).
    private var lastCategoryList: CategoryList?
    private let categoryLock = NSLock()

    public init() {}

    /// `Builder.render` with steps that use what the previous builds made; then forgets what this one did not use.
    public func render(_ options: BuildOptions, scanningDespiteErrors: Bool = false) -> RenderedBuild {
        defer { sweep() }
        return Builder.render(options, steps: steps, scanningDespiteErrors: scanningDespiteErrors)
    }

    /// The build's steps, each wrapped to look in this memory first.
    var steps: BuildSteps {
        BuildSteps(
            loadTemplates: { [self] in templates(directory: $0, languages: $1) },
            loadPages: Batch { [self] in loadPages($0, $1, make: $2) },
            renderMarkdown: Batch { [self] batch, jobs, _ in
                let linkTargets = generation(of: SiteOutline(batch.linkTargets), purpose: batch.purpose)
                let categories = (new: batch.linkTargets.categoryList, kept: keptCategoryList(batch.linkTargets.categoryList))
                return jobs.concurrentMap { render($0, purpose: batch.purpose, linkTargets: linkTargets, categories: categories) }
            },
            checkPages: Batch { [self] site, inputs, make in
                let settings = sites.number(for: site)
                return inputs.concurrentMap { input in
                    pageFindings.value(input.document.path, input: PageFindingsInput(page: input, settings: settings)) { make(input) }
                }
            },
            renderPages: Batch { [self] shared, pages, make in
                let surroundings = self.surroundings.number(for: shared)
                return pages.concurrentMap { page in
                    sitePages.value(page.path, input: SitePageInput(page: page, surroundings: surroundings)) { make(page) }
                }
            },
            renderLists: Batch { [self] shared, lists, make in
                let surroundings = self.surroundings.number(for: shared)
                return lists.concurrentMap { list in
                    listPages.value(list.path, input: ListPageKey(input: list.input, surroundings: surroundings)) { make(list) }
                }
            },
            renderPosters: Batch { [self] _, renderers, make in
                renderers.map { renderer in
                    posters.value("posters", input: PosterInput(renderer)) { make(renderer) }
                }
            },
            scanFiles: Batch { [self] search, files, make in
                let fragments = leakFragments.number(for: search.fragments)
                return files.concurrentMap { file in
                    leakFindings.value("\(search.outputName)|\(file.path)", input: LeakInput(file: file.data, fragments: fragments)) { make(file) }
                }
            },
            splitTexts: Batch { [self] _, texts, make in
                texts.concurrentMap { text in textSentences.value(text, input: text) { make(text) } }
            },
            fitPosters: Batch { [self] _, inputs, make in
                inputs.map { input in posterFits.value("posters", input: input) { make(input) } }
            },
            loadCategories: Batch { [self] _, files, make in
                files.map { file in loadedCategories.value("categories.yml", input: file) { make(file) } }
            })
    }

    /// Forgets what the latest build did not use (a removed file, a renamed page), so memory follows the site.
    func sweep() {
        loadedPages.sweep()
        loadedCategories.sweep()
        checkRenders.sweep()
        publicRenders.sweep()
        staffRenders.sweep()
        sitePages.sweep()
        listPages.sweep()
        leakFindings.sweep()
        textSentences.sweep()
        posterFits.sweep()
        pageFindings.sweep()
        posters.sweep()
        templateSets.sweep()
    }

    /// `TemplateSet.load`, or what it gave before while every file of the folder has the stamp it had then
    /// (and none had changed just before it was read).
    func templates(directory: String, languages: [String]) -> (TemplateSet?, [Diagnostic]) {
        let stamps = FolderStamps(of: directory, includingHidden: true)
        // A folder that cannot be read is loaded afresh, which reports why.
        guard stamps.isComplete else { return TemplateSet.load(directory: directory, languages: languages) }
        let input = TemplateSource(directory: directory, stamps: stamps, languages: languages)
        if let kept = templateSets.lookup("templates"), kept.input == input,
           !stamps.files.values.contains(where: { $0.isRecent(comparedTo: kept.output.loadedAt) }) {
            templateSets.keep(kept)
            return (kept.output.templates, kept.output.problems)
        }
        let loadedAt = FileStamp.now()
        let (templates, problems) = TemplateSet.load(directory: directory, languages: languages)
        templateSets.store("templates", input: input, output: LoadedTemplates(templates: templates, problems: problems, loadedAt: loadedAt))
        return (templates, problems)
    }

    /// Each page as `make` loads it, or as it was loaded before when its file and the settings are as they were.
    func loadPages(_ settings: LoadSettings, _ pages: [PageFile], make: @Sendable (PageFile) -> PageLoad) -> [PageLoad] {
        let generation = loadSettings.number(for: settings)
        return pages.concurrentMap { page in
            let path = page.file.path
            guard let stamp = page.file.stamp else { return make(page) }
            let source = PageSource(stamp: stamp, settings: generation)
            if let kept = loadedPages.lookup(path), kept.input == source {
                guard let recentBytes = kept.output.recentBytes else {
                    loadedPages.keep(kept)
                    return kept.output.page
                }
                let bytes: Data?
                do { bytes = try page.tree.read(path) } catch {
                    bytes = nil // loaded afresh below, which reports why the file cannot be read
                }
                if bytes == recentBytes {
                    var output = kept.output
                    // Once the file has been still for a while, its stamp is enough again.
                    if !stamp.isRecent(comparedTo: FileStamp.now()) { output.recentBytes = nil }
                    loadedPages.store(path, input: source, output: output, made: false)
                    return output.page
                }
            }
            // The bytes the page is made from are kept when the file changed just now (see `LoadedPage.recentBytes`).
            let read = ReadBytes()
            var recording = page.tree
            recording.read = { relative in
                let bytes = try page.tree.read(relative)
                read.bytes = bytes
                return bytes
            }
            let startedAt = FileStamp.now()
            let loaded = make(PageFile(file: page.file, tree: recording))
            loadedPages.store(path, input: source, output: LoadedPage(
                page: loaded, recentBytes: stamp.isRecent(comparedTo: startedAt) ? read.bytes ?? Data() : nil))
            return loaded
        }
    }

    /// The generation of the pages' outline (what links resolve against and what the navigation shows), with the
    /// pictures and the site's languages. Worked out once per batch and purpose.
    func generation(of outline: SiteOutline, purpose: RenderPurpose) -> Int {
        outlines.number(for: outline, purpose: "\(purpose)")
    }


    /// The list kept from the last build when `list` equals it (compared once per batch), else `list`, kept from now.
    func keptCategoryList(_ list: CategoryList) -> CategoryList {
        categoryLock.withLock {
            if let last = lastCategoryList, last == list { return last }
            lastCategoryList = list
            return list
        }
    }

    /// `job`'s rendering, made again only when the page, the settings or the answer to one of the page's links has
    /// changed: a link to a page that has since been added or removed renders differently. `linkTargets` is the
    /// generation of the outline the job's pipeline resolves links in: while it stays the same, no link's answer can
    /// have changed. The pipeline is made only when the page must be rendered or its links asked again.
    /// `categories.new` is the list the job's variables hold, `categories.kept` an equal one kept from an earlier build:
    /// held instead while comparing, the variables compare at once.
    func render(_ job: MarkdownJob, purpose: RenderPurpose, linkTargets: Int,
                categories: (new: CategoryList, kept: CategoryList)? = nil) -> RenderedMarkdown {
        let key = job.document.path
        let renders = switch purpose {
        case .check: checkRenders
        case .build(.public): publicRenders
        case .build(.staff): staffRenders
        }
        var input = RenderInput(document: job.document, settings: job.settings)
        if let categories { input.settings.variables?.replaceCategoryList(categories.new, with: categories.kept) }
        if let kept = renders.lookup(key), kept.input == input,
           kept.output.linkTargets == linkTargets
            || kept.output.answers.allSatisfy({ [pipeline = job.pipeline()] in pipeline.resolveLink($0.url, $0.insideStaff) == $0.resolution }) {
            if kept.output.linkTargets != linkTargets {
                var output = kept.output
                output.linkTargets = linkTargets
                renders.store(key, input: input, output: output, made: false)
            } else {
                renders.keep(kept)
            }
            return kept.output.rendered
        }
        let pipeline = job.pipeline()
        let recorder = LinkRecorder()
        var recording = pipeline
        recording.resolveLink = { url, insideStaff in
            let resolution = pipeline.resolveLink(url, insideStaff)
            recorder.answers.append(LinkAnswer(url: url, insideStaff: insideStaff, resolution: resolution))
            return resolution
        }
        let rendered = job.render(with: recording)
        renders.store(key, input: input, output: RecordedRender(rendered: rendered, answers: recorder.answers, linkTargets: linkTargets))
        return rendered
    }
}

/// A number for the latest input seen (per purpose), the same for as long as the input stays equal: what many
/// units of a batch compare instead of the input itself. A new input gets a number never given before.
final class Generations<Input: Equatable & Sendable>: @unchecked Sendable {
    private var latest: [String: (input: Input, number: Int)] = [:]
    private var lastNumber = 0
    private let lock = NSLock()

    func number(for input: Input, purpose: String = "") -> Int {
        lock.withLock {
            if let known = latest[purpose], known.input == input { return known.number }
            lastNumber += 1
            latest[purpose] = (input, lastNumber)
            return lastNumber
        }
    }
}

/// Results by key, each with the input it was made from. Safe to use from every core at once during a build:
/// what the previous builds kept is only read then (each key by one core), and what this build makes is set
/// aside under a lock until `sweep`, between builds. A lookup takes no lock: thousands of pages look up at once.
final class Memo<Input: Equatable & Sendable, Output: Sendable>: @unchecked Sendable {
    final class Entry: @unchecked Sendable {
        let input: Input
        let output: Output
        /// The last build that used it; written only by the core that looked its key up.
        var lastUsed: Int

        init(input: Input, output: Output, lastUsed: Int) {
            self.input = input
            self.output = output
            self.lastUsed = lastUsed
        }
    }

    private var entries: [String: Entry] = [:]
    private var made: [String: Entry] = [:]
    private var build = 1
    private var madeCount = 0
    private let lock = NSLock()
    /// How many entries the latest build made rather than reused: what it had to work out again.
    private(set) var madeByLatestBuild = 0

    /// What an earlier build kept under `key`, if anything.
    func lookup(_ key: String) -> Entry? {
        entries[key]
    }

    /// Marks the entry as used by this build, so `sweep` keeps it.
    func keep(_ entry: Entry) {
        entry.lastUsed = build
    }

    /// `made`: false when the output is one kept before, stored again with a change of its own.
    func store(_ key: String, input: Input, output: Output, made: Bool = true) {
        let entry = Entry(input: input, output: output, lastUsed: build)
        lock.withLock {
            self.made[key] = entry
            if made { madeCount += 1 }
        }
    }

    /// The kept output when its input equals `input`, else `make()`, kept for next time.
    func value(_ key: String, input: Input, make: () -> Output) -> Output {
        if let kept = lookup(key), kept.input == input {
            keep(kept)
            return kept.output
        }
        let output = make()
        store(key, input: input, output: output)
        return output
    }

    /// Between builds: forgets what the latest build did not use (a removed file, a renamed page) and keeps what it made.
    func sweep() {
        lock.withLock {
            let unused = entries.filter { $0.value.lastUsed != build }.map(\.key)
            for key in unused { entries[key] = nil }
            entries.merge(made) { _, new in new }
            made = [:]
            madeByLatestBuild = madeCount
            madeCount = 0
            build += 1
        }
    }
}

struct TemplateSource: Equatable, Sendable {
    var directory: String
    /// Every file under the folder, hidden ones included (the templates loader reads them too).
    var stamps: FolderStamps
    var languages: [String]
}

struct LoadedTemplates: Sendable {
    var templates: TemplateSet?
    var problems: [Diagnostic]
    /// When the folder was read (nanoseconds since 1970), to tell a file that changed just before.
    var loadedAt: Int64
}

struct PageSource: Equatable, Sendable {
    var stamp: FileStamp
    /// The generation of the loading settings: the site, the categories and the folder's name.
    var settings: Int
}

struct LoadedPage: Sendable {
    var page: PageLoad
    /// The bytes the page was loaded from, kept only when the file had changed just before it was read: a
    /// second write within the same tick of the file system's clock leaves the stamp as it was, so such a
    /// file is read again and compared.
    var recentBytes: Data?
}

/// The bytes one page was read from; a page loads on one thread.
final class ReadBytes: @unchecked Sendable {
    var bytes: Data?
}

struct RenderInput: Equatable, Sendable {
    var document: Document
    var settings: MarkdownSettings
}

struct LinkAnswer: Sendable {
    var url: String
    var insideStaff: Bool
    var resolution: LinkResolution
}

struct RecordedRender: Sendable {
    var rendered: RenderedMarkdown
    /// Every link the page asked about while it rendered, and the answer it got.
    var answers: [LinkAnswer]
    /// The generation of the link targets the answers are known to hold for.
    var linkTargets: Int
}

/// Collects a page's link answers while it renders; a rendering runs on one thread.
final class LinkRecorder: @unchecked Sendable {
    var answers: [LinkAnswer] = []
}

struct SitePageInput: Equatable, Sendable {
    var page: SitePage
    /// The generation of the build's surroundings.
    var surroundings: Int
}

struct ListPageKey: Equatable, Sendable {
    var input: ListPageInput
    /// The generation of the build's surroundings, which hold the templates.
    var surroundings: Int
}

/// What the page rules' findings are made from: the page, the source page it translates, and the site settings
/// (their generation). The page's rendered outline, links and prose follow from the page and those.
struct PageFindingsInput: Equatable, Sendable {
    var page: PageRulesInput
    var settings: Int
}

struct LeakInput: Equatable, Sendable {
    var file: Data
    /// The generation of the staff sentences looked for, and where each was written (the findings name it).
    var fragments: Int
}

struct PosterInput: Equatable, Sendable {
    var posters: [Document]
    var categories: [Category]
    var site: Site
    var templates: [String: Data]
    /// The response examples, when a staff card prints their wording (none otherwise, so editing an example leaves
    /// the awareness posters as they were made).
    var examples: [Document]

    init(_ renderer: PosterRenderer) {
        posters = renderer.content.posters
        let printsExamples = posters.contains { $0.poster?.kind == .card }
        examples = printsExamples ? renderer.content.documents.filter { if case .example = $0.kind { true } else { false } } : []
        categories = renderer.content.categories
        site = renderer.content.site
        templates = renderer.templates.files
    }
}
