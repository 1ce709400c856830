// Prose checks: each rule against a small page that breaks it, with the exact diagnostic.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown
@testable import HarigamiCheck

@Suite("Prose rules")
struct ProseRulesTests {
    static let siteYAML = """
        languages: [ja, en]
        base-url: "https://www.town-fixture.test/policy/"
        title: {ja: フィクスチャ町, en: Fixture Town}
        organisation: {ja: フィクスチャ町, en: Fixture Town}
        description: {ja: 基本方針です。, en: The policy.}
        contact:
          department: {ja: 総務課, en: General Affairs}
          phone: "03-1111-2222"
          email: "soumu@town-fixture.test"
          hours: {ja: 平日, en: Weekdays}
        example-sections:
          - {id: situation, ja: 想定される場面, en: The situation}

        """

    /// Loads a one-page site whose page `pages/faq.LANG.md` has `body` (starting on line 5), and checks its prose.
    func check(_ body: String, language: String = "ja", settings: String = "") throws -> [String] {
        let tree = ContentTree.memory([
            "site.yml": Self.siteYAML + settings,
            "categories.yml": "[]\n",
            "pages/faq.\(language).md": "---\ntitle: よくある質問\nsummary: 質問と回答\n---\n" + body,
        ])
        let loaded = ContentLoader.load(tree)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let content = try #require(loaded.content)
        let document = try #require(content.documents.first)
        let rendered = MarkdownPipeline(settings: MarkdownSettings(language: language)).render(document.body, path: document.path, bodyLine: document.bodyLine)
        return ProseRules.check(document, rendered: rendered, content: content).sortedForReport().map(\.description)
    }

    @Test("emphasis markers shown as text are errors at the marker; escaped asterisks are not")
    func unrenderedEmphasis() throws {
        let findings = try check("これは** 重要 **です。\n\n\\*\\*印\\*\\*は記号です。\n")
        #expect(findings == [
            "Content/pages/faq.ja.md:5:4: error: '**' is shown as it is instead of making emphasis; check that it has a partner and that no space stands just inside the pair (write **重要**, not ** 重要 **) [prose.unrendered-emphasis]",
            "Content/pages/faq.ja.md:5:10: error: '**' is shown as it is instead of making emphasis; check that it has a partner and that no space stands just inside the pair (write **重要**, not ** 重要 **) [prose.unrendered-emphasis]",
        ])
    }

    @Test("emphasis next to Japanese punctuation is rendered, so it is not reported")
    func renderedEmphasisIsFine() throws {
        #expect(try check("**「強調」**の部分は**重要。**です。\n").isEmpty)
    }

    @Test("half-width katakana is an error that names the full-width spelling")
    func halfwidthKatakana() throws {
        #expect(try check("窓口では\nｶｽﾀﾏｰﾊﾗｽﾒﾝﾄに対応します。\n") == [
            "Content/pages/faq.ja.md:6:1: error: 'ｶｽﾀﾏｰﾊﾗｽﾒﾝﾄ' is written in half-width katakana; write 'カスタマーハラスメント' (screen readers and search miss half-width katakana) [prose.halfwidth-katakana]",
        ])
    }

    @Test("full-width letters and digits are reported once per run, with the half-width spelling")
    func fullwidthAlphanumerics() throws {
        #expect(try check("受付は**０１２３**番、窓口はＡです。`ＸＹ`は対象外です。\n") == [
            "Content/pages/faq.ja.md:5:6: warning: '０１２３' is written in full-width letters or digits; write '0123' [prose.fullwidth-alphanumeric]",
            "Content/pages/faq.ja.md:5:17: warning: 'Ａ' is written in full-width letters or digits; write 'A' [prose.fullwidth-alphanumeric]",
        ])
    }

    @Test("です・ます mixed with だ・である: the less used style is reported at its ending; quotations are left out")
    func mixedStyle() throws {
        let body = "当市は組織として対応します。\n職員の安全が第一である。\n記録を残します。\n\n> それは無理だ。\n"
        #expect(try check(body) == [
            "Content/pages/faq.ja.md:6:9: warning: this sentence ends in the だ・である style (「である」) while the page mostly uses です・ます; write every sentence of a page in one style [prose.mixed-style]",
        ])
        #expect(try check("対応します。\n\n> 責任者を出せ。それは無理だ。\n").isEmpty)
    }

    @Test("a sentence's style is read the same whether its ending is written precomposed, decomposed or after a combining mark")
    func styleOfDecomposedEndings() throws {
        // で and だ written as て and た with a combining voiced sound mark are the same characters.
        let decomposed = "当市は組織として対応します。\n職員の安全が第一て\u{3099}ある。\n記録を残します。\n"
        let findings = try check(decomposed)
        #expect(findings.count == 1)
        #expect(findings.allSatisfy { $0.hasPrefix("Content/pages/faq.ja.md:6:") && $0.contains("the だ・である style (「である」)") })
        // A mark combined with the last kana makes it another character: the sentence ends in no known style.
        let combined = "対応します。\n記録を残します。\n安全が第一である\u{0301}。\n"
        #expect(try check(combined).isEmpty)
        let plain = "対応します。\n記録を残します。\n安全が第一である。\n"
        #expect(try check(plain).count == 1)
    }

    @Test("a sentence longer than prose: max-sentence-length is reported at its start")
    func longSentence() throws {
        let body = "短い文です。長い文は読みにくいので、二つか三つの文に分けて書くようにしてください。\n"
        #expect(try check(body, settings: "prose:\n  max-sentence-length: 30\n") == [
            "Content/pages/faq.ja.md:5:7: warning: this sentence has 35 characters, more than 30; split it so it is easy to read (the limit is prose: max-sentence-length in site.yml) [prose.sentence-length]",
        ])
        #expect(try check(body).isEmpty)
    }

    @Test("half-width and full-width ! and ? in one page: the less used width is reported")
    func mixedPunctuationWidth() throws {
        #expect(try check("本当ですか？はい!そうです！\n") == [
            "Content/pages/faq.ja.md:5:9: warning: '!' differs from the full-width marks used elsewhere on this page; write '！' [prose.mixed-punctuation-width]",
        ])
    }

    @Test("a doubled particle is reported; ののしる is a word")
    func repeatedParticle() throws {
        #expect(try check("市のの方針です。大声でののしる行為をを禁止します。\n") == [
            "Content/pages/faq.ja.md:5:2: warning: 「のの」: the particle の is written twice; remove one [prose.repeated-particle]",
            "Content/pages/faq.ja.md:5:18: warning: 「をを」: the particle を is written twice; remove one [prose.repeated-particle]",
        ])
    }

    @Test("Japanese-only rules leave an English page alone")
    func englishPage() throws {
        #expect(try check("This is a very long English sentence that goes on and on well past one hundred characters without stopping at all.\n", language: "en").isEmpty)
    }

    @Test("site.yml's prose settings are read and their unknown keys named")
    func proseSettings() throws {
        let good = ContentLoader.load(.memory(["site.yml": Self.siteYAML + "prose: {max-sentence-length: 80}\n", "categories.yml": "[]\n"]))
        #expect(good.content?.site.prose.maxSentenceLength == 80)
        let bad = ContentLoader.load(.memory(["site.yml": Self.siteYAML + "prose: {max-length: 80}\n", "categories.yml": "[]\n"]))
        #expect(bad.diagnostics.map(\.description) == [
            "Content/site.yml:13:9: error: unknown key 'max-length' in 'prose'; expected one of 'max-sentence-length' [load.unknown-key]",
        ])
        let wrong = ContentLoader.load(.memory(["site.yml": Self.siteYAML + "prose: {max-sentence-length: many}\n", "categories.yml": "[]\n"]))
        #expect(wrong.diagnostics.map(\.description) == [
            "Content/site.yml:13:30: error: 'max-sentence-length' must be a whole number of characters, such as 100 [load.schema]",
        ])
    }

    @Test("the shipped content has no prose findings")
    func shippedContent() throws {
        let loaded = ContentLoader.load(.directory(TestSupport.shippedContent.path))
        let content = try #require(loaded.content)
        var findings: [String] = []
        for document in content.documents {
            let rendered = MarkdownPipeline(settings: MarkdownSettings(language: document.language)).render(document.body, path: document.path, bodyLine: document.bodyLine)
            findings += ProseRules.check(document, rendered: rendered, content: content).map(\.description)
        }
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
    }
}
