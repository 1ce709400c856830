// Typed view models the templates render: every decision is made here, the templates only lay out.

struct LinkView {
    var label: String
    var href: String
    var current: Bool = false
}

struct LanguageLinkView {
    var label: String
    var lang: String
    var href: String
    var current: Bool
}

struct AlternateView {
    var hreflang: String
    var href: String
}

struct CrumbView {
    var label: String
    var href: String?
    var last: Bool
}

struct ContactView {
    var department: String
    var phone: String
    var phoneHref: String
    var email: String
    var hours: String
}

struct ExampleLinkView {
    var title: String
    var summary: String
    var href: String
    var channels: String
}

struct CategoryView {
    var id: String
    var name: String
    var summary: String
    var examples: [ExampleLinkView]
}

struct PosterFileView {
    var label: String
    var href: String
}

struct PosterView {
    var title: String
    var subtitle: String
    var previewHref: String?
    var files: [PosterFileView]
}

struct ExampleView {
    var categoryName: String
    var categoryHref: String
    var categorySummary: String
    var channels: String
}

/// Everything one page's templates see.
struct PageView {
    var lang: String
    var ui: [String: String]
    var siteTitle: String
    var organisation: String
    var title: String
    var htmlTitle: String
    var description: String
    var canonical: String
    var alternates: [AlternateView]
    var xDefault: String
    var stylesheet: String
    var homeHref: String
    var languages: [LanguageLinkView]
    var nav: [LinkView]
    var breadcrumbs: [CrumbView] {
        didSet { hasBreadcrumbs = !breadcrumbs.isEmpty }
    }
    /// Templates cannot ask a list whether it is empty.
    var hasBreadcrumbs = false
    var contact: ContactView
    var staff: Bool
    var updated: String?
    var body: String
    var categories: [CategoryView] = []
    var example: ExampleView?
    var posters: [PosterView] = []
    var links: [LinkView] = []
}

/// The bilingual pages at the site root (`index.html`, `404.html`).
struct RootView {
    struct Language {
        var lang: String
        var siteTitle: String
        var description: String
        var href: String
        var ui: [String: String]
        var first: Bool
    }

    var lang: String
    var htmlTitle: String
    var description: String
    var canonical: String
    var alternates: [AlternateView]
    var xDefault: String
    var stylesheet: String
    var staff: Bool
    var languages: [Language]
}
