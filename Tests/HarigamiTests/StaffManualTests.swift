// The staff build's printed manual (manual.LANG.html) and the phone system's announcement text (…-announcement.LANG.txt).

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiRender

@Suite("Staff manual and announcement")
struct StaffManualTests {
    /// The chapters' titles in the contents list of a manual, in order.
    static func contents(_ manual: String) throws -> [String] {
        let nav = try #require(manual.firstMatch(of: #/<nav class="contents"[\s\S]*?</nav>/#)).output
        return nav.matches(of: #/<li><a href="#chapter-\d+"><span class="number">(\d+)</span> ([^<]*)</a>/#).map { "\($0.output.1) \($0.output.2)" }
    }

    static func line(of text: String, in file: String) throws -> Int {
        try #require(file.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == text }) + 1
    }

    @Test("the staff build writes a manual per language: a contents entry per chapter, every example's title, the staff card, one printed document each")
    func staffBuildWritesTheManual() throws {
        let site = try InlineSite.shipped()
        let rendered = Builder.render(site.options(audience: .staff))
        #expect(rendered.printedDocuments == [PrintedDocument(path: "manual.ja.html", sheets: .pagesOfA4), PrintedDocument(path: "manual.en.html", sheets: .pagesOfA4)])
        let run = try site.build(audience: .staff)
        #expect(run.status == 0, "\(run.stderr)")
        let (content, _, _) = Builder.prepare(site.options(audience: .staff))
        let loaded = try #require(content)
        for language in ["ja", "en"] {
            let manual = try site.page("staff/manual.\(language).html")
            #expect(manual.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language)\">"))
            let guideline = try #require(loaded.document(key: "guideline", language: language))
            let card = try #require(loaded.posters.first { $0.language == language && $0.poster?.kind == .card })
            let expected = [guideline.title.value] + loaded.categories.map { $0.texts[language]!.name } + [card.title.value]
            #expect(try Self.contents(manual) == expected.enumerated().map { "\($0.offset + 1) \(HTMLText.escape($0.element))" })
            // Each chapter starts a page whose running head names it.
            for number in expected.indices.map({ $0 + 1 }) {
                #expect(manual.contains("#chapter-\(number) { page: chapter\(number); }"))
                #expect(manual.contains("@page chapter\(number) { @top-right { content: \"\(number) \(expected[number - 1])\";"))
            }
            #expect(manual.contains("@bottom-center { content: counter(page) \" / \" counter(pages);"))
            for example in loaded.documents where example.key.hasPrefix("examples/") && example.language == language {
                #expect(manual.contains(">\(HTMLText.escape(example.title.value))</h3>"), "\(example.path)")
            }
            // The staff card's rows, read from the examples as the printed card reads them.
            let cardTable = try #require(manual.firstMatch(of: #/<table class="card">[\s\S]*?</table>/#)).output
            let rows = cardTable.matches(of: #/<tr><th scope="row">/#).count
            #expect(rows == loaded.categories.count)
        }
        let japanese = try site.page("staff/manual.ja.html")
        #expect(japanese.contains("<td>「危険ですので、おやめください。」</td>"))
        // A link to a part of the manual leads there (the guideline's table of categories to each chapter); a link to
        // another page leads from the manual, at the staff site's root, to that page.
        let violence = try #require(loaded.categories.firstIndex { $0.id == "violence" }) + 2
        #expect(japanese.contains("<a href=\"#chapter-\(violence)\">"))
        #expect(!japanese.contains("examples/index.html"))
        #expect(japanese.contains("href=\"ja/recording/index.html\""))
        #expect(!japanese.contains("href=\"../"))
    }

    @Test("a staff-only block's text is in the manual, which dates itself by the newest of its parts")
    func staffOnlyTextIsInTheManual() throws {
        let site = try InlineSite.shipped()
        let example = try site.read("Content/examples/violence/counter.ja.md")
        try site.write("Content/examples/violence/counter.ja.md", example.replacing(#/updated: [0-9-]+/#, with: "updated: 2031-02-03"))
        let run = try site.build(audience: .staff)
        #expect(run.status == 0, "\(run.stderr)")
        let manual = try site.page("staff/manual.ja.html")
        #expect(manual.contains("<div class=\"callout callout-staff\" role=\"note\">"))
        #expect(manual.contains("に「応援をお願いします」と連絡してください。"))
        #expect(manual.contains("<time datetime=\"2031-02-03\">2031-02-03</time>"))
        // It writes its date as the site does (site.yml `dates`): in the era on the Japanese manual only.
        try site.edit("Content/site.yml", "# dates: japanese-era", "dates: japanese-era")
        #expect(try site.build(audience: .staff).status == 0)
        #expect(try site.page("staff/manual.ja.html").contains("<time datetime=\"2031-02-03\">令和13年2月3日</time>"))
        let english = try site.page("staff/manual.en.html")
        #expect(english.contains(#/<time datetime="(\d{4}-\d\d-\d\d)">\1</time>/#) && !english.contains("令和"))
    }

    @Test("the staff posters page offers each language's manual, its own language first; the public one does not")
    func postersPageOffersTheManual() throws {
        let site = try InlineSite.shipped()
        let staff = try site.build(audience: .staff)
        #expect(staff.status == 0, "\(staff.stderr)")
        let japanese = try site.page("staff/ja/posters/index.html")
        #expect(japanese.contains("<h2>職員対応マニュアル</h2>"))
        #expect(japanese.contains("<li><a href=\"../../manual.ja.html\">A4 日本語</a></li>\n<li><a href=\"../../manual.en.html\">A4 英語</a></li>"))
        let english = try site.page("staff/en/posters/index.html")
        #expect(english.contains("<li><a href=\"../../manual.en.html\">A4 English</a></li>\n<li><a href=\"../../manual.ja.html\">A4 Japanese</a></li>"))
        let publicRun = try site.build()
        #expect(publicRun.status == 0, "\(publicRun.stderr)")
        #expect(!(try site.page("site/ja/posters/index.html")).contains("manual."))
    }

    @Test("the public build writes neither the manual nor an announcement file")
    func publicBuildWritesNone() throws {
        let site = try InlineSite.shipped()
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.files.isEmpty)
        let found = run.files.keys.filter { $0.contains("manual.") || $0.hasSuffix(".txt") && $0.contains("announcement") }
        #expect(found.isEmpty, "\(found)")
        #expect(Builder.render(site.options()).printedDocuments.isEmpty)
    }

    @Test("the staff build writes each language's announcement as plain text: variables filled in, ruby as its base, paragraphs apart, one line end")
    func announcementText() throws {
        let site = try InlineSite.shipped()
        // The shipped wording after the greeting is an adaptation marker, which the text shows as its proposal.
        try site.edit("Content/pages/recording.ja.md", "お電話ありがとうございます。{{organisation}}です。",
                      "お{電話|でん|わ}**ありがとうございます**。\\\n{{organisation}}です。")
        try site.edit("Content/pages/recording.en.md", "Thank you for calling {{organisation}}.", "Thank you for calling\n*{{organisation}}* & {{self}}.")
        let run = try site.build(audience: .staff)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try site.page("staff/recording-announcement.ja.txt")
            == "お電話ありがとうございます。\nサンプル市です。\n\nサービス向上と、お話の内容を正確に確認するため、この通話は録音させていただきます。あらかじめご了承ください。\n")
        #expect(try site.page("staff/recording-announcement.en.txt")
            == "Thank you for calling Sample City & the City.\n\nTo help us improve our service and make sure we understand you correctly, this call will be recorded. Thank you for your understanding.\n")
        let page = try site.page("staff/ja/recording/index.html")
        #expect(page.contains("<div class=\"callout callout-announcement\" role=\"note\">\n<p class=\"callout-label\">通話の前に流れる自動音声</p>"))
        #expect(run.files.keys.filter { $0.hasSuffix(".txt") }.sorted() == ["staff/recording-announcement.en.txt", "staff/recording-announcement.ja.txt"])
    }

    @Test("a second announcement block on a page is an error at its line")
    func twoAnnouncements() throws {
        let site = try InlineSite.shipped("""
            -- Content/pages/extra.ja.md --
            ---
            title: 自動音声
            summary: 自動音声の文です。
            ---

            ::: announcement
            お電話ありがとうございます。
            :::

            ::: announcement
            おつなぎします。
            :::
            """)
        try site.write("Content/pages/extra.en.md", "---\ntitle: Messages\nsummary: The messages.\nsource-hash: 0000000000000000\n---\n\n::: announcement\nThank you for calling.\n:::\n\n::: announcement\nPlease hold.\n:::\n")
        let run = try site.check()
        #expect(run.diagnostics("announcement.duplicate") == [
            "Content/pages/extra.en.md:11:1: error: this page has a '::: announcement' block already (line 7); a page has one announcement, the words the phone system speaks: merge the two [announcement.duplicate]",
            "Content/pages/extra.ja.md:10:1: error: this page has a '::: announcement' block already (line 6); a page has one announcement, the words the phone system speaks: merge the two [announcement.duplicate]",
        ])
        #expect(run.status == 1)
    }

    @Test("an announcement in one language and not the other is an error in the translation")
    func announcementInOneLanguage() throws {
        let site = try InlineSite.shipped()
        let english = try site.read("Content/pages/recording.en.md")
        try site.write("Content/pages/recording.en.md", english.replacingOccurrences(of: "::: announcement\n", with: "").replacingOccurrences(of: "understanding.\n:::\n", with: "understanding.\n"))
        let lines = try site.read("Content/pages/recording.en.md").split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let run = try site.check()
        #expect(run.diagnostics("announcement.missing") == [
            "Content/pages/recording.en.md:\(lines):1: error: this translation has no '::: announcement' block where Content/pages/recording.ja.md has one (line \(try Self.line(of: "::: announcement", in: site.read("Content/pages/recording.ja.md")))): add the en words the phone system speaks between a line '::: announcement' and a line ':::' [announcement.missing]",
        ])
        // The other way round: the block is in the translation only.
        try site.write("Content/pages/recording.en.md", english)
        let japanese = try site.read("Content/pages/recording.ja.md")
        try site.write("Content/pages/recording.ja.md", japanese.replacingOccurrences(of: "::: announcement\n", with: "").replacingOccurrences(of: "ご了承ください。\n:::\n", with: "ご了承ください。\n"))
        let reversed = try site.check()
        let line = try Self.line(of: "::: announcement", in: english)
        #expect(reversed.diagnostics("announcement.missing") == [
            "Content/pages/recording.en.md:\(line):1: error: this '::: announcement' block has no counterpart in Content/pages/recording.ja.md: add the ja announcement there too, or remove this one [announcement.missing]",
        ])
    }
}
