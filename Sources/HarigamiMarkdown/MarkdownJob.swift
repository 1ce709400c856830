// One page's Markdown to render, as a unit of a `Batch`: the page, the settings, and how its links resolve.

import HarigamiModel

/// What a page's Markdown is rendered for: the checks (which also read its prose), or a build for an audience.
public enum RenderPurpose: Sendable, Hashable {
    case check
    case build(Audience)
}

/// What every page of one batch of Markdown shares: why they are rendered, and the content their links resolve in.
public struct MarkdownBatch: Sendable {
    public var purpose: RenderPurpose
    public var linkTargets: Content

    package init(purpose: RenderPurpose, linkTargets: Content) {
        self.purpose = purpose
        self.linkTargets = linkTargets
    }
}

public struct MarkdownJob: Sendable {
    public var document: Document
    public var settings: MarkdownSettings
    /// The pipeline with `settings`; made only when the page is rendered, or its links asked about again.
    public var pipeline: @Sendable () -> MarkdownPipeline

    /// The page's body rendered by `pipeline`.
    public func render(with pipeline: MarkdownPipeline) -> RenderedMarkdown {
        pipeline.render(document.body, path: document.path, bodyLine: document.bodyLine)
    }

    public func render() -> RenderedMarkdown {
        render(with: pipeline())
    }

    package init(document: Document, settings: MarkdownSettings, pipeline: @escaping @Sendable () -> MarkdownPipeline) {
        self.document = document
        self.settings = settings
        self.pipeline = pipeline
    }
}
