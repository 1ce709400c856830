// The preview's memory: after every kind of edit, a build that reuses the previous one's work gives exactly
// what a build from scratch gives, files and problems alike.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiServe

@Suite("Build memory", .serialized)
struct BuildMemoryTests {
    /// One edit of the content or templates folder, named for the report.
    struct Edit: CustomStringConvertible, Sendable {
        var description: String
        var apply: @Sendable (_ content: URL, _ templates: URL) throws -> Void
    }

    static func replace(_ file: URL, _ old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old), "\(file.lastPathComponent) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    /// Rewrites the file in place (same file number), as an editor that does not save by rename does.
    static func overwrite(_ file: URL, with text: String) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    static let edits: [Edit] = [
        Edit(description: "nothing") { _, _ in },
        Edit(description: "a paragraph of a Japanese example, which makes its translation stale") { content, _ in
            try replace(content.appendingPathComponent("examples/time-binding/phone.ja.md"), "。", with: "。追記しました。")
        },
        Edit(description: "the first quotation of an example's wording, which the staff card prints") { content, _ in
            try replace(content.appendingPathComponent("examples/violence/counter.ja.md"), "「危険ですので、おやめください。」", with: "「危険ですので、すぐにおやめください。」")
        },
        Edit(description: "an example's title, which the examples page and the breadcrumbs show") { content, _ in
            let file = content.appendingPathComponent("examples/violence/counter.en.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            let title = try #require(text.firstMatch(of: /\ntitle: (.+)\n/)).1
            try replace(file, "title: \(title)", with: "title: Edited \(title)")
        },
        Edit(description: "a link to a page that does not exist yet") { content, _ in
            try replace(content.appendingPathComponent("pages/faq.en.md"), "\n## ", with: "\nSee [the new page](/pages/visits.md).\n\n## ")
        },
        Edit(description: "the page the link leads to, in both languages, which also joins the navigation") { content, _ in
            for (language, title) in [("ja", "来庁について"), ("en", "Visiting us")] {
                try "---\ntitle: \(title)\nsummary: \(title)\n---\n\n\(language == "ja" ? "本文です。" : "The text.")\n"
                    .write(to: content.appendingPathComponent("pages/visits.\(language).md"), atomically: true, encoding: .utf8)
            }
        },
        Edit(description: "a further page's title, which every page's navigation shows") { content, _ in
            try replace(content.appendingPathComponent("pages/visits.en.md"), "title: Visiting us", with: "title: Visiting the city hall")
        },
        Edit(description: "the removal of a page a link leads to") { content, _ in
            try FileManager.default.removeItem(at: content.appendingPathComponent("pages/visits.en.md"))
        },
        Edit(description: "the link mended and the page restored") { content, _ in
            try replace(content.appendingPathComponent("pages/faq.en.md"), "See [the new page](/pages/visits.md).", with: "See [the new page](/pages/recording.md).")
            try "---\ntitle: Visiting us\nsummary: Visiting us\n---\n\nThe text.\n".write(to: content.appendingPathComponent("pages/visits.en.md"), atomically: true, encoding: .utf8)
        },
        Edit(description: "the site title in site.yml") { content, _ in
            try replace(content.appendingPathComponent("site.yml"), "en: Customer harassment policy", with: "en: Customer harassment policy (revised)")
        },
        Edit(description: "a category name in categories.yml") { content, _ in
            try replace(content.appendingPathComponent("categories.yml"), "name: 時間拘束型", with: "name: 時間拘束型（長時間）")
        },
        Edit(description: "a UI string of the templates") { _, templates in
            let file = templates.appendingPathComponent("i18n/en.yml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("nav-examples:") })
            try replace(file, String(line), with: "nav-examples: Edited examples")
        },
        Edit(description: "the examples page's template, whose list is as it was") { _, templates in
            try replace(templates.appendingPathComponent("examples.mustache"), "<article class=\"page page-examples\">",
                        with: "<article class=\"page page-examples edited\">")
        },
        Edit(description: "a staff-only block copied into a public page, which the leak scan refuses") { content, _ in
            let guideline = try String(contentsOf: content.appendingPathComponent("guideline.ja.md"), encoding: .utf8)
            let staff = try #require(guideline.firstMatch(of: /::: staff\n+([^\n]{12,})\n/)).1
            try replace(content.appendingPathComponent("notice.ja.md"), "\n## ", with: "\n\(staff)\n\n## ")
        },
        Edit(description: "the copy removed again") { content, _ in
            let guideline = try String(contentsOf: content.appendingPathComponent("guideline.ja.md"), encoding: .utf8)
            let staff = try #require(guideline.firstMatch(of: /::: staff\n+([^\n]{12,})\n/)).1
            try replace(content.appendingPathComponent("notice.ja.md"), "\n\(staff)\n", with: "")
        },
        Edit(description: "a poster's bubble") { content, _ in
            let file = content.appendingPathComponent("posters/awareness.en.md")
            let text = try String(contentsOf: file, encoding: .utf8)
            let bubble = try #require(text.firstMatch(of: /text: ("?)([A-Z][^\n"]{3,})/))
            try replace(file, "text: \(bubble.1)\(bubble.2)", with: "text: \(bubble.1)Edited \(bubble.2)")
        },
        Edit(description: "a file that stops loading") { content, _ in
            try "---\ntitle: [unclosed\n---\nText.\n".write(to: content.appendingPathComponent("pages/visits.ja.md"), atomically: true, encoding: .utf8)
        },
        Edit(description: "a file that is not UTF-8") { content, _ in
            try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: content.appendingPathComponent("pages/visits.ja.md"))
        },
        Edit(description: "the file repaired") { content, _ in
            try "---\ntitle: 来庁について\nsummary: 来庁について\n---\n\n本文です。\n".write(to: content.appendingPathComponent("pages/visits.ja.md"), atomically: true, encoding: .utf8)
        },
    ]

    static func options(_ content: URL, _ templates: URL, _ audience: Audience) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = templates.path
        options.audience = audience
        return options
    }

    /// A copy of `source` as the content folder in a temporary folder (removed with `cleanUp`), a memory, and the
    /// options that build it with the shipped templates.
    struct Workspace {
        var work: URL
        var content: URL
        var memory = BuildMemory()
        var options: BuildOptions

        init(copying source: URL) throws {
            work = try TestSupport.temporaryFolder()
            content = work.appendingPathComponent("Content")
            try TestSupport.copy(source, to: content)
            options = BuildMemoryTests.options(content, TestSupport.templates, .public)
        }

        func cleanUp() {
            try? FileManager.default.removeItem(at: work)
        }
    }

    static func expectSame(_ remembered: RenderedBuild, _ fresh: RenderedBuild, after edit: String) {
        #expect(remembered.report.diagnostics == fresh.report.diagnostics, "after \(edit)")
        #expect((remembered.site == nil) == (fresh.site == nil), "after \(edit)")
        let paths = Set((remembered.site ?? [:]).keys).union((fresh.site ?? [:]).keys)
        let differing = paths.filter { remembered.site?[$0] != fresh.site?[$0] }.sorted()
        #expect(differing.isEmpty, "after \(edit), these differ from a build from scratch: \(differing.prefix(10))")
        #expect(remembered.posters == fresh.posters, "after \(edit)")
        #expect(remembered.report.pagesPerLanguage == fresh.report.pagesPerLanguage, "after \(edit)")
    }

    @Test("after each kind of edit, a build with memory equals a build from scratch", arguments: Audience.allCases)
    func sameAsFromScratch(audience: Audience) throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content"), templates = work.appendingPathComponent("Templates")
        try TestSupport.copy(TestSupport.shippedContent, to: content)
        try TestSupport.copy(TestSupport.templates, to: templates)
        let memory = BuildMemory()
        let options = Self.options(content, templates, audience)
        var outcomes: [String] = []
        for edit in Self.edits {
            try edit.apply(content, templates)
            let remembered = memory.render(options)
            let fresh = Builder.render(options)
            Self.expectSame(remembered, fresh, after: edit.description)
            outcomes.append(fresh.site == nil ? "errors" : "built")
        }
        // The edits reach both outcomes, so both paths through a build are compared.
        #expect(outcomes.contains("errors") && outcomes.contains("built"), "\(outcomes)")
    }

    @Test("a file rewritten in place with as many bytes straight after a build is read again")
    func rewriteWithinOneTick() throws {
        let workspace = try Workspace(copying: TestSupport.fixture("minimal"))
        defer { workspace.cleanUp() }
        let (memory, options) = (workspace.memory, workspace.options)
        let faq = workspace.content.appendingPathComponent("pages/faq.en.md")
        let original = try String(contentsOf: faq, encoding: .utf8)
        // Each round writes, builds and writes again at once, most often within one tick of the file system's clock.
        for round in 0..<20 {
            let marker = "Marker\(String(format: "%02d", round))A"
            let changed = "Marker\(String(format: "%02d", round))B"
            try Self.overwrite(faq, with: original + "\n\(marker)\n")
            let first = memory.render(options)
            #expect(first.site?["en/faq/index.html"].map { String(decoding: $0, as: UTF8.self).contains(marker) } == true)
            try Self.overwrite(faq, with: original + "\n\(changed)\n")
            let second = memory.render(options)
            #expect(second.site?["en/faq/index.html"].map { String(decoding: $0, as: UTF8.self).contains(changed) } == true, "round \(round)")
        }
    }

    @Test("a poster's title made too long is measured again: the preview reports it as a build from scratch does")
    func posterMeasuredAgain() throws {
        let workspace = try Workspace(copying: TestSupport.shippedContent)
        defer { workspace.cleanUp() }
        let (memory, options) = (workspace.memory, workspace.options)
        #expect(memory.render(options).site != nil)
        let poster = workspace.content.appendingPathComponent("posters/awareness.ja.md")
        let long = "title: " + String(repeating: "自覚なくカスハラしていませんか", count: 4) + "？"
        try String(contentsOf: poster, encoding: .utf8).replacingOccurrences(of: "title: 自覚なくカスハラしていませんか？", with: long)
            .write(to: poster, atomically: true, encoding: .utf8)
        let remembered = memory.render(options)
        #expect(memory.posterFits.madeByLatestBuild == 1)
        #expect(remembered.report.diagnostics.contains { $0.rule == "poster.fit" && $0.location.path.hasSuffix("posters/awareness.ja.md") })
        #expect(remembered.report.diagnostics == Builder.render(options).report.diagnostics)
    }

    @Test("after a paragraph of one page changes, that page alone is loaded, rendered and laid out again")
    func onePageWorkedOutAgain() throws {
        let workspace = try Workspace(copying: TestSupport.shippedContent)
        defer { workspace.cleanUp() }
        let (memory, options) = (workspace.memory, workspace.options)
        let first = memory.render(options)
        #expect(first.site != nil)
        #expect(memory.sitePages.madeByLatestBuild > 20)
        #expect(memory.textSentences.madeByLatestBuild > 20, "the leak scan's sentences of every staff-only and public text")
        #expect(memory.loadedCategories.madeByLatestBuild == 1)
        let page = workspace.content.appendingPathComponent("examples/violence/counter.ja.md")
        try (String(contentsOf: page, encoding: .utf8) + "\n追記した段落です。\n").write(to: page, atomically: true, encoding: .utf8)
        let second = memory.render(options)
        #expect(second.site != nil)
        #expect(memory.loadedPages.madeByLatestBuild == 1)
        #expect(memory.checkRenders.madeByLatestBuild == 1, "the check's rendering of that page only")
        #expect(memory.sitePages.madeByLatestBuild == 1)
        #expect(memory.listPages.madeByLatestBuild == 0 && memory.posters.madeByLatestBuild == 0, "the examples, posters and coverage pages and the sitemap are as they were")
        #expect(memory.pageFindings.madeByLatestBuild == 2, "the page, and its translation, whose source it is")
        #expect(memory.textSentences.madeByLatestBuild == 0, "no staff-only text and no text public by design changed")
        #expect(memory.posterFits.madeByLatestBuild == 0, "the posters were not measured again")
        #expect(memory.loadedCategories.madeByLatestBuild == 0, "categories.yml was not parsed again")
        let changed = Set(first.site!.keys).union(second.site!.keys).filter { first.site![$0] != second.site![$0] }
        #expect(changed == ["ja/examples/violence/counter/index.html"])
    }

    @Test("memory forgets pages that are gone")
    func forgetsRemovedPages() throws {
        let workspace = try Workspace(copying: TestSupport.fixture("minimal"))
        defer { workspace.cleanUp() }
        let (memory, options) = (workspace.memory, workspace.options)
        _ = memory.render(options)
        let faq = "\(workspace.content.path)/pages/faq.en.md"
        #expect(memory.checkRenders.lookup(faq) != nil)
        try FileManager.default.removeItem(atPath: faq)
        _ = memory.render(options)
        #expect(memory.checkRenders.lookup(faq) == nil)
        #expect(memory.loadedPages.lookup("pages/faq.en.md") == nil)
    }
}
