// A poster's own front matter, typed when it is loaded: its kind, the paper sizes and the orientation it prints in.

/// What a poster is, chosen by `kind:` in its front matter; each kind has its own keys, layout and template.
public enum PosterKind: String, CaseIterable, Sendable, Hashable {
    /// The wall poster: speech bubbles and a list of behaviours (the default, when `kind:` is left out).
    case awareness
    /// A sign for a counter, a phone or a meeting room: a title, a short lead and up to six numbered statements.
    case notice
    /// The staff card, compiled from the response examples: what to say first and when to hand over, per category
    /// (staff build only).
    case card
}

/// The paper a poster prints on.
public enum PosterPaper: String, CaseIterable, Sendable, Hashable {
    case a4 = "A4"
    case a3 = "A3"
    /// JIS B4, the size Japanese office printers mean by B4 (not ISO B4).
    case b4 = "B4"
    /// Half an A4: a sign that stands on a counter or beside a phone.
    case a5 = "A5"

    /// Short × long side in millimetres.
    public var millimetres: (short: Double, long: Double) {
        switch self {
        case .a4: (210, 297)
        case .a3: (297, 420)
        case .b4: (257, 364)
        case .a5: (148, 210)
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

/// Front matter only a poster has. A key its kind does not use is empty: a notice has no subtitle, tagline or
/// bubbles, an awareness poster no lead or items.
public struct PosterFields: Sendable, Hashable {
    public var kind: PosterKind
    public var subtitle: Located<String>
    public var tagline: Located<String>
    /// The sizes as written, each where it was written; a size listed twice stays for the check to report.
    public var sizes: [Located<PosterPaper>]
    public var orientation: Located<PosterOrientation>
    public var bubbles: [PosterBubble]
    /// The page the QR code leads to: always on an awareness poster, optional on a notice.
    public var qr: Located<String>?
    /// A notice's short lead under its title.
    public var lead: Located<String>
    /// A notice's statements, in order.
    public var items: [Located<String>]
    /// `signage: true`: also a 1920 × 1080 page for a screen at the counter (awareness posters and notices).
    public var signage: Bool = false

    package init(kind: PosterKind = .awareness, subtitle: Located<String>, tagline: Located<String>, sizes: [Located<PosterPaper>],
                 orientation: Located<PosterOrientation>, bubbles: [PosterBubble], qr: Located<String>?,
                 lead: Located<String>? = nil, items: [Located<String>] = []) {
        self.kind = kind
        self.subtitle = subtitle
        self.tagline = tagline
        self.sizes = sizes
        self.orientation = orientation
        self.bubbles = bubbles
        self.qr = qr
        self.lead = lead ?? Located("", at: subtitle.location)
        self.items = items
    }
}
