// A build writes its pages into the new output folder a chunk at a time, and still publishes all or nothing.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiRender
@testable import HarigamiWrite

@Suite("Streaming build")
struct StreamingBuildTests {
    static func options(content: URL, output: URL, _ audience: Audience) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = TestSupport.templates.path
        options.outputDirectory = output.path
        options.audience = audience
        return options
    }

    @Test("a build whose leak scan fails after some chunks were written publishes nothing: the new folder is deleted, the previous output untouched")
    func leakAfterChunksChangesNothing() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let clean = try PrivacySite(["notice.ja.md": StaffPrivacyTests.notice])
        defer { clean.remove() }
        _ = try Builder.build(Self.options(content: clean.content, output: output, .public))
        let before = try TestSupport.snapshot(output)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()

        let leaking = try PrivacySite(["notice.ja.md": StaffPrivacyTests.notice, "pages/faq.ja.md": StaffPrivacyTests.leakForms[0].1])
        defer { leaking.remove() }
        var onDisk: [Int] = []
        let report = try Builder.build(Self.options(content: leaking.content, output: output, .public), chunkSize: 1, waiting: {}) { staging in
            onDisk.append((try? TestSupport.snapshot(URL(fileURLWithPath: staging)).count) ?? 0)
        }
        #expect(onDisk.count > 2, "the pages were not written one chunk at a time: \(onDisk)")
        #expect(onDisk == onDisk.sorted() && onDisk.first! > 0 && onDisk.last! > onDisk.first!, "\(onDisk)")
        #expect(report.written == nil)
        #expect(PrivacySite.places(report.diagnostics, "audience.leak") == ["Content/notice.ja.md:10:1"], "\(report.diagnostics)")
        #expect(try TestSupport.snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == names)
    }

    @Test("a first build whose leak scan fails leaves no output folder behind")
    func leakInFirstBuildLeavesNoFolder() throws {
        let site = try PrivacySite(["notice.ja.md": StaffPrivacyTests.notice, "pages/faq.ja.md": StaffPrivacyTests.leakForms[0].1])
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Output/public")
        var chunks = 0
        let report = try Builder.build(Self.options(content: site.content, output: output, .public), chunkSize: 2, waiting: {}) { _ in chunks += 1 }
        #expect(chunks > 1)
        #expect(report.written == nil)
        #expect(report.diagnostics.contains { $0.rule == "audience.leak" })
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Output").path))
    }

    @Test("the files written a few pages at a time are byte for byte the site rendered in memory, the staff archive too",
          arguments: [Audience.public, .staff])
    func chunksEqualMemory(audience: Audience) throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let options = Self.options(content: TestSupport.shippedContent, output: root.appendingPathComponent("Output"), audience)
        let rendered = Builder.render(options)
        let site = try #require(rendered.site)
        var chunks = 0
        let report = try Builder.build(options, chunkSize: 7, waiting: {}) { _ in chunks += 1 }
        #expect(report.written != nil)
        #expect(chunks > 3)
        let folder = root.appendingPathComponent("Output/" + Builder.siteFolder(audience))
        let written = try TestSupport.snapshot(folder)
        #expect(written.keys.sorted() == site.keys.sorted())
        #expect(written.keys.filter { written[$0] != site[$0] }.sorted() == [])
        if audience == .staff {
            let archive = try ZipArchive.make(site, folders: [PosterRenderer.siteFolder], under: "staff", date: rendered.updated)
            #expect(try Data(contentsOf: root.appendingPathComponent("Output/staff.zip")) == archive)
        }
    }

    @Test("the renderer hands every page to the sink once, in chunks, and keeps only the posters pages and printed documents")
    func rendererHoldsOnlyWhatChanges() throws {
        let options = Self.options(content: TestSupport.shippedContent, output: URL(fileURLWithPath: "/nonexistent"), .staff)
        let (content, templates, problems) = Builder.prepare(options)
        #expect(!problems.hasErrors)
        let renderer = SiteRenderer(content: try #require(content), templates: try #require(templates), audience: .staff)
        struct Counting: SiteFileSink {
            var chunks: [[String]] = []
            var begun = false
            mutating func begin(staffTexts: [Located<String>], sharedHeadings: [String]) {
                #expect(chunks.isEmpty)
                begun = true
            }
            mutating func receive(_ files: [String: Data]) {
                #expect(begun)
                chunks.append(files.keys.sorted())
            }
        }
        var sink = Counting()
        let streamed = renderer.render(into: &sink, chunkSize: 5)
        let whole = renderer.render()
        let given = sink.chunks.flatMap { $0 }
        #expect(Set(given).count == given.count, "a file was handed over twice")
        #expect(sink.chunks.dropFirst().allSatisfy { $0.count <= 5 })
        let posterPages = Set(content!.site.languages.map { Routes.file(key: "posters", language: $0)! })
        #expect(Set(streamed.files.keys) == posterPages.union(streamed.printedDocuments.map(\.path)))
        #expect(Set(given).union(streamed.files.keys) == Set(whole.files.keys))
        #expect(Set(given).isDisjoint(with: streamed.files.keys))
    }
}
