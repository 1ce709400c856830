// No content, however broken, crashes the tool, writes outside Output/ or damages the previous output.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiCheck

@Suite("Hostile content", .serialized)
struct HostileContentTests {
    /// Every file in the site's folder except Output/.
    func filesOutsideOutput(_ site: InlineSite) throws -> [String: Data] {
        try TestSupport.snapshot(site.root).filter { !$0.key.hasPrefix("Output/") }
    }

    /// Builds once, breaks the content, builds again: the second build must be refused with `expected`,
    /// leave the previous Output/ byte for byte, and write nothing anywhere else.
    func expectRefused(expected: [String], status: Int32 = 1, _ breakContent: (InlineSite) throws -> Void) throws {
        let site = try InlineSite.minimal()
        let first = try site.build()
        #expect(first.status == 0, "\(first.stderr)")
        let before = try TestSupport.snapshot(site.output)
        try breakContent(site)
        let inputs = try filesOutsideOutput(site)
        let run = try site.build()
        #expect(run.status == status, "\(run.stderr)")
        for text in expected {
            #expect(run.stderr.contains(text), "expected \(text) in:\n\(run.stderr)")
        }
        #expect(try TestSupport.snapshot(site.output) == before, "the previous output changed")
        #expect(try filesOutsideOutput(site) == inputs, "files outside Output/ changed")
    }

    @Test("malformed YAML")
    func malformedYAML() throws {
        try expectRefused(expected: ["Content/site.yml:2:9: error: the YAML cannot be read", "[load.yaml]"]) {
            try $0.apply("""
                -- Content/site.yml --
                languages: [ja, en
                base-url: x
                """)
        }
    }

    @Test("a YAML bomb")
    func yamlBomb() throws {
        var yaml = "- id: time-binding\n  ja: &a0 {name: a, summary: b, poster-label: c}\n  en: {name: a, summary: b, poster-label: c}\n- id: bomb\n  list: &b0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<14 { yaml += "  l\(level): &b\(level) [\(Array(repeating: "*b\(level - 1)", count: 10).joined(separator: ", "))]\n" }
        try expectRefused(expected: ["expands to more than 100000 values", "[load.yaml]"]) { try $0.write("Content/categories.yml", yaml) }
    }

    @Test("invalid UTF-8")
    func invalidUTF8() throws {
        try expectRefused(expected: ["Content/pages/faq.ja.md:2:8: error: the file is not UTF-8 text"]) {
            try $0.write("Content/pages/faq.ja.md", Data("---\ntitle: ".utf8) + Data([0xFF, 0xFE]) + Data("\n---\n".utf8))
        }
    }

    @Test("an empty file")
    func emptyFile() throws {
        try expectRefused(expected: ["Content/pages/faq.en.md:1:1: error: the file is empty"]) { try $0.write("Content/pages/faq.en.md", "") }
    }

    @Test("a symbolic link to a folder that holds it is one error, not the folder repeated without end")
    func symlinkLoop() throws {
        try expectRefused(expected: ["pages/loop:1:1: error: this is a symbolic link to the folder", "/pages, which holds it", "[load.symlink]"]) {
            try FileManager.default.createSymbolicLink(atPath: $0.content.appendingPathComponent("pages/loop").path, withDestinationPath: "../pages")
        }
    }

    @Test("links that lead round through two folders, and a link to the content folder itself, are errors too")
    func symlinkCircles() throws {
        try expectRefused(expected: ["pages/a/l/m:1:1: error: this is a symbolic link to the folder", "/pages/a, which holds it",
                                     "Content/pages/up:1:1: error: this is a symbolic link to the folder", "[load.symlink]"]) {
            let pages = $0.content.appendingPathComponent("pages")
            for folder in ["a", "b"] { try FileManager.default.createDirectory(at: pages.appendingPathComponent(folder), withIntermediateDirectories: true) }
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("a/l").path, withDestinationPath: "../b")
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("b/m").path, withDestinationPath: "../a")
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("up").path, withDestinationPath: "..")
        }
    }

    @Test("a symbolic link to a file outside the content folder")
    func symlinkOutside() throws {
        try expectRefused(expected: ["pages/secret.ja.md:1:1: error: this is a symbolic link to /etc/passwd, outside the content folder", "[load.symlink]"]) {
            try FileManager.default.createSymbolicLink(atPath: $0.content.appendingPathComponent("pages/secret.ja.md").path, withDestinationPath: "/etc/passwd")
        }
    }

    @Test("ids with spaces or non-ASCII letters")
    func badIDs() throws {
        try expectRefused(expected: ["the category id 'time binding' must be lowercase ASCII", "the category id '時間' must be lowercase ASCII", "[load.id]"]) {
            try $0.write("Content/categories.yml", """
            - id: time binding
              ja: {name: a, summary: b, poster-label: c}
            - id: 時間
              ja: {name: a, summary: b, poster-label: c}

            """)
        }
    }

    @Test("duplicate ids")
    func duplicateIDs() throws {
        try expectRefused(expected: ["Content/categories.yml:3:7: error: the category id 'time-binding' is used twice (first on line 1)", "[load.duplicate-id]"]) {
            let text = try $0.read("Content/categories.yml")
            let entry = "- id: time-binding\n  ja: {name: a, summary: b, poster-label: c}\n"
            try $0.write("Content/categories.yml", entry + text)
        }
    }

    @Test("a javascript: link is refused")
    func javascriptLink() throws {
        try expectRefused(expected: ["Content/pages/faq.en.md:6:1: error: the link address 'javascript:alert(document.cookie)' is not allowed", "[markdown.unsafe-link]"]) {
            try $0.apply("""
                -- Content/pages/faq.en.md --
                ---
                title: FAQ
                summary: Questions.
                ---
                ## Question
                [Click](javascript:alert(document.cookie))
                """)
        }
    }

    @Test("a script element in Markdown is left out of the page, with a warning")
    func scriptElement() throws {
        let workspace = try InlineSite.minimal()
        try workspace.apply("""
            -- Content/pages/faq.en.md --
            ---
            title: FAQ
            summary: Questions.
            ---
            ## Question

            <script>alert(1)</script>

            Text <img src=x onerror=alert(1)>.
            """)
        let run = try workspace.build()
        #expect(run.status == 0)
        #expect(run.stderr.contains("Content/pages/faq.en.md:7:1: warning: raw HTML is left out"))
        let page = try String(contentsOf: workspace.output.appendingPathComponent("site/en/faq/index.html"), encoding: .utf8)
        #expect(!page.contains("alert(1)"))
        #expect(!page.contains("onerror"))
    }

    @Test("Mustache syntax inside content is rendered as text, never evaluated")
    func mustacheInContent() throws {
        let workspace = try InlineSite.minimal()
        try workspace.apply("""
            -- Content/pages/faq.en.md --
            ---
            title: "{{! siteTitle}} FAQ"
            summary: "{{> partials/footer}}"
            ---
            ## Question {{^ui}}x{{/ui}}

            {{#nav}}{{&label}}{{/nav}} and {{{body}}}
            """)
        let run = try workspace.build()
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: workspace.output.appendingPathComponent("site/en/faq/index.html"), encoding: .utf8)
        #expect(page.contains("<h1>{{! siteTitle}} FAQ</h1>"))
        #expect(page.contains("content=\"{{&gt; partials/footer}}\""))
        #expect(page.contains("{{#nav}}{{&amp;label}}{{/nav}} and {{{body}}}"))
        #expect(page.contains("Question {{^ui}}x{{/ui}}"))
    }

    @Test("a template's variable name in content is an unknown content variable at its column, never a template value")
    func templateNameInContent() throws {
        try expectRefused(expected: ["Content/pages/faq.en.md:6:4: error: there is no variable 'siteTitle'", "[content.unknown-variable]"]) {
            try $0.apply("""
                -- Content/pages/faq.en.md --
                ---
                title: FAQ
                summary: Questions.
                ---
                ## Question
                On {{siteTitle}}.
                """)
        }
    }

    @Test("a broken template names the template file, line and column")
    func brokenTemplate() throws {
        let line = try String(contentsOf: TestSupport.templates.appendingPathComponent("article.mustache"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{{/updated}}") }.map { $0 + 1 }
        try expectRefused(expected: ["Templates/article.mustache:\(try #require(line)):", "error: the template cannot be read", "[template.syntax]"]) {
            try $0.edit("Templates/article.mustache", "{{/updated}}", "{{/update}}")
        }
    }

    @Test("a missing template, or a partial that does not exist, is named")
    func missingTemplate() throws {
        try expectRefused(expected: ["Templates/example.mustache:1:1: error: the template example.mustache is missing", "Templates/home.mustache:3:1: error: the template 'partials/hero' it includes does not exist"]) {
            try $0.remove("Templates/example.mustache")
            try $0.edit("Templates/home.mustache", "{{$main}}\n", "{{$main}}\n{{> partials/hero}}\n")
        }
    }

    @Test("a template that includes itself, directly or through its layout, is an error at the line that closes the loop, not a crash")
    func templateLoop() throws {
        let footer = try String(contentsOf: TestSupport.templates.appendingPathComponent("partials/footer.mustache"), encoding: .utf8)
        let footerLines = footer.split(separator: "\n", omittingEmptySubsequences: false).count
        try expectRefused(expected: ["Templates/partials/footer.mustache:\(footerLines):1: error: the template 'partials/footer' includes 'partials/footer', which leads back to it (partials/footer → partials/footer)",
                                     "[template.loop]"]) {
            try $0.edit("Templates/partials/footer.mustache", footer, footer + "{{> partials/footer}}")
        }
        try expectRefused(expected: ["Templates/article.mustache:1:1: error: the template 'article' includes 'layout', which leads back to it (layout → partials/header → article → layout)", "[template.loop]"]) {
            try $0.edit("Templates/partials/header.mustache", "<header", "{{> article}}\n<header")
        }
    }

    @Test("staff-only text that also appears on a public page stops the public build")
    func staffLeak() throws {
        try expectRefused(expected: ["Content/notice.ja.md:10:1: error: staff-only text \"内線 1234 で総務課長を呼び出します。\" appears in the public file", "[audience.leak]"]) {
            try $0.apply("""
                -- Content/pages/faq.ja.md --
                ---
                title: よくある質問
                summary: 質問と回答です。
                ---
                ## 連絡先

                内線 1234 で総務課長を呼び出します。
                """)
        }
    }

    @Test("the leak scan finds staff text across line wrapping, full-width spaces and decomposed characters, in pages and other files, and nothing else")
    func leakScan() {
        let staff = [Located("内線 1234 で総務課長と副課長を\n呼び出します。\nパスワードは社内で管理します。", at: SourceLocation(path: "Content/notice.ja.md", line: 10, column: 1))]
        let files: [String: Data] = [
            "ja/index.html": Data("<p>お問い合わせは市民相談課の<strong>代表電話</strong>へどうぞ。</p>".utf8),
            "ja/faq/index.html": Data("<p>内線\n1234\u{3000}で総務課長と副課長を呼び出します。</p>".utf8),
            "ja/pages/index.html": Data("<p>\u{30CF}\u{309A}スワート\u{3099}は社内で管理します。</p>".utf8),
            "sitemap.xml": Data("<url>パスワードは社内で管理します。</url>".utf8),
            "robots.txt": Data("User-agent: *\n".utf8),
        ]
        let found = AudienceLeakScan.scan(files: files, staffTexts: staff, outputName: "site").map(\.message)
        #expect(found.count == 3)
        #expect(found.contains { $0.contains("site/ja/faq/index.html") && $0.contains("内線 1234 で総務課長と副課長を") })
        #expect(found.contains { $0.contains("site/ja/pages/index.html") && $0.contains("パスワード") })
        #expect(found.contains { $0.contains("site/sitemap.xml") })
    }

    /// A staff-only page in both languages, `pages/internal`.
    static func writeInternalPages(into workspace: InlineSite) throws {
        try workspace.apply("""
            -- Content/pages/internal.en.md --
            ---
            title: Internal procedures
            summary: For staff.
            audience: staff
            ---
            ## Steps

            Call the duty manager.
            -- Content/pages/internal.ja.md --
            ---
            title: 内部手順
            summary: 職員向けです。
            audience: staff
            ---
            ## 手順

            当番の管理職に連絡します。
            """)
    }

    @Test("a link from a public page to a staff-only page is an error")
    func linkToStaffPage() throws {
        try expectRefused(expected: ["Content/pages/faq.en.md:7:1: error: the link '/pages/internal.md' points to a staff-only page", "[link.unresolved]"]) {
            try Self.writeInternalPages(into: $0)
            try $0.apply("""
                -- Content/pages/faq.en.md --
                ---
                title: FAQ
                summary: Questions.
                ---
                ## Question

                [Internal](/pages/internal.md)
                """)
        }
    }

    @Test("a link to a staff-only page inside a '::: staff' block is fine: only staff see it")
    func linkToStaffPageInsideStaffBlock() throws {
        let workspace = try InlineSite.minimal()
        try Self.writeInternalPages(into: workspace)
        try workspace.apply("""
            -- Content/pages/faq.en.md --
            ---
            title: FAQ
            summary: Questions.
            ---
            ## Question

            Ask us.

            ::: staff
            See the [internal procedures](/pages/internal.md).
            :::
            """)
        let publicRun = try workspace.build()
        #expect(publicRun.status == 0, "\(publicRun.stderr)")
        #expect(!publicRun.stderr.contains("link.unresolved"))
        #expect(try workspace.build(audience: .staff).status == 0)
        let publicPage = try String(contentsOf: workspace.output.appendingPathComponent("site/en/faq/index.html"), encoding: .utf8)
        #expect(!publicPage.contains("internal procedures"))
        let staffPage = try String(contentsOf: workspace.output.appendingPathComponent("staff/en/faq/index.html"), encoding: .utf8)
        #expect(staffPage.contains("<a href=\"../../en/internal/index.html\">internal procedures</a>"))
    }

    @Test("staff-only pages are in the staff build and not in the public one")
    func staffPages() throws {
        let workspace = try InlineSite.minimal()
        try workspace.apply("""
            -- Content/pages/internal.en.md --
            ---
            title: Internal procedures
            summary: For staff.
            audience: staff
            ---
            ## Steps

            Call the duty manager on the internal line.
            -- Content/pages/internal.ja.md --
            ---
            title: 内部手順
            summary: 職員向けです。
            audience: staff
            ---
            ## 手順

            当番の管理職に内線で連絡します。
            """)
        #expect(try workspace.build().status == 0)
        #expect(try workspace.build(audience: .staff).status == 0)
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: workspace.output.appendingPathComponent("site/en/internal/index.html").path))
        #expect(fm.fileExists(atPath: workspace.output.appendingPathComponent("staff/en/internal/index.html").path))
        let publicText = try TestSupport.snapshot(workspace.output.appendingPathComponent("site")).values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!publicText.contains("duty manager") && !publicText.contains("当番の管理職"))
    }

    @Test("a 50 MB Markdown page builds, in bounded memory")
    func hugePage() throws {
        let workspace = try InlineSite.minimal()
        let paragraph = "窓口での対応が**長時間**に及ぶ場合は、30分を目安に区切りを伝えます。\n次の方がお待ちであることも、丁寧にお伝えします。\n\n- 記録を残す\n- 上司に引き継ぐ\n\n"
        let count = 50_000_000 / paragraph.utf8.count + 1
        var body = "---\ntitle: 長いページ\nsummary: 大きな文書の試験です。\n---\n"
        body.reserveCapacity(50_100_000)
        for _ in 0..<count { body += paragraph }
        try workspace.write("Content/pages/faq.ja.md", body)
        let run = try workspace.build()
        #expect(run.status == 0, "\(run.stderr)")
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let peakMegabytes = usage.ru_maxrss / 1024
        // The page itself is 50 MB of Markdown and about 60 MB of HTML; memory stays a small multiple of that. The
        // build ran in this process, so its peak is at most the process's (which holds the test's own copy too).
        #expect(peakMegabytes < 1024, "peak memory \(peakMegabytes) MB")
    }
}
