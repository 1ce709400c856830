// A poster's own front matter, typed when it is loaded: the paper sizes and the orientation it prints in.

/// What a poster prints (`kind:` in its front matter): the awareness poster, or the staff card compiled from the
/// response examples (staff build only).
public enum PosterKind: String, CaseIterable, Sendable, Hashable {
    case awareness
    case card
}

/// The paper a poster prints on.
public enum PosterPaper: String, CaseIterable, Sendable, Hashable {
    case a4 = "A4"
    case a3 = "A3"
    /// JIS B4, the size Japanese office printers mean by B4 (not ISO B4).
    case b4 = "B4"

    /// Short × long side in millimetres.
    public var millimetres: (short: Double, long: Double) {
        switch self {
        case .a4: (210, 297)
        case .a3: (297, 420)
        case .b4: (257, 364)
        }
    }
}

public enum PosterOrientation: String, CaseIterable, Sendable, Hashable {
    case portrait
    case landscape
}

public struct PosterBubble: Sendable, Hashable {
    public var category: Located<String>
    public var text: Located<String>

    package init(category: Located<String>, text: Located<String>) {
        self.category = category
        self.text = text
    }
}

/// Front matter only a poster has.
public struct PosterFields: Sendable, Hashable {
    public var kind: Located<PosterKind>
    public var subtitle: Located<String>
    public var tagline: Located<String>
    /// The sizes as written, each where it was written; a size listed twice stays for the check to report.
    public var sizes: [Located<PosterPaper>]
    public var orientation: Located<PosterOrientation>
    public var bubbles: [PosterBubble]
    public var qr: Located<String>

    package init(kind: Located<PosterKind>, subtitle: Located<String>, tagline: Located<String>, sizes: [Located<PosterPaper>], orientation: Located<PosterOrientation>, bubbles: [PosterBubble], qr: Located<String>) {
        self.kind = kind
        self.subtitle = subtitle
        self.tagline = tagline
        self.sizes = sizes
        self.orientation = orientation
        self.bubbles = bubbles
        self.qr = qr
    }
}
