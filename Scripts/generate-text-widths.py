#!/usr/bin/env python3
"""Writes the two tables of how wide characters are: the East Asian Width classes (UAX #11), which the Markdown
passes and the poster's line breaking share, into Sources/HarigamiMarkdown/CJKWidthTable.swift; and how wide each
character prints on a poster, into Sources/HarigamiPosterLayout/PosterTextWidth.swift.

The posters print in Noto Sans CJK JP (Debian's fonts-noto-cjk), bold or regular as PosterLayout sets each text,
and their web address in Noto Sans Mono CJK JP (Templates/poster.mustache). This script reads the advance
width of every character those three faces draw from the installed font files, with fontTools, so the fit rule
measures W and M wide, i and l narrow, capitals wider than lowercase, and kana and kanji full width.
A character the poster font lacks is drawn by the browser from another font: it is measured in every fallback
font installed here (DejaVu Sans, Noto Color Emoji from fonts-noto-color-emoji) and counted at its widest, and at
least one em, since another machine may pick yet another font. A character no font here draws counts one em.
Emoji are drawn from the colour emoji font, one glyph per emoji however many code points it is made of.

The East Asian Width table lists every code point that is wide or full-width (W, F), half-width (H) or ambiguous
(A); the rest are narrow or neutral. Unassigned code points take the class UAX #11 gives them by default (wide in
the ideograph blocks and planes 2 and 3, neutral elsewhere): Python reports them as F, which they are not.

Rerun it by hand after the fonts change (a new fonts-noto-cjk) or Python brings a newer Unicode version:
    python3 -m pip install fonttools     # in a virtual environment, if the system Python refuses
    python3 Scripts/generate-text-widths.py
"""
import math
import os
import sys
import unicodedata

from fontTools.ttLib import TTCollection, TTFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
EAST_ASIAN_WIDTH_FILE = "Sources/HarigamiMarkdown/CJKWidthTable.swift"
POSTER_TEXT_WIDTH_FILE = "Sources/HarigamiPosterLayout/PosterTextWidth.swift"
NOTO = "/usr/share/fonts/opentype/noto"
FACES = [  # (Swift case, file, family in the file) in the order of the table's columns
    ("regular", NOTO + "/NotoSansCJK-Regular.ttc", "Noto Sans CJK JP"),
    ("bold", NOTO + "/NotoSansCJK-Bold.ttc", "Noto Sans CJK JP"),
    ("monospace", NOTO + "/NotoSansCJK-Regular.ttc", "Noto Sans Mono CJK JP"),
]
FALLBACKS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
]
EMOJI_FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
UNKNOWN = 1000  # thousandths of an em


def widths(font):
    """Code point → advance width in thousandths of an em, rounded up so that the sum never falls short."""
    upem = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {code: math.ceil(metrics[glyph][0] * 1000 / upem) for code, glyph in font.getBestCmap().items()}


def face(path, family):
    for font in TTCollection(path, lazy=True).fonts:
        if font["name"].getDebugName(1) == family:
            return widths(font)
    sys.exit("%s has no face named %s" % (path, family))


def poster_text_width_table():
    for path in [f[1] for f in FACES] + FALLBACKS:
        if not os.path.exists(path):
            sys.exit("%s is missing: install fonts-noto-cjk, fonts-dejavu-core and fonts-noto-color-emoji (Scripts/setup)" % path)
    faces = [face(path, family) for _, path, family in FACES]
    fallback = {}
    for path in FALLBACKS:
        for code, width in widths(TTFont(path, lazy=True)).items():
            fallback[code] = max(fallback.get(code, 0), width, 1000)
    emoji_font = TTFont(EMOJI_FONT, lazy=True)
    emoji = max(w for code, w in widths(emoji_font).items() if code > 0x2000)

    def width(code, column):
        if code in faces[column]:
            return faces[column][code]
        return fallback.get(code, UNKNOWN)

    # Runs of code points whose three widths are the same; code points outside every run count UNKNOWN.
    codes = sorted(set().union(*faces, fallback))
    runs = []
    for code in codes:
        if 0xD800 <= code <= 0xDFFF:
            continue
        row = tuple(width(code, column) for column in range(len(FACES)))
        if row == (UNKNOWN,) * len(FACES):
            continue
        if runs and runs[-1][1] == code - 1 and runs[-1][2] == row:
            runs[-1][1] = code
        else:
            runs.append([code, code, row])

    def version(path, family=None):
        fonts = TTCollection(path, lazy=True).fonts if path.endswith(".ttc") else [TTFont(path, lazy=True)]
        for font in fonts:
            if family is None or font["name"].getDebugName(1) == family:
                return "%s %s" % (font["name"].getDebugName(4), font["name"].getDebugName(5).split(";")[0])

    out = []
    out.append("// How wide text prints on a poster, in em: the measure the fit rule and the layout share.")
    out.append("// Generated by Scripts/generate-text-widths.py; do not edit by hand. Measured from:")
    for _, path, family in FACES:
        out.append("//   %s (%s)" % (version(path, family), os.path.basename(path)))
    for path in FALLBACKS:
        out.append("//   %s (%s), for characters the poster font lacks" % (version(path), os.path.basename(path)))
    out.append("")
    out.append("""/// The face a poster text prints in (`PosterLayout` sets it for each text; Templates/poster.mustache names the fonts):
/// mostly the first language bold and the second regular, the web address under the QR code monospaced.
public enum PosterFace: Int, Sendable, Hashable {
    case regular = 0
    case bold = 1
    case monospace = 2
}

public enum PosterTextWidth {
    /// The printed width of `text` in em: each character (grapheme cluster) is one glyph's advance width in `face`,
    /// plus `letterSpacing` em after it as CSS adds it.
    public static func em(_ text: String, face: PosterFace, letterSpacing: Double = 0) -> Double {
        var width = 0.0
        for character in text {
            let advance = em(character, face: face)
            width += advance > 0 ? advance + letterSpacing : 0
        }
        return width
    }

    /// One character as printed: an emoji sequence (with variation selector, skin tone, joiner or keycap) is one emoji
    /// glyph, a letter with combining marks is the letter, an invisible format character (a joiner, a soft
    /// hyphen) takes no room, and a tab or line break prints as a space.
    public static func em(_ character: Character, face: PosterFace) -> Double {
        if character == "\\t" || character.isNewline { return advance(" ", face: face) }
        let scalars = character.unicodeScalars
        guard let base = scalars.firstIndex(where: { !isInvisible($0) }) else { return 0 }
        let width = advance(scalars[base], face: face)
        return isEmoji(scalars[base...]) ? max(width, emoji) : width
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// Whether the browser draws the cluster (from its first visible code point on) from the colour emoji font.
    static func isEmoji(_ scalars: Substring.UnicodeScalarView.SubSequence) -> Bool {
        guard let first = scalars.first, first.properties.isEmoji else { return false }
        if scalars.contains("\\u{FE0E}") { return false }
        return first.properties.isEmojiPresentation || scalars.dropFirst().contains { scalar in
            scalar == "\\u{FE0F}" || scalar == "\\u{20E3}" || scalar == "\\u{200D}" || scalar.properties.isEmojiModifier
        }
    }

    /// The advance of one code point in thousandths of an em, from the runs below.
    static func advance(_ scalar: Unicode.Scalar, face: PosterFace) -> Double {
        let value = scalar.value
        var low = 0, high = runs.count / 5 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < runs[middle * 5] { high = middle - 1 } else if value > runs[middle * 5 + 1] { low = middle + 1 } else {
                return Double(runs[middle * 5 + 2 + face.rawValue]) / 1000
            }
        }
        return Double(unknown) / 1000
    }

    /// The width of one emoji glyph in the colour emoji font.
    public static let emoji = %s
    /// A character no font here draws.
    static let unknown: UInt32 = %d

""" % (repr(emoji / 1000), UNKNOWN))
    out.append("    /// Runs of code points of equal width: first, last, then the width in thousandths of an em in each face.")
    out.append("    static let runs: [UInt32] = [")
    line = "       "
    for low, high, row in runs:
        item = " 0x%X, 0x%X, %s," % (low, high, ", ".join(str(w) for w in row))
        if len(line) + len(item) > 118:
            out.append(line)
            line = "       "
        line += item
    out.append(line)
    out.append("    ]")
    out.append("}")
    return "\n".join(out) + "\n"


# UAX #11: unassigned code points in these blocks, and all of planes 2 and 3, default to wide.
WIDE_BY_DEFAULT = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]
CLASSES = {"W": "wide", "F": "wide", "H": "half", "A": "ambiguous"}


def east_asian_width(code):
    """The Swift case of one code point's class, or None for narrow and neutral."""
    if unicodedata.category(chr(code)) == "Cn":
        return "wide" if any(low <= code <= high for low, high in WIDE_BY_DEFAULT) else None
    return CLASSES.get(unicodedata.east_asian_width(chr(code)))


def east_asian_width_table():
    ranges = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        width = east_asian_width(code)
        if width is None:
            continue
        if ranges and ranges[-1][1] == code - 1 and ranges[-1][2] == width:
            ranges[-1][1] = code
        else:
            ranges.append([code, code, width])
    out = []
    out.append("// East Asian Width (UAX #11) of every code point that is wide, full-width, half-width or ambiguous.")
    out.append("// Generated by Scripts/generate-text-widths.py from Unicode %s; do not edit by hand."
               % unicodedata.unidata_version)
    out.append("""
/// The one East Asian Width classification: the Markdown passes read it for the CJK-friendly emphasis rules and
/// the line breaks that add no space, the posters for where Japanese may break.
public enum EastAsianWidthTable {
    public enum Width: Sendable {
        /// Wide (W) or full-width (F): kana, kanji, full-width punctuation and forms.
        case wide
        /// Half-width (H): half-width katakana and forms.
        case half
        /// Ambiguous (A): wide in East Asian fonts and narrow elsewhere, such as ○, ※ and Greek and Cyrillic letters.
        case ambiguous
    }

    /// The class of `scalar`; nil for the narrow and neutral rest.
    public static func width(of scalar: Unicode.Scalar) -> Width? {
        let value = scalar.value
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = ranges[middle]
            if value < range.first {
                high = middle - 1
            } else if value > range.last {
                low = middle + 1
            } else {
                return range.width
            }
        }
        return nil
    }

    /// Sorted, non-overlapping ranges.
    static let ranges: [(first: UInt32, last: UInt32, width: Width)] = [""")
    line = "       "
    for low, high, width in ranges:
        item = " (0x%X, 0x%X, .%s)," % (low, high, width)
        if len(line) + len(item) > 118:
            out.append(line)
            line = "       "
        line += item
    out.append(line)
    out.append("    ]")
    out.append("}")
    return "\n".join(out) + "\n"


def write(path, text):
    with open(os.path.join(ROOT, path), "w", encoding="utf-8") as file:
        file.write(text)


write(EAST_ASIAN_WIDTH_FILE, east_asian_width_table())
write(POSTER_TEXT_WIDTH_FILE, poster_text_width_table())
