// A file of the built site that `build --pdf` prints, and the paper (or screen) its copy must come out on.

/// `path` is the HTML file's place in the built site (`posters/awareness.ja.A4.html`); its copy goes beside it.
public struct PrintedDocument: Sendable, Hashable {
    public enum Sheets: Sendable, Hashable {
        /// A poster or a card: the whole document on one sheet of this paper, turned as given.
        case onePage(PosterPaper, PosterOrientation)
        /// A document that runs on (the name-tag sheets, a manual): as many A4 portrait pages as it needs.
        case pagesOfA4
        /// A signage page: a picture of the screen, this many pixels, as a PNG.
        case screen(width: Int, height: Int)
    }

    public var path: String
    public var sheets: Sheets

    public init(path: String, sheets: Sheets) {
        self.path = path
        self.sheets = sheets
    }

    /// The copy's path: `posters/awareness.ja.A4.pdf`, or `posters/awareness.ja.signage.png` for a screen.
    public var outputPath: String {
        if case .screen = sheets { return Self.pngPath(of: path) }
        return Self.pdfPath(of: path)
    }

    public static func pdfPath(of path: String) -> String { replacingHTML(path, with: ".pdf") }
    public static func pngPath(of path: String) -> String { replacingHTML(path, with: ".png") }

    static func replacingHTML(_ path: String, with suffix: String) -> String {
        (path.hasSuffix(".html") ? String(path.dropLast(".html".count)) : path) + suffix
    }
}
