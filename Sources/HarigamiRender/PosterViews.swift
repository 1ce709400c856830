// What Templates/poster.mustache sees: every text with its language and its box as CSS, decided here from the layout.

import Foundation
import HarigamiPosterLayout

/// One text in one language.
struct PosterTextView {
    /// The text as the lines it breaks into (one entry when the browser may break it anywhere, like the address).
    var lines: [String]
    var lang: String
    /// Type size and line height (and for the list, nothing else: items flow).
    var style: String
    /// The second language, printed smaller beneath the first.
    var secondary: Bool
}

/// Texts stacked in one box, the first language first.
struct PosterTextGroupView {
    var style: String
    var parts: [PosterTextView]
}

struct PosterBubbleView {
    var category: String
    var tail: String
    var balloonStyle: String
    var tagStyle: String
    var labels: [PosterTextView]
    var says: PosterTextGroupView
}

struct PosterBehaviourView {
    var parts: [PosterTextView]
}

struct PosterListView {
    var style: String
    var items: [PosterBehaviourView]
}

struct PosterPageGeometryView {
    var width: String
    var height: String
    var marginX: String
    var marginY: String
    /// Millimetres per design millimetre, for borders and corners drawn in the template.
    var scale: String
}

struct PosterPageView {
    var lang: String
    var htmlTitle: String
    var page: PosterPageGeometryView
    var sheetStyle: String
    var bandStyle: String
    var panelStyle: String
    var ruleStyle: String
    var title: PosterTextGroupView
    var bubbles: [PosterBubbleView]
    var subtitle: PosterTextGroupView
    var behaviours: PosterListView
    var tagline: PosterTextGroupView
    var organisation: PosterTextGroupView
    var phone: PosterTextGroupView
    var email: PosterTextGroupView
    var qrStyle: String
    var qrSVG: String
    var url: PosterTextGroupView
}

/// Millimetres as CSS: `calc(12.5 * var(--u))`, where --u is 1mm in print and shrinks on screen so the whole sheet shows.
enum PosterCSS {
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    static func length(_ millimetres: Double) -> String { "calc(\(number(millimetres)) * var(--u))" }

    static func box(_ box: PosterBox) -> String {
        "left:\(length(box.x));top:\(length(box.y));width:\(length(box.width));height:\(length(box.height))"
    }

    /// Size, line height, weight and letter-spacing: everything the fit rule measures a text with, printed as it was measured.
    static func type(_ type: PosterType) -> String {
        let spacing = type.font.letterSpacing == 0 ? "" : ";letter-spacing:\(number(type.font.letterSpacing))em"
        return "font-size:\(length(type.fontSize));line-height:\(number(type.leading));font-weight:\(type.font.face == .bold ? 700 : 400)\(spacing)"
    }

    /// A text slot's own type and its greatest height; the group around it places it.
    static func slot(_ slot: PosterTextSlot) -> String {
        "\(type(slot.type));max-height:\(length(slot.box.height))"
    }

    /// The smallest box around slots stacked one under the other.
    static func union(_ slots: [PosterTextSlot]) -> PosterBox {
        let top = slots.map(\.box.y).min() ?? 0
        let bottom = slots.map { $0.box.y + $0.box.height }.max() ?? 0
        let left = slots.map(\.box.x).min() ?? 0
        let right = slots.map { $0.box.x + $0.box.width }.max() ?? 0
        return PosterBox(x: left, y: top, width: right - left, height: bottom - top)
    }
}
