// Whole builds, in-process: golden output, page anatomy, atomic writes, determinism, audiences; the summary, version and usage through the real command.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel

@Suite("End-to-end builds", .serialized)
struct EndToEndTests {
    let fixture = TestSupport.fixture("minimal")

    func build(content: URL, output: URL, _ extra: [String] = []) throws -> TestSupport.Run {
        try TestSupport.harigami(["build", "--content", content.path, "--templates", TestSupport.templates.path, "--output", output.path] + extra)
    }

    @Test("the minimal fixture builds to exactly the golden files (Scripts/update-golden regenerates them)")
    func golden() throws {
        let run = try InlineSite.minimal().build()
        #expect(run.status == 0, "\(run.stderr)")
        let built = run.files
        let golden = try TestSupport.snapshot(TestSupport.fixture("minimal-golden"))
        #expect(built.keys.sorted() == golden.keys.sorted())
        let differing = built.keys.sorted().filter { built[$0] != golden[$0] }
        #expect(differing.isEmpty, "differs from the golden files (run Scripts/update-golden and review the diff): \(differing)")
    }

    @Test("the shipped posters print exactly as the golden posters (Scripts/update-golden regenerates them)")
    func posterGolden() throws {
        let run = try InlineSite.shipped().build()
        #expect(run.status == 0, "\(run.stderr)")
        let built = Dictionary(uniqueKeysWithValues: run.files.filter { $0.key.hasPrefix("site/posters/") && $0.key.hasSuffix(".html") }
            .map { (String($0.key.dropFirst("site/posters/".count)), $0.value) })
        let golden = try TestSupport.snapshot(TestSupport.fixture("posters-golden"))
        #expect(built.count >= 9)
        #expect(built.keys.sorted() == golden.keys.sorted())
        let differing = built.keys.sorted().filter { built[$0] != golden[$0] }
        #expect(differing.isEmpty, "differs from the golden posters (run Scripts/update-golden and review the diff): \(differing)")
    }

    @Test("the summary line counts pages per language")
    func summary() throws {
        let output = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try build(content: fixture, output: output)
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("built ") } ?? ""
        #expect(line.hasPrefix("built \(output.path)/site: pages en 7, ja 7; posters "))
        #expect(line.hasSuffix(" ms"))
    }

    @Test("every page has lang, title, description, canonical, hreflang alternates with x-default, a switcher, skip link and landmarks")
    func pageAnatomy() throws {
        let site = try InlineSite.minimal()
        let run = try site.build()
        #expect(run.status == 0)
        let pages = Dictionary(uniqueKeysWithValues: run.files.filter { $0.key.hasPrefix("site/") }.map { (String($0.key.dropFirst("site/".count)), $0.value) })
            .filter { $0.key.hasSuffix("index.html") && $0.key.contains("/") }
        #expect(pages.count == 14)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            let language = String(path.prefix(2))
            let other = language == "ja" ? "en" : "ja"
            let folder = path.dropFirst(3).dropLast("index.html".count)
            #expect(html.contains("<html lang=\"\(language)\">"), "\(path)")
            #expect(html.contains("<title>") && html.contains("<meta name=\"description\" content=\""), "\(path)")
            #expect(html.contains("<link rel=\"canonical\" href=\"https://www.town-fixture.test/policy/\(language)/\(folder)\">"), "\(path)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(other)\" href=\"https://www.town-fixture.test/policy/\(other)/\(folder)\">"), "\(path)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://www.town-fixture.test/policy/ja/\(folder)\">"), "\(path)")
            let depth = path.split(separator: "/").count - 1
            let switcher = String(repeating: "../", count: depth) + "\(other)/\(folder)index.html"
            #expect(html.contains("<a href=\"\(switcher)\" lang=\"\(other)\" hreflang=\"\(other)\">"), "\(path): switcher to \(switcher)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"), "\(path)")
            #expect(html.contains("<header") && html.contains("<main id=\"main\"") && html.contains("<footer") && html.contains("<nav"), "\(path)")
            #expect(!html.contains("http://") && !html.contains("//fonts."), "\(path) requests another host")
        }
        #expect(try site.page("site/index.html").contains("hreflang=\"x-default\""))
        #expect(try site.page("site/sitemap.xml").contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://www.town-fixture.test/policy/en/faq/\"/>"))
        #expect(run.files["site/404.html"] != nil)
        // The fixture lives under /policy/, where no crawler reads a robots.txt.
        #expect(run.files["site/robots.txt"] == nil)
        #expect(run.files["site/assets/style.css"] != nil)
    }

    @Test("robots.txt is written only when the site is at the root of its host, naming the sitemap; under a folder the build says where the sitemap is instead")
    func robots() throws {
        let site = try InlineSite.shipped()
        let underFolder = try site.build()
        #expect(underFolder.status == 0, "\(underFolder.stderr)")
        #expect(underFolder.files["site/robots.txt"] == nil)
        #expect(underFolder.stdout.contains("note: no robots.txt was written, because crawlers read it only at the root of a host and this site lives under https://www.city-sample.example/kasuhara/; to point them to the sitemap, add the line 'Sitemap: https://www.city-sample.example/kasuhara/sitemap.xml' to the host's own robots.txt"))
        let atRoot = try site.build(baseURL: "https://kasuhara.city.kita.example.jp/")
        #expect(atRoot.status == 0, "\(atRoot.stderr)")
        #expect(!atRoot.stdout.contains("robots.txt"))
        let robots = try site.page("site/robots.txt")
        #expect(robots == "User-agent: *\nAllow: /\n\nSitemap: https://kasuhara.city.kita.example.jp/sitemap.xml\n")
    }

    @Test("harigami --version prints the version")
    func version() throws {
        let run = try TestSupport.harigami(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "harigami \(Release.version)\n")
    }

    @Test("broken front matter in a copy of the content names file, line and column, exits 1 and leaves Output untouched")
    func brokenFrontMatter() throws {
        let site = try InlineSite.minimal()
        #expect(try site.build().status == 0)
        let before = try TestSupport.snapshot(site.output)
        try site.apply("""
            -- Content/pages/faq.en.md --
            ---
            title: Frequently asked questions
            summary: [unclosed
            ---
            Body.
            """)
        let run = try site.build()
        #expect(run.status == 1)
        #expect(run.stderr.contains("Content/pages/faq.en.md:4:1: error: the YAML cannot be read"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(try TestSupport.snapshot(site.output) == before)
    }

    @Test("an output path that is a file, not a folder, is an I/O error with exit 2 and nothing else changes")
    func outputIsAFile() throws {
        let site = try InlineSite.minimal()
        try site.write("Output", "not a folder")
        let run = try site.build()
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: "))
        #expect(try Data(contentsOf: site.output) == Data("not a folder".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == ["Content", "Output"])
    }

    @Test("two builds of the same content in different folders are byte-identical")
    func deterministic() throws {
        let first = try InlineSite.minimal().build(), second = try InlineSite.minimal().build()
        #expect(first.status == 0 && second.status == 0)
        #expect(first.files.count > 10)
        #expect(first.files == second.files)
    }

    @Test("the staff build has the staff blocks, marked noindex; the public build has none of their text")
    func audiences() throws {
        let site = try InlineSite.minimal()
        #expect(try site.build().status == 0)
        let staff = try site.build(audience: .staff)
        #expect(staff.status == 0)
        let publicText = staff.files.filter { $0.key.hasPrefix("site/") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!publicText.isEmpty && !publicText.contains("1234"))
        let staffHome = try site.page("staff/ja/index.html")
        #expect(staffHome.contains("内線 1234 で総務課長を呼び出します。"))
        #expect(staffHome.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
    }

    @Test("usage mistakes exit with 2")
    func usage() throws {
        #expect(try TestSupport.harigami(["build", "--audience", "everyone"]).status == 2)
        #expect(try TestSupport.harigami(["publish"]).status == 2)
        #expect(try TestSupport.harigami(["render", "/nonexistent/file.md"]).status == 2)
    }
}
