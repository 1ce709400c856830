// `harigami check` in-process (formats, strictness, the shipped content); exit codes and `new`/`translations stamp` through the built command.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiCheck
@testable import HarigamiAuthoring

@Suite("Check command", .serialized)
struct CheckCommandTests {
    /// A copy of a content folder in a new temporary folder, removed by the caller.
    func copy(_ source: URL) throws -> (folder: URL, content: URL) {
        let folder = try TestSupport.temporaryFolder()
        let content = folder.appendingPathComponent("Content")
        try TestSupport.copy(source, to: content)
        return (folder, content)
    }

    func check(_ content: URL, _ extra: [String] = []) throws -> TestSupport.Run {
        try TestSupport.harigami(["check", "--content", content.path, "--templates", TestSupport.templates.path] + extra)
    }

    @Test("the shipped starter passes check with a warning for each adaptation marker and sample value, and check --strict refuses them")
    func shippedContentStrict() throws {
        let site = try InlineSite.shipped()
        let lenient = try site.check()
        #expect(lenient.status == 0, "\(lenient.stdout)")
        let loaded = ContentLoader.load(.directory(TestSupport.shippedContent.path))
        let report = ContentChecker.run(try #require(loaded.content))
        let diagnostics = loaded.diagnostics + report.diagnostics
        #expect(diagnostics.allSatisfy { $0.severity == .warning && ["adapt.marker", "adapt.sample-value"].contains($0.rule) }, "\(diagnostics)")
        // Every marker written in the starter is reported, once, at its own line.
        let markers = try FileManager.default.subpathsOfDirectory(atPath: TestSupport.shippedContent.path).filter { $0.hasSuffix(".md") }.flatMap { file in
            try String(contentsOf: TestSupport.shippedContent.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .flatMap { line in Array(repeating: "\(file):\(line.offset + 1)", count: line.element.components(separatedBy: "{{adapt:").count - 1) }
        }
        #expect(markers.count > 20)
        let reported = diagnostics.filter { $0.rule == "adapt.marker" }.map { "\($0.location.path.dropFirst(TestSupport.shippedContent.path.count + 1)):\($0.location.line)" }
        #expect(reported.sorted() == markers.sorted())
        let samples = diagnostics.filter { $0.rule == "adapt.sample-value" }.map(\.location.path)
        #expect(samples.count >= 5 && samples.allSatisfy { $0.hasSuffix("site.yml") })
        #expect(report.coverage?.incompleteCells == 0)
        #expect(report.coverage?.rows.count == 8)

        let strict = try site.check(strict: true)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains(": error: {{adapt: 1年間}} proposes '1年間'") && strict.stdout.contains("[adapt.marker]"))
        #expect(strict.stdout.contains("Content/site.yml:2:20: error: 'www.city-sample.example' is an address under .example"))
    }

    func shippedPageCount() throws -> Int {
        try FileManager.default.subpathsOfDirectory(atPath: TestSupport.shippedContent.path).filter { $0.hasSuffix(".md") }.count
    }

    @Test("deleting an English example gives one error naming the file to create, and build then writes nothing")
    func deletedEnglishExample() throws {
        let (folder, content) = try copy(TestSupport.shippedContent)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = content.appendingPathComponent("examples/violence/counter.en.md")
        try FileManager.default.removeItem(at: missing)
        let run = try check(content)
        #expect(run.status == 1)
        let problems = run.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(problems == ["\(missing.path):1:1: error: this response example has no en version: create \(missing.path) with the en translation of \(content.path)/examples/violence/counter.ja.md; `harigami new example violence counter` creates it with the required sections [coverage.example-missing]"])
        let pages = try shippedPageCount() - 1
        #expect(run.stdout.contains("check: 1 error, ") && run.stdout.hasSuffix(" warnings in \(pages) pages\n"))
        #expect(run.stdout.contains("violence           en        0 MISSING  MISSING"))

        let output = folder.appendingPathComponent("Output")
        let build = try TestSupport.harigami(["build", "--content", content.path, "--templates", TestSupport.templates.path, "--output", output.path])
        #expect(build.status == 1)
        #expect(build.stderr.contains("\(missing.path):1:1: error: ") && build.stderr.contains("[coverage.example-missing]"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a failed check leaves a previous build exactly as it was")
    func previousOutputKept() throws {
        let site = try InlineSite.minimal()
        #expect(try site.build().status == 0)
        let before = try TestSupport.snapshot(site.output)
        try "- id: violence\n  ja: {name: 暴力型, summary: 暴力, poster-label: 暴力}\n  en: {name: Violence, summary: Violence, poster-label: Violence}\n"
            .appendingTo(site.url("Content/categories.yml"))
        let failed = try site.build()
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("[coverage.category-empty]"))
        #expect(try TestSupport.snapshot(site.output) == before)
    }

    @Test("--strict turns warnings into errors and exit 1")
    func strict() throws {
        let site = try InlineSite.minimal()
        let lenient = try site.check()
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains(": warning: this translation has no source-hash"))
        #expect(lenient.stdout.hasSuffix("check: 0 errors, 4 warnings in 8 pages\n"))
        let strict = try site.check(strict: true)
        #expect(strict.status == 1)
        #expect(!strict.stdout.contains(": warning: "))
        #expect(strict.stdout.hasSuffix("check: 4 errors, 0 warnings in 8 pages (--strict: warnings count as errors)\n"))
    }

    @Test("--format github prints one workflow annotation per problem, with commas and colons in the path escaped")
    func github() throws {
        let site = try InlineSite.minimal(contentFolder: "Content,v1:draft")
        let run = try site.check(format: .github)
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("::warning file=Content%2Cv1%3Adraft/notice.en.md,line=1,col=1,title=translation.unstamped::this translation has no source-hash, so nobody can tell whether it still matches Content,v1:draft/notice.ja.md: once it does, run `harigami translations stamp Content,v1:draft/notice.en.md` [translation.unstamped]"))
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 4)
        #expect(lines.last == "check: 0 errors, 4 warnings in 8 pages")
    }

    @Test("--format json lists diagnostics, summary and coverage")
    func json() throws {
        let run = try InlineSite.minimal(removing: ["Content/pages/faq.en.md"]).check(format: .json)
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect(object["strict"] as? Bool == false)
        #expect(object["summary"] as? [String: Int] == ["errors": 1, "warnings": 3, "pages": 7])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 4)
        let first = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(first["path"] as? String == "Content/pages/faq.en.md")
        #expect(first["line"] as? Int == 1)
        #expect(first["column"] as? Int == 1)
        #expect(first["rule"] as? String == "coverage.page-missing")
        #expect((first["message"] as? String)?.hasPrefix("this page has no en version") == true)
        let coverage = try #require(object["coverage"] as? [String: Any])
        #expect(coverage["languages"] as? [String] == ["ja", "en"])
        let categories = try #require(coverage["categories"] as? [[String: Any]])
        #expect(categories.first?["id"] as? String == "time-binding")
        let ja = (categories.first?["languages"] as? [String: [String: Any]])?["ja"]
        #expect(ja?["examples"] as? Int == 1)
        #expect(ja?["poster-label"] as? Bool == true)
        #expect(ja?["complete"] as? Bool == true)
    }

    @Test("a content folder that does not exist is an I/O problem: exit 2; an unknown format is a usage error: exit 2")
    func exitTwo() throws {
        let missing = try check(URL(fileURLWithPath: "/nonexistent/harigami-content"))
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("[load.io]"))
        #expect(try check(TestSupport.fixture("minimal"), ["--format", "xml"]).status == 2)
    }

    @Test("new example refuses files that all exist, new category advises the example to add, and translations stamp changes one line and refuses a Japanese page")
    func scaffoldAndStamp() throws {
        let site = try InlineSite.minimal()
        let content = site.content.path
        let created = try Scaffold.newExample(category: "time-binding", slug: "counter", contentDirectory: content).get()
        #expect(created.written == ["\(content)/examples/time-binding/counter.ja.md", "\(content)/examples/time-binding/counter.en.md"])
        #expect(created.sections["ja"]?.starts(with: ["想定される場面"]) == true && created.sections["ja"]?.contains("伝え方の例") == true)
        // The command exits 2 on a usage failure.
        guard case .failure(.usage(let again)) = Scaffold.newExample(category: "time-binding", slug: "counter", contentDirectory: content) else {
            Issue.record("a second new example was not refused")
            return
        }
        #expect(again.contains("already exist; nothing was written"))
        let category = try Scaffold.newCategory(id: "violence", contentDirectory: content).get()
        #expect(category.written == ["\(content)/categories.yml"] && category.languages == ["ja", "en"])

        let before = try site.read("Content/notice.en.md")
        let stamps = TranslationStamp.stamp([site.url("Content/notice.en.md").path], contentDirectory: content)
        let stamp = try #require(stamps.first).get()
        #expect(stamps.count == 1 && stamp.changed)
        let after = try site.read("Content/notice.en.md")
        #expect(after.split(separator: "\n").filter { !before.split(separator: "\n").contains($0) }.count == 1)
        #expect(after.contains("\nsource-hash: \(stamp.hash)\n---\n"))
        let wrong = TranslationStamp.stamp([site.url("Content/notice.ja.md").path], contentDirectory: content)
        guard case .failure(.usage)? = wrong.first else {
            Issue.record("stamping a Japanese page was not refused: \(wrong)")
            return
        }
    }
}

extension String {
    func appendingTo(_ url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
    }
}
