// What one build keeps for the next. The preview rebuilds after every save; in a site of thousands of pages
// one page changed, and working every other page out again made each save take seconds.
//
// Every reuse is decided by comparing what the result was made from with what it would be made from now:
// the file's stamp and the site settings for a loaded page, the page and the answer to every link it asked
// about for rendered Markdown, the page and everything around it for a finished page. Never by timing or by
// which files the watcher saw change, so a build with memory gives the same bytes as one without (tested).

import Foundation

public final class BuildMemory: @unchecked Sendable {
    /// Loaded pages, by content path.
    let loadedPages = Memo<PageSource, LoadedPage>()
    /// Rendered Markdown by page path: as the checks render it, and as the public and the staff build do.
    let checkRenders = Memo<RenderInput, RecordedRender>()
    let publicRenders = Memo<RenderInput, RecordedRender>()
    let staffRenders = Memo<RenderInput, RecordedRender>()
    /// Finished pages of the site, by output path: a page's own, made from its document.
    let sitePages = Memo<SitePageInput, Data>()
    /// The pages made from lists of the others (the posters page, the coverage table), by output path.
    let listPages = Memo<ListPageInput, Data>()
    /// The site's navigation (which pages exist, the further pages), by the generation of what all pages share.
    let navigation = Memo<Int, SiteRenderer.PublishedPages>()
    /// The examples pages, by output path: made from every example's title, so compared by those before the page is laid out.
    let examplesPages = Memo<ExamplesPageInput, Data>()
    /// Files made only from the surroundings (the sitemap), by output path.
    let surroundingFiles = Memo<Int, Data>()
    /// What the rules that read one page found on it, by page path.
    let pageFindings = Memo<PageFindingsInput, [Diagnostic]>()
    /// The leak scan's findings, by output path.
    let leakFindings = Memo<LeakInput, [Diagnostic]>()
    /// The templates folder as loaded, with its problems, while no file in it has changed.
    let templateSets = Memo<TemplateSource, LoadedTemplates>()
    /// The posters, made from every poster page, the categories, the site and the templates.
    let posters = Memo<PosterInput, PosterBuild>()
    /// What the site's pages share (navigation, site settings, templates); every page's input names its generation.
    private let surroundings = Memo<SiteSurroundings, Int>()
    private let loadSettings = Memo<LoadSettings, Int>()
    private let linkTargets = Memo<LinkTargets, Int>()
    private let sites = Memo<Site, Int>()
    private let leakFragments = Memo<[AudienceLeakScan.Fragment], Int>()
    private var generation = 0
    private let lock = NSLock()

    public init() {}

    /// Forgets what the latest build did not use (a removed file, a renamed page), so memory follows the site.
    func sweep() {
        loadedPages.sweep()
        checkRenders.sweep()
        publicRenders.sweep()
        staffRenders.sweep()
        sitePages.sweep()
        listPages.sweep()
        examplesPages.sweep()
        navigation.sweep()
        surroundingFiles.sweep()
        leakFindings.sweep()
        pageFindings.sweep()
        posters.sweep()
        templateSets.sweep()
        surroundings.sweep()
        loadSettings.sweep()
        linkTargets.sweep()
        sites.sweep()
        leakFragments.sweep()
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

    /// A number that stays the same for as long as `surroundings` do: compared once per build instead of once per page.
    func generation(of surroundings: SiteSurroundings) -> Int {
        self.surroundings.value("site", input: surroundings, make: nextGeneration)
    }

    func generation(of settings: LoadSettings) -> Int {
        loadSettings.value("load", input: settings, make: nextGeneration)
    }

    func generation(of site: Site) -> Int {
        sites.value("rules", input: site, make: nextGeneration)
    }

    func generation(of fragments: [AudienceLeakScan.Fragment]) -> Int {
        leakFragments.value("leak", input: fragments, make: nextGeneration)
    }

    private func nextGeneration() -> Int {
        lock.withLock {
            generation += 1
            return generation
        }
    }

    /// The generation of the pages' outline in `content` (`PageOutline`: what links resolve against and what the
    /// navigation shows), with the pictures and the site's languages. Worked out once per build and `purpose`.
    func linkTargets(of content: Content, purpose: RenderPurpose) -> Int {
        let targets = LinkTargets(pages: content.documents.map(PageOutline.init), images: content.images.keys.sorted(),
                                  languages: content.site.languages, sitePath: content.site.location.path)
        return self.linkTargets.value("\(purpose)", input: targets, make: nextGeneration)
    }

    /// `pipeline`'s rendering of `document`, made again only when the page, the settings or the answer to one of
    /// the page's links has changed: a link to a page that has since been added or removed renders differently.
    /// `linkTargets` is the generation `linkTargets(of:purpose:)` gave for the content `pipeline` resolves links in:
    /// while it stays the same, no link's answer can have changed.
    /// `makePipeline` gives the pipeline with `settings`; it is made only when the page must be rendered or its
    /// links asked again.
    func render(_ document: Document, settings: MarkdownSettings, purpose: RenderPurpose, linkTargets: Int,
                pipeline makePipeline: () -> MarkdownPipeline) -> RenderedMarkdown {
        let key = document.path
        let renders = switch purpose {
        case .check: checkRenders
        case .build(.public): publicRenders
        case .build(.staff): staffRenders
        }
        let input = RenderInput(document: document, settings: settings)
        if let kept = renders.lookup(key), kept.input == input,
           kept.output.linkTargets == linkTargets
            || kept.output.answers.allSatisfy({ [pipeline = makePipeline()] in pipeline.resolveLink($0.url, $0.insideStaff) == $0.resolution }) {
            if kept.output.linkTargets != linkTargets {
                var output = kept.output
                output.linkTargets = linkTargets
                renders.store(key, input: input, output: output, made: false)
            } else {
                renders.keep(kept)
            }
            return kept.output.rendered
        }
        let pipeline = makePipeline()
        let recorder = LinkRecorder()
        var recording = pipeline
        recording.resolveLink = { url, insideStaff in
            let resolution = pipeline.resolveLink(url, insideStaff)
            recorder.answers.append(LinkAnswer(url: url, insideStaff: insideStaff, resolution: resolution))
            return resolution
        }
        let rendered = recording.render(document.body, path: document.path, bodyLine: document.bodyLine)
        renders.store(key, input: input, output: RecordedRender(rendered: rendered, answers: recorder.answers, linkTargets: linkTargets))
        return rendered
    }
}

/// `memo`'s output for `key` when there is a memory (see `Memo.value`), else `make()`. `input` is worked out
/// only when there is a memory to compare it with.
func remembered<Input, Output>(_ memo: Memo<Input, Output>?, _ key: String, input: @autoclosure () -> Input,
                               make: () -> Output) -> Output {
    guard let memo else { return make() }
    return memo.value(key, input: input(), make: make)
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
    /// `BuildMemory.generation` of the loading settings: the site, the categories and the folder's name.
    var settings: Int
}

/// What decides how a page file loads besides its bytes.
struct LoadSettings: Equatable, Sendable {
    var site: Site
    var categories: [Category]
    var displayRoot: String
}

struct LoadedPage: Sendable {
    var document: Document?
    var problems: [Diagnostic]
    /// The bytes the page was loaded from, kept only when the file had changed just before it was read: a
    /// second write within the same tick of the file system's clock leaves the stamp as it was, so such a
    /// file is read again and compared.
    var recentBytes: Data?
}

/// What a page's Markdown is rendered for: the checks (which also read its prose), or a build for an audience.
enum RenderPurpose: Sendable, Hashable {
    case check
    case build(Audience)
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

/// What other pages need to know of a page: where it is, for whom, whether it is a poster, and the title a further
/// page shows in the navigation. Equal outlines for every page mean every link resolves as before.
struct PageOutline: Equatable, Sendable {
    var kind: PageKind
    var language: String
    var audience: Audience
    var isPoster: Bool
    var navigationTitle: String?

    init(_ document: Document) {
        kind = document.kind
        language = document.language
        audience = document.audience
        isPoster = document.poster != nil
        if case .page = document.kind { navigationTitle = document.title.value }
    }
}

struct LinkTargets: Equatable, Sendable {
    /// Every page's outline, in content order.
    var pages: [PageOutline]
    var images: [String]
    var languages: [String]
    var sitePath: String
}

/// Collects a page's link answers while it renders; a rendering runs on one thread.
final class LinkRecorder: @unchecked Sendable {
    var answers: [LinkAnswer] = []
}

struct SitePageInput: Equatable, Sendable {
    var document: Document
    var body: String
    /// `BuildMemory.generation` of the build's surroundings.
    var surroundings: Int
}

struct ListPageInput: Equatable, Sendable {
    var view: PageView
    /// `BuildMemory.generation` of the build's surroundings, which hold the templates.
    var surroundings: Int
}

/// What every page of a site build depends on besides its own document.
struct SiteSurroundings: Equatable, Sendable {
    var site: Site
    var categories: [Category]
    var templates: [String: Data]
    var audience: Audience
    /// `BuildMemory.linkTargets` of the build: which pages exist, and the further pages' titles.
    var pages: Int
    /// The languages with a coverage page (staff builds).
    var coverage: [String]
}

/// The examples page of one language: the categories' examples as listed, and what all pages share.
struct ExamplesPageInput: Equatable, Sendable {
    /// An example as the page lists it: equal when its key, title, summary and channels are, whatever its body.
    struct Listing: Equatable, Sendable {
        var example: Document

        static func == (lhs: Listing, rhs: Listing) -> Bool {
            let (a, b) = (lhs.example, rhs.example)
            return a == b || (a.key == b.key && a.title.value == b.title.value && a.summary.value == b.summary.value
                && a.channels.map(\.value) == b.channels.map(\.value))
        }
    }

    /// Per category, in order, its examples in this language.
    var listings: [[Listing]]
    var surroundings: Int
}

/// What the page rules' findings are made from: the page, the source page it translates, and the site settings
/// (`BuildMemory.generation` of the site). The page's rendered outline, links and prose follow from the page and those.
struct PageFindingsInput: Equatable, Sendable {
    var document: Document
    var source: Document?
    var settings: Int
}

struct LeakInput: Equatable, Sendable {
    var file: Data
    /// `BuildMemory.generation` of the staff sentences looked for, and where each was written (the findings name it).
    var fragments: Int
}

struct PosterInput: Equatable, Sendable {
    var posters: [Document]
    var categories: [Category]
    var site: Site
    var templates: [String: Data]
}
