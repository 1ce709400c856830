// The site's Markdown policy: containers, raw HTML, unsafe links, link rewriting, outline.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown

@Suite("Markdown pipeline")
struct MarkdownPipelineTests {
    func render(_ markdown: String, allowHTML: Bool = false, audience: Audience = .public, language: String = "ja",
                strings: [String: String]? = nil) -> RenderedMarkdown {
        var settings = MarkdownSettings(language: language, allowHTML: allowHTML, audience: audience)
        settings.strings = strings ?? TestSupport.interfaceStrings[language] ?? [:]
        return MarkdownPipeline(settings: settings).render(markdown, path: "Content/x.ja.md", bodyLine: 5)
    }

    @Test("GFM tables, strikethrough and autolinks are on")
    func gfm() {
        let html = render("| 類型 | 例 |\n|---|---|\n| 暴言型 | 大声 |\n\n~~取り消し~~ https://example.jp\n").html
        #expect(html.contains("<table>\n<thead>\n<tr>\n<th>類型</th>"))
        #expect(html.contains("<del>取り消し</del>"))
        #expect(html.contains("<a href=\"https://example.jp\">https://example.jp</a>"))
    }

    @Test("raw HTML is left out with a warning unless the site allows it")
    func rawHTML() {
        let blocked = render("<div>block</div>\n\nText with <b>bold</b>.\n")
        #expect(blocked.html == "<p>Text with bold.</p>\n")
        #expect(blocked.diagnostics.map(\.description) == [
            "Content/x.ja.md:5:1: warning: raw HTML is left out because site.yml has allow-html: false; write it in Markdown instead [markdown.raw-html]",
            "Content/x.ja.md:7:11: warning: raw HTML is left out because site.yml has allow-html: false; write it in Markdown instead [markdown.raw-html]",
            "Content/x.ja.md:7:18: warning: raw HTML is left out because site.yml has allow-html: false; write it in Markdown instead [markdown.raw-html]",
        ])
        let allowed = render("Text with <b>bold</b>.\n", allowHTML: true)
        #expect(allowed.html == "<p>Text with <b>bold</b>.</p>\n")
    }

    @Test("columns count characters, not bytes, also on continuation lines inside lists and quotes")
    func characterColumns() {
        let markdown = "これは画像です![](a.png)と<b>x</b>\n- 項目 [リンク](javascript:alert(1))\n  続きの行 <i>y</i>\n\n> 引用です\n> 続き<i>z</i>\n"
        let places = render(markdown).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.rule)" }
        #expect(places == [
            "5:19 markdown.raw-html", "5:23 markdown.raw-html", "6:6 markdown.unsafe-link",
            "7:8 markdown.raw-html", "7:12 markdown.raw-html", "10:5 markdown.raw-html", "10:9 markdown.raw-html",
        ])
    }

    @Test("columns on lazy continuation lines, which carry fewer markers than the block they continue")
    func lazyLineColumns() {
        let markdown = "- Intro text\n see <b>x</b>\n\n> > a\n>    see <b>y</b>\n\n> a\n    b <i>z</i>\n\nPara\n   more <i>w</i>\n"
        let places = render(markdown).diagnostics.map { "\($0.location.line):\($0.location.column)" }
        #expect(places == ["6:6", "6:10", "9:10", "9:14", "12:7", "12:11", "15:9", "15:13"])
    }

    @Test("script tags never reach the page, even when raw HTML is allowed")
    func scripts() {
        #expect(!render("<script>alert(1)</script>\n").html.contains("<script"))
        #expect(!render("<script>alert(1)</script>\n", allowHTML: true).html.contains("<script"))
    }

    @Test("javascript: links are refused with an error and lose their address")
    func javascriptLinks() {
        let result = render("[押す](javascript:alert(1)) と ![画像](vbscript:x)\n")
        #expect(!result.html.contains("javascript:"))
        #expect(!result.html.contains("vbscript:"))
        #expect(result.diagnostics.map(\.rule) == ["markdown.unsafe-link", "markdown.unsafe-link"])
        #expect(result.diagnostics[0].location == SourceLocation(path: "Content/x.ja.md", line: 5, column: 1))
    }

    @Test("note and warning containers become labelled call-outs; staff blocks only in the staff build")
    func containers() {
        let markdown = "前文です。\n\n::: note\n補足の内容です。\n:::\n\n::: staff\n内線 1234 です。\n:::\n"
        let publicResult = render(markdown)
        #expect(publicResult.html == "<p>前文です。</p>\n<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-label\">補足</p>\n<p>補足の内容です。</p>\n</div>\n")
        #expect(publicResult.staffTexts.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) } == ["内線 1234 です。"])
        let staffResult = render(markdown, audience: .staff)
        #expect(staffResult.html.contains("<div class=\"callout callout-staff\" role=\"note\">"))
        #expect(staffResult.html.contains("内線 1234 です。"))
    }

    @Test("a call-out's label is the UI string the templates give it, escaped")
    func calloutLabelFromTemplates() {
        let html = render("::: warning\n本文\n:::\n", strings: ["callout-warning": "ご注意 <必読>"]).html
        #expect(html.hasPrefix("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-label\">ご注意 &lt;必読&gt;</p>\n"))
    }

    @Test("container fences inside code blocks are code, and broken containers are reported")
    func containerEdges() {
        let code = render("```\n::: staff\n```\n")
        #expect(code.html == "<pre><code>::: staff\n</code></pre>\n")
        #expect(code.diagnostics.isEmpty)
        let broken = render("::: notice\n本文\n:::\n:::\n\n::: note\n閉じていない\n")
        #expect(broken.diagnostics.map(\.description) == [
            "Content/x.ja.md:5:4: error: unknown container 'notice'; expected one of note, warning, staff, announcement [markdown.container]",
            "Content/x.ja.md:8:1: error: this ':::' closes no container; remove it or open one with '::: note' [markdown.container]",
            "Content/x.ja.md:10:1: error: the '::: note' container is not closed; add a line ':::' where it ends [markdown.container]",
        ])
    }

    @Test("the outline lists headings, lists, tables and quotes with their file lines")
    func outline() {
        let result = render("## 場面\n\n- 一\n- 二\n\n> 「例」\n\n| a |\n|---|\n| 1 |\n")
        #expect(result.outline.map(\.kind) == [.heading(level: 2, text: "場面"), .list(ordered: false, items: 2), .blockQuote, .table(rows: 2, columns: 1)])
        #expect(result.outline.map(\.location.line) == [5, 7, 10, 12])
    }

    @Test("links to content files are rewritten to the same-language page, and broken ones are errors")
    func linkRewriting() throws {
        let content = try #require(ContentLoader.load(try TestSupport.minimalTree()).content)
        let resolver = LinkResolver(content: content, audience: .public, language: "en",
                                    fromFile: "en/examples/time-binding/phone/index.html",
                                    sourcePath: "Content/examples/time-binding/phone.en.md")
        let pipeline = MarkdownPipeline(settings: MarkdownSettings(language: "en"), resolveLink: resolver.resolve)
        let result = pipeline.render("[g](/guideline.md) [f](../../pages/faq.md#top) [ja](/pages/faq.ja.md) [x](/pages/missing.md) [out](../../../etc/passwd.md) [web](https://example.org)\n", path: "Content/examples/time-binding/phone.en.md")
        #expect(result.html.contains("href=\"../../../../en/guideline/index.html\""))
        #expect(result.html.contains("href=\"../../../../en/faq/index.html#top\""))
        #expect(result.html.contains("href=\"../../../../ja/faq/index.html\""))
        #expect(result.html.contains("href=\"https://example.org\""))
        #expect(result.diagnostics.map(\.rule) == ["link.unresolved", "link.unresolved"])
        #expect(result.diagnostics[0].message.contains("no pages/missing.en.md"))
        #expect(result.diagnostics[1].message.contains("outside the content folder"))
    }

    @Test("Mustache syntax in content is text, never a template")
    func mustacheInContent() throws {
        let result = render("{{#ui}}{{skip-link}}{{/ui}} と {{{body}}}\n")
        #expect(result.html == "<p>{{#ui}}{{skip-link}}{{/ui}} と {{{body}}}</p>\n")
    }
}
