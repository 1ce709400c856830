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

/// A value like any other, kept in one shared box: a site has thousands of pages, every list of them copies
/// them, and a copy of a box is one reference where a copy of every field was twenty. Two copies of one page
/// compare equal at once, without comparing their text.
public struct Document: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var kind: PageKind {
            didSet { key = kind.key }
        }
        /// `kind.key`, made once: every link, list and check asks for it.
        private(set) var key: String
        var language: String
        var path: String
        var title: Located<String>
        var summary: Located<String>
        var updated: Located<String>?
        var audience: Audience
        var sourceHash: Located<String>?
        var channels: [Located<String>]
        var poster: PosterFields?
        var body: String
        var bodyLine: Int
        var frontMatterLocation: SourceLocation
        /// The front-matter texts a translation follows, as written (before `{{…}}` is replaced): a poster's title,
        /// subtitle, tagline and bubbles; empty for other pages, whose front matter is not translated line for line.
        var translatedFrontMatter: [String] = []

        init(kind: PageKind, language: String, path: String, title: Located<String>, summary: Located<String>,
             updated: Located<String>?, audience: Audience, sourceHash: Located<String>?, channels: [Located<String>],
             poster: PosterFields?, body: String, bodyLine: Int, frontMatterLocation: SourceLocation) {
            self.kind = kind
            key = kind.key
            self.language = language
            self.path = path
            self.title = title
            self.summary = summary
            self.updated = updated
            self.audience = audience
            self.sourceHash = sourceHash
            self.channels = channels
            self.poster = poster
            self.body = body
            self.bodyLine = bodyLine
            self.frontMatterLocation = frontMatterLocation
        }
    }

    /// Never changed: a change makes a new box (documents change only where a check stands one in for a missing
    /// translation), so reading a field needs no exclusive access.
    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// Changes one field, in a new box.
    private mutating func change(_ update: (inout Fields) -> Void) {
        var fields = box.fields
        update(&fields)
        box = Box(fields)
    }

    public init(kind: PageKind, language: String, path: String, title: Located<String>, summary: Located<String>,
                updated: Located<String>?, audience: Audience, sourceHash: Located<String>?, channels: [Located<String>],
                poster: PosterFields?, body: String, bodyLine: Int, frontMatterLocation: SourceLocation) {
        box = Box(Fields(kind: kind, language: language, path: path, title: title, summary: summary, updated: updated,
                         audience: audience, sourceHash: sourceHash, channels: channels, poster: poster, body: body,
                         bodyLine: bodyLine, frontMatterLocation: frontMatterLocation))
    }

    /// What a translation of this page follows, as its source-hash records it (`SourceHash.of(document:)`).
    public var translatedFrontMatter: [String] {
        get { box.fields.translatedFrontMatter }
        set { change { $0.translatedFrontMatter = newValue } }
    }

    public static func == (lhs: Document, rhs: Document) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }

    public var kind: PageKind {
        get { box.fields.kind }
        set { change { $0.kind = newValue } }
    }
    public var language: String {
        get { box.fields.language }
        set { change { $0.language = newValue } }
    }
    /// Path as shown in diagnostics, e.g. `Content/notice.ja.md`.
    public var path: String {
        get { box.fields.path }
        set { change { $0.path = newValue } }
    }
    public var title: Located<String> {
        get { box.fields.title }
        set { change { $0.title = newValue } }
    }
    public var summary: Located<String> {
        get { box.fields.summary }
        set { change { $0.summary = newValue } }
    }
    public var updated: Located<String>? {
        get { box.fields.updated }
        set { change { $0.updated = newValue } }
    }
    public var audience: Audience {
        get { box.fields.audience }
        set { change { $0.audience = newValue } }
    }
    public var sourceHash: Located<String>? {
        get { box.fields.sourceHash }
        set { change { $0.sourceHash = newValue } }
    }
    public var channels: [Located<String>] {
        get { box.fields.channels }
        set { change { $0.channels = newValue } }
    }
    public var poster: PosterFields? {
        get { box.fields.poster }
        set { change { $0.poster = newValue } }
    }
    /// The Markdown after the front matter, with LF line ends.
    public var body: String {
        get { box.fields.body }
        set { change { $0.body = newValue } }
    }
    /// The line of the file on which `body` starts.
    public var bodyLine: Int {
        get { box.fields.bodyLine }
        set { change { $0.bodyLine = newValue } }
    }
    /// Where the front matter starts (line 1, or 2 after nothing).
    public var frontMatterLocation: SourceLocation {
        get { box.fields.frontMatterLocation }
        set { change { $0.frontMatterLocation = newValue } }
    }

    public var key: String { box.fields.key }

    public func location(bodyLine line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(path: path, line: bodyLine + line - 1, column: column)
    }
}

extension Sequence where Element == Document {
    /// The response examples among these pages by category id, then by language, in order: gathered in one pass,
    /// where a search per category through thousands of pages made large sites slow.
    package func examplesByCategory() -> [String: [String: [Document]]] {
        var examples: [String: [String: [Document]]] = [:]
        for document in self {
            if case .example(let id, _) = document.kind { examples[id, default: [:]][document.language, default: []].append(document) }
        }
        return examples
    }
}

/// Everything loaded from `Content/`.
public struct Content: Sendable, Hashable {
    public var site: Site
    public var categories: [Category] {
        didSet { categoryList = CategoryList(categories) }
    }
    /// `categories` in the box every page's variables share.
    public private(set) var categoryList: CategoryList
    public var documents: [Document] {
        didSet { positions = Self.positions(of: documents) }
    }
    /// Pictures under `images/`, copied to the site as they are: relative path in NFC (`images/x.png`) → bytes.
    public var images: [String: Data] = [:]
    /// Content/nametags.yml when there is one: staff-only, printed by the staff build alone.
    public var nameTags: NameTags?
    /// False when categories.yml could not be read: its error is reported, and nothing is judged against the
    /// empty registry (no example or bubble is called an unknown category).
    public var categoriesRead = true
    /// The UI strings per language (`Templates/i18n/LANG.yml`) that pages' Markdown shows: the call-out labels and
    /// the categories table's headings. Set once the templates are loaded, so every rendering of a page, the check's,
    /// the build's and the preview's, labels it alike; empty while there are none.
    public var interfaceStrings: [String: [String: String]] = [:]
    /// Where each page's versions are in `documents`, by key: every link and every check looks pages up,
    /// and a search through thousands of pages for each of them made large sites take minutes.
    private var positions: [String: [Int]]

    public init(site: Site, categories: [Category], documents: [Document], images: [String: Data] = [:]) {
        self.site = site
        self.categories = categories
        categoryList = CategoryList(categories)
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

    /// How many versions (languages) the page `key` has.
    public func versionCount(key: String) -> Int { positions[key]?.count ?? 0 }

    public func document(key: String, language: String) -> Document? {
        positions[key]?.first { documents[$0].language == language }.map { documents[$0] }
    }

    public var posters: [Document] { documents.filter { $0.poster != nil } }
}
