// The staff card (`kind: card`): read from the examples, written to the staff build only, its fit rule naming the category.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiPosterLayout
@testable import HarigamiCheck
@testable import HarigamiRender

@Suite("Staff card")
struct StaffCardTests {
    /// The shipped content as the build loads it.
    static func shippedContent(_ site: InlineSite) throws -> Content {
        let (content, _, problems) = Builder.prepare(site.options())
        #expect(!problems.hasErrors, "\(problems)")
        return try #require(content)
    }

    /// A card's printed text with its line breaks taken out, for finding a sentence in it.
    static func printedText(_ html: String) -> String {
        html.replacingOccurrences(of: "</span><span class=\"line\">", with: "")
    }

    @Test("each category's row is its name, the first quotation of its first example's wording and the first item of its escalation section, at their lines")
    func entriesFromTheExamples() throws {
        let site = try InlineSite.shipped()
        let content = try Self.shippedContent(site)
        let entries = StaffCard.entries(content, language: "ja")
        #expect(entries.map(\.category) == content.categories.map(\.id))
        let violence = try #require(entries.first { $0.category == "violence" })
        #expect(violence.name.value == "暴力型")
        #expect(violence.say?.value == "「危険ですので、おやめください。」")
        #expect(violence.handOver?.value == "管理職は、職員とほかのお客様の安全を確認し、警察への対応を引き継ぎます。")
        let lines = try site.read("Content/examples/violence/counter.ja.md").split(separator: "\n", omittingEmptySubsequences: false)
        let quoteLine = try #require(lines.firstIndex { $0 == "> 「危険ですので、おやめください。」" }) + 1
        #expect(violence.say?.location == SourceLocation(path: violence.example!.path, line: quoteLine, column: 3))
        // Two examples: the first in file-name order (counter before phone), as the examples page lists them.
        let timeBinding = try #require(entries.first { $0.category == "time-binding" })
        #expect(timeBinding.example?.path.hasSuffix("examples/time-binding/counter.ja.md") == true)
        // {{self}} in the example is the organisation's word for itself, as on the example's page.
        let status = try #require(StaffCard.entries(content, language: "en").first { $0.category == "status-abuse" })
        #expect(status.handOver?.value.contains("explains the City's position") == true)
    }

    @Test("the staff build writes the card in each language on its sizes and lists it on its posters page; no two-language sheet")
    func staffBuildWritesTheCard() throws {
        let site = try InlineSite.shipped()
        let run = try site.build(audience: .staff)
        #expect(run.status == 0, "\(run.stderr)")
        let cards = run.files.keys.filter { $0.contains("staff-card") }.sorted()
        #expect(cards == ["staff/posters/staff-card.en.A4.html", "staff/posters/staff-card.ja.A4.html"])
        let card = Self.printedText(try site.page("staff/posters/staff-card.ja.A4.html"))
        #expect(card.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(card.contains("「危険ですので、おやめください。」"))
        #expect(card.contains("@page { size: 210mm 297mm;"))
        let rows = card.components(separatedBy: "<section class=\"row\" data-category=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(rows.map(String.init) == ["time-binding", "repeated-contact", "verbal-abuse", "violence", "intimidation", "status-abuse", "online-defamation", "sexual-harassment"])
        let postersPage = try site.page("staff/ja/posters/index.html")
        #expect(postersPage.contains("カスタマーハラスメント 対応カード"))
        #expect(postersPage.contains("../posters/staff-card.ja.A4.html"))
    }

    @Test("the public build has no trace of the staff card: no file, no link, not its title")
    func publicBuildHasNoCard() throws {
        let site = try InlineSite.shipped()
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let traces = run.files.filter { path, data in
            let text = String(decoding: data, as: UTF8.self)
            return path.contains("staff-card") || text.contains("staff-card") || text.contains("対応カード") || text.contains("response card")
        }.keys.sorted()
        #expect(traces.isEmpty, "\(traces)")
        #expect(!run.files.isEmpty)
    }

    @Test("the card's own text copied into a public page is a leak, reported where the card says it")
    func leakScanCoversTheCard() throws {
        let tagline = "身の危険を感じたら、管理職の判断を待たずに110番。一人で対応を続けず、周りに声をかけてください。"
        let site = try InlineSite.shipped()
        try site.edit("Content/guideline.ja.md", "\n## ", "\n\(tagline)\n\n## ")
        let run = try site.build()
        #expect(run.status == 1)
        let leaks = run.diagnostics("audience.leak")
        #expect(!leaks.isEmpty)
        #expect(leaks.allSatisfy { $0.hasPrefix("Content/posters/staff-card.ja.md:5:10: error: staff-only text") }, "\(leaks)")
    }

    @Test("a category added with an example is on the card")
    func addedCategoryIsOnTheCard() throws {
        let site = try InlineSite.shipped()
        let categories = try site.read("Content/categories.yml")
        try site.write("Content/categories.yml", categories + """
            - id: excessive-demands
              ja:
                name: 過剰要求型
                summary: 対応できない内容や量のサービスを繰り返し求める行為です。
                poster-label: 過剰な要求
              en:
                name: Excessive demands
                summary: Demanding services that cannot be provided.
                poster-label: Excessive demands

            """)
        for language in ["ja", "en"] {
            let (title, situation, judgement, steps, wording, say, escalation, handOver) = language == "ja"
                ? ("制度にない対応を求められた場合", "想定される場面", "判断のポイント", "対応の手順", "伝え方の例", "「その対応は、制度上お受けできません。」", "管理職への引継ぎと記録", "同じ要求が続く場合は、管理職が引き継ぎます。")
                : ("A demand for a service we do not offer", "The situation", "How to judge it", "What to do", "What you can say", "\"We can't offer that, I'm afraid.\"", "Escalation and records", "If the demand continues, a manager takes over.")
            try site.write("Content/examples/excessive-demands/counter.\(language).md", """
                ---
                title: \(title)
                summary: \(title)
                ---
                ## \(situation)

                \(title)

                ## \(judgement)

                \(title)

                ## \(steps)

                \(title)

                ## \(wording)

                > \(say)

                ## \(escalation)

                - \(handOver)

                """)
        }
        let run = try site.build(audience: .staff)
        #expect(run.status == 0, "\(run.diagnostics.filter { $0.contains(": error: ") })")
        let card = Self.printedText(try site.page("staff/posters/staff-card.ja.A4.html"))
        #expect(card.contains("data-category=\"excessive-demands\""))
        #expect(card.contains("過剰要求型"))
        #expect(card.contains("「その対応は、制度上お受けできません。」"))
        #expect(card.contains("同じ要求が続く場合は、管理職が引き継ぎます。"))
    }

    @Test("a quotation too long for its row fails the check, naming the category at the quotation's line")
    func tooLongQuotation() throws {
        // Far longer than any row can grow to: the other categories keep their rows.
        let sentence = "危険な行為があった場合には、職員とほかのお客様の安全を守るため、ただちに対応を終了し、警察に通報いたします。"
        let long = "「" + String(repeating: sentence, count: 8) + "」"
        let site = try InlineSite.shipped()
        try site.edit("Content/examples/violence/counter.ja.md", "> 「危険ですので、おやめください。」", "> \(long)")
        let lines = try site.read("Content/examples/violence/counter.ja.md").split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0 == "> \(long)" }) + 1
        let run = try site.check()
        #expect(run.status == 1)
        #expect(run.diagnostics("poster.fit") == [
            "Content/examples/violence/counter.ja.md:\(line):3: error: staff card 'staff-card': what to say first for the category 'violence' (暴力型), the first quotation of this example's sample wording, does not fit its row on the ja card (A4): it breaks into 21 lines and its box holds 4 of about 21.7 full-width characters each when the 8 categories share the card equally; shorten this quotation, or put a shorter one first [poster.fit]",
        ])
    }

    @Test("a card's file is front matter only, for staff only, of a kind that exists")
    func cardFrontMatter() throws {
        let site = try InlineSite.shipped("""
            -- Content/posters/staff-card.ja.md --
            ---
            kind: card
            title: カスタマーハラスメント 対応カード
            subtitle: 類型ごとに、最初に伝える言葉と、管理職に引き継ぐ目安をまとめました。
            tagline: 身の危険を感じたら、管理職の判断を待たずに110番。一人で対応を続けず、周りに声をかけてください。
            sizes: [A4]
            audience: public
            qr: notice
            ---
            - 怒鳴る
            -- Content/posters/awareness.en.md --
            ---
            kind: leaflet
            title: Crossing the line without realising?
            ---
            """)
        let run = try site.check()
        #expect(run.diagnostics.filter { $0.contains("staff-card.ja.md") || $0.contains("awareness.en.md:2:7:") } == [
            "Content/posters/awareness.en.md:2:7: error: unknown poster kind 'leaflet'; expected one of awareness, notice, card [load.schema]",
            "Content/posters/staff-card.ja.md:7:11: error: a staff card (kind: card) is printed from the staff build only; remove 'audience: public' [load.schema]",
            "Content/posters/staff-card.ja.md:8:1: error: unknown key 'qr' in the front matter; expected one of 'title', 'updated', 'audience', 'kind', 'subtitle', 'tagline', 'sizes' [load.unknown-key]",
        ])
    }

    @Test("text after a card's front matter is an error at its line: the card prints the examples, nothing of its own")
    func cardBody() throws {
        let site = try InlineSite.shipped()
        let card = try site.read("Content/posters/staff-card.ja.md")
        try site.write("Content/posters/staff-card.ja.md", card + "\n- 怒鳴る\n")
        let run = try site.check()
        #expect(run.diagnostics("poster.body") == [
            "Content/posters/staff-card.ja.md:9:1: error: a staff card (kind: card) prints the response examples' wording and has no text of its own after the front matter; remove this, or put it in an example [poster.body]",
        ])
    }

    @Test("a card on a site without an escalation section is an error naming the section the card needs")
    func noEscalationSection() throws {
        let site = try InlineSite.shipped()
        try site.edit("Content/site.yml", "  - id: escalation\n    ja: 管理職への引継ぎと記録\n    en: Escalation and records\n", "")
        let run = try site.check()
        #expect(run.diagnostics("poster.card") == [
            "Content/site.yml:1:1: error: the staff card (Content/posters/staff-card.ja.md) prints when to hand over from each example's section with id 'escalation', and example-sections in site.yml has none; add it, or remove the card [poster.card]",
        ])
    }
}
