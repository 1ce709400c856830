// What links resolve against and what the navigation shows, without the pages' text: equal outlines mean every
// link resolves as before and every menu lists the same pages.

/// What other pages need to know of a page: where it is, for whom, whether it is a poster, and the title a further
/// page shows in the navigation.
public struct PageOutline: Equatable, Sendable {
    public var kind: PageKind
    public var language: String
    public var audience: Audience
    public var isPoster: Bool
    public var navigationTitle: String?

    public init(_ document: Document) {
        kind = document.kind
        language = document.language
        audience = document.audience
        isPoster = document.poster != nil
        if case .page = document.kind { navigationTitle = document.title.value }
    }
}

public struct SiteOutline: Equatable, Sendable {
    /// Every page's outline, in content order.
    public var pages: [PageOutline]
    public var images: [String]
    public var languages: [String]
    public var sitePath: String

    public init(_ content: Content) {
        pages = content.documents.map(PageOutline.init)
        images = content.images.keys.sorted()
        languages = content.site.languages
        sitePath = content.site.location.path
    }
}
