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
    /// Rendered Markdown, by what rendered it and the page's path (`check|…`, `public|…`, `staff|…`).
    let renders = Memo<RenderInput, RecordedRender>()
    /// Finished pages of the site, by output path: a page's own, made from its document.
    let sitePages = Memo<SitePageInput, Data>()
    /// The pages made from lists of the others (the examples and posters pages, the coverage table), by output path.
    let listPages = Memo<PageView, Data>()
    /// Files made only from the surroundings (the sitemap), by output path.
    let surroundingFiles = Memo<Int, Data>()
    /// What the rules that read one page found on it, by page path.
    let pageFindings = Memo<PageFindingsInput, [Diagnostic]>()
    /// The leak scan's findings, by output path.
    let leakFindings = Memo<LeakInput, [Diagnostic]>()
    /// The posters, made from every poster page, the categories, the site and the templates.
    let posters = Memo<PosterInput, PosterBuild>()
    /// What the site's pages share (navigation, site settings, templates); every page's input names its generation.
    private let surroundings = Memo<SiteSurroundings, Int>()
    private let loadSettings = Memo<LoadSettings, Int>()
    private let linkTargets = Memo<LinkTargets, Int>()
    private let sites = Memo<Site, Int>()
    private var generation = 0
    private let lock = NSLock()

    public init() {}

    /// Forgets what the latest build did not use (a removed file, a renamed page), so memory follows the site.
    func sweep() {
        loadedPages.sweep()
        renders.sweep()
        sitePages.sweep()
        listPages.sweep()
        surroundingFiles.sweep()
        leakFindings.sweep()
        pageFindings.sweep()
        posters.sweep()
        surroundings.sweep()
        loadSettings.sweep()
        linkTargets.sweep()
        sites.sweep()
    }

    /// A number that stays the same for as long as `surroundings` do: compared once per build instead of once per page.
    func generation(of surroundings: SiteSurroundings, key: String) -> Int {
        self.surroundings.value(key, input: surroundings, make: nextGeneration)
    }

    func generation(of settings: LoadSettings) -> Int {
        loadSettings.value("load", input: settings, make: nextGeneration)
    }

    func generation(of site: Site) -> Int {
        sites.value("rules", input: site, make: nextGeneration)
    }

    private func nextGeneration() -> Int {
        lock.withLock {
            generation += 1
            return generation
        }
    }

    /// The generation of what links resolve against in `content`: which pages exist in which language, for
    /// whom, which are posters, which pictures exist. Worked out once per build and `purpose`.
    func linkTargets(of content: Content, purpose: String) -> Int {
        let pages = content.documents.map { "\($0.key).\($0.language) \($0.audience.rawValue)\($0.poster == nil ? "" : " poster")" }
        let targets = LinkTargets(pages: pages, images: content.images.keys.sorted(), languages: content.site.languages,
                                  sitePath: content.site.location.path)
        return self.linkTargets.value("links|" + purpose, input: targets, make: nextGeneration)
    }

    /// `pipeline`'s rendering of `document`, made again only when the page, the settings or the answer to one of
    /// the page's links has changed: a link to a page that has since been added or removed renders differently.
    /// `linkTargets` is the generation `linkTargets(of:purpose:)` gave for the content `pipeline` resolves links in:
    /// while it stays the same, no link's answer can have changed.
    func render(_ document: Document, with pipeline: MarkdownPipeline, purpose: String, linkTargets: Int) -> RenderedMarkdown {
        let key = purpose + "|" + document.path
        let input = RenderInput(document: document, settings: pipeline.settings)
        if let kept = renders.lookup(key), kept.input == input,
           kept.output.linkTargets == linkTargets
            || kept.output.answers.allSatisfy({ pipeline.resolveLink($0.url, $0.insideStaff) == $0.resolution }) {
            if kept.output.linkTargets != linkTargets {
                var output = kept.output
                output.linkTargets = linkTargets
                renders.store(key, input: input, output: output, made: false)
            } else {
                renders.keep(key)
            }
            return kept.output.rendered
        }
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

/// Results by key, each with the input it was made from. Safe to use from every core at once.
final class Memo<Input: Equatable & Sendable, Output: Sendable>: @unchecked Sendable {
    private var entries: [String: (input: Input, output: Output)] = [:]
    private var used = Set<String>()
    private let lock = NSLock()
    private var madeSinceSweep = 0
    /// How many entries the latest build made rather than reused: what it had to work out again.
    private(set) var made = 0

    func lookup(_ key: String) -> (input: Input, output: Output)? {
        lock.withLock { entries[key] }
    }

    /// Marks the entry as used by this build.
    func keep(_ key: String) {
        _ = lock.withLock { used.insert(key) }
    }

    /// `made`: false when the output is one kept before, stored again with a change of its own.
    func store(_ key: String, input: Input, output: Output, made: Bool = true) {
        lock.withLock {
            entries[key] = (input, output)
            used.insert(key)
            if made { madeSinceSweep += 1 }
        }
    }

    /// The kept output when its input equals `input`, else `make()`, kept for next time.
    func value(_ key: String, input: Input, make: () -> Output) -> Output {
        // Compared outside the lock: inputs can be large, and other cores look up other keys meanwhile.
        if let kept = lookup(key), kept.input == input {
            keep(key)
            return kept.output
        }
        let output = make()
        store(key, input: input, output: output)
        return output
    }

    func sweep() {
        lock.withLock {
            // Every entry kept is used in most builds; otherwise only the few unused are removed.
            if used.count != entries.count {
                for key in entries.keys.filter({ !used.contains($0) }) { entries[key] = nil }
            }
            used.removeAll(keepingCapacity: true)
            made = madeSinceSweep
            madeSinceSweep = 0
        }
    }
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

struct LinkTargets: Equatable, Sendable {
    /// `KEY.LANGUAGE AUDIENCE[ poster]` of every page, in content order.
    var pages: [String]
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

/// What every page of a site build depends on besides its own document.
struct SiteSurroundings: Equatable, Sendable {
    var site: Site
    var categories: [Category]
    var templates: [String: Data]
    var audience: Audience
    /// Per language: the keys that have a page, and the further pages' keys and titles in navigation order.
    var keys: [String: Set<String>]
    var navigation: [String: [String]]
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
    /// The staff texts looked for, and where each was written (the findings name it).
    var fragments: [Located<String>]
}

struct PosterInput: Equatable, Sendable {
    var posters: [Document]
    var categories: [Category]
    var site: Site
    var templates: [String: Data]
}
