// Prose checks: emphasis markers shown as text and half-width katakana (errors); mixed です・ます and だ・である,
// long sentences, full-width letters and digits, mixed-width ! and ?, and doubled particles such as 「のの」 (warnings).

import Foundation
import HarigamiModel
import HarigamiMarkdown

enum ProseRules {
    /// The prose findings of `document`, from the pipeline's reading of it when it was rendered with
    /// `MarkdownSettings.prose` set (as the checks render pages), else from a rendering made here.
    static func check(_ document: Document, rendered: RenderedMarkdown, content: Content) -> [Diagnostic] {
        guard let prose = rendered.prose else {
            let settings = MarkdownSettings.page(document, content: content, audience: document.audience, readingProse: true)
            var pipeline = MarkdownPipeline(settings: settings)
            pipeline.proseReader = Reader.init
            let withProse = pipeline.render(document.body, path: document.path, bodyLine: document.bodyLine)
            return check(document, rendered: withProse, content: content)
        }
        return prose.diagnostics + unrenderedEmphasis(prose.markers, rendered: rendered)
    }

    /// Reads a page's prose block by block as the pipeline renders it. Page-wide rules compare counts over the
    /// whole page, so they gather only the marks and sentence endings they weigh.
    final class Reader: ProseReader {
        let isJapanese: Bool
        let settings: ProseSettings
        private var diagnostics: [Diagnostic] = []
        private var punctuation: [Mark] = []
        private var endings: [Sentence.Ending] = []
        private var markers: [ProseText.Marker] = []

        init(language: String, settings: ProseSettings) {
            isJapanese = language == "ja" || language.hasPrefix("ja-")
            self.settings = settings
        }

        func read(block: MarkdownNode, map: SourceMap, path: String, firstLine: Int) {
            markers += ProseText.read(block: block, map: map, path: path, firstLine: firstLine, handle: read)
        }

        private func read(_ block: ProseText.Block) {
            // Both kinds of letters are forms of U+FF10–U+FF9F, which most blocks hold none of: one test of each
            // character spares the two searches, a per cent of a check.
            if block.characters.contains(where: { (0xFF10...0xFF9F).contains($0.scalar.value) }) {
                diagnostics += halfwidthKatakana(block)
                diagnostics += fullwidthAlphanumerics(block)
            }
            punctuation += questionAndExclamationMarks(block)
            guard isJapanese else { return }
            diagnostics += repeatedParticles(block)
            guard block.kind == .paragraph else { return }
            let sentences = Sentence.split(block)
            diagnostics += longSentences(sentences, limit: settings.maxSentenceLength)
            // Block quotes hold what staff or customers say, in their own style.
            if !block.isQuotation { endings += sentences.compactMap(\.style) }
        }

        func finish() -> ProseFindings {
            ProseFindings(diagnostics: diagnostics + mixedPunctuationWidth(punctuation, isJapanese: isJapanese) + mixedStyle(endings),
                          markers: markers)
        }
    }

    // MARK: - Errors

    static func unrenderedEmphasis(_ markers: [ProseText.Marker], rendered: RenderedMarkdown) -> [Diagnostic] {
        // Most pages have no stray markers; the visible text of the whole page is worth working out only for those that do.
        guard !markers.isEmpty else { return [] }
        let shown = MarkdownPipeline.visibleText(ofHTML: rendered.html) + "\n" + rendered.staffTexts.map(\.value).joined(separator: "\n")
        return markers.filter { shown.contains($0.text) }.map { marker in
            .error(marker.location, "'\(marker.text)' is shown as it is instead of making emphasis; check that it has a partner "
                   + "and that no space stands just inside the pair (write **重要**, not ** 重要 **)", rule: "prose.unrendered-emphasis")
        }
    }

    static func halfwidthKatakana(_ block: ProseText.Block) -> [Diagnostic] {
        runs(in: block) { CJKCharacters.isHalfwidthKatakana($0) }.map { run in
            let text = String(String.UnicodeScalarView(run.map(\.scalar)))
            return .error(block.location(of: run[0]), "'\(text)' is written in half-width katakana; write '\(text.precomposedStringWithCompatibilityMapping)' "
                          + "(screen readers and search miss half-width katakana)", rule: "prose.halfwidth-katakana")
        }
    }

    // MARK: - Warnings

    static func fullwidthAlphanumerics(_ block: ProseText.Block) -> [Diagnostic] {
        runs(in: block) { CJKCharacters.isFullwidthAlphanumeric($0) }.map { run in
            let text = String(String.UnicodeScalarView(run.map(\.scalar)))
            return .warning(block.location(of: run[0]), "'\(text)' is written in full-width letters or digits; write '\(text.precomposedStringWithCompatibilityMapping)'",
                            rule: "prose.fullwidth-alphanumeric")
        }
    }

    /// Particles that are never written twice in a row in correct Japanese; と and は are left out because of
    /// words such as ととのえる and はは (母).
    static let particles: Set<Unicode.Scalar> = ["の", "を", "が", "に", "へ", "で"]

    static func repeatedParticles(_ block: ProseText.Block) -> [Diagnostic] {
        let characters = block.characters
        var diagnostics: [Diagnostic] = []
        var index = 1
        while index < characters.count {
            let (previous, current) = (characters[index - 1], characters[index])
            guard !previous.isCode, !current.isCode, previous.scalar == current.scalar, particles.contains(current.scalar) else {
                index += 1
                continue
            }
            // ののしる (to abuse) is a word, not a doubled particle.
            let isWord = current.scalar == "の" && index + 1 < characters.count && characters[index + 1].scalar == "し"
            if !isWord {
                let pair = String(String.UnicodeScalarView([previous.scalar, current.scalar]))
                diagnostics.append(.warning(block.location(of: previous), "「\(pair)」: the particle \(current.scalar) is written twice; remove one", rule: "prose.repeated-particle"))
            }
            index += 2
        }
        return diagnostics
    }

    /// A `!`, `?`, `！` or `？` of the page, where it stands.
    struct Mark {
        var scalar: Unicode.Scalar
        var location: SourceLocation
    }

    static func questionAndExclamationMarks(_ block: ProseText.Block) -> [Mark] {
        block.characters.filter { !$0.isCode && ["!", "?", "！", "？"].contains($0.scalar) }.map { Mark(scalar: $0.scalar, location: block.location(of: $0)) }
    }

    /// Within one page, `!` and `?` are either all half-width or all full-width; the less used width is reported
    /// (on a tie, half-width in Japanese pages and full-width in others).
    static func mixedPunctuationWidth(_ marks: [Mark], isJapanese: Bool) -> [Diagnostic] {
        let fullwidth = marks.filter { $0.scalar.value > 0x7F }
        let halfwidth = marks.filter { $0.scalar.value <= 0x7F }
        guard !fullwidth.isEmpty, !halfwidth.isEmpty else { return [] }
        let reportHalfwidth = halfwidth.count < fullwidth.count || (halfwidth.count == fullwidth.count && isJapanese)
        return (reportHalfwidth ? halfwidth : fullwidth).map { mark in
            let other = reportHalfwidth ? (mark.scalar == "!" ? "！" : "？") : (mark.scalar == "！" ? "!" : "?")
            let usual = reportHalfwidth ? "full-width" : "half-width"
            return .warning(mark.location, "'\(mark.scalar)' differs from the \(usual) marks used elsewhere on this page; write '\(other)'",
                            rule: "prose.mixed-punctuation-width")
        }
    }

    static func longSentences(_ sentences: [Sentence], limit: Int) -> [Diagnostic] {
        sentences.filter { $0.length > limit }.map { sentence in
            .warning(sentence.start, "this sentence has \(sentence.length) characters, more than \(limit); split it so it is easy to read "
                     + "(the limit is prose: max-sentence-length in site.yml)", rule: "prose.sentence-length")
        }
    }

    /// です・ます and だ・である in one page: the sentences in the less used style are reported.
    static func mixedStyle(_ endings: [Sentence.Ending]) -> [Diagnostic] {
        let polite = endings.filter { $0.style == .polite }
        let plain = endings.filter { $0.style == .plain }
        guard !polite.isEmpty, !plain.isEmpty else { return [] }
        let majority: Sentence.Style = polite.count > plain.count ? .polite
            : plain.count > polite.count ? .plain : endings[0].style
        let minority = majority == .polite ? plain : polite
        return minority.map { ending in
            let (this, usual) = majority == .polite ? ("だ・である", "です・ます") : ("です・ます", "だ・である")
            return .warning(ending.location, "this sentence ends in the \(this) style (「\(ending.text)」) while the page mostly uses "
                            + "\(usual); write every sentence of a page in one style", rule: "prose.mixed-style")
        }
    }

    /// Maximal runs of prose characters (outside code) that satisfy `test`.
    private static func runs(in block: ProseText.Block, where test: (Unicode.Scalar) -> Bool) -> [[ProseText.Character]] {
        var result: [[ProseText.Character]] = []
        var current: [ProseText.Character] = []
        for character in block.characters {
            if !character.isCode, test(character.scalar) {
                current.append(character)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

/// One Japanese sentence of a paragraph: up to 。, ！ or ？ outside brackets, or the end of the paragraph.
struct Sentence {
    enum Style: Equatable {
        /// です・ます調
        case polite
        /// だ・である調
        case plain
    }

    struct Ending {
        var style: Style
        var text: String
        var location: SourceLocation
    }

    var characters: ArraySlice<ProseText.Character>
    var path: String

    var start: SourceLocation { location(of: characters[characters.startIndex]) }

    func location(of character: ProseText.Character) -> SourceLocation {
        character.location(in: path)
    }

    /// Characters a reader reads, spaces not counted.
    var length: Int { characters.count { !CJKCharacters.isWhitespace($0.scalar) } }

    static let politeEndings = ["ませんでした", "ましょう", "でしょう", "ました", "ません", "でした", "ますか", "ですか", "です", "ます"]
    static let plainEndings = ["であった", "であろう", "ではない", "である", "だった", "だろう", "だ"]
    static let endingScalars = [(Style.polite, politeEndings), (Style.plain, plainEndings)].map { style, endings in
        (style, endings.map { (text: $0, scalars: Array($0.unicodeScalars)) })
    }
    static let longestEnding = (politeEndings + plainEndings).map(\.unicodeScalars.count).max() ?? 0

    /// Whether `scalar` is a character of its own wherever it stands, and equal to no other character: no
    /// combining mark, control or prepended sign, nothing with a canonical decomposition into other characters
    /// that an ending holds. Comparing such scalars one by one is comparing characters.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x3001...0x3029, 0x3041...0x3096, 0x309B...0x309F, 0x30A1...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
        default: false
        }
    }

    /// The style its last words show, ignoring what stands in 「」 or 『』 (quoted words keep the speaker's style).
    var style: Ending? {
        var depth = 0
        var outside: [ProseText.Character] = []
        for character in characters where !character.isCode {
            switch character.scalar {
            case "「", "『", "（", "(": depth += 1
            case "」", "』", "）", ")": depth = max(0, depth - 1)
            default: if depth == 0 { outside.append(character) }
            }
        }
        while let last = outside.last, CJKCharacters.isWhitespace(last.scalar) || CJKCharacters.isPunctuation(last.scalar) {
            outside.removeLast()
        }
        // Most sentences end in kana, kanji or ASCII, each a character of its own: their endings are compared
        // scalar by scalar. Anything else (a combining mark, a decomposed kana) is compared as characters are.
        if outside.suffix(Self.longestEnding + 1).allSatisfy({ Self.standsAlone($0.scalar) }) {
            for (style, endings) in Self.endingScalars {
                if let ending = endings.first(where: { outside.count >= $0.scalars.count && outside.suffix($0.scalars.count).lazy.map(\.scalar).elementsEqual($0.scalars) }) {
                    return Ending(style: style, text: ending.text, location: location(of: outside[outside.count - ending.scalars.count]))
                }
            }
            return nil
        }
        let text = String(String.UnicodeScalarView(outside.map(\.scalar)))
        for (style, endings) in [(Style.polite, Self.politeEndings), (Style.plain, Self.plainEndings)] {
            if let ending = endings.first(where: { text.hasSuffix($0) }) {
                let count = ending.unicodeScalars.count
                return Ending(style: style, text: ending, location: location(of: outside[outside.count - count]))
            }
        }
        return nil
    }

    static func split(_ block: ProseText.Block) -> [Sentence] {
        let characters = block.characters
        var sentences: [Sentence] = []
        var start = characters.startIndex
        var depth = 0
        func close(before end: Int) {
            let text = characters[start..<end].drop { CJKCharacters.isWhitespace($0.scalar) }
            if !text.isEmpty { sentences.append(Sentence(characters: text, path: block.path)) }
            start = end
        }
        for (index, character) in characters.enumerated() where !character.isCode {
            switch character.scalar {
            case "「", "『", "（", "(": depth += 1
            case "」", "』", "）", ")": depth = max(0, depth - 1)
            case "。", "！", "？", "!", "?", "．": if depth == 0 { close(before: index + 1) }
            default: break
            }
        }
        close(before: characters.endIndex)
        return sentences
    }
}
