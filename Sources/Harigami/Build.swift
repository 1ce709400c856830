// The pipeline as named steps: load, check, render, write. The CLI calls this; nothing here prints.

import Foundation

public struct BuildOptions: Sendable {
    public var contentDirectory: String = "Content"
    public var templatesDirectory: String = "Templates"
    public var outputDirectory: String = "Output"
    public var audience: Audience = .public
    public var baseURL: String?

    public init() {}
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var pagesPerLanguage: [String: Int] = [:]
    public var posterFiles: Int = 0
    /// True when the output was replaced.
    public var wrote: Bool = false
}

public enum BuildError: Error, CustomStringConvertible {
    /// Writing failed; the previous output is unchanged.
    case io(String)

    public var description: String {
        switch self {
        case .io(let message): message
        }
    }
}

public enum Builder {
    /// Loads and checks content and templates. Nil content when they cannot be used at all.
    public static func prepare(_ options: BuildOptions) -> (Content?, TemplateSet?, [Diagnostic]) {
        let loaded = ContentLoader.load(.directory(options.contentDirectory))
        var diagnostics = loaded.diagnostics
        guard var content = loaded.content else { return (nil, nil, diagnostics) }
        if let baseURL = options.baseURL {
            content.site.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        let (templates, templateProblems) = TemplateSet.load(directory: options.templatesDirectory, languages: content.site.languages)
        diagnostics += templateProblems
        return (content, templates, diagnostics)
    }

    public static func build(_ options: BuildOptions) throws(BuildError) -> BuildReport {
        let (content, templates, prepared) = prepare(options)
        var report = BuildReport(diagnostics: prepared)
        guard let content else { return report }
        // The checks run even when loading found problems, so one run lists every problem.
        let checked = ContentChecker.run(content, templates: templates, loadProblems: prepared)
        report.diagnostics = Array(Set(prepared + checked.diagnostics)).sortedForReport()
        guard let templates, !report.diagnostics.hasErrors else { return report }
        var renderer = SiteRenderer(content: content, templates: templates, audience: options.audience)
        if options.audience == .staff, let coverage = checked.coverage {
            for language in content.site.languages {
                renderer.coverageHTML[language] = coverage.html(language: language, strings: templates.strings)
            }
        }
        let posters = PosterRenderer(content: content, templates: templates).render()
        report.diagnostics += posters.diagnostics
        renderer.posterFiles = posters.links
        // The checks have rendered every page's Markdown already; the site uses that instead of rendering it twice.
        // What only the checks read (outline, links) is let go, so a large site stays small in memory.
        renderer.prerendered = checked.rendered.mapValues {
            RenderedMarkdown(html: $0.html, outline: [], links: [], staffTexts: $0.staffTexts, diagnostics: $0.diagnostics)
        }
        var site = renderer.render()
        for (name, data) in posters.files { site.files["\(PosterRenderer.siteFolder)/\(name)"] = data }
        report.diagnostics += site.diagnostics
        report.pagesPerLanguage = site.pagesPerLanguage
        let folder = options.audience == .staff ? "staff" : "site"
        if options.audience == .public {
            report.diagnostics += AudienceLeakScan.scan(files: site.files, staffTexts: site.staffTexts, outputName: options.outputDirectory + "/" + folder)
        }
        report.diagnostics = Array(Set(report.diagnostics)).sortedForReport()
        guard !report.diagnostics.hasErrors else { return report }
        do {
            try OutputWriter.replace(directory: options.outputDirectory + "/" + folder, with: site.files)
            try OutputWriter.replace(directory: options.outputDirectory + "/posters", with: posters.files)
        } catch {
            throw .io(error.description)
        }
        report.posterFiles = posters.files.count
        report.wrote = true
        return report
    }
}
