// Loading Content/: the typed model, and one test per load error with its exact position.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad

@Suite("Loading content")
struct LoadTests {
    func load(_ changes: [String: String?]) throws -> LoadResult {
        ContentLoader.load(try TestSupport.minimalTree(replacing: changes))
    }

    @Test("the minimal fixture loads every page in both languages with no problem")
    func loadsFixture() throws {
        let result = try load([:])
        #expect(result.diagnostics.isEmpty)
        let content = try #require(result.content)
        #expect(content.site.languages == ["ja", "en"])
        #expect(content.site.baseURL == "https://www.town-fixture.test/policy/")
        #expect(content.categories.map(\.id) == ["time-binding"])
        #expect(content.categories[0].texts["en"]?.posterLabel == "Holding staff for hours")
        #expect(content.documents.count == 8)
        let example = try #require(content.document(key: "examples/time-binding/phone", language: "ja"))
        #expect(example.title.value == "電話が長時間続く場合")
        #expect(example.title.location == SourceLocation(path: "Content/examples/time-binding/phone.ja.md", line: 2, column: 8))
        #expect(example.channels.map(\.value) == ["phone"])
        #expect(example.bodyLine == 6)
    }

    @Test("malformed YAML in front matter names the file, line and column")
    func malformedYAML() throws {
        let result = try load(["notice.ja.md": "---\ntitle: お客様へのお願い\nsummary: [閉じていない\n---\n本文です。\n"])
        #expect(result.diagnostics.map(\.description).contains { $0.hasPrefix("Content/notice.ja.md:4:1: error: the YAML cannot be read") && $0.hasSuffix("[load.yaml]") })
    }

    @Test("a missing required key is reported at the front matter")
    func missingKey() throws {
        let result = try load(["pages/faq.en.md": "---\ntitle: Questions\n---\nText.\n"])
        #expect(result.diagnostics.map(\.description) == ["Content/pages/faq.en.md:2:1: error: the front matter is missing the required key 'summary' [load.schema]"])
    }

    @Test("an unknown key names the keys that were expected")
    func unknownKey() throws {
        let result = try load(["pages/faq.en.md": "---\ntitle: Questions\nsummary: Answers.\ntitel: typo\n---\nText.\n"])
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.location == SourceLocation(path: "Content/pages/faq.en.md", line: 4, column: 1))
        #expect(diagnostic.rule == "load.unknown-key")
        #expect(diagnostic.message.contains("unknown key 'titel'"))
        #expect(diagnostic.message.contains("'title', 'summary'"))
    }

    @Test("a file that is not UTF-8 points at the first bad byte")
    func notUTF8() throws {
        var edited = try TestSupport.snapshot(TestSupport.fixture("minimal"))
        edited["pages/faq.ja.md"] = Data("---\ntitle: よくある質問\n".utf8) + Data([0x82, 0xA0]) + Data("\n---\n".utf8)
        let files = edited
        let tree = ContentTree(displayRoot: "Content", list: { files.keys.sorted().map { ContentFile(path: $0) } }, read: { files[$0]! })
        let result = ContentLoader.load(tree)
        #expect(result.diagnostics.map(\.description) == [
            "Content/pages/faq.ja.md:3:1: error: the file is not UTF-8 text; save it as UTF-8 (for example, in your editor choose \"UTF-8\" when saving) [load.encoding]",
        ])
    }

    @Test("an updated date typed in full-width digits reads as the same date; one that is not a date is an error")
    func fullWidthDate() throws {
        let page = { (date: String) in "---\ntitle: よくある質問\nsummary: 質問と回答です。\nupdated: \(date)\n---\n本文です。\n" }
        let result = try load(["pages/faq.ja.md": page("２０２６－１０－０１")])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.content?.document(key: "pages/faq", language: "ja")?.updated?.value == "2026-10-01")
        let wrong = try load(["pages/faq.ja.md": page("令和8年10月1日")])
        #expect(wrong.diagnostics.map(\.rule) == ["load.schema"])
    }

    @Test("an example in a folder that is not a category names the categories there are")
    func unknownCategory() throws {
        let result = try load(["examples/waiting/long.ja.md": "---\ntitle: 待ち時間\nsummary: 待ち時間の例です。\n---\n"])
        #expect(result.diagnostics.map(\.description) == [
            "Content/examples/waiting/long.ja.md:1:1: error: unknown category 'waiting': categories.yml has time-binding (add it with `harigami new category waiting`) [load.unknown-category]",
        ])
    }

    @Test("a page file name without a language is an error, never skipped")
    func fileNameWithoutLanguage() throws {
        let result = try load(["pages/contact.md": "---\ntitle: x\n---\n"])
        #expect(result.diagnostics.map(\.rule) == ["load.file-name"])
        #expect(result.diagnostics[0].message.contains("contact.ja.md"))
    }

    @Test("an unknown language suffix is an error")
    func unknownLanguage() throws {
        let result = try load(["pages/faq.fr.md": "---\ntitle: FAQ\nsummary: FAQ.\n---\n"])
        #expect(result.diagnostics.map(\.rule) == ["load.language"])
    }

    @Test("a file without front matter, or with unclosed front matter, or empty, is reported")
    func frontMatterShape() throws {
        let result = try load([
            "pages/a.ja.md": "本文だけです。\n",
            "pages/b.ja.md": "---\ntitle: x\n",
            "pages/c.ja.md": "",
        ])
        let byPath = Dictionary(grouping: result.diagnostics, by: \.location.path)
        #expect(byPath["Content/pages/a.ja.md"]?.first?.message.hasPrefix("the file must start with front matter") == true)
        #expect(byPath["Content/pages/b.ja.md"]?.first?.message.hasPrefix("the front matter is not closed") == true)
        #expect(byPath["Content/pages/c.ja.md"]?.first?.message.hasPrefix("the file is empty") == true)
    }

    @Test("a byte order mark and Windows line ends are accepted and positions stay right")
    func bomAndCRLF() throws {
        let text = "\u{FEFF}---\r\ntitle: Questions\r\nsummary: Answers.\r\nbogus: 1\r\n---\r\nText.\r\n"
        let result = try load(["pages/faq.en.md": text])
        #expect(result.diagnostics.map(\.description) == [
            "Content/pages/faq.en.md:4:1: error: unknown key 'bogus' in the front matter; expected one of 'title', 'summary', 'updated', 'audience', 'source-hash' [load.unknown-key]",
        ])
    }

    @Test("a YAML bomb (aliases expanding without bound) is refused quickly, not expanded")
    func yamlBomb() throws {
        var yaml = "---\ntitle: x\nsummary: y\nchannels:\n  - &a0 [\"phone\", \"phone\", \"phone\", \"phone\", \"phone\", \"phone\", \"phone\", \"phone\", \"phone\", \"phone\"]\n"
        for level in 1..<12 {
            let previous = "*a\(level - 1)"
            yaml += "  - &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        yaml += "---\n"
        let clock = ContinuousClock()
        var result: LoadResult?
        let elapsed = try clock.measure { result = try load(["examples/time-binding/phone.en.md": yaml]) }
        let diagnostics = try #require(result).diagnostics
        #expect(diagnostics.map(\.rule) == ["load.yaml"])
        #expect(diagnostics.first?.message.contains("expands to more than 100000 values") == true)
        #expect(elapsed < .seconds(5))
    }

    @Test("a slug that is not lowercase ASCII is refused")
    func invalidSlug() throws {
        let result = try load(["pages/よくある質問.ja.md": "---\ntitle: x\nsummary: y\n---\n", "pages/my page.en.md": "---\ntitle: x\nsummary: y\n---\n"])
        #expect(result.diagnostics.map(\.rule) == ["load.id", "load.id"])
    }

    @Test("several problems in several files are all reported in one run")
    func everyProblemInOneRun() throws {
        let result = try load([
            "notice.en.md": "---\ntitle: x\n---\n",
            "guideline.en.md": "---\ntitle: x\nsummary: y\nextra: z\n---\n",
            "categories.yml": "- id: time-binding\n  ja: {name: a, summary: b, poster-label: c}\n  en: {name: a, summary: b, poster-label: c, colour: red}\n",
        ])
        #expect(Set(result.diagnostics.map(\.location.path)) == ["Content/notice.en.md", "Content/guideline.en.md", "Content/categories.yml"])
    }

    @Test("site.yml problems stop the load with every problem in it listed")
    func siteProblems() throws {
        let result = try load(["site.yml": "languages: [ja, en]\nbase-url: www.test\n"])
        #expect(result.content == nil)
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains("'base-url' must be an absolute address starting with https://"))
        #expect(messages.contains("site.yml is missing the required key 'title'"))
        #expect(messages.contains("site.yml is missing the required key 'example-sections'"))
    }

    @Test("a telephone number typed in full width (０３－１１１１－２２２２, or with ー) is read as 03-1111-2222: it fits the posters and dials",
          arguments: ["０３－１１１１－２２２２", "03ー1111ー2222", "（03）1111‐2222"])
    func fullWidthPhone(written: String) throws {
        let site = try InlineSite.minimal()
        try site.edit("Content/site.yml", "phone: \"03-1111-2222\"", "phone: \"\(written)\"")
        let loaded = ContentLoader.load(.directory(site.url("Content").path))
        let phone = try #require(loaded.content?.site.contact.phone)
        #expect(phone == (written.hasPrefix("（") ? "(03)1111-2222" : "03-1111-2222"))
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try site.page("site/ja/index.html").contains("tel:0311112222"))
    }
}
