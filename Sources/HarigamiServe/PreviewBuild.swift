// One build for the preview: `harigami build`'s pipeline in memory, remembering what it made for the next one.

import Foundation
import Harigami

/// The result of one attempt: the files when it worked, and every diagnostic either way.
public struct PreviewBuild: Sendable {
    public var files: [String: Data]?
    public var diagnostics: [Diagnostic]
    public var pagesPerLanguage: [String: Int]
    public var duration: Duration

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Builds with the very steps `harigami build` takes (`Builder.render`), so the preview can never drift from the
/// real output; only nothing is written. The base URL stays the site's own: a poster printed from the preview must
/// carry the QR code of the published page, not of this computer. Each build remembers what it made
/// (`BuildMemory`), so after a save only what that file changes is made again.
public struct PreviewBuilder: Sendable {
    public var options: BuildOptions
    private let memory = BuildMemory()

    public init(content: String, templates: String, audience: Audience) {
        var options = BuildOptions()
        options.contentDirectory = content
        options.templatesDirectory = templates
        options.audience = audience
        self.options = options
    }

    /// One build at a time: the memory is shared by the builds in turn.
    public func build() -> PreviewBuild {
        let started = ContinuousClock.now
        let rendered = Builder.render(options, memory: memory)
        return PreviewBuild(files: rendered.site, diagnostics: rendered.report.diagnostics,
                            pagesPerLanguage: rendered.report.pagesPerLanguage, duration: started.duration(to: .now))
    }
}
