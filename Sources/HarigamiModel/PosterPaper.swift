// The papers and orientations a poster may declare, typed once for the loader, the layout and the writer.

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
