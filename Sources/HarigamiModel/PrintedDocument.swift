// A file of the built site that `build --pdf` prints, and the paper its PDF must come out on.

/// `path` is the HTML file's place in the built site (`posters/awareness.ja.A4.html`); its PDF goes beside it.
public struct PrintedDocument: Sendable, Hashable {
    public enum Sheets: Sendable, Hashable {
        /// A poster or a card: the whole document on one sheet of this paper, turned as given.
        case onePage(PosterPaper, PosterOrientation)
        /// A document that runs on (the name-tag sheets, a manual): as many A4 portrait pages as it needs.
        case pagesOfA4
    }

    public var path: String
    public var sheets: Sheets

    public init(path: String, sheets: Sheets) {
        self.path = path
        self.sheets = sheets
    }

    /// `posters/awareness.ja.A4.pdf`: the HTML file's name with `.pdf` for `.html`.
    public var pdfPath: String { Self.pdfPath(of: path) }

    public static func pdfPath(of path: String) -> String {
        (path.hasSuffix(".html") ? String(path.dropLast(".html".count)) : path) + ".pdf"
    }
}
