// The leak scan's normalising takes most characters as they are: it must give exactly what normalising the whole
// text with Foundation gives, for any mix of the characters that combine, fold or change case.

import Testing
@testable import HarigamiCheck

@Suite("Leak scan normalising")
struct LeakNormaliseTests {
    /// Kana, ideographs, ASCII and punctuation taken as they are, next to what combines with them or folds: voiced
    /// marks (combining, spacing and half-width), accents, half-width kana, full-width letters and digits, ligatures,
    /// circled numbers, compatibility ideographs, Greek and Turkish capitals, variation selectors, the iteration mark.
    static let alphabet: [Unicode.Scalar] = [
        "か", "は", "ウ", "ワ", "ー", "日", "本", "a", "Z", "0", " ", ".", "、", "。", "「", "」", "・", "〜", "…",
        "\u{3099}", "\u{309A}", "\u{309B}", "\u{FF9E}", "\u{FF9F}", "\u{0301}", "\u{0308}", "ｶ", "ﾊ", "ｳ", "Ａ", "ｚ", "１",
        "ﬁ", "①", "\u{F900}", "Σ", "İ", "ß", "\u{FE0F}", "\u{E0100}", "々", "\u{302A}", "\u{3000}", "！", "e", "E",
    ]

    @Test("normalising piece by piece equals normalising the whole text, on 20,000 mixed strings")
    func piecesEqualWhole() {
        var generator = SplitMix(seed: 0x5EED)
        for _ in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 10 + 1) {
                scalars.append(Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))])
            }
            let text = String(scalars)
            #expect(AudienceLeakScan.normalise(text) == AudienceLeakScan.normaliseWhole(text),
                    "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("a Japanese sentence is normalised to its letters, a half-width copy with voiced marks to the same")
    func japanese() {
        let sentence = AudienceLeakScan.normalise("内線1234で、総務課長に「バックアップ」を頼みます。")
        #expect(sentence == AudienceLeakScan.normaliseWhole("内線1234で、総務課長に「バックアップ」を頼みます。"))
        #expect(AudienceLeakScan.normalise("ﾊﾞｯｸｱｯﾌﾟ") == AudienceLeakScan.normalise("バックアップ"))
    }
}

/// A small deterministic generator, so a failure names a string that can be made again.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
