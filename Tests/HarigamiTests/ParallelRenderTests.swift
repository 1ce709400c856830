// Rendering pages on all cores gives exactly the bytes, diagnostics and staff texts of rendering them one by one.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiCheck
@testable import HarigamiRender

@Suite("Parallel rendering")
struct ParallelRenderTests {
    static let categories = (1...8).map { "type-\($0)" }
    static let examplesPerCategory = 20

    /// A site of a few hundred pages whose bodies use every inline syntax an extension adds (strikethrough,
    /// autolinks), which cmark-gfm handles with process-wide state, and Japanese emphasis, ruby and containers.
    static func generatedSite() -> [String: String] {
        var files: [String: String] = [:]
        let sections = [("situation", "想定される場面", "The situation", false), ("wording", "伝え方の例", "What you can say", true)]
        files["site.yml"] = """
            languages: [ja, en]
            base-url: "https://www.parallel.test/policy/"
            title: {ja: 並行町の方針, en: Parallel Town policy}
            organisation: {ja: 並行町, en: Parallel Town}
            description: {ja: 並行町の基本方針です。, en: Parallel Town's policy.}
            contact:
              department: {ja: 総務課, en: General Affairs}
              phone: "03-0000-0000"
              email: "soumu@parallel.test"
              hours: {ja: 平日, en: Weekdays}
            example-sections:
            \(sections.map { "  - {id: \($0.0), ja: \($0.1), en: \($0.2)\($0.3 ? ", wording: true" : "")}" }.joined(separator: "\n"))

            """
        files["categories.yml"] = categories.enumerated().map { index, id in
            """
            - id: \(id)
              ja: {name: 類型\(index + 1), summary: 類型\(index + 1)の説明です。, poster-label: 類型\(index + 1)}
              en: {name: Type \(index + 1), summary: About type \(index + 1)., poster-label: Type \(index + 1)}

            """
        }.joined()
        for language in ["ja", "en"] {
            files["notice.\(language).md"] = "---\ntitle: notice \(language)\nsummary: notice\n---\n本文と www.parallel.test の案内です。\n"
            files["guideline.\(language).md"] = "---\ntitle: guideline \(language)\nsummary: guideline\n---\n::: warning\n~~古い~~新しい指針です。\n:::\n"
            files["pages/faq.\(language).md"] = "---\ntitle: faq \(language)\nsummary: faq\n---\n[方針](/notice.md)をご覧ください。\n"
        }
        for (categoryIndex, category) in categories.enumerated() {
            for number in 1...examplesPerCategory {
                let other = categories[(categoryIndex + number) % categories.count]
                for language in ["ja", "en"] {
                    let (situation, wording) = language == "ja" ? (sections[0].1, sections[1].1) : (sections[0].2, sections[1].2)
                    files["examples/\(category)/case-\(number).\(language).md"] = """
                        ---
                        title: 例\(number) \(category) \(language)
                        summary: 事例\(number)の概要です。
                        channels: [phone]
                        ---
                        ## \(situation)

                        お客様が**「責任者を出せ」**と\(number)回
                        繰り返し、~~30~~\(number * 10)分が過ぎました。{職員|しょくいん}は
                        https://www.parallel.test/\(category)/\(number) を案内します。

                        | 項目 | 値 |
                        | --- | --- |
                        | 回数 | \(number) |

                        ::: staff
                        内線\(number)番で管理職\(category)に連絡します。
                        :::

                        ## \(wording)

                        > 「本日はここまでとさせていただきます。」

                        [関連](/examples/\(other)/case-\(number).md)と www.parallel.test も参照。

                        """
                }
            }
        }
        return files
    }

    static func renderers() throws -> [SiteRenderer] {
        let loaded = ContentLoader.load(.memory(generatedSite()))
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.filter { $0.severity == .error })")
        let content = try #require(loaded.content)
        let (templates, problems) = TemplateSet.load(directory: TestSupport.templates.path, languages: ["ja", "en"])
        #expect(!problems.hasErrors)
        let set = try #require(templates)
        return Audience.allCases.map { SiteRenderer(content: content, templates: set, audience: $0) }
    }

    @Test("a site of a few hundred pages renders on all cores byte for byte as it does one page at a time")
    func identicalOutput() throws {
        for renderer in try Self.renderers() {
            let serial = renderer.render(concurrently: false)
            #expect(serial.pagesPerLanguage["ja"] ?? 0 > Self.categories.count * Self.examplesPerCategory)
            // Several runs, so that a race between pages has more than one chance to show.
            for _ in 1...3 {
                let parallel = renderer.render(concurrently: true)
                #expect(parallel.files.keys.sorted() == serial.files.keys.sorted())
                let differing = serial.files.keys.sorted().filter { parallel.files[$0] != serial.files[$0] }
                #expect(differing.isEmpty, "\(renderer.audience): \(differing.prefix(5)) differ")
                #expect(parallel.staffTexts == serial.staffTexts)
                #expect(parallel.pagesPerLanguage == serial.pagesPerLanguage)
            }
        }
    }

    @Test("every page rendered on all cores keeps its strikethrough and autolinks")
    func extensionsSurviveConcurrentParsing() throws {
        let renderer = try #require(try Self.renderers().first)
        let build = renderer.render(concurrently: true)
        let examples = build.files.filter { $0.key.contains("/examples/type-") }
        #expect(examples.count == 2 * Self.categories.count * Self.examplesPerCategory)
        for (path, data) in examples {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<del>30</del>"), "\(path) lost its strikethrough")
            #expect(html.contains("href=\"http://www.parallel.test\""), "\(path) lost an autolink")
        }
    }

    @Test("a build using the Markdown the checks rendered is byte for byte the build that renders it again")
    func checkedMarkdownReused() throws {
        for renderer in try Self.renderers() {
            let checked = ContentChecker.run(renderer.content)
            #expect(checked.rendered.count == renderer.content.documents.count)
            var reusing = renderer
            reusing.prerendered = checked.rendered
            let fresh = renderer.render(), reused = reusing.render()
            #expect(reused.files.keys.sorted() == fresh.files.keys.sorted())
            #expect(fresh.files.keys.filter { reused.files[$0] != fresh.files[$0] }.isEmpty, "\(renderer.audience)")
            #expect(reused.staffTexts == fresh.staffTexts)
        }
    }

    @Test("the checks offer no Markdown for reuse when a link had to stand in for a missing translation")
    func noReuseWithStandIns() throws {
        var site = Self.generatedSite()
        site["examples/type-1/case-1.en.md"] = nil
        let content = try #require(ContentLoader.load(.memory(site)).content)
        #expect(ContentChecker.run(content).rendered.isEmpty)
    }

    @Test("mapping on all cores keeps the order of the input")
    func concurrentMapKeepsOrder() {
        let numbers = Array(0..<10_000)
        #expect(numbers.concurrentMap { $0 * 3 } == numbers.map { $0 * 3 })
        #expect([Int]().concurrentMap { $0 } == [])
        #expect([7].concurrentMap { $0 + 1 } == [8])
    }
}
