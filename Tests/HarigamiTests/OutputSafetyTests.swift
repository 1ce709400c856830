// Harigami deletes and overwrites only what it wrote: links, overlapping folders, folders that are not its own,
// leftovers of killed builds, simultaneous builds, a full disk and a kill at any instant.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiWrite

@Suite("Output safety", .serialized)
struct OutputSafetyTests {
    static func files(_ pairs: [String: String]) -> [String: Data] { pairs.mapValues { Data($0.utf8) } }

    /// A work folder with a copy of the minimal fixture in Content/.
    struct Workspace {
        let root: URL
        var content: URL { root.appendingPathComponent("Content") }
        var output: URL { root.appendingPathComponent("Output") }

        init(content source: URL = TestSupport.fixture("minimal")) throws {
            root = try TestSupport.temporaryFolder()
            try TestSupport.copy(source, to: content)
        }

        /// `harigami build` in-process, writing to disk as the command does.
        func build(output: String? = nil, content: String? = nil, templates: String? = nil, audience: Audience = .public,
                   in directory: URL? = nil) throws -> TestSupport.Run {
            let options = options(output: output, content: content, templates: templates, audience: audience)
            if let directory { return TestSupport.build(options, in: directory) }
            let (run, _) = TestSupport.build(options)
            return TestSupport.Run(status: run.status.rawValue, stdout: run.standardOutput, stderr: run.standardError)
        }

        /// The options `--content`, `--output` and `--templates` in `arguments` give, with the shipped templates unless named.
        func options(arguments: [String]) -> BuildOptions {
            var options = BuildOptions(templates: TestSupport.templates.path)
            for (name, value) in zip(arguments, arguments.dropFirst()) {
                switch name {
                case "--content": options.contentDirectory = value
                case "--output": options.outputDirectory = value
                case "--templates": options.templatesDirectory = value
                default: continue
                }
            }
            return options
        }

        func options(output: String? = nil, content: String? = nil, templates: String? = nil, audience: Audience = .public) -> BuildOptions {
            var options = BuildOptions()
            options.contentDirectory = content ?? self.content.path
            options.templatesDirectory = templates ?? TestSupport.templates.path
            options.outputDirectory = output ?? self.output.path
            options.audience = audience
            return options
        }

        /// Every name under the work folder, hidden ones and links included, with the bytes of every file.
        func everything() throws -> [String: Data] {
            var result: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: root.path)
            while let name = enumerator?.nextObject() as? String {
                let path = root.path + "/" + name
                switch try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType {
                case .typeSymbolicLink?: result[name] = Data("link to \(try FileManager.default.destinationOfSymbolicLink(atPath: path))".utf8)
                case .typeDirectory?: result[name] = Data()
                default: result[name] = try Data(contentsOf: URL(fileURLWithPath: path))
                }
            }
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// A web root with files that are not the site's.
    static func webRoot(in root: URL) throws -> URL {
        let web = root.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: web.appendingPathComponent("uploads"), withIntermediateDirectories: true)
        try Data("the organisation's own page".utf8).write(to: web.appendingPathComponent("other.html"))
        try Data("a member's upload".utf8).write(to: web.appendingPathComponent("uploads/report.pdf"))
        try Data("old".utf8).write(to: web.appendingPathComponent("index.html"))
        return web
    }

    static func refusal(_ options: BuildOptions) -> String? {
        do {
            _ = try Builder.build(options)
            return nil
        } catch {
            guard case .refused(let message) = error else { return "not refused: \(error)" }
            return message
        }
    }

    // MARK: - Links

    @Test("Output/site as a link to a web root is refused (exit 2, saying where it points and what to do), and the web root survives two builds")
    func linkedSiteRefused() throws {
        let work = try Workspace()
        defer { work.remove() }
        let web = try Self.webRoot(in: work.root)
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/site", withDestinationPath: web.path)
        let before = try TestSupport.snapshot(web)
        for _ in 1...2 {
            let run = try work.build()
            #expect(run.status == 2)
            #expect(run.stderr.contains("\(work.output.path)/site: this is a symbolic link to \(web.path)"), "\(run.stderr)")
            #expect(run.stderr.contains("rsync -a \(work.output.path)/site/ \(web.path)/"))
            #expect(run.stderr.contains("nothing was written"))
            #expect(try TestSupport.snapshot(web) == before)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: work.output.path + "/site") == web.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.output.path) == ["site"])
    }

    @Test("a linked Output/site and a file in its place are refusals, not failures to write")
    func refusalsAreTyped() throws {
        let work = try Workspace()
        defer { work.remove() }
        let web = try Self.webRoot(in: work.root)
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/site", withDestinationPath: web.path)
        #expect(Self.refusal(work.options())?.contains("this is a symbolic link to \(web.path)") == true)
        try FileManager.default.removeItem(atPath: work.output.path + "/site")
        try Data("notes".utf8).write(to: work.output.appendingPathComponent("site"))
        #expect(Self.refusal(work.options())?.contains("this is a file, not a folder Harigami wrote") == true)
    }

    @Test("Output/staff as a link is refused like Output/site")
    func linkedStaffRefused() throws {
        let work = try Workspace()
        defer { work.remove() }
        let web = try Self.webRoot(in: work.root)
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/staff", withDestinationPath: web.path)
        let before = try TestSupport.snapshot(web)
        var options = work.options()
        options.audience = .staff
        #expect(throws: BuildError.self) { try Builder.build(options) }
        #expect(try TestSupport.snapshot(web) == before)
    }

    @Test("an output folder reached through a link is written through: the build lands in the folder the link leads to")
    func linkedOutputWrittenThrough() throws {
        let work = try Workspace()
        defer { work.remove() }
        let real = work.root.appendingPathComponent("real-output")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: real.appendingPathComponent("notes.txt"))
        try FileManager.default.createSymbolicLink(at: work.output, withDestinationURL: real)
        #expect(try Builder.build(work.options()).wrote)
        #expect(try Builder.build(work.options()).written?.replaced == true)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: work.output.path) == real.path)
        #expect(FileManager.default.fileExists(atPath: real.appendingPathComponent("site/index.html").path))
        #expect(try String(contentsOf: real.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
    }

    @Test("Output/posters that is a link Harigami did not make is left alone, with a warning")
    func foreignPostersLinkLeft() throws {
        let work = try Workspace()
        defer { work.remove() }
        let web = try Self.webRoot(in: work.root)
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work.output.path + "/posters", withDestinationPath: web.path)
        let before = try TestSupport.snapshot(web)
        let run = try work.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: \(work.output.path)/posters is a link to \(web.path), which Harigami did not make: left as it is"))
        #expect(try TestSupport.snapshot(web) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: work.output.path + "/posters") == web.path)
    }

    // MARK: - Overlapping folders

    @Test("--output Content (a typo) is refused with exit 2 before anything is made, naming both folders")
    func outputIsContent() throws {
        let work = try Workspace()
        defer { work.remove() }
        let before = try work.everything()
        let run = try work.build(output: work.content.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: the output folder \(work.content.path) is the content folder \(work.content.path): "), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"))
        #expect(try work.everything() == before)
    }

    @Test("a content folder named site, built with --output ., is refused: the content is inside the output folder")
    func contentInsideOutput() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.moveItem(at: work.content, to: work.root.appendingPathComponent("site"))
        let before = try work.everything()
        let run = try work.build(output: ".", content: "site", in: work.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: the content folder site is inside the output folder .: "), "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("an output inside the content, the templates as or around the output, and an output linked to the content are refused before anything is made",
          arguments: ["Content/Out", "Content/Out/../Other/x", "Templates", "Templates/Out", "LinkToContent", "LinkToContent/Out", "Other"])
    func overlapsRefused(_ case: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        // With --output Other, the templates are in Other/Templates: inside the output folder.
        let templates = work.root.appendingPathComponent(`case` == "Other" ? "Other/Templates" : "Templates")
        try TestSupport.copy(TestSupport.templates, to: templates)
        try FileManager.default.createSymbolicLink(at: work.root.appendingPathComponent("LinkToContent"), withDestinationURL: work.content)
        let options = work.options(output: work.root.path + "/" + `case`, templates: templates.path)
        let before = try work.everything()
        let message = try #require(Self.refusal(options))
        #expect(message.contains("the output folder \(options.outputDirectory)"), "\(message)")
        #expect(message.contains(`case`.hasPrefix("Templates") || `case` == "Other" ? "the templates folder \(templates.path)" : "the content folder \(work.content.path)"), "\(message)")
        #expect(message.hasSuffix("; nothing was written"))
        if `case`.hasPrefix("LinkToContent") { #expect(message.contains("(\(OutputFolders.resolved(work.content.path))")) }
        #expect(try work.everything() == before)
    }

    // MARK: - Folders that are not Harigami's

    @Test("a folder at Output/site that Harigami did not write is refused (exit 2) and kept as it is")
    func foreignFolderRefused() throws {
        let work = try Workspace()
        defer { work.remove() }
        let site = work.output.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("mine".utf8).write(to: site.appendingPathComponent("photos/a.jpg"))
        let before = try work.everything()
        let run = try work.build()
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(site.path): this folder was not written by Harigami (it holds photos, which a build does not write)"), "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("an empty folder, and a folder shaped like an earlier version's output, are replaced")
    func emptyAndEarlierReplaced() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        #expect(try OutputWriter.publish(Self.files(["index.html": "1"]), as: "site", in: root.path).replaced)
        try FileManager.default.removeItem(at: root.appendingPathComponent(OutputRecord.fileName))
        try FileManager.default.createDirectory(at: site.appendingPathComponent("ja"), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: site.appendingPathComponent("ja/old.html"))
        let outcome = try OutputWriter.publish(Self.files(["index.html": "2", "ja/index.html": "2"]), as: "site", in: root.path)
        #expect(outcome.replaced)
        #expect(try TestSupport.snapshot(site) == Self.files(["index.html": "2", "ja/index.html": "2"]))
    }

    @Test("a folder the record lists is replaced even when it holds names this build does not write; another folder put in its place is not")
    func recordDecides() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        _ = try OutputWriter.publish(Self.files(["index.html": "1", "images/a.png": "a"]), as: "site", in: root.path)
        #expect(try OutputWriter.publish(Self.files(["index.html": "2"]), as: "site", in: root.path).replaced)
        try FileManager.default.moveItem(at: site, to: root.appendingPathComponent("moved"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent("images"), withIntermediateDirectories: true)
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter.publish(Self.files(["index.html": "3"]), as: "site", in: root.path)
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("images").path))
    }

    // MARK: - Output/posters

    @Test("Output/posters links to the staff build's posters until a public build exists, then to the site's")
    func postersLinkFollowsSite() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let link = root.path + "/posters"
        _ = try OutputWriter.publish(Self.files(["posters/a.ja.A4.html": "staff"]), as: "staff", in: root.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "staff/posters")
        let outcome = try OutputWriter.publish(Self.files(["posters/a.ja.A4.html": "public"]), as: "site", in: root.path)
        #expect(outcome.notes == ["\(link) now links to site/posters"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "site/posters")
        _ = try OutputWriter.publish(Self.files(["posters/a.ja.A4.html": "staff 2"]), as: "staff", in: root.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "site/posters")
        #expect(try String(contentsOfFile: link + "/a.ja.A4.html", encoding: .utf8) == "public")
    }

    @Test("an earlier version's Output/posters folder of posters becomes the link; one holding anything else is left, with a warning")
    func earlierPostersFolder() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let posters = root.appendingPathComponent("posters")
        try FileManager.default.createDirectory(at: posters, withIntermediateDirectories: true)
        for name in ["awareness.ja.A4.html", "awareness.ja-en.B4.html", "notice.en.A3.html"] {
            try Data("old".utf8).write(to: posters.appendingPathComponent(name))
        }
        let outcome = try OutputWriter.publish(Self.files(["posters/awareness.ja.A4.html": "new"]), as: "site", in: root.path)
        #expect(outcome.notes == ["\(posters.path), the folder of posters an earlier Harigami version wrote, was deleted and is now a link to site/posters"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: posters.path) == "site/posters")

        try FileManager.default.removeItem(at: posters)
        try FileManager.default.createDirectory(at: posters, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: posters.appendingPathComponent("awareness.ja.A4.html"))
        try Data("mine".utf8).write(to: posters.appendingPathComponent("print-list.txt"))
        let kept = try OutputWriter.publish(Self.files(["posters/awareness.ja.A4.html": "newer"]), as: "site", in: root.path)
        #expect(kept.warnings.count == 1)
        #expect(kept.warnings.first?.hasPrefix("\(posters.path) holds print-list.txt, which is not a poster Harigami wrote: the folder is left as it is") == true)
        #expect(try TestSupport.snapshot(posters) == Self.files(["awareness.ja.A4.html": "old", "print-list.txt": "mine"]))
    }

    @Test("an earlier version's output (the site, a posters folder, a spare copy, no record) is taken over; the posters folder becomes the link before the swap")
    func earlierVersionTakenOver() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["site/index.html", "site/posters/a.ja.A4.html", "posters/a.ja.A4.html"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("old".utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".site.previous"), withIntermediateDirectories: true)
        let new = Self.files(["index.html": "new", "posters/a.ja.A4.html": "new poster"])
        let outcome = try OutputWriter.publish(new, as: "site", in: root.path)
        #expect(outcome.replaced)
        #expect(outcome.notes == ["removed what interrupted or earlier builds left in \(root.path): .site.previous",
                                  "\(root.path)/posters, the folder of posters an earlier Harigami version wrote, was deleted and is now a link to site/posters"])
        #expect(try TestSupport.snapshot(root.appendingPathComponent("site")) == new)
        #expect(try String(contentsOfFile: root.path + "/posters/a.ja.A4.html", encoding: .utf8) == "new poster")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".harigami-output.json", "posters", "site"])
    }

    @Test("poster file names: NAME.LANG.SIZE.html and NAME.ja-en.SIZE.html, nothing else")
    func posterFileNames() {
        for name in ["awareness.ja.A4.html", "awareness.ja-en.B4.html", "call-recording.en.A3.html", "counter-rules.ja.A5.html"] {
            #expect(OutputWriter.isPosterFileName(name), "\(name)")
        }
        for name in ["index.html", ".ja.A4.html", "a.ja.A6.html", "a.ja.A4.htm", "a..A4.html", "a.ja_en.A4.html", "notes.txt", ".DS_Store"] {
            #expect(!OutputWriter.isPosterFileName(name), "\(name)")
        }
    }

    // MARK: - Leftovers and simultaneous builds

    @Test("what killed and earlier builds left is removed, a link among it without following it; other names are kept")
    func leftoversRemoved() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let web = try Self.webRoot(in: root)
        let webBefore = try TestSupport.snapshot(web)
        for name in [".site.new-123", ".site.old-4", ".posters.previous", ".staff.new-9", ".harigami-new-site", ".harigami-old-site"] {
            try FileManager.default.createDirectory(at: output.appendingPathComponent("\(name)/ja"), withIntermediateDirectories: true)
            try Data("stale".utf8).write(to: output.appendingPathComponent("\(name)/ja/index.html"))
        }
        try FileManager.default.createSymbolicLink(at: output.appendingPathComponent(".site.previous"), withDestinationURL: web)
        try FileManager.default.createDirectory(at: output.appendingPathComponent(".site.backup"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let outcome = try OutputWriter.publish(Self.files(["index.html": "1"]), as: "site", in: output.path)
        #expect(outcome.notes == ["removed what interrupted or earlier builds left in \(output.path): .harigami-new-site, .harigami-old-site, "
            + ".posters.previous, .site.new-123, .site.old-4, .site.previous, .staff.new-9"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [".harigami-output.json", ".site.backup", "notes.txt", "posters", "site"])
        #expect(try TestSupport.snapshot(web) == webBefore)
    }

    @Test("a second build of the same output folder says it waits, waits for the first, then replaces its output")
    func simultaneousBuildsWait() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createDirectory(at: work.output, withIntermediateDirectories: true)
        // This test holds the lock a running build holds.
        let lock = open(work.output.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(lock, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = ["build", "--content", work.content.path, "--templates", TestSupport.templates.path, "--output", work.output.path]
        let errors = work.root.appendingPathComponent("stderr.txt")
        #expect(FileManager.default.createFile(atPath: errors.path, contents: nil))
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !(try String(contentsOf: errors, encoding: .utf8)).contains("waiting"), Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(try String(contentsOf: errors, encoding: .utf8) == "build: another build is writing to \(work.output.path); waiting for it to finish\n")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(process.isRunning)
        #expect(!FileManager.default.fileExists(atPath: work.output.path + "/site"))
        close(lock)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: work.output.path + "/site/index.html"))
    }

    // MARK: - A full disk and a kill

    @Test("a write that fails while staging (a file-size limit: EFBIG) leaves the previous output exactly as it was and says so")
    func fullDiskKeepsPrevious() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let before = try work.everything()
        let faq = work.content.appendingPathComponent("pages/faq.en.md")
        try (String(contentsOf: faq, encoding: .utf8) + "\n" + String(repeating: "A longer answer. ", count: 400) + "\n").write(to: faq, atomically: true, encoding: .utf8)
        let changedContent = try work.everything()
        // The shell ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of ending the process.
        let limited = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), [
            "-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\"", TestSupport.binary.path,
            "build", "--content", work.content.path, "--templates", TestSupport.templates.path, "--output", work.output.path,
        ])
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("error: \(work.output.path)/site: cannot write the new output (cannot write \(work.output.path)/.harigami-new-site/"), "\(limited.stderr)")
        #expect(limited.stderr.contains(": File too large); "))
        #expect(limited.stderr.contains("the previous \(work.output.path)/site is unchanged; the partly written new output was deleted"))
        #expect(try work.everything() == changedContent)
        #expect(changedContent.filter { $0.key.hasPrefix("Output") } == before.filter { $0.key.hasPrefix("Output") })
    }

    @Test("a build killed at random moments, twenty times, leaves Output/site whole, the previous or the new build, and Output/posters resolving")
    func killedBuildsLeaveWholeOutput() throws {
        let work = try Workspace(content: TestSupport.shippedContent)
        defer { work.remove() }
        // A larger site: fifty more response examples, so that writing takes a while.
        let examples = work.content.appendingPathComponent("examples/violence")
        for number in 1...50 {
            for language in ["ja", "en"] {
                let text = try String(contentsOf: examples.appendingPathComponent("counter.\(language).md"), encoding: .utf8)
                try text.write(to: examples.appendingPathComponent("counter-\(number).\(language).md"), atomically: true, encoding: .utf8)
            }
        }
        let second = work.root.appendingPathComponent("Content-2")
        try TestSupport.copy(work.content, to: second)
        try FileManager.default.removeItem(at: second.appendingPathComponent("examples/violence/counter-50.ja.md"))
        try FileManager.default.removeItem(at: second.appendingPathComponent("examples/violence/counter-50.en.md"))
        // What each content builds to, built whole into folders of their own.
        var expected: [[String: Data]] = []
        var slowest = 0.0
        for (index, content) in [work.content, second].enumerated() {
            let started = Date()
            let output = work.root.appendingPathComponent("Expected-\(index)")
            #expect(try work.build(output: output.path, content: content.path).status == 0)
            slowest = max(slowest, Date().timeIntervalSince(started))
            expected.append(try TestSupport.snapshot(output.appendingPathComponent("site")))
        }
        #expect(expected[0] != expected[1])
        #expect(try work.build().status == 0)
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<20 {
            let process = Process()
            process.executableURL = TestSupport.binary
            process.arguments = ["build", "--content", (attempt % 2 == 0 ? second : work.content).path, "--templates", TestSupport.templates.path,
                                 "--output", work.output.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: slowest * 0.3...slowest * 1.1, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let site = try TestSupport.snapshot(work.output.appendingPathComponent("site"))
            #expect(site == expected[0] || site == expected[1], "after kill \(attempt): \(site.count) files, neither build")
            let posters = try TestSupport.snapshot(work.output.appendingPathComponent("posters").resolvingSymlinksInPath())
            let sitePosters = Dictionary(uniqueKeysWithValues: site.compactMap { path, data in
                path.hasPrefix("posters/") ? (String(path.dropFirst("posters/".count)), data) : nil
            })
            #expect(!posters.isEmpty && posters == sitePosters, "after kill \(attempt): Output/posters does not lead to the site's posters")
        }
        // The next build clears what the killed ones left.
        #expect(try work.build().status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.output.path).sorted() == [".harigami-output.json", "posters", "site"])
    }
}
