// Japanese-correct Markdown: emphasis next to Japanese punctuation, soft line breaks, ruby, and nothing changed for
// other text.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiMarkdown

@Suite("Japanese Markdown")
struct CJKMarkdownTests {
    func render(_ markdown: String, allowHTML: Bool = false, extensions: Bool = true) -> RenderedMarkdown {
        MarkdownPipeline(settings: MarkdownSettings(language: "ja", allowHTML: allowHTML, extensions: extensions)).render(markdown)
    }

    func html(_ markdown: String, allowHTML: Bool = false, extensions: Bool = true) -> String {
        render(markdown, allowHTML: allowHTML, extensions: extensions).html
    }

    /// cmark-gfm alone, with the site's extensions, for comparison.
    func plainCmark(_ markdown: String, extensions: Bool = true) -> String {
        var options = CmarkTree.Options()
        options.extensions = extensions
        return CmarkTree(markdown, options: options).html()
    }

    // MARK: The cases

    @Test("strong emphasis around Japanese brackets is rendered: **「強調」**の")
    func strongAroundBrackets() {
        #expect(html("**「強調」**の\n") == "<p><strong>「強調」</strong>の</p>\n")
    }

    @Test("strong emphasis ending in 。 before more text is rendered: これは**重要。**です")
    func strongEndingInFullStop() {
        #expect(html("これは**重要。**です\n") == "<p>これは<strong>重要。</strong>です</p>\n")
    }

    @Test("strong emphasis around a link before kana is rendered: **[リンク](url)**も")
    func strongAroundLink() {
        #expect(html("**[リンク](url)**も\n") == "<p><strong><a href=\"url\">リンク</a></strong>も</p>\n")
    }

    @Test("strikethrough around Japanese brackets is rendered: ~~「取消」~~です")
    func strikethroughAroundBrackets() {
        #expect(html("~~「取消」~~です\n") == "<p><del>「取消」</del>です</p>\n")
    }

    @Test("a soft line break between Japanese characters renders as nothing")
    func softBreakBetweenJapanese() {
        #expect(html("カスタマーハラスメントには\n組織として対応します。\n") == "<p>カスタマーハラスメントには組織として対応します。</p>\n")
    }

    @Test("a soft line break next to Latin text stays a line break")
    func softBreakNextToLatin() {
        #expect(html("窓口は\nCity Hall です。\n") == "<p>窓口は\nCity Hall です。</p>\n")
        #expect(html("The counter\nis open.\n") == "<p>The counter\nis open.</p>\n")
    }

    @Test("ruby gives a whole word one reading")
    func rubyForWord() {
        #expect(html("{漢字|かんじ}を読む\n") == "<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を読む</p>\n")
    }

    @Test("ruby with one reading per character annotates each character")
    func rubyPerCharacter() {
        #expect(html("{東京|とう|きょう}\n") == "<p><ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp>京<rp>(</rp><rt>きょう</rt><rp>)</rp></ruby></p>\n")
    }

    // MARK: Tricky inputs

    @Test("tricky inputs render as expected", arguments: [
        // Code spans and blocks are never touched.
        ("`**「強調」**の`\n", "<p><code>**「強調」**の</code></p>\n"),
        ("`{漢字|かんじ}`\n", "<p><code>{漢字|かんじ}</code></p>\n"),
        ("```\n**「強調」**の\n{漢字|かんじ}\n```\n", "<pre><code>**「強調」**の\n{漢字|かんじ}\n</code></pre>\n"),
        // Escaped and referenced asterisks stay asterisks.
        ("\\*\\*「強調」\\*\\*の\n", "<p>**「強調」**の</p>\n"),
        ("&#42;&#42;「強調」&#42;&#42;の\n", "<p>**「強調」**の</p>\n"),
        ("\\{漢字|かんじ}\n", "<p>{漢字|かんじ}</p>\n"),
        // Several emphases in one paragraph, and emphasis nested in emphasis.
        ("**「強調」**の**太字**です\n", "<p><strong>「強調」</strong>の<strong>太字</strong>です</p>\n"),
        ("**「外側*内側*」**の\n", "<p><strong>「外側<em>内側</em>」</strong>の</p>\n"),
        ("*「強調」*と**「太字」**\n", "<p><em>「強調」</em>と<strong>「太字」</strong></p>\n"),
        ("***「両方」***の\n", "<p><em><strong>「両方」</strong></em>の</p>\n"),
        // Links inside and around emphasis.
        ("[**「強調」**の説明](url)\n", "<p><a href=\"url\"><strong>「強調」</strong>の説明</a></p>\n"),
        ("詳細は**[こちら](url)**をご覧ください。\n", "<p>詳細は<strong><a href=\"url\">こちら</a></strong>をご覧ください。</p>\n"),
        // One tilde is a range (9:00~17:00), never strikethrough; two strike through.
        ("受付は9:00~17:00、月~金です。~~「取消」~~\n", "<p>受付は9:00~17:00、月~金です。<del>「取消」</del></p>\n"),
        // Bare addresses in the same paragraph (cmark-gfm's autolink extension gives their links no position).
        ("お客様が**「責任者を出せ」**と\nhttps://x.test/ を案内。\n",
         "<p>お客様が<strong>「責任者を出せ」</strong>と\n<a href=\"https://x.test/\">https://x.test/</a> を案内。</p>\n"),
        ("**「詳細」**は https://x.test/a_b_c で**案内**。\n",
         "<p><strong>「詳細」</strong>は <a href=\"https://x.test/a_b_c\">https://x.test/a_b_c</a> で<strong>案内</strong>。</p>\n"),
        ("`a@b.co`a@b.co と**「強調」**と\n", "<p><code>a@b.co</code><a href=\"mailto:a@b.co\">a@b.co</a> と<strong>「強調」</strong>と</p>\n"),
        // `_` next to kana: intraword underscores stay text, as in CommonMark.
        ("これは_強調_です\n", "<p>これは_強調_です</p>\n"),
        ("「_強調_」です\n", "<p>「<em>強調</em>」です</p>\n"),
        ("__「強調」__の\n", "<p>__「強調」__の</p>\n"),
        // Kanji outside the Basic Multilingual Plane.
        ("**（注）**𠮷野家\n", "<p><strong>（注）</strong>𠮷野家</p>\n"),
        ("**(注)**𠮷野家\n", "<p><strong>(注)</strong>𠮷野家</p>\n"),
        ("𠮷野\n𠮷田\n", "<p>𠮷野𠮷田</p>\n"),
        ("{𠮷|よし}野家\n", "<p><ruby>𠮷<rp>(</rp><rt>よし</rt><rp>)</rp></ruby>野家</p>\n"),
        // Where the paragraph sits: list items, block quotes, tables, headings, continuation lines.
        ("- 一行目\n  **「強調」**の\n", "<ul>\n<li>一行目<strong>「強調」</strong>の</li>\n</ul>\n"),
        ("> 引用の\n> **「強調」**です\n", "<blockquote>\n<p>引用の<strong>「強調」</strong>です</p>\n</blockquote>\n"),
        ("| 項目 |\n| --- |\n| **「強調」**の |\n", "<table>\n<thead>\n<tr>\n<th>項目</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong>「強調」</strong>の</td>\n</tr>\n</tbody>\n</table>\n"),
        ("## **「見出し」**の例\n", "<h2><strong>「見出し」</strong>の例</h2>\n"),
        // Ruby inside emphasis and links, escaped in HTML, and a wrong number of readings left as text.
        ("**{重要|じゅうよう}**です\n", "<p><strong><ruby>重要<rp>(</rp><rt>じゅうよう</rt><rp>)</rp></ruby></strong>です</p>\n"),
        ("[{窓口|まどぐち}](url)\n", "<p><a href=\"url\"><ruby>窓口<rp>(</rp><rt>まどぐち</rt><rp>)</rp></ruby></a></p>\n"),
        ("{A&amp;B|\"x\"}\n", "<p><ruby>A&amp;B<rp>(</rp><rt>&quot;x&quot;</rt><rp>)</rp></ruby></p>\n"),
        ("{漢字|}と{|かんじ}\n", "<p>{漢字|}と{|かんじ}</p>\n"),
        ("{東京|と|う|きょう}\n", "<p>{東京|と|う|きょう}</p>\n"),
    ])
    func tricky(markdown: String, expected: String) {
        #expect(html(markdown) == expected)
    }

    @Test("text without Japanese renders exactly as cmark-gfm renders it", arguments: [
        "**foo**bar\n", "**\"foo\"**bar\n", "*foo**bar*\n", "a ~~b ~c~ d~~ e\n", "9:00~17:00\n", "**foo*\n",
        "foo\nbar\n", "__init__\n", "***strong emph***\n", "{braces} and a | bar\n", "_a_ *b* **c** ~d~\n",
    ])
    func latinUnchanged(markdown: String) {
        #expect(html(markdown) == plainCmark(markdown))
    }

    @Test("a ruby with an empty reading or the wrong number of readings is reported where it is written")
    func rubyProblems() {
        let rendered = MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render("前置き\n\n本文 {東京|と|う|きょう}\n", path: "Content/x.ja.md", bodyLine: 5)
        let messages = rendered.diagnostics.map(\.description)
        #expect(messages == ["Content/x.ja.md:7:4: warning: the ruby {東京|と|う|きょう} gives 3 readings for 2 characters; give one reading for the whole word, or one per character as in {東京|とう|きょう} [markdown.ruby]"])
    }

    @Test("Japanese paragraphs leave no ** or ~~ where emphasis was meant, and no space at soft breaks")
    func japaneseParagraphs() {
        let markdown = """
            当市は、**「カスタマーハラスメント」**に該当する行為に対し、
            **組織として**対応します。職員への**暴言・暴力。**は許されません。

            - 長時間の拘束（**「時間拘束型」**）は、
              ~~「相談」~~「要求」の内容を確認したうえで、
              **一定時間**を超えた場合に対応を終了します。

            > お客様へ：**「録音」**しています。
            > ご了承ください。
            """
        let output = html(markdown + "\n")
        #expect(!output.contains("**"))
        #expect(!output.contains("~~"))
        // Inline tags removed, block tags kept: a space or line end between two Japanese characters would be seen.
        let text = output.replacingOccurrences(of: "</?(strong|em|del|a|code)( [^>]*)?>", with: "", options: .regularExpression)
        let scalars = Array(text.unicodeScalars)
        #expect(scalars.filter { CJKCharacters.isWide($0) }.count > 100)
        for index in scalars.indices.dropFirst().dropLast() where scalars[index] == " " || scalars[index] == "\n" {
            #expect(!(CJKCharacters.isWide(scalars[index - 1]) && CJKCharacters.isWide(scalars[index + 1])),
                    "a space between \(scalars[index - 1]) and \(scalars[index + 1])")
        }
        #expect(output.contains("<strong>暴言・暴力。</strong>は"))
        #expect(output.contains("<del>「相談」</del>「要求」"))
    }

    @Test("re-reading cmark-gfm's emphasis with CommonMark's rules gives cmark-gfm's result on every spec example")
    func faithfulReReading() throws {
        // The spec examples as the conformance test reads them (the repository keeps its own copy).
        let examples = try CommonMarkConformanceTests.examples()
        #expect(examples.count == 652)
        var reread = 0
        for example in examples {
            let (markdown, number) = (example.markdown, example.example)
            for extensions in [false, true] {
                var options = CmarkTree.Options()
                options.extensions = extensions
                let expected = CmarkTree(markdown, options: options).html()
                let tree = CmarkTree(markdown, options: options)
                var map = SourceMap(tree: tree, source: SourceLines(markdown))
                reread += map.mappedBlocks.count
                CJKEmphasis.apply(to: tree, map: &map, strikethrough: extensions, rules: .commonMark, always: true)
                #expect(tree.html() == expected, "example \(number), extensions \(extensions)")
            }
        }
        // Nearly every paragraph of the spec could be placed in its source and read again.
        #expect(reread > 1000)
    }

    @Test("re-reading is faithful on generated mixes of Japanese, delimiters, escapes, links and containers")
    func faithfulOnGeneratedInput() {
        let pieces = ["*", "**", "_", "__", "~", "~~", "「", "」", "。", "の", "漢", "a", " ", "\n", "\n\n", "> ", "- ", "\\",
                      "&#42;", "&amp;", "{", "}", "|", "`", "[", "](u)", "<b>", "𠮷", "\u{FE00}", "　", "(", ")", "www.a.jp", "  \n"]
        // A fixed linear congruential sequence: the same inputs on every run.
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            let markdown = (0...next(25)).map { _ in pieces[next(pieces.count)] }.joined()
            let extensions = next(2) == 0
            var options = CmarkTree.Options()
            options.extensions = extensions
            let expected = CmarkTree(markdown, options: options).html()
            let tree = CmarkTree(markdown, options: options)
            var map = SourceMap(tree: tree, source: SourceLines(markdown))
            CJKEmphasis.apply(to: tree, map: &map, strikethrough: extensions, rules: .commonMark, always: true)
            #expect(tree.html() == expected, "\(markdown.debugDescription), extensions \(extensions)")
        }
    }

    /// A prose reader that only asks for every block to be placed in the source, as the checks' reader does.
    final class PlacingEveryBlock: ProseReader {
        func read(block: MarkdownNode, map: SourceMap, path: String, firstLine: Int) {}
        func finish() -> ProseFindings { ProseFindings(diagnostics: [], markers: []) }
    }

    @Test("a page renders the same whether every block is placed in the source (for the prose checks) or only those a Japanese pass changes")
    func sameWithAndWithoutProse() {
        let pieces = ["*", "**", "_", "~~", "「", "」", "。", "の", "漢", "a", " ", "\n", "\n\n", "> ", "- ", "\\", "&#42;",
                      "{", "}", "|", "{漢|かん}", "`", "[", "](u)", "![", "𠮷", "\u{FE00}", "# ", "| a |\n|---|\n| b |\n"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var reading = MarkdownPipeline(settings: MarkdownSettings(language: "ja"))
        reading.settings.prose = ProseSettings()
        reading.proseReader = { _, _ in PlacingEveryBlock() }
        let plain = MarkdownPipeline(settings: MarkdownSettings(language: "ja"))
        for _ in 0..<2000 {
            let markdown = (0...next(30)).map { _ in pieces[next(pieces.count)] }.joined()
            let (read, rendered) = (reading.render(markdown), plain.render(markdown))
            #expect(read.html == rendered.html, "\(markdown.debugDescription)")
            #expect(read.diagnostics.map(\.message) == rendered.diagnostics.map(\.message), "\(markdown.debugDescription)")
        }
    }
}
