// Whole small sites written inline, Hugo's txtar style: how the text is read, and a site built from nothing else.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel

@Suite("Inline sites")
struct InlineSiteTests {
    /// A site of one category with one example, in Japanese and English, and nothing else.
    static let smallSite = """
        A town's policy, the smallest site that builds.
        -- Content/site.yml --
        languages: [ja, en]
        base-url: "https://www.town-inline.test/"
        title:
          ja: インライン町 カスタマーハラスメント対策
          en: Inline Town customer harassment policy
        organisation:
          ja: インライン町
          en: Inline Town
        description:
          ja: インライン町の基本方針です。
          en: Inline Town's policy.
        contact:
          department:
            ja: 総務課
            en: General Affairs Section
          phone: "03-1111-3333"
          email: "soumu@town-inline.test"
          hours:
            ja: 平日 9時から17時まで
            en: Weekdays, 9:00 to 17:00
        example-sections:
          - id: situation
            ja: 想定される場面
            en: The situation
          - id: wording
            wording: true
            ja: 伝え方の例
            en: What you can say
        -- Content/categories.yml --
        - id: time-binding
          ja:
            name: 時間拘束型
            summary: 長時間にわたって職員を拘束する行為です。
            poster-label: 時間拘束
          en:
            name: Holding staff for long periods
            summary: Keeping staff on the phone or at the counter for hours.
            poster-label: Holding staff for hours
            source-hash: da46bb2d7d97483b
        -- Content/notice.ja.md --
        ---
        title: お客様へのお願い
        summary: 対応方針をお知らせします。
        ---
        詳しくは[対応ガイドライン](/guideline.md)をご覧ください。
        -- Content/notice.en.md --
        ---
        title: A request to our residents
        summary: How the Town responds to customer harassment.
        ---
        For details, see the [staff guideline](/guideline.md).
        -- Content/guideline.ja.md --
        ---
        title: 対応ガイドライン
        summary: 組織で対応するための手引きです。
        ---
        職員を一人にせず、組織として対応します。
        -- Content/guideline.en.md --
        ---
        title: Staff guideline
        summary: How staff respond as an organisation.
        ---
        No member of staff is left to deal with it alone.
        -- Content/examples/time-binding/phone.ja.md --
        ---
        title: 電話が長時間続く場合
        summary: 通話が1時間を超えそうな場合の対応です。
        ---
        ## 想定される場面

        関係のない話が30分以上続いています。

        ## 伝え方の例

        > 「お話は30分までとさせていただいております。」
        -- Content/examples/time-binding/phone.en.md --
        ---
        title: A phone call that goes on for too long
        summary: When a call is heading past an hour.
        ---
        ## The situation

        The caller has talked about other matters for over 30 minutes.

        ## What you can say

        > "We keep calls like this to 30 minutes."
        """

    @Test("a txtar text gives each file its lines up to the next header, each ending with a newline, and ignores what comes before the first")
    func txtar() {
        let files = InlineSite.files("a comment\n-- Content/a.md --\none\n\ntwo\n-- Content/b/c.yml --\nx: 1\n-- Content/empty.md --\n")
        #expect(files.map(\.path) == ["Content/a.md", "Content/b/c.yml", "Content/empty.md"])
        #expect(files.map(\.text) == ["one\n\ntwo\n", "x: 1\n", "\n"])
    }

    @Test("a small site written inline builds both languages, each page linking the guideline in its own language")
    func smallSiteBuilds() throws {
        let site = try InlineSite(Self.smallSite)
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.diagnostics == [
            "Content/examples/time-binding/phone.en.md:1:1: warning: this translation has no source-hash, so nobody can tell whether it still matches Content/examples/time-binding/phone.ja.md: once it does, run `harigami translations stamp Content/examples/time-binding/phone.en.md` [translation.unstamped]",
            "Content/guideline.en.md:1:1: warning: this translation has no source-hash, so nobody can tell whether it still matches Content/guideline.ja.md: once it does, run `harigami translations stamp Content/guideline.en.md` [translation.unstamped]",
            "Content/notice.en.md:1:1: warning: this translation has no source-hash, so nobody can tell whether it still matches Content/notice.ja.md: once it does, run `harigami translations stamp Content/notice.en.md` [translation.unstamped]",
        ])
        #expect(run.stdout.hasPrefix("built Output/site: pages en 6, ja 6; posters 0 in Output/site/posters; 0 ms\n"))
        let japanese = try #require(run.files["site/ja/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(japanese.contains("<p>詳しくは<a href=\"../ja/guideline/index.html\">対応ガイドライン</a>をご覧ください。</p>"))
        let english = try #require(run.files["site/en/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(english.contains("<p>For details, see the <a href=\"../en/guideline/index.html\">staff guideline</a>.</p>"))
        #expect(run.files.keys.contains("site/en/examples/time-binding/phone/index.html"))
    }

    @Test("a link to a page the inline site does not have is one error at its line and column, and nothing is written")
    func missingPage() throws {
        let site = try InlineSite(Self.smallSite + """

            -- Content/guideline.en.md --
            ---
            title: Staff guideline
            summary: How staff respond as an organisation.
            ---
            No member of staff is left alone: see the [FAQ](/pages/faq.md).
            """)
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.diagnostics.filter { $0.contains(": error: ") } == [
            "Content/guideline.en.md:5:43: error: the link '/pages/faq.md' points to a page that does not exist (no pages/faq.en.md in the content folder) [link.unresolved]",
        ])
        #expect(run.stderr.hasSuffix("build failed: 1 error; nothing was written\n"))
        #expect(run.files.isEmpty)
    }
}
