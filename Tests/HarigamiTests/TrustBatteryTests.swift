// Variations on the three classes of trust: a build deletes and overwrites only what Harigami wrote; staff-only
// text never reaches the public build; the preview answers hostile requests without a crash, a stall or a staff
// page for a foreign Host.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiCheck
@testable import HarigamiWrite
@testable import HarigamiAuthoring
@testable import HarigamiServe
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - The output folder

@Suite("Trust battery: the output folder", .serialized)
struct OutputTrustBatteryTests {
    typealias Workspace = OutputSafetyTests.Workspace

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test("an output folder named by a detour through the content is refused before anything is made", arguments: [
        "Content/../Content", "Content/", "Content/.", "./Content//", "Output/../Content/pages", "Content/pages/../examples",
    ])
    func detourIntoContent(output: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options(output: work.root.path + "/" + output))
        #expect(refusal?.contains("content folder") == true, "\(output): \(refusal ?? "built")")
        #expect(try work.everything() == before)
    }

    @Test("--content . with --output Output, run inside the content folder, is refused with exit 2 and changes nothing")
    func contentIsWorkingFolder() throws {
        let work = try Workspace()
        defer { work.remove() }
        let before = try work.everything()
        let run = TestSupport.build(work.options(arguments: ["--content", ".", "--output", "Output"]), in: work.content)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("inside the content folder"), "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("an empty --output or --content, run beside the content, is refused with exit 2 and changes nothing", arguments: [
        ["--content", "Content", "--output", ""], ["--content", "", "--output", "Output"], ["--content", "Content", "--output", "."],
    ])
    func emptyFolderArguments(arguments: [String]) throws {
        let work = try Workspace()
        defer { work.remove() }
        let before = try work.everything()
        let run = TestSupport.build(work.options(arguments: arguments), in: work.root)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("an output folder that is a dangling link into the content is refused, and nothing is made in the content")
    func danglingLinkIntoContent() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(atPath: work.output.path, withDestinationPath: work.content.path + "/built")
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options())
        #expect(refusal != nil, "the build wrote through a dangling link into the content")
        #expect(!FileManager.default.fileExists(atPath: work.content.path + "/built"))
        #expect(try work.everything() == before)
    }

    @Test("templates inside the output folder are refused, even named through a link", arguments: [false, true])
    func templatesInsideOutput(throughLink: Bool) throws {
        let work = try Workspace()
        defer { work.remove() }
        let templates = work.output.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        try TestSupport.copy(TestSupport.templates, to: templates)
        var named = templates.path
        if throughLink {
            named = work.root.path + "/T"
            try FileManager.default.createSymbolicLink(atPath: named, withDestinationPath: templates.path)
        }
        let before = try work.everything()
        #expect(OutputSafetyTests.refusal(work.options(templates: named))?.contains("templates folder") == true)
        #expect(try work.everything() == before)
    }

    @Test("Output/site or Output/staff as a link to the output folder itself or its parent is refused; nothing is deleted",
          arguments: ["site", "staff"], [".", "..", "../Content"])
    func siteLinkedUpwards(name: String, destination: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        try Self.write("mine", to: work.output.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/" + name, withDestinationPath: destination)
        let before = try work.everything()
        let run = try work.build(audience: name == "staff" ? .staff : .public)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("symbolic link"), "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("a link a user puts inside Harigami's Output/site is removed with the folder on the next build, never followed")
    func linkInsideSiteNotFollowed() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let web = try OutputSafetyTests.webRoot(in: work.root)
        let webBefore = try TestSupport.snapshot(web)
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/site/uploads", withDestinationPath: web.path)
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/site/ja/content", withDestinationPath: work.content.path)
        let contentBefore = try TestSupport.snapshot(work.content)
        #expect(try work.build().status == 0)
        #expect(try TestSupport.snapshot(web) == webBefore)
        #expect(try TestSupport.snapshot(work.content) == contentBefore)
        #expect(!FileManager.default.fileExists(atPath: work.output.path + "/site/uploads"))
    }

    @Test("a folder at Output/staff that Harigami did not write, holding only names a build writes, is refused and kept",
          arguments: [["index.html"], ["ja/handbook.pdf"], ["assets/logo.png", "index.html"]])
    func foreignStaffFolderShapedLikeOutput(files: [String]) throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0) // a public build: the record exists, and does not list a staff folder
        for file in files { try Self.write("the team's own \(file)", to: work.output.appendingPathComponent("staff/" + file)) }
        let before = try work.everything()
        let run = try work.build(audience: .staff)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("an earlier version's site and staff folders (no record) are both taken over, the staff one by a later staff build")
    func earlierSiteAndStaffTakenOver() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["site/index.html", "site/ja/index.html", "staff/index.html", "staff/ja/index.html"] {
            try Self.write("old", to: root.appendingPathComponent(path))
        }
        let new = OutputSafetyTests.files(["index.html": "new", "ja/index.html": "new"])
        _ = try OutputWriter.publish(new, as: "site", in: root.path)
        _ = try OutputWriter.publish(new, as: "staff", in: root.path)
        #expect(try TestSupport.snapshot(root.appendingPathComponent("staff")) == new)
        // Once recorded, a folder someone puts in the staff folder's place is refused, and says why.
        // (Made before the old one is deleted, so that it cannot get the old one's inode: see inodeReuse.)
        try Self.write("the team's own", to: root.appendingPathComponent("theirs/index.html"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("staff"))
        try FileManager.default.moveItem(at: root.appendingPathComponent("theirs"), to: root.appendingPathComponent("staff"))
        #expect(throws: OutputWriter.WriteError.self) { try OutputWriter.publish(new, as: "staff", in: root.path) }
        do {
            _ = try OutputWriter.publish(new, as: "staff", in: root.path)
        } catch {
            #expect(error.reason.hasPrefix("this folder was not written by Harigami (.harigami-output.json, its record of the folders it wrote, does not list it)"))
        }
        #expect(try String(contentsOfFile: root.path + "/staff/index.html", encoding: .utf8) == "the team's own")
    }

    @Test("names that look like an earlier version's leftovers but do not end as its own did (a process number) are kept",
          arguments: [".site.old-backup", ".site.new-design", ".staff.old-2025-handbook"])
    func userNamesLikeLeftovers(name: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        try Self.write("keep me", to: work.output.appendingPathComponent(name + "/notes.txt"))
        #expect(try work.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: work.output.path + "/" + name + "/notes.txt"))
    }

    @Test("Output/posters replaced by a user's file or by a link elsewhere is left as it is, and the build still succeeds")
    func postersReplacedByUser() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let posters = work.output.appendingPathComponent("posters")
        try FileManager.default.removeItem(at: posters)
        try Self.write("my printing notes", to: posters)
        #expect(try work.build().status == 0)
        #expect(try String(contentsOf: posters, encoding: .utf8) == "my printing notes")
        try FileManager.default.removeItem(at: posters)
        let web = try OutputSafetyTests.webRoot(in: work.root)
        let webBefore = try TestSupport.snapshot(web)
        try FileManager.default.createSymbolicLink(atPath: posters.path, withDestinationPath: web.path)
        let run = try work.build(audience: .staff)
        #expect(run.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: posters.path) == web.path)
        #expect(try TestSupport.snapshot(web) == webBefore)
    }

    @Test("a folder of posters a user put at Output/posters after this version made the link is not deleted")
    func userPostersFolderAfterLink() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let posters = work.output.appendingPathComponent("posters")
        try FileManager.default.removeItem(at: posters)
        try Self.write("<p>my edited poster</p>", to: posters.appendingPathComponent("awareness.ja.A4.html"))
        #expect(try work.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: posters.path + "/awareness.ja.A4.html"))
    }

    @Test("the same output folder named with a trailing slash, a dot or doubled slashes is one folder: builds replace each other's site")
    func spellingsOfOneOutput() throws {
        let work = try Workspace()
        defer { work.remove() }
        for spelling in ["Output", "Output/", "Output/.", "Output//", "./Output"] {
            let run = try work.build(output: work.root.path + "/" + spelling)
            #expect(run.status == 0, "\(spelling): \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.output.path).sorted() == [".harigami-output.json", "posters", "site"])
    }

    @Test("an output folder that is a link to itself is refused with exit 2, and the link is kept")
    func outputLinkLoop() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(atPath: work.output.path, withDestinationPath: work.output.path)
        let run = try work.build()
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(work.output.path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: work.output.path) == work.output.path)
    }

    @Test("a user's file where Harigami keeps its record (plain, or a link to a file elsewhere) stops the build with exit 2 and is kept")
    func foreignRecordFile() throws {
        for asLink in [false, true] {
            let work = try Workspace()
            defer { work.remove() }
            let record = work.output.appendingPathComponent(OutputRecord.fileName)
            let notes = work.root.appendingPathComponent("notes.txt")
            try Self.write("my notes", to: notes)
            try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
            if asLink {
                try FileManager.default.createSymbolicLink(atPath: record.path, withDestinationPath: notes.path)
            } else {
                try FileManager.default.copyItem(at: notes, to: record)
            }
            let before = try work.everything()
            let run = try work.build()
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains(OutputRecord.fileName), "\(run.stderr)")
            #expect(try work.everything() == before)
        }
    }

    @Test("Output/site or Output/staff that is a file is refused with exit 2 and kept", arguments: ["site", "staff"])
    func siteIsFile(name: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        try Self.write("a file of mine", to: work.output.appendingPathComponent(name))
        let before = try work.everything()
        let run = try work.build(audience: name == "staff" ? .staff : .public)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("Output as a file is refused with exit 2, and the file is kept")
    func outputIsFile() throws {
        let work = try Workspace()
        defer { work.remove() }
        try Self.write("not a folder", to: work.output)
        let run = try work.build()
        #expect(run.status == 2)
        #expect(run.stderr.contains(work.output.path), "\(run.stderr)")
        #expect(try String(contentsOf: work.output, encoding: .utf8) == "not a folder")
    }

    @Test("a public and a staff build started together both finish, each whole, and Output/posters resolves to the site's posters")
    func publicAndStaffTogether() throws {
        let work = try Workspace()
        defer { work.remove() }
        for round in 0..<3 {
            let processes = [[String](), ["--audience", "staff"]].map { extra -> Process in
                let process = Process()
                process.executableURL = TestSupport.binary
                process.arguments = ["build", "--content", work.content.path, "--templates", TestSupport.templates.path,
                                     "--output", work.output.path] + extra
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
            for process in processes { try process.run() }
            for process in processes { process.waitUntilExit() }
            #expect(processes.map(\.terminationStatus) == [0, 0], "round \(round)")
            #expect(FileManager.default.fileExists(atPath: work.output.path + "/site/ja/index.html"))
            #expect(FileManager.default.fileExists(atPath: work.output.path + "/staff/ja/index.html"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: work.output.path + "/posters") == "site/posters")
            let names = try FileManager.default.contentsOfDirectory(atPath: work.output.path).sorted()
            #expect(names == [".harigami-output.json", "posters", "site", "staff", "staff.zip"], "round \(round)")
        }
    }

    @Test("public and staff builds killed at random moments while they race leave each folder whole, and the next builds clear what they left")
    func racingBuildsKilled() throws {
        let work = try Workspace()
        defer { work.remove() }
        var expected: [String: [String: Data]] = [:]
        var slowest = 0.0
        for audience in ["public", "staff"] {
            let started = Date()
            let output = work.root.appendingPathComponent("Expected-\(audience)")
            // Through the command, as the builds it kills run: the moments to kill at are drawn from how long one takes.
            let build = try TestSupport.harigami(["build", "--content", work.content.path, "--templates", TestSupport.templates.path,
                                                  "--output", output.path, "--audience", audience])
            #expect(build.status == 0)
            slowest = max(slowest, Date().timeIntervalSince(started))
            let name = audience == "staff" ? "staff" : "site"
            expected[name] = try TestSupport.snapshot(output.appendingPathComponent(name))
        }
        let expectedArchive = try Data(contentsOf: work.root.appendingPathComponent("Expected-staff/staff.zip"))
        var generator = SystemRandomNumberGenerator()
        for round in 0..<10 {
            let processes = ["public", "staff"].map { audience -> Process in
                let process = Process()
                process.executableURL = TestSupport.binary
                process.arguments = ["build", "--content", work.content.path, "--templates", TestSupport.templates.path,
                                     "--output", work.output.path, "--audience", audience]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
            for process in processes { try process.run() }
            Thread.sleep(forTimeInterval: Double.random(in: 0...(slowest * 1.5), using: &generator))
            kill(processes[round % 2].processIdentifier, SIGKILL)
            for process in processes { process.waitUntilExit() }
            for name in ["site", "staff"] {
                let folder = work.output.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: folder.path) else { continue }
                #expect(try TestSupport.snapshot(folder) == expected[name], "round \(round): \(name) is not whole")
            }
            let archive = work.output.appendingPathComponent("staff.zip")
            if FileManager.default.fileExists(atPath: archive.path) {
                #expect(try Data(contentsOf: archive) == expectedArchive, "round \(round): staff.zip is not whole")
            }
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: work.output.path + "/posters") {
                #expect(FileManager.default.fileExists(atPath: work.output.path + "/" + destination), "round \(round): posters → \(destination)")
            }
        }
        #expect(try work.build().status == 0)
        #expect(try work.build(audience: .staff).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.output.path).sorted() == [".harigami-output.json", "posters", "site", "staff", "staff.zip"])
    }

    @Test("two builds of one output folder named by a link and by its real path take turns: both finish, nothing is left over")
    func sameOutputThroughLink() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        let link = work.root.appendingPathComponent("Published")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: work.output.path)
        for round in 0..<3 {
            let processes = [work.output.path, link.path + "/"].map { output -> Process in
                let process = Process()
                process.executableURL = TestSupport.binary
                process.arguments = ["build", "--content", work.content.path, "--templates", TestSupport.templates.path, "--output", output]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
            for process in processes { try process.run() }
            for process in processes { process.waitUntilExit() }
            #expect(processes.map(\.terminationStatus) == [0, 0], "round \(round)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: work.output.path).sorted() == [".harigami-output.json", "posters", "site"])
        }
    }

    @Test("a build stopped (SIGSTOP) while holding the lock makes the next one say it waits; once resumed both finish and the site is whole")
    func stoppedBuildHoldsLock() throws {
        let work = try Workspace(content: TestSupport.shippedContent)
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let first = Process()
        first.executableURL = TestSupport.binary
        first.arguments = ["build", "--content", work.content.path, "--templates", TestSupport.templates.path, "--output", work.output.path]
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Stopped as soon as its staging folder appears: it holds the lock then.
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning, Date() < deadline,
              !(try FileManager.default.contentsOfDirectory(atPath: work.output.path)).contains(where: { $0.hasPrefix(".harigami-new-") }) {
            usleep(1000)
        }
        kill(first.processIdentifier, SIGSTOP)
        defer { kill(first.processIdentifier, SIGCONT) }
        let second = Process()
        second.executableURL = TestSupport.binary
        second.arguments = first.arguments
        let errors = work.root.appendingPathComponent("stderr.txt")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        second.standardError = try FileHandle(forWritingTo: errors)
        second.standardOutput = FileHandle.nullDevice
        try second.run()
        let waitDeadline = Date().addingTimeInterval(60)
        while second.isRunning, Date() < waitDeadline, !(try String(contentsOf: errors, encoding: .utf8)).contains("waiting") { usleep(10_000) }
        let stoppedHeldLock = first.isRunning
        if stoppedHeldLock {
            #expect(try String(contentsOf: errors, encoding: .utf8).contains("another build is writing to"))
            usleep(300_000)
            #expect(second.isRunning, "the second build did not wait for the lock")
            #expect(FileManager.default.fileExists(atPath: work.output.path + "/site/ja/index.html"), "Output/site whole while the build is stopped")
        }
        kill(first.processIdentifier, SIGCONT)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: work.output.path + "/site/ja/index.html"))
        #expect(try !FileManager.default.contentsOfDirectory(atPath: work.output.path).contains { $0.hasPrefix(".harigami-") && $0 != OutputRecord.fileName })
    }

    @Test("a folder put at Output/site after deleting Harigami's, even one that gets the same inode, is not Harigami's")
    func inodeReuse() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        var reused = false
        for _ in 0..<20 {
            var before = stat()
            lstat(work.output.path + "/site", &before)
            try FileManager.default.removeItem(atPath: work.output.path + "/site")
            try FileManager.default.createDirectory(atPath: work.output.path + "/site", withIntermediateDirectories: false)
            var after = stat()
            lstat(work.output.path + "/site", &after)
            if before.st_ino == after.st_ino { reused = true; break }
        }
        try Self.write("the team's own page", to: work.output.appendingPathComponent("site/handbook.html"))
        let run = try work.build()
        #expect(reused, "the file system did not reuse the inode; the case could not be made")
        #expect(run.status == 2)
        #expect(FileManager.default.fileExists(atPath: work.output.path + "/site/handbook.html"))
    }

    @Test("harigami init into a folder that already holds files does not overwrite them")
    func initKeepsFiles() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = root.appendingPathComponent("project")
        try Self.write("my own site settings", to: project.appendingPathComponent("Content/site.yml"))
        try Self.write("my own readme", to: project.appendingPathComponent("README.md"))
        #expect(throws: ProjectInit.Failure.self) { try ProjectInit.create(at: project.path, details: [:]) }
        #expect(try String(contentsOf: project.appendingPathComponent("Content/site.yml"), encoding: .utf8) == "my own site settings")
        #expect(try String(contentsOf: project.appendingPathComponent("README.md"), encoding: .utf8) == "my own readme")
    }

    @Test("harigami new example over an existing page refuses and keeps it")
    func newKeepsExisting() throws {
        let work = try Workspace()
        defer { work.remove() }
        let page = work.content.appendingPathComponent("examples/time-binding/phone.ja.md")
        let before = try Data(contentsOf: page)
        let run = Scaffold.newExample(category: "time-binding", slug: "phone", contentDirectory: work.content.path)
        #expect(throws: Scaffold.Failure.self) { try run.get() }
        #expect(try Data(contentsOf: page) == before)
    }
}

// MARK: - Staff-only privacy

@Suite("Trust battery: staff-only privacy")
struct PrivacyTrustBatteryTests {
    /// The staff paragraph every leak form copies from, in the notice at line 10.
    static let secret = "暴言が続く場合は、通話を録音していることを相手に伝えます。"
    static let secretEnglish = "If the caller keeps shouting, tell them the call is being recorded and hand over to the manager."

    static func notice(staff: String = secret) -> String {
        """
        ---
        title: お客様へのお願い
        summary: 町民の皆様へ、カスタマーハラスメントへの対応方針をお知らせします。
        updated: 2026-10-01
        ---
        町では、皆様からのご意見に誠実に対応します。

        詳しくは[対応ガイドライン](/guideline.md)をご覧ください。

        ::: staff
        \(staff)
        :::

        """
    }

    static func noticeEnglish(staff: String = secretEnglish) -> String {
        """
        ---
        title: A request to our residents
        summary: How the Town responds to customer harassment.
        updated: 2026-10-01
        ---
        The Town will deal with your views honestly and carefully.

        For details, see the [staff guideline](/guideline.md).

        ::: staff
        \(staff)
        :::

        """
    }

    static func faq(summary: String = "質問と回答です。", title: String = "よくある質問", _ body: String) -> String {
        "---\ntitle: \"\(title)\"\nsummary: \"\(summary)\"\n---\n## 苦情を言うとカスハラになりますか\n\n\(body)\n"
    }

    static func faqEnglish(summary: String = "Questions and answers.", _ body: String) -> String {
        "---\ntitle: Questions\nsummary: \"\(summary)\"\n---\n## Is every complaint harassment?\n\n\(body)\n"
    }

    /// True when a run of `needle` (normalised) occurs in `haystack` (normalised).
    static func occurs(_ needle: [UInt32], in haystack: [UInt32]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// What became of `secret` in the public build: "refused: " and the rules of the errors that stopped it, or "private", or
    /// the public files holding it.
    static func outcome(_ site: PrivacySite, secret: String) -> String {
        let built = site.render(.public)
        guard let files = built.site else {
            let errors = built.report.diagnostics.filter { $0.severity == .error }
            return errors.isEmpty ? "not built without an error" : "refused: " + Set(errors.map(\.rule)).sorted().joined(separator: ", ")
        }
        let needle = AudienceLeakScan.normalise(secret)
        let holding = files.keys.sorted().filter { path in
            guard let text = AudienceLeakScan.publishedText(of: files[path]!, path: path) else { return false }
            return occurs(needle, in: AudienceLeakScan.normalise(text))
        }
        return holding.isEmpty ? "private" : "leaked into " + holding.joined(separator: ", ")
    }

    static let publicCopies: [(String, [String: String])] = [
        ("split across two paragraphs", ["pages/faq.ja.md": faq("暴言が続く場合は、通話を\n\n録音していることを相手に伝えます。")]),
        ("in a table cell", ["pages/faq.ja.md": faq("| 場合 | 対応 |\n| --- | --- |\n| 暴言 | 暴言が続く場合は、通話を録音していることを相手に伝えます |\n")]),
        ("in a heading", ["pages/faq.ja.md": faq("## 暴言が続く場合は、通話を録音していることを相手に伝えます\n\nはい。")]),
        ("after a footnote-like label", ["pages/faq.ja.md": faq("いいえ。\n\n注1: 暴言が続く場合は、通話を録音していることを相手に伝えます。")]),
        ("as character references", ["pages/faq.ja.md": faq("&#x66B4;&#35328;が続く場合は、通話を&#x9332;音していることを相手に伝えます。")]),
        ("with other punctuation", ["pages/faq.ja.md": faq("暴言が続く場合は,通話を録音していることを相手に伝えます!")]),
        ("with spaces between the words", ["pages/faq.ja.md": faq("暴言が 続く 場合は 通話を 録音して いることを 相手に 伝えます")]),
        ("inside link text, split by emphasis", ["pages/faq.ja.md": faq("[暴言が*続く*場合は、通話を](https://example.org/)`録音`していることを相手に伝えます。")]),
        ("inside a block quote in a list", ["pages/faq.ja.md": faq("- いいえ\n  > 暴言が続く場合は、通話を録音していることを相手に伝えます。")]),
        ("with invisible characters between the words", ["pages/faq.ja.md": faq("暴言が\u{200B}続く場合は、通\u{00AD}話を録\u{2060}音していることを相手に伝えます。")]),
        ("with variation selectors", ["pages/faq.ja.md": faq("暴\u{FE00}言が続く場合は、通\u{E0100}話を録音していることを相\u{FE0E}手に伝えます。")]),
        ("in a code block", ["pages/faq.ja.md": faq("```\n暴言が続く場合は、通話を録音していることを相手に伝えます。\n```")]),
        ("in an autolinked address", ["pages/faq.ja.md": faq("<https://example.org/暴言が続く場合は通話を録音していることを相手に伝えます>")]),
        ("in a reference-style image's alt text", ["pages/faq.ja.md": faq("![暴言が続く場合は、通話を録音していることを相手に伝えます][a]\n\n[a]: https://example.org/a.png")]),
        ("in a poster's bullet", ["posters/card.ja.md": poster(title: "ご協力のお願い", item: "暴言が続く場合は、通話を録音していることを相手に伝えます"),
                                  "posters/card.en.md": poster(title: "Please help us", item: "Shouting is harassment")]),
        ("in a poster's subtitle", ["posters/card.ja.md": poster(title: "ご協力のお願い", subtitle: "暴言が続く場合は、通話を録音していることを相手に伝えます", item: "大声で怒鳴る"),
                                    "posters/card.en.md": poster(title: "Please help us", item: "Shouting is harassment")]),
    ]

    static func poster(title: String, subtitle: String = "お願い", item: String) -> String {
        "---\ntitle: \(title)\nsubtitle: \(subtitle)\ntagline: \(title)\nsizes: [A4]\norientation: portrait\nqr: notice\n"
            + "bubbles:\n  - category: time-binding\n    text: \(title)\n---\n- \(item)\n"
    }

    @Test("staff text copied into a public page in other shapes is refused or stays private", arguments: publicCopies)
    func publicCopy(form: String, changes: [String: String]) throws {
        var all: [String: String?] = ["notice.ja.md": Self.notice()]
        for (path, text) in changes { all[path] = text }
        let site = try PrivacySite(all)
        defer { site.remove() }
        let result = Self.outcome(site, secret: Self.secret)
        #expect(result == "refused: audience.leak", "\(form): \(result)")
    }

    @Test("staff text wrapped over short source lines and copied into a public page on one line is refused")
    func wrappedStaffText() throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(staff: "暴言が続く場合は、\n通話を録音して\nいることを相手に\n伝えます。"),
                                    "pages/faq.ja.md": Self.faq(Self.secret)])
        defer { site.remove() }
        #expect(Self.outcome(site, secret: Self.secret) == "refused: audience.leak")
    }

    @Test("English staff text wrapped over short source lines and copied into a public page on one line is refused")
    func wrappedEnglishStaffText() throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(), "notice.en.md": Self.noticeEnglish(staff: "If the caller keeps\nshouting, tell them\nthe call is being\nrecorded and hand\nover to the manager."),
                                    "pages/faq.en.md": Self.faqEnglish(Self.secretEnglish)])
        defer { site.remove() }
        #expect(Self.outcome(site, secret: Self.secretEnglish) == "refused: audience.leak")
    }

    @Test("a staff sentence made the title of a public page is refused")
    func staffSentenceAsPublicTitle() throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(), "pages/faq.ja.md": Self.faq(title: "暴言が続く場合は、通話を録音していることを相手に伝えます", "いいえ。")])
        defer { site.remove() }
        #expect(Self.outcome(site, secret: Self.secret) == "refused: audience.leak")
    }

    @Test("English staff text in a translation's summary, title-cased, is refused")
    func englishSummary() throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(), "notice.en.md": Self.noticeEnglish(),
                                    "pages/faq.en.md": Self.faqEnglish(summary: "If The Caller Keeps Shouting, Tell Them The Call Is Being Recorded And Hand Over To The Manager", "No.")])
        defer { site.remove() }
        #expect(Self.outcome(site, secret: Self.secretEnglish) == "refused: audience.leak")
    }

    static let staffPage = "---\ntitle: 録音の手順\nsummary: 職員向けの録音手順です。\naudience: staff\n---\n録音ボタンは電話機の右側にあります。\n"
    static let staffPageEnglish = "---\ntitle: Recording steps\nsummary: How staff record a call.\naudience: staff\n---\nThe record button is on the right of the phone.\n"

    @Test("a link to a staff page in other shapes is an error", arguments: [
        "[手順][r]\n\n[r]: /pages/recording.md",
        "[手順][r]\n\n[r]: ../pages/recording.md",
        "<https://www.town-fixture.test/policy/ja/recording/>",
        "https://www.town-fixture.test/policy/ja/recording/",
        "[手順](https://www.town-fixture.test/policy/ja/recording/?from=faq#steps)",
        "[手順](https://WWW.Town-Fixture.test/policy/ja/recording/index.html)",
        "[手順](//www.town-fixture.test/policy/ja/recording/)",
        "[手順](/ja/recording/)",
        "[手順](recording.md)",
        "[手順](/pages/recording.en.md)",
        "[手順](/ja/%72ecording/)",
        "[手順](https://www.town-fixture.test/policy/ja/%72ecording/)",
        "[手順](https://www.town-fixture.test:443/policy/ja/recording/)",
        "[手順](http://www.town-fixture.test/policy/ja/recording/)",
        "[手順](https://www.town-fixture.test/policy//ja/recording/)",
        "[手順](https://www.town-fixture.test/policy/ja/./recording/)",
        "[手順](https://www.town-fixture.test/policy/en/../ja/recording/)",
        "[手順](https://www.town-fixture.test./policy/ja/recording/)",
        "[手順](https://user@www.town-fixture.test/policy/ja/recording/)",
        "[手順](https://user:pass@www.town-fixture.test/policy/ja/recording/)",
        "[手順](https:///www.town-fixture.test/policy/ja/recording/)",
        "[手順](https:/www.town-fixture.test/policy/ja/recording/)",
        "[手順](/ja/recording)",
        "[手順](/ja/RECORDING/)",
        "[手順](/pages/recording.md?x=1)",
        "[手順](/pages/recording.md#top)",
    ])
    func linkToStaffPage(body: String) throws {
        let site = try PrivacySite(["pages/recording.ja.md": Self.staffPage, "pages/recording.en.md": Self.staffPageEnglish,
                                    "pages/faq.ja.md": Self.faq(body)])
        defer { site.remove() }
        let built = site.render(.public)
        let errors = built.report.diagnostics.filter { $0.severity == .error }
        #expect(built.site == nil && !errors.isEmpty, "\(body): built")
        if let files = built.site {
            let mentions = files.filter { String(decoding: $0.value, as: UTF8.self).contains("recording/") }.keys.sorted()
            #expect(mentions.isEmpty, "\(body): public files link to the staff page: \(mentions)")
        }
    }

    @Test("a staff page (both languages) is in no public file: not in the navigation, the sitemap or the page list")
    func staffPageNowhere() throws {
        let site = try PrivacySite(["pages/recording.ja.md": Self.staffPage, "pages/recording.en.md": Self.staffPageEnglish])
        defer { site.remove() }
        let built = site.render(.public)
        let files = try #require(built.site, "\(built.report.diagnostics)")
        let mentions = files.filter { path, data in
            path.contains("recording") || String(decoding: data, as: UTF8.self).contains("recording") || String(decoding: data, as: UTF8.self).contains("録音の手順")
        }.keys.sorted()
        #expect(mentions.isEmpty, "\(mentions)")
        let staff = try #require(site.render(.staff).site)
        #expect(staff["ja/recording/index.html"] != nil)
    }

    @Test("a staff-only example (both languages) is in no public file: not in the category index, the example list or the sitemap")
    func staffExampleNowhere() throws {
        let ja = "---\ntitle: 録音を告げる場合の秘密手順\nsummary: 職員だけが使う録音の告げ方です。\naudience: staff\n---\n## 想定される場面\n\n通話が続いています。\n\n## 伝え方の例\n\n> 「この通話は録音しております。」\n"
        let en = "---\ntitle: Secret steps to announce recording\nsummary: How staff announce recording.\naudience: staff\n---\n## The situation\n\nThe call goes on.\n\n## What you can say\n\n> \"This call is being recorded.\"\n"
        let site = try PrivacySite(["examples/time-binding/recording.ja.md": ja, "examples/time-binding/recording.en.md": en])
        defer { site.remove() }
        let built = site.render(.public)
        let files = try #require(built.site, "\(built.report.diagnostics.filter { $0.severity == .error })")
        let mentions = files.filter { path, data in
            let text = String(decoding: data, as: UTF8.self)
            return path.contains("recording") || text.contains("recording/") || text.contains("秘密手順") || text.contains("Secret steps")
        }.keys.sorted()
        #expect(mentions.isEmpty, "\(mentions)")
        let linked = try PrivacySite(["examples/time-binding/recording.ja.md": ja, "examples/time-binding/recording.en.md": en,
                                      "pages/faq.ja.md": Self.faq("[手順](../examples/time-binding/recording.md)")])
        defer { linked.remove() }
        #expect(linked.render(.public).site == nil, "a public link to a staff-only example was built")
    }

    @Test("a poster's QR code that leads to a staff page, in any spelling, is an error", arguments: ["pages/recording", " pages/recording ", "pages/recording/", "Pages/Recording"])
    func posterQRToStaffPage(target: String) throws {
        let poster = { (language: String, title: String) in
            Self.poster(title: title, item: "大声で怒鳴る").replacingOccurrences(of: "qr: notice", with: "qr: \"\(target)\"")
        }
        let site = try PrivacySite(["pages/recording.ja.md": Self.staffPage, "pages/recording.en.md": Self.staffPageEnglish,
                                    "posters/card.ja.md": poster("ja", "ご協力のお願い"), "posters/card.en.md": poster("en", "Please help us")])
        defer { site.remove() }
        let built = site.render(.public)
        #expect(built.site == nil, "\(target)")
        #expect(built.report.diagnostics.contains { $0.rule == "poster.qr" }, "\(target): \(built.report.diagnostics.filter { $0.severity == .error })")
    }

    @Test("a link to a staff page from a poster's list is an error, or the poster does not carry it")
    func posterLinkToStaffPage() throws {
        let site = try PrivacySite(["pages/recording.ja.md": Self.staffPage, "pages/recording.en.md": Self.staffPageEnglish,
                                    "posters/card.ja.md": Self.poster(title: "ご協力のお願い", item: "[録音の手順](/pages/recording.md)"),
                                    "posters/card.en.md": Self.poster(title: "Please help us", item: "Shouting")])
        defer { site.remove() }
        let built = site.render(.public)
        if let files = built.site {
            let mentions = files.filter { String(decoding: $0.value, as: UTF8.self).contains("recording") }.keys.sorted()
            #expect(mentions.isEmpty, "\(mentions)")
        } else {
            #expect(built.report.diagnostics.contains { $0.severity == .error })
        }
    }

    @Test("a staff-only poster is in no public file: not among the posters, not on the posters page")
    func staffPosterNowhere() throws {
        let staffPoster = { (title: String) in Self.poster(title: title, item: "大声で怒鳴る").replacingOccurrences(of: "qr: notice", with: "qr: notice\naudience: staff") }
        let site = try PrivacySite(["posters/inside.ja.md": staffPoster("職員用の掲示秘密"), "posters/inside.en.md": staffPoster("Staff room secret notice")])
        defer { site.remove() }
        let built = site.render(.public)
        let files = try #require(built.site, "\(built.report.diagnostics.filter { $0.severity == .error })")
        let mentions = files.filter { path, data in
            let text = String(decoding: data, as: UTF8.self)
            return path.contains("inside") || text.contains("posters/inside.") || text.contains("職員用の掲示秘密") || text.contains("Staff room secret")
        }.keys.sorted()
        #expect(mentions.isEmpty, "\(mentions)")
        let staff = try #require(site.render(.staff).site)
        #expect(staff.keys.contains { $0.hasPrefix("posters/inside.") })
    }

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52])

    @Test("a picture only a staff block uses, named by a public page through a full address with a query, is published with the page or the link is an error",
          arguments: ["![図](https://www.town-fixture.test/policy/images/safe-room.png?v=2)",
                      "[図][p]\n\n[p]: https://www.town-fixture.test/policy/images/safe-room.png#top",
                      "![図](/images/safe-room.png?v=2)",
                      "![図](/images/Safe-Room.PNG)"])
    func staffPictureFromPublicPage(body: String) throws {
        let notice = Self.notice(staff: Self.secret + "\n\n![避難室の場所](/images/safe-room.png)")
        let site = try PrivacySite(["notice.ja.md": notice, "pages/faq.ja.md": Self.faq(body)], images: [:])
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Self.png.write(to: site.content.appendingPathComponent("images/safe-room.png"))
        let built = site.render(.public)
        let errors = built.report.diagnostics.filter { $0.severity == .error }
        if let files = built.site {
            // Built: then the public page's link must find the picture in the public site.
            #expect(files["images/safe-room.png"] != nil, "\(body): the public page links to a picture the public site does not have")
        } else {
            #expect(!errors.isEmpty)
        }
    }

    // The fences.

    static func fenced(_ open: String, close: String = ":::") -> String {
        """
        ---
        title: お客様へのお願い
        summary: 町民の皆様へ、カスタマーハラスメントへの対応方針をお知らせします。
        updated: 2026-10-01
        ---
        町では、皆様からのご意見に誠実に対応します。

        詳しくは[対応ガイドライン](/guideline.md)をご覧ください。

        \(open)
        \(secret)
        \(close)

        """
    }

    static let fenceForms: [(String, String)] = [
        ("trailing spaces", fenced("::: staff   ")),
        ("a trailing tab", fenced("::: staff\t")),
        ("a tab after the colons", fenced(":::\tstaff")),
        ("no space", fenced(":::staff")),
        ("capitalised", fenced("::: Staff")),
        ("upper case", fenced("::: STAFF")),
        ("four colons", fenced(":::: staff", close: "::::")),
        ("a closing fence with trailing spaces", fenced("::: staff", close: ":::   ")),
        ("unclosed at the end of the file", fenced("::: staff", close: "")),
        ("a note inside the staff block", fenced("::: staff\n::: note\n注意。\n:::", close: ":::")),
        ("inside a note", fenced("::: note\n::: staff", close: ":::\n:::")),
        ("inside a block quote", fenced("> ::: staff\n>", close: "> :::").replacingOccurrences(of: "\n" + secret, with: "\n> " + secret)),
        ("indented by four spaces", fenced("    ::: staff", close: "    :::")),
        ("an ideographic space", fenced(":::　staff")),
        ("full-width letters", fenced("::: ｓｔａｆｆ")),
        ("a colon variant (U+FE55)", fenced("﹕﹕﹕ staff", close: "﹕﹕﹕")),
        ("a colon variant (U+2236)", fenced("∶∶∶ staff", close: "∶∶∶")),
        ("with an attribute", fenced("::: staff {.important}")),
        ("staff-only", fenced("::: staff-only")),
    ]

    @Test("a staff fence written in other shapes is an error or keeps its text private", arguments: fenceForms)
    func fenceForm(form: String, notice: String) throws {
        let site = try PrivacySite(["notice.ja.md": notice])
        defer { site.remove() }
        let result = Self.outcome(site, secret: Self.secret)
        let fenceRules = result.hasPrefix("refused: ") && result.dropFirst("refused: ".count).split(separator: ",").allSatisfy {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("markdown.container")
        }
        #expect(result == "private" || fenceRules, "\(form): \(result)")
    }

    @Test("a page with CRLF line ends, a byte order mark, or both keeps its staff block private", arguments: [
        ("CRLF", false, true), ("BOM", true, false), ("BOM and CRLF", true, true),
    ])
    func lineEnds(form: String, bom: Bool, crlf: Bool) throws {
        var text = Self.notice()
        if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if bom { text = "\u{FEFF}" + text }
        let site = try PrivacySite(["notice.ja.md": text])
        defer { site.remove() }
        let result = Self.outcome(site, secret: Self.secret)
        #expect(result == "private", "\(form): \(result)")
    }

    // False positives: public content that legitimately repeats what the site's settings say.

    static let settingsRepeated: [(String, String, String)] = [
        ("the site description", "フィクスチャ町のカスタマーハラスメントに関する基本方針です。", "フィクスチャ町のカスタマーハラスメントに関する基本方針です。"),
        ("a category summary", "長時間にわたって職員を拘束する行為です。", "長時間にわたって職員を拘束する行為です。"),
        ("the site title", "フィクスチャ町 カスタマーハラスメント対策", "フィクスチャ町 カスタマーハラスメント対策について"),
    ]

    @Test("a staff block and a public page that share a stock phrase of correspondence both build", arguments: [
        "よろしくお願いいたします。", "ご理解とご協力をお願いいたします。", "何卒よろしくお願い申し上げます。", "Thank you for your understanding and cooperation.",
        "ご不明な点がございましたら、お気軽にお問い合わせください。", "ご迷惑をおかけして申し訳ございません。",
        "We are sorry for the inconvenience this may cause.", "Please do not hesitate to contact us if you have any questions.",
    ])
    func stockPhrases(phrase: String) throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(staff: Self.secret + "\n" + phrase), "pages/faq.ja.md": Self.faq("いいえ。" + phrase)])
        defer { site.remove() }
        #expect(Self.outcome(site, secret: Self.secret) == "private")
    }

    @Test("a staff sentence that ends with a stock phrase but says something of its own is still refused", arguments: [
        "録音データは内線2100の総務課が管理しますので、よろしくお願いいたします。",
        "録音データは総務課が管理しますので、ご理解とご協力をお願いいたします。",
        "Thank you for your understanding: recordings are kept by General Affairs for a year.",
    ])
    func factBeforeStockPhrase(sentence: String) throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(staff: sentence), "pages/faq.ja.md": Self.faq("いいえ。" + sentence)])
        defer { site.remove() }
        #expect(Self.outcome(site, secret: sentence) == "refused: audience.leak")
    }

    @Test("a staff heading or a link that names a public page by its title builds", arguments: [
        "## 暴言が続く場合は、通話を録音していることを相手に伝えます\n\n当番の管理職に引き継ぎます。",
        "- [暴言が続く場合は、通話を録音していることを相手に伝えます](/pages/faq.md)\n\n当番の管理職に引き継ぎます。",
    ])
    func publicTitleAsStaffLabel(staff: String) throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(staff: staff), "pages/faq.ja.md": Self.faq(title: "暴言が続く場合は、通話を録音していることを相手に伝えます", "いいえ。")])
        defer { site.remove() }
        let built = site.render(.public)
        #expect(built.site != nil, "\(built.report.diagnostics.filter { $0.severity == .error })")
    }

    @Test("a staff block that repeats a label the site publishes anyway builds", arguments: settingsRepeated)
    func settingsInStaffBlock(form: String, staff: String, publicText: String) throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice(staff: staff + "\n\n" + Self.secret), "pages/faq.ja.md": Self.faq(publicText)])
        defer { site.remove() }
        let built = site.render(.public)
        #expect(built.site != nil, "\(form): \(built.report.diagnostics.filter { $0.severity == .error })")
    }
}

// MARK: - The preview

@Suite("Trust battery: the preview", .serialized)
struct PreviewTrustBatteryTests {
    /// Sends `request` on a new connection; the answer, or nil when the connection closed without one.
    static func answer(_ request: String, port: UInt16) throws -> HTTPProbe.Response? {
        let descriptor = try HTTPProbe.connect(port: port)
        defer { Glibc.close(descriptor) }
        try? HTTPProbe.send(request, to: descriptor)
        let raw = HTTPProbe.receiveAll(from: descriptor)
        return raw.isEmpty ? nil : try HTTPProbe.parse(raw)
    }

    @Test("with --audience staff, no staff page is answered to a Host that is not the preview's, in any form")
    func foreignHostForms() async throws {
        try await InProcessPreview.run(audience: .staff) { preview in
            let port = preview.port
            let hosts = [
                "rebinding.test.:\(port)", "127.0.0.1.nip.io:\(port)", "localhost.rebinding.test:\(port)",
                "user@127.0.0.1:\(port)", "127.0.0.1:\(port)@rebinding.test", "rebinding.test:\(port)@127.0.0.1",
                "127.0.0.1:\(port + 1)", "127.0.0.1", "127.0.0.1:0\(port)", "127.0.0.1:+\(port)", "127.0.0.1: \(port)",
                "127.0.0.1:\(port), rebinding.test", "127.0.0.1:\(port) rebinding.test", "rebinding.test:\(port)\t",
                "[::1]:\(port)x", "[::ffff:rebinding.test]:\(port)", "LOCALHOST.:\(port).", "%6cocalhost:\(port)",
                "localhost:\(port)/rebinding.test", "localhost\\@rebinding.test:\(port)", "",
            ]
            for host in hosts {
                let request = "GET /ja/ HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
                let response = try await offPool { try Self.answer(request, port: port) }
                #expect(response?.status != 200, "Host: \(host) was answered with a staff page")
            }
        }
    }

    @Test("an absolute-form target naming another host, or with the preview's own, never gives a staff page to that other host")
    func absoluteForm() async throws {
        try await InProcessPreview.run(audience: .staff) { preview in
            let port = preview.port
            for target in ["http://rebinding.test/ja/", "http://rebinding.test:\(port)/ja/", "HTTP://rebinding.test/ja/"] {
                for host in ["127.0.0.1:\(port)", "rebinding.test:\(port)"] {
                    let request = "GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
                    let response = try await offPool { try Self.answer(request, port: port) }
                    #expect(response?.status != 200, "\(target) with Host \(host)")
                }
            }
        }
    }

    @Test("every method and path spelling for a staff page with a foreign Host is refused", arguments: ["GET", "HEAD", "POST", "OPTIONS", "PUT"])
    func foreignHostAnyPath(method: String) async throws {
        try await InProcessPreview.run(audience: .staff) { preview in
            let port = preview.port
            for path in ["/ja/", "/ja/index.html", "/ja//", "/ja/./", "/%6Aa/", "/ja/faq/index.html", "/ja/faq", "/sitemap.xml", "/ja/?x=1", "*"] {
                let request = "\(method) \(path) HTTP/1.1\r\nHost: rebinding.test:\(port)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                let response = try await offPool { try Self.answer(request, port: port) }
                #expect(response?.status != 200, "\(method) \(path)")
                #expect(response?.body.contains("<html") != true, "\(method) \(path): \(response?.body.prefix(80) ?? "")")
            }
        }
    }

    @Test("smuggling shapes, folded headers and NUL bytes are refused or answered once, and the preview keeps answering")
    func malformedHeads() async throws {
        try await InProcessPreview.run(audience: .staff) { preview in
            let port = preview.port
            let host = "Host: 127.0.0.1:\(port)\r\n"
            let smuggled = "GET /ja/faq/ HTTP/1.1\r\nHost: rebinding.test:\(port)\r\n\r\n"
            let heads = [
                "GET /ja/ HTTP/1.1\r\n\(host)Content-Length: \(smuggled.utf8.count)\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Content-Length: 0\r\nContent-Length: \(smuggled.utf8.count)\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Content-Length: 0, \(smuggled.utf8.count)\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Transfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\nHost: rebinding.test:\(port)\r\n 127.0.0.1:\(port)\r\n\r\n",
                "GET /ja/ HTTP/1.1\r\n\(host)X-A: b\r\n\tc\r\n\r\n",
                "GET /ja/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\0rebinding.test\r\n\r\n",
                "GET /ja/\0 HTTP/1.1\r\n\(host)\r\n",
                "GET /ja/ HTTP/1.1\r\n\(host)X\0: y\r\n\r\n",
                "GET /ja/ HTTP/1.1\n\(host.replacingOccurrences(of: "\r\n", with: "\n"))\n" + smuggled,
                "GET /ja/ HTTP/1.1\r\nHost : rebinding.test:\(port)\r\n\(host)\r\n",
                "GET /ja/ HTTP/1.1\r\n\(host)\r\n\r\n\r\n" + smuggled,
                "GET  /ja/ HTTP/1.1\r\n\(host)\r\n",
                "GET /ja/ HTTP/1.1 \r\n\(host)\r\n",
                "\u{FEFF}GET /ja/ HTTP/1.1\r\n\(host)\r\n",
                "GET /ja/ HTTP/1.1\r\n\(host)\r",
            ]
            for head in heads {
                let (text, elapsed) = try await offPool {
                    let descriptor = try HTTPProbe.connect(port: port)
                    defer { Glibc.close(descriptor) }
                    let started = ContinuousClock.now
                    try? HTTPProbe.send(head, to: descriptor)
                    shutdown(descriptor, Int32(SHUT_WR))
                    return (String(decoding: HTTPProbe.receiveAll(from: descriptor), as: UTF8.self), started.duration(to: .now))
                }
                let shown = head.debugDescription.prefix(120)
                // The smuggled request for the FAQ, with its foreign Host, must never be answered as a page.
                #expect(text.components(separatedBy: "HTTP/1.1 200").count <= 2, "\(shown)")
                #expect(elapsed < .seconds(5), "\(shown) took \(elapsed)")
                #expect(try await offPool { try HTTPProbe.get("/ja/", port: port) }.status == 200, "\(shown): the preview stopped answering")
            }
        }
    }

    @Test("a HEAD answer on a kept connection carries no body, so the next answer reads cleanly")
    func headThenGet() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let text = try await offPool {
                let descriptor = try HTTPProbe.connect(port: port)
                defer { Glibc.close(descriptor) }
                let host = "Host: 127.0.0.1:\(port)\r\n"
                try HTTPProbe.send("HEAD /no-such-page/ HTTP/1.1\r\n\(host)\r\nHEAD /ja/ HTTP/1.1\r\n\(host)\r\nGET /sitemap.xml HTTP/1.1\r\n\(host)Connection: close\r\n\r\n", to: descriptor)
                return String(decoding: HTTPProbe.receiveAll(from: descriptor), as: UTF8.self)
            }
            let answers = text.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(answers.map { String($0.prefix(3)) } == ["404", "200", "200"], "\(text.prefix(600))")
            #expect(answers.dropLast().allSatisfy { $0.hasSuffix("\r\n\r\n") }, "a HEAD answer carried a body")
        }
    }

    @Test("HEAD of the reload stream, and the stream asked for over HTTP/1.0, are answered and closed in bounded time or kept as a stream without blocking others")
    func headOfEvents() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            for request in ["HEAD /__harigami/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n",
                            "GET /__harigami/events HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n"] {
                let (head, answered) = try await offPool {
                    let descriptor = try HTTPProbe.connect(port: port)
                    defer { Glibc.close(descriptor) }
                    try HTTPProbe.send(request, to: descriptor)
                    var raw = Data()
                    let deadline = ContinuousClock.now + .seconds(2)
                    while ContinuousClock.now < deadline, raw.firstRange(of: Data("\r\n\r\n".utf8)) == nil, let more = HTTPProbe.receiveSome(from: descriptor) {
                        raw.append(more)
                    }
                    return (String(decoding: raw, as: UTF8.self), try HTTPProbe.get("/ja/", port: port).status)
                }
                #expect(head.hasPrefix("HTTP/1."), "\(request.debugDescription): \(head)")
                #expect(answered == 200)
            }
        }
    }

    @Test("a request line exactly at the limit is answered (404), one byte more gets 414, live")
    func requestLineAtLimit() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let target = "/" + String(repeating: "a", count: RequestHeadReader.requestLineLimit - "GET / HTTP/1.1\r".utf8.count)
            for (path, expected) in [(target, 404), (target + "a", 414)] {
                let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
                let response = try await offPool { try Self.answer(request, port: port) }
                #expect(response?.status == expected, "\(path.utf8.count)")
            }
        }
    }

    @Test("thousands of small headers within the limit are read in bounded time; more than the limit get 431")
    func manySmallHeaders() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            for (count, expected) in [(4_000, 200), (12_000, 431)] {
                let request = "GET /sitemap.xml HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + String(repeating: "A: b\r\n", count: count) + "Connection: close\r\n\r\n"
                let (response, elapsed) = try await offPool {
                    let started = ContinuousClock.now
                    let response = try Self.answer(request, port: port)
                    return (response, started.duration(to: .now))
                }
                #expect(response?.status == expected, "\(count) headers")
                #expect(elapsed < .seconds(2), "\(count) headers took \(elapsed)")
            }
        }
    }

    @Test("traversal spellings answered live never give a file outside the build", arguments: [
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/%252e%252e/etc/passwd", "/..%5c..%5c..%5cetc%5cpasswd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%e0%80%ae%e0%80%ae/etc/passwd", "/.%2e/.%2e/.%2e/etc/passwd",
        "/ja/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2fetc%2fpasswd", "/ja/..;/..;/etc/passwd", "/ja/%u002e%u002e/etc/passwd",
        "/%ef%bc%8e%ef%bc%8e/%ef%bc%8e%ef%bc%8e/etc/passwd", "/ja/faq/%00", "/../../../../../../../../etc/passwd?x=/ja/",
    ])
    func liveTraversal(path: String) async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let response = try await offPool { try Self.answer("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port) }
            #expect(response?.status != 200, "\(path)")
            #expect(response?.body.contains("root:") != true)
        }
    }

    @Test("a hundred open reload streams and a client sending a declared body slowly do not stop others from being answered")
    func manyStreamsAndSlowBody() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let (answered, slowest) = try await offPool {
                var held: [Int32] = []
                defer { for descriptor in held { Glibc.close(descriptor) } }
                for _ in 0..<100 {
                    let descriptor = try HTTPProbe.connect(port: port)
                    held.append(descriptor)
                    try HTTPProbe.send("GET /__harigami/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n", to: descriptor)
                }
                let body = try HTTPProbe.connect(port: port)
                held.append(body)
                try HTTPProbe.send("POST /ja/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\nab", to: body)
                var answered = 0
                var slowest = Duration.zero
                for _ in 0..<10 {
                    let started = ContinuousClock.now
                    if try HTTPProbe.get("/ja/faq/", port: port).status == 200 { answered += 1 }
                    slowest = max(slowest, started.duration(to: .now))
                    try? HTTPProbe.send("x", to: body)
                }
                return (answered, slowest)
            }
            #expect(answered == 10)
            #expect(slowest < .seconds(1), "the slowest answer took \(slowest)")
        }
    }

    @Test("two hundred slow clients holding connections open do not stop others from being answered promptly")
    func manySlowClients() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let (answered, slowest) = try await offPool {
                var slow: [Int32] = []
                defer { for descriptor in slow { Glibc.close(descriptor) } }
                for index in 0..<200 {
                    guard let descriptor = try? HTTPProbe.connect(port: port) else { break }
                    slow.append(descriptor)
                    try? HTTPProbe.send(index % 2 == 0 ? "GET /ja/ HTTP/1.1\r\nHost: 127.0" : "G", to: descriptor)
                }
                var answered = 0
                var slowest = Duration.zero
                for _ in 0..<10 {
                    let started = ContinuousClock.now
                    if try HTTPProbe.get("/en/", port: port).status == 200 { answered += 1 }
                    slowest = max(slowest, started.duration(to: .now))
                }
                return (answered, slowest)
            }
            #expect(answered == 10)
            #expect(slowest < .seconds(1), "the slowest answer took \(slowest)")
        }
    }
}
