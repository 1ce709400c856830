// Japanese quoted in a page of another language carries lang="ja" (JIS X 8341-3 3.1.2, language of parts).

import Testing
@testable import Harigami
@testable import HarigamiMarkdown

@Suite("Language of parts")
struct ForeignScriptTests {
    func render(_ markdown: String, language: String, allowHTML: Bool = false, extensions: Bool = true) -> String {
        MarkdownPipeline(settings: MarkdownSettings(language: language, allowHTML: allowHTML, extensions: extensions)).render(markdown).html
    }

    @Test("a Japanese term in an English page is wrapped in a span with lang=ja")
    func englishPage() {
        let html = render("The amended law (労働施策総合推進法) applies to the City.\n", language: "en")
        #expect(html == "<p>The amended law (<span lang=\"ja\">労働施策総合推進法</span>) applies to the City.</p>\n")
    }

    @Test("Japanese brackets and punctuation stay inside the run they belong to")
    func punctuationInsideRun() {
        let html = render("Staff say 「少々お待ちください。」 and wait.\n", language: "en")
        #expect(html.contains("<span lang=\"ja\">「少々お待ちください。」</span>"))
    }

    @Test("full-width punctuation with no Japanese letter in it is left unmarked")
    func punctuationAlone() {
        let html = render("Where it happens （Counter）\n", language: "en")
        #expect(!html.contains("lang="))
    }

    @Test("a Japanese page gets no lang spans")
    func japanesePage() {
        let html = render("本市の方針です。English words stay as they are.\n", language: "ja")
        #expect(!html.contains("<span"))
    }

    @Test("link text is marked but attribute values are left as they are")
    func attributes() {
        let html = render("See [法務局](https://www.moj.go.jp/ \"法務局の案内\") and ![窓口の写真](counter.png).\n", language: "en")
        #expect(html.contains("title=\"法務局の案内\""))
        #expect(html.contains("alt=\"窓口の写真\""))
        #expect(html.contains("><span lang=\"ja\">法務局</span></a>"))
    }

    // GFM's tag filter turns <script> and <style> into text, so only plain CommonMark lets them through as elements.
    @Test("scripts, styles and comments in allowed raw HTML are not changed")
    func rawText() {
        let markdown = "<script>const label = \"日本語\";</script>\n\n<style>p::before { content: \"注\"; }</style>\n\n<!-- 内部メモ -->\n"
        let html = render(markdown, language: "en", allowHTML: true, extensions: false)
        #expect(html.contains("<script>const label = \"日本語\";</script>"))
        #expect(html.contains("content: \"注\";"))
        #expect(html.contains("<!-- 内部メモ -->"))
        #expect(!html.contains("<span"))
    }
}
