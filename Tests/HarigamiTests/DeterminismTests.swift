// The same content gives the same bytes, whatever order the file system lists it in.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiRender

@Suite("Determinism")
struct DeterminismTests {
    @Test("a build from a reversed file listing is byte-identical to one from a sorted listing")
    func listingOrder() throws {
        let files = try TestSupport.snapshot(TestSupport.fixture("minimal"))
        let sorted = ContentTree(displayRoot: "Content", list: { files.keys.sorted().map { ContentFile(path: $0) } }, read: { files[$0]! })
        let reversed = ContentTree(displayRoot: "Content", list: { files.keys.sorted().reversed().map { ContentFile(path: $0) } }, read: { files[$0]! })
        let (templates, problems) = TemplateSet.load(directory: TestSupport.templates.path, languages: ["ja", "en"])
        #expect(!problems.hasErrors)
        let set = try #require(templates)
        func render(_ tree: ContentTree) throws -> [String: Data] {
            let content = try #require(ContentLoader.load(tree).content)
            return SiteRenderer(content: content, templates: set, audience: .public).render().files
        }
        let first = try render(sorted), second = try render(reversed)
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first.keys.filter { first[$0] != second[$0] }.isEmpty)
    }

    @Test("no file of a build made now shows today's date, in any way a page could write it: dates come only from the content")
    func noBuildDate() throws {
        // Nothing a build writes reads the clock (the staff ZIP's dates come from the pages' `updated:`; FileStamp.now
        // only tells a file still being written from one at rest), so there is no clock to set: the build runs now,
        // and today's date is the one a clock-reading page would show.
        let site = try InlineSite.minimal()
        for audience in [Audience.public, .staff] {
            let run = try site.build(audience: audience)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        let (year, month, dayOfMonth) = (day.year ?? 0, day.month ?? 0, day.day ?? 0)
        let english = DateFormatter()
        english.locale = Locale(identifier: "en_GB")
        english.timeZone = .current
        english.dateFormat = "d MMMM yyyy"
        let spellings = [String(format: "%04d-%02d-%02d", year, month, dayOfMonth), "\(year)年\(month)月\(dayOfMonth)日",
                         String(format: "%04d/%02d/%02d", year, month, dayOfMonth), english.string(from: now)]
        // A spelling the content itself holds (on the day of a page's own date) cannot tell the clock's date apart.
        let sources = try TestSupport.snapshot(TestSupport.fixture("minimal")).values.map { String(decoding: $0, as: UTF8.self) }
        let clockOnly = spellings.filter { spelling in !sources.contains { $0.contains(spelling) } }
        let published = try site.published()
        #expect(published.count > 10)
        for (path, data) in published where !path.hasSuffix(".zip") {
            let text = String(decoding: data, as: UTF8.self)
            for spelling in clockOnly {
                #expect(!text.contains(spelling), "\(path) contains today's date as \(spelling)")
            }
        }
    }

    /// `harigami ARGUMENTS` with the process's clock set to `moment` by libfaketime (Scripts/setup --test installs it).
    static func atFakeTime(_ moment: String, _ arguments: [String]) throws -> TestSupport.Run {
        let faketime = URL(fileURLWithPath: "/usr/bin/faketime")
        guard FileManager.default.isExecutableFile(atPath: faketime.path) else {
            Issue.record("faketime is not installed: run Scripts/setup --test")
            return TestSupport.Run(status: -1, stdout: "", stderr: "")
        }
        return try TestSupport.run(faketime, [moment, TestSupport.binary.path] + arguments)
    }

    @Test("a build made with the clock set to 4 March 2031 is byte for byte the build made now, for both audiences")
    func injectedClock() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The clock reaches the binary: init, which dates the starter's pages today, dates them in 2031.
        let project = folder.appendingPathComponent("project")
        let initRun = try Self.atFakeTime("2031-03-04 05:06:07", ["init", project.path, "--organisation-ja", "時計町", "--organisation-en", "Clock Town"])
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(try String(contentsOf: project.appendingPathComponent("Content/notice.ja.md"), encoding: .utf8).contains("updated: 2031-03-04"))
        for audience in ["public", "staff"] {
            let arguments = { (output: URL) in ["build", "--content", TestSupport.fixture("minimal").path, "--templates", TestSupport.templates.path,
                                                "--output", output.path, "--audience", audience] }
            let now = folder.appendingPathComponent("now-\(audience)"), later = folder.appendingPathComponent("later-\(audience)")
            let nowRun = try TestSupport.run(TestSupport.binary, arguments(now))
            let laterRun = try Self.atFakeTime("2031-03-04 05:06:07", arguments(later))
            #expect(nowRun.status == 0 && laterRun.status == 0, "\(nowRun.stderr)\(laterRun.stderr)")
            let made = try TestSupport.published(now), madeLater = try TestSupport.published(later)
            #expect(made.count > 10)
            #expect(made.keys.sorted() == madeLater.keys.sorted())
            #expect(made.keys.filter { made[$0] != madeLater[$0] }.isEmpty, "\(audience): files differ with the clock")
            for (path, data) in madeLater {
                #expect(data.range(of: Data("2031".utf8)) == nil, "\(path) holds the year of the clock")
            }
        }
    }
}
