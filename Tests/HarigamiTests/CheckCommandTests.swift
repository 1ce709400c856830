// `harigami check`, `new` and `translations stamp` through the built command: formats, exit codes, the shipped content.

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
        let lenient = try check(TestSupport.shippedContent)
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

        let strict = try check(TestSupport.shippedContent, ["--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains(": error: {{adapt: 1年間}} proposes '1年間'") && strict.stdout.contains("[adapt.marker]"))
        #expect(strict.stdout.contains("site.yml:2:20: error: 'www.city-sample.example' is an address under .example"))
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
        let (folder, content) = try copy(TestSupport.fixture("minimal"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        let arguments = ["build", "--content", content.path, "--templates", TestSupport.templates.path, "--output", output.path]
        #expect(try TestSupport.harigami(arguments).status == 0)
        let before = try TestSupport.snapshot(output)
        try "- id: violence\n  ja: {name: 暴力型, summary: 暴力, poster-label: 暴力}\n  en: {name: Violence, summary: Violence, poster-label: Violence}\n"
            .appendingTo(content.appendingPathComponent("categories.yml"))
        let failed = try TestSupport.harigami(arguments)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("[coverage.category-empty]"))
        #expect(try TestSupport.snapshot(output) == before)
    }

    @Test("--strict turns warnings into errors and exit 1")
    func strict() throws {
        let lenient = try check(TestSupport.fixture("minimal"))
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains(": warning: this translation has no source-hash"))
        #expect(lenient.stdout.hasSuffix("check: 0 errors, 4 warnings in 8 pages\n"))
        let strict = try check(TestSupport.fixture("minimal"), ["--strict"])
        #expect(strict.status == 1)
        #expect(!strict.stdout.contains(": warning: "))
        #expect(strict.stdout.hasSuffix("check: 4 errors, 0 warnings in 8 pages (--strict: warnings count as errors)\n"))
    }

    @Test("--format github prints one workflow annotation per problem, with commas and colons in the path escaped")
    func github() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content,v1:draft")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        let run = try check(content, ["--format", "github"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let escaped = folder.path + "/Content%2Cv1%3Adraft"
        #expect(lines.contains("::warning file=\(escaped)/notice.en.md,line=1,col=1,title=translation.unstamped::this translation has no source-hash, so nobody can tell whether it still matches \(content.path)/notice.ja.md: once it does, run `harigami translations stamp \(content.path)/notice.en.md` [translation.unstamped]"))
        #expect(lines.filter { $0.hasPrefix("::warning ") }.count == 4)
        #expect(lines.last == "check: 0 errors, 4 warnings in 8 pages")
    }

    @Test("--format json lists diagnostics, summary and coverage")
    func json() throws {
        let (folder, content) = try copy(TestSupport.fixture("minimal"))
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: content.appendingPathComponent("pages/faq.en.md"))
        let run = try check(content, ["--format", "json"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect(object["strict"] as? Bool == false)
        #expect(object["summary"] as? [String: Int] == ["errors": 1, "warnings": 3, "pages": 7])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 4)
        let first = try #require(diagnostics.first { $0["severity"] as? String == "error" })
        #expect(first["path"] as? String == content.path + "/pages/faq.en.md")
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

    @Test("new example, then translations stamp, through the command")
    func scaffoldAndStamp() throws {
        let (folder, content) = try copy(TestSupport.fixture("minimal"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try TestSupport.harigami(["new", "example", "time-binding", "counter", "--content", content.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("created \(content.path)/examples/time-binding/counter.ja.md\ncreated \(content.path)/examples/time-binding/counter.en.md\n"))
        #expect(created.stdout.contains("  ja: ## 想定される場面, ## 伝え方の例\n"))
        let again = try TestSupport.harigami(["new", "example", "time-binding", "counter", "--content", content.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exist; nothing was written"))
        let category = try TestSupport.harigami(["new", "category", "violence", "--content", content.path])
        #expect(category.status == 0)
        #expect(category.stdout.contains("harigami new example violence SLUG"))

        let translation = content.appendingPathComponent("notice.en.md")
        let before = try String(contentsOf: translation, encoding: .utf8)
        let stamp = try TestSupport.harigami(["translations", "stamp", translation.path, "--content", content.path])
        #expect(stamp.status == 0, "\(stamp.stderr)")
        let after = try String(contentsOf: translation, encoding: .utf8)
        #expect(after.split(separator: "\n").filter { !before.split(separator: "\n").contains($0) }.count == 1)
        #expect(after.contains("\nsource-hash: \(stamp.stdout.split(separator: " ")[3])\n---\n"))
        let wrong = try TestSupport.harigami(["translations", "stamp", content.appendingPathComponent("notice.ja.md").path, "--content", content.path])
        #expect(wrong.status == 2)
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
