// A Markdown page in one language: the notice, the guideline, an example, a poster, a further page.

import Foundation

public enum Audience: String, Sendable, Hashable, CaseIterable {
    case `public`
    case staff
}

/// What a page is, which decides its URL and template.
public enum PageKind: Sendable, Hashable {
    case notice
    case guideline
    case example(category: String, slug: String)
    case poster(name: String)
    case page(slug: String)

    /// The content path without language, as authors write it in links: `examples/time-binding/phone`.
    public var key: String {
        switch self {
        case .notice: "notice"
        case .guideline: "guideline"
        case .example(let category, let slug): "examples/\(category)/\(slug)"
        case .poster(let name): "posters/\(name)"
        case .page(let slug): "pages/\(slug)"
        }
    }
}

/// A front-matter value together with where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

public struct PosterBubble: Sendable, Hashable {
    public var category: Located<String>
    public var text: Located<String>
}

/// Front matter only a poster has.
public struct PosterFields: Sendable, Hashable {
    public var subtitle: Located<String>
    public var tagline: Located<String>
    public var sizes: [Located<String>]
    public var orientation: Located<String>
    public var bubbles: [PosterBubble]
    public var qr: Located<String>
}

public struct Document: Sendable, Hashable {
    public var kind: PageKind
    public var language: String
    /// Path as shown in diagnostics, e.g. `Content/notice.ja.md`.
    public var path: String
    public var title: Located<String>
    public var summary: Located<String>
    public var updated: Located<String>?
    public var audience: Audience
    public var sourceHash: Located<String>?
    public var channels: [Located<String>]
    public var poster: PosterFields?
    /// The Markdown after the front matter, with LF line ends.
    public var body: String
    /// The line of the file on which `body` starts.
    public var bodyLine: Int
    /// Where the front matter starts (line 1, or 2 after nothing).
    public var frontMatterLocation: SourceLocation

    public var key: String { kind.key }

    public func location(bodyLine line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(path: path, line: bodyLine + line - 1, column: column)
    }
}

/// Everything loaded from `Content/`.
public struct Content: Sendable, Hashable {
    public var site: Site
    public var categories: [Category]
    public var documents: [Document] {
        didSet { positions = Self.positions(of: documents) }
    }
    /// Pictures under `images/`, copied to the site as they are: relative path (`images/x.png`) → bytes.
    public var images: [String: Data] = [:]
    /// Where each page's versions are in `documents`, by key: every link and every check looks pages up,
    /// and a search through thousands of pages for each of them made large sites take minutes.
    private var positions: [String: [Int]]

    public init(site: Site, categories: [Category], documents: [Document], images: [String: Data] = [:]) {
        self.site = site
        self.categories = categories
        self.documents = documents
        self.images = images
        positions = Self.positions(of: documents)
    }

    private static func positions(of documents: [Document]) -> [String: [Int]] {
        var positions: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() { positions[document.key, default: []].append(index) }
        return positions
    }

    public func documents(key: String) -> [Document] { positions[key, default: []].map { documents[$0] } }

    public func document(key: String, language: String) -> Document? {
        positions[key]?.first { documents[$0].language == language }.map { documents[$0] }
    }

    public var posters: [Document] { documents.filter { $0.poster != nil } }
}
