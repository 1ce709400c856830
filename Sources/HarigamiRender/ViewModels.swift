// Typed view models the templates render: every decision is made here, the templates only lay out.


struct LinkView: Equatable {
    var label: String
    var href: String
    var current: Bool = false
    /// The label's language when it is not the page's (a page shown in its source language for now). Named apart
    /// from `PageView`'s fields: a template asking a link for a name it lacks reads the page's.
    var labelLang: String?
}

struct LanguageLinkView: Equatable {
    var label: String
    var lang: String
    var href: String
    var current: Bool
}

struct AlternateView: Equatable {
    var hreflang: String
    var href: String
}

struct CrumbView: Equatable {
    var label: String
    var href: String?
    var last: Bool
    var labelLang: String?
}

struct ContactView: Equatable {
    var department: String
    var phone: String
    var phoneHref: String
    var email: String
    var hours: String
}

struct ExampleLinkView: Equatable {
    var title: String
    var summary: String
    var href: String
    var channels: String
    /// The title's and summary's language when it is not the page's (`PageView.contentLang`).
    var titleLang: String?
}

struct CategoryView: Equatable {
    var id: String
    var name: String
    var summary: String
    var examples: [ExampleLinkView]
}

struct PosterFileView: Equatable {
    var label: String
    var href: String
    /// With `build --pdf`: the PDF (or a signage page's PNG) beside the file, its media type, its size as shown
    /// (`PDFファイル：312.4KB`), and its accessible name.
    var downloadHref: String?
    var downloadType: String?
    var downloadText: String?
    var downloadName: String?
}

struct PosterView: Equatable {
    var title: String
    var subtitle: String
    var previewHref: String?
    /// The preview frame takes the sheet's shape.
    var landscape: Bool = false
    var files: [PosterFileView]
}

struct ExampleView: Equatable {
    var categoryName: String
    var categoryHref: String
    var categorySummary: String
    var channels: String
}

/// Everything one page's templates see.
package struct PageView: Equatable, Sendable {
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
    /// The ISO date, for `<time datetime>`; `updatedText` is the same date as the page writes it (site.yml `dates`).
    var updated: String?
    var updatedText: String?
    var body: String
    /// The language of the page's title and text when it is not `lang`: a page shown in its source language until it
    /// is translated, under a notice that says so.
    var contentLang: String?
    var categories: [CategoryView] = []
    var example: ExampleView?
    var posters: [PosterView] = []
    var links: [LinkView] = []
    /// The footer's link to the accessibility policy.
    var accessibilityHref = ""
    var accessibility: AccessibilityView?
}

/// The bilingual pages at the site root (`index.html`, `404.html`).
struct RootView: Equatable {
    struct Language: Equatable {
        var lang: String
        var siteTitle: String
        var description: String
        var href: String
        var ui: [String: String]
        var first: Bool
        /// The accessibility policy in this language, linked from the page's footer as from every other page's.
        var accessibilityHref: String
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
