// The units a site build makes its files from, each with what it is made from (see `Batch`).

import Foundation
import HarigamiModel

/// What every page of a site build depends on besides its own document.
package struct SiteSurroundings: Equatable, Sendable {
    package var site: Site
    package var categories: [Category]
    package var templates: [String: Data]
    package var audience: Audience
    /// The languages with a coverage page (staff builds).
    package var coverage: [String]
    /// Which pages exist, and the further pages' titles.
    package var pages: SiteOutline
}

/// The page of one document: made from the document and its rendered Markdown.
package struct SitePage: Equatable, Sendable {
    package var document: Document
    /// In the site folder.
    package var path: String
    package var body: String
}

/// A page made from a list of others (the examples, posters and coverage pages), or the sitemap.
package struct ListPage: Sendable {
    package var path: String
    /// What the file is made from besides the surroundings.
    package var input: ListPageInput
    package var make: @Sendable () -> Data
}

package enum ListPageInput: Equatable, Sendable {
    /// The examples page: per category, in order, its examples in the page's language.
    case examples([[Listing]])
    /// A page whose view holds everything on it.
    case view(PageView)
    /// The sitemap, made from the surroundings alone.
    case sitemap

    /// An example as the examples page lists it: equal when its key, title, summary and channels are, whatever its body.
    package struct Listing: Equatable, Sendable {
        public var example: Document

        public init(_ example: Document) {
            self.example = example
        }

        public static func == (lhs: Listing, rhs: Listing) -> Bool {
            let (a, b) = (lhs.example, rhs.example)
            return a == b || (a.key == b.key && a.title.value == b.title.value && a.summary.value == b.summary.value
                && a.channels.map(\.value) == b.channels.map(\.value))
        }
    }
}
