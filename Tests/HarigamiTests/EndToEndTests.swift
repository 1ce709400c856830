// Whole builds through the real command: golden output, exit codes, atomic writes, determinism, audiences.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown
@testable import HarigamiPosterLayout
@testable import HarigamiCheck
@testable import HarigamiRender
@testable import HarigamiWrite
@testable import HarigamiAuthoring

@Suite("End-to-end builds", .serialized)
struct EndToEndTests {
    let fixture = TestSupport.fixture("minimal")

    func build(content: URL, output: URL, _ extra: [String] = []) throws -> TestSupport.Run {
        try TestSupport.harigami(["build", "--content", content.path, "--templates", TestSupport.templates.path, "--output", output.path] + extra)
    }

    @Test("the minimal fixture builds to exactly the golden files (Scripts/update-golden regenerates them)")
    func golden() throws {
        let output = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try build(content: fixture, output: output)
        #expect(run.status == 0, "\(run.stderr)")
        let built = try TestSupport.published(output)
        let golden = try TestSupport.snapshot(TestSupport.fixture("minimal-golden"))
        #expect(built.keys.sorted() == golden.keys.sorted())
        let differing = built.keys.sorted().filter { built[$0] != golden[$0] }
        #expect(differing.isEmpty, "differs from the golden files (run Scripts/update-golden and review the diff): \(differing)")
    }

    @Test("the shipped posters print exactly as the golden posters (Scripts/update-golden regenerates them)")
    func posterGolden() throws {
        let output = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try build(content: TestSupport.shippedContent, output: output)
        #expect(run.status == 0, "\(run.stderr)")
        let built = try TestSupport.snapshot(output.appendingPathComponent("site/posters")).filter { $0.key.hasSuffix(".html") }
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
        #expect(line.hasPrefix("built \(output.path)/site: pages en 6, ja 6; posters "))
        #expect(line.hasSuffix(" ms"))
    }

    @Test("every page has lang, title, description, canonical, hreflang alternates with x-default, a switcher, skip link and landmarks")
    func pageAnatomy() throws {
        let output = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try build(content: fixture, output: output).status == 0)
        let pages = try TestSupport.snapshot(output.appendingPathComponent("site")).filter { $0.key.hasSuffix("index.html") && $0.key.contains("/") }
        #expect(pages.count == 12)
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
        let root = try String(contentsOf: output.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(root.contains("hreflang=\"x-default\""))
        let sitemap = try String(contentsOf: output.appendingPathComponent("site/sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://www.town-fixture.test/policy/en/faq/\"/>"))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("site/404.html").path))
        // The fixture lives under /policy/, where no crawler reads a robots.txt.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("site/robots.txt").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("site/assets/style.css").path))
    }

    @Test("robots.txt is written only when the site is at the root of its host, naming the sitemap; under a folder the build says where the sitemap is instead")
    func robots() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        let options = ["build", "--content", TestSupport.shippedContent.path, "--templates", TestSupport.templates.path, "--output", output.path]
        let underFolder = try TestSupport.harigami(options)
        #expect(underFolder.status == 0, "\(underFolder.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("site/robots.txt").path))
        #expect(underFolder.stdout.contains("note: no robots.txt was written, because crawlers read it only at the root of a host and this site lives under https://www.city-sample.example/kasuhara/; to point them to the sitemap, add the line 'Sitemap: https://www.city-sample.example/kasuhara/sitemap.xml' to the host's own robots.txt"))
        let atRoot = try TestSupport.harigami(options + ["--base-url", "https://kasuhara.city.kita.example.jp/"])
        #expect(atRoot.status == 0, "\(atRoot.stderr)")
        #expect(!atRoot.stdout.contains("robots.txt"))
        let robots = try String(contentsOf: output.appendingPathComponent("site/robots.txt"), encoding: .utf8)
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
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content"), output = work.appendingPathComponent("Output")
        try TestSupport.copy(fixture, to: content)
        #expect(try build(content: content, output: output).status == 0)
        let before = try TestSupport.snapshot(output)
        let page = content.appendingPathComponent("pages/faq.en.md")
        try "---\ntitle: Frequently asked questions\nsummary: [unclosed\n---\nBody.\n".write(to: page, atomically: true, encoding: .utf8)
        let run = try build(content: content, output: output)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(content.path)/pages/faq.en.md:4:1: error: the YAML cannot be read"))
        #expect(run.stderr.contains("nothing was written"))
        #expect(try TestSupport.snapshot(output) == before)
    }

    @Test("an output path that is a file, not a folder, is an I/O error with exit 2 and nothing else changes")
    func outputIsAFile() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appendingPathComponent("Output")
        try Data("not a folder".utf8).write(to: output)
        let run = try build(content: fixture, output: output)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: "))
        #expect(try Data(contentsOf: output) == Data("not a folder".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["Output"])
    }

    @Test("two builds of the same content in different folders are byte-identical")
    func deterministic() throws {
        let first = try TestSupport.temporaryFolder(), second = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let copy = second.appendingPathComponent("Content")
        try TestSupport.copy(fixture, to: copy)
        #expect(try build(content: fixture, output: first.appendingPathComponent("Output")).status == 0)
        #expect(try build(content: copy, output: second.appendingPathComponent("Output")).status == 0)
        #expect(try TestSupport.published(first.appendingPathComponent("Output")) == TestSupport.published(second.appendingPathComponent("Output")))
    }

    @Test("the staff build has the staff blocks, marked noindex; the public build has none of their text")
    func audiences() throws {
        let output = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try build(content: fixture, output: output).status == 0)
        #expect(try build(content: fixture, output: output, ["--audience", "staff"]).status == 0)
        let publicText = try TestSupport.snapshot(output.appendingPathComponent("site")).values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!publicText.contains("1234"))
        let staffHome = try String(contentsOf: output.appendingPathComponent("staff/ja/index.html"), encoding: .utf8)
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
