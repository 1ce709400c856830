// A file of a build that is meant for paper as a document of many pages (the staff manual), for whatever prints it.

/// An HTML file of a build, relative to its folder (`manual.ja.html` in `Output/staff`), that prints on `paper`,
/// portrait, at 100 %, over as many pages as it takes; its own style sheet sets the page and its running heads.
public struct PrintedDocument: Sendable, Hashable {
    public var path: String
    public var paper: PosterPaper

    public init(path: String, paper: PosterPaper) {
        self.path = path
        self.paper = paper
    }
}
