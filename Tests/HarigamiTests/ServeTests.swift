// The live preview: path resolution, page injection and reload events, then the real `harigami serve` over sockets.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiServe
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Preview: request paths, pages and events")
struct PreviewPartsTests {
    @Test("plain paths name files of the build; folders name their index.html")
    func plainPaths() {
        #expect(RequestPath.resolve("/") == .file("index.html"))
        #expect(RequestPath.resolve("/ja/") == .file("ja/index.html"))
        #expect(RequestPath.resolve("/ja/faq/") == .file("ja/faq/index.html"))
        #expect(RequestPath.resolve("/assets/style.css") == .file("assets/style.css"))
        #expect(RequestPath.resolve("/ja") == .file("ja"))
        #expect(RequestPath.resolve("/ja/%E3%81%8A%E7%9F%A5%E3%82%89%E3%81%9B/") == .file("ja/お知らせ/index.html"))
    }

    @Test("every way of stepping out of the build is refused", arguments: [
        "/../Package.swift", "/..", "/ja/../../etc/passwd", "/./index.html",
        "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/Package.swift", "/ja/..%2f..%2f..%2fetc/passwd",
        "/ja/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "//etc/passwd", "/ja//faq/", "/..\\..\\etc\\passwd",
        "/%5c..%5c..%5cetc/passwd", "/ja/%00.html", "/%zz", "etc/passwd", "http://127.0.0.1/etc/passwd", "",
    ])
    func traversal(path: String) {
        #expect(RequestPath.resolve(path) == .outside)
    }

    @Test("double encoding stays one literal name, never a step up")
    func doubleEncoding() {
        #expect(RequestPath.resolve("/%252e%252e/etc/passwd") == .file("%2e%2e/etc/passwd"))
    }

    @Test("text files say charset=utf-8; SVG, XML, CSS and HTML have their own types")
    func mediaTypes() {
        #expect(MediaType.of(path: "ja/index.html") == "text/html; charset=utf-8")
        #expect(MediaType.of(path: "assets/style.css") == "text/css; charset=utf-8")
        #expect(MediaType.of(path: "sitemap.xml") == "application/xml; charset=utf-8")
        #expect(MediaType.of(path: "robots.txt") == "text/plain; charset=utf-8")
        #expect(MediaType.of(path: "assets/mark.SVG") == "image/svg+xml")
        #expect(MediaType.of(path: "assets/README") == "application/octet-stream")
    }

    @Test("the reload script goes before the last </body>; the overlay only when there are errors")
    func injection() {
        let page = Data("<html><body><p>本文</p></body></html>".utf8)
        let clean = String(decoding: PageInjection.inject(into: page, buildID: "b-1", problems: []), as: UTF8.self)
        #expect(clean == "<html><body><p>本文</p><script src=\"/__harigami/reload.js\" data-build=\"b-1\" defer></script>\n</body></html>")
        let problem = Diagnostic.error(SourceLocation(path: "Content/pages/faq.en.md", line: 3, column: 10), "the key <title> & \"summary\" is wrong", rule: "load.yaml")
        let warning = Diagnostic.warning(SourceLocation(path: "Content/notice.en.md"), "stale translation", rule: "translation.stale")
        let broken = String(decoding: PageInjection.inject(into: page, buildID: "b-2", problems: [problem, warning]), as: UTF8.self)
        #expect(broken.contains("id=\"harigami-problems\""))
        #expect(broken.contains("The content has 1 error<"))
        #expect(broken.contains("<code style=\"font-weight:bold\">Content/pages/faq.en.md:3:10</code> the key &lt;title&gt; &amp; &quot;summary&quot; is wrong"))
        #expect(!broken.contains("<title>"))
        #expect(!broken.contains("stale translation"))
        #expect(broken.hasSuffix("defer></script>\n</body></html>"))
    }

    @Test("a page without </body> gets the script at its end")
    func injectionWithoutBody() {
        let text = String(decoding: PageInjection.inject(into: Data("<p>x".utf8), buildID: "b", problems: []), as: UTF8.self)
        #expect(text.hasPrefix("<p>x<script src=\"/__harigami/reload.js\""))
    }

    @Test("a new build names the changed files; a change of problems reloads every page; no change sends nothing")
    func reloadDecisions() {
        let start = PreviewSite(files: ["ja/index.html": Data("a".utf8), "assets/style.css": Data("c".utf8)], problems: [], buildID: "s-1")
        let edited = PreviewBuild(files: ["ja/index.html": Data("b".utf8), "assets/style.css": Data("c".utf8), "en/index.html": Data("e".utf8)],
                                  diagnostics: [], pagesPerLanguage: [:], duration: .zero)
        let (next, changed, event) = start.applying(edited, buildID: "s-2")
        #expect(event == .reload(build: "s-2", paths: ["en/index.html", "ja/index.html"], all: false))
        #expect(changed == ["en/index.html", "ja/index.html"])
        #expect(next.buildID == "s-2")
        let (same, unchanged, none) = next.applying(edited, buildID: "s-3")
        #expect(none == nil && unchanged.isEmpty)
        #expect(same.buildID == "s-2")
        let error = Diagnostic.error(SourceLocation(path: "Content/site.yml", line: 2, column: 1), "broken", rule: "load.yaml")
        let failed = PreviewBuild(files: nil, diagnostics: [error], pagesPerLanguage: [:], duration: .zero)
        let (showing, _, all) = next.applying(failed, buildID: "s-4")
        #expect(all == .reload(build: "s-4", paths: [], all: true))
        #expect(showing.files == next.files, "the last build that worked stays served")
        #expect(showing.problems == [error])
        // A file removed is a change too; files the build did not make again are the same buffers, compared at once.
        let removed = PreviewBuild(files: ["ja/index.html": next.files!["ja/index.html"]!], diagnostics: [], pagesPerLanguage: [:], duration: .zero)
        #expect(next.applying(removed, buildID: "s-5").changedPaths == ["assets/style.css", "en/index.html"])
        let page = Data(repeating: 0x61, count: 1000)
        #expect(PreviewSite.sameBytes(page, page) && PreviewSite.sameBytes(page, Data(repeating: 0x61, count: 1000)))
        #expect(!PreviewSite.sameBytes(page, Data(repeating: 0x62, count: 1000)))
    }

    @Test("events are one line of data each, with JSON strings escaped")
    func eventWireFormat() {
        let event = ReloadEvent.reload(build: "x-1", paths: ["ja/\"q\"\n.html"], all: false)
        #expect(String(decoding: event.wireFormat, as: UTF8.self) == "event: reload\ndata: {\"all\":false,\"build\":\"x-1\",\"paths\":[\"ja/\\\"q\\\"\\u000a.html\"]}\n\n")
    }

    @Test("the watcher calls back after a save, a new folder's file and a removal, by file events and by polling", arguments: [true, false])
    func watcherCallsBack(usesEvents: Bool) async throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("notice.ja.md")
        try "お知らせ".write(to: page, atomically: false, encoding: .utf8)
        let watcher = ChangeWatcher(folders: [folder.path], usesEvents: usesEvents)
        let calls = Counter()
        // On a queue of its own, as the preview's connections are: while the whole suite runs, other tests can hold
        // every shared thread for longer than the deadlines below.
        let task = Task(executorPreference: PreviewExecutor(label: "harigami.test.watcher")) {
            await watcher.watch(since: watcher.fingerprint()) { await calls.add() }
        }
        defer { task.cancel() }
        func expectCall(after edit: () throws -> Void) async throws {
            let before = await calls.value
            try edit()
            // Generous: while the whole suite runs, other tests keep both cores busy.
            let deadline = ContinuousClock.now + .seconds(10)
            while await calls.value == before, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(await calls.value == before + 1)
        }
        try await Task.sleep(for: .milliseconds(50))
        try await expectCall { try "お知らせです".write(to: page, atomically: false, encoding: .utf8) }
        try await expectCall {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
            try "FAQ".write(to: folder.appendingPathComponent("pages/faq.ja.md"), atomically: true, encoding: .utf8)
        }
        try await Task.sleep(for: .milliseconds(300))
        try await expectCall { try "FAQ です".write(to: folder.appendingPathComponent("pages/faq.ja.md"), atomically: false, encoding: .utf8) }
        try await expectCall { try FileManager.default.removeItem(at: page) }
        // A folder removed and made again is still watched.
        try await expectCall {
            try FileManager.default.removeItem(at: folder.appendingPathComponent("pages"))
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        }
        try await Task.sleep(for: .milliseconds(300))
        try await expectCall { try "FAQ".write(to: folder.appendingPathComponent("pages/faq.ja.md"), atomically: false, encoding: .utf8) }
        // An edit to the target of a linked file is an edit.
        let elsewhere = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let target = elsewhere.appendingPathComponent("site.yml")
        try "title: a\n".write(to: target, atomically: false, encoding: .utf8)
        try await expectCall { try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("site.yml"), withDestinationURL: target) }
        try await Task.sleep(for: .milliseconds(300))
        try await expectCall { try "title: b\n".write(to: target, atomically: false, encoding: .utf8) }
        // A hidden file (an editor's swap file) is not a change.
        let settled = await calls.value
        try "x".write(to: folder.appendingPathComponent(".faq.ja.md.swp"), atomically: false, encoding: .utf8)
        try await Task.sleep(for: .milliseconds(400))
        #expect(await calls.value == settled)
    }

    actor Counter {
        var value = 0
        func add() { value += 1 }
    }

    @Test("the watcher's fingerprint changes with an edit, a new file and a removal, not with hidden files")
    func fingerprint() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("notice.ja.md")
        try "お知らせ".write(to: page, atomically: false, encoding: .utf8)
        let watcher = ChangeWatcher(folders: [folder.path])
        let before = watcher.fingerprint()
        try "x".write(to: folder.appendingPathComponent(".notice.ja.md.swp"), atomically: false, encoding: .utf8)
        #expect(watcher.fingerprint() == before)
        try "お知らせです".write(to: page, atomically: false, encoding: .utf8)
        let edited = watcher.fingerprint()
        #expect(edited != before)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try "FAQ".write(to: folder.appendingPathComponent("pages/faq.ja.md"), atomically: false, encoding: .utf8)
        let added = watcher.fingerprint()
        #expect(added != edited)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("pages/faq.ja.md"))
        #expect(watcher.fingerprint() != added)
    }
}

@Suite("Preview: the running server", .serialized)
struct PreviewServerTests {
    @Test("pages in both languages, reload on edit within a second, the error overlay and its removal, 404 for traversal, content types, clean stop")
    func livePreview() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content"), templates = work.appendingPathComponent("Templates")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try TestSupport.copy(TestSupport.templates, to: templates)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>".write(to: templates.appendingPathComponent("assets/mark.svg"), atomically: true, encoding: .utf8)
        let preview = try RunningPreview(["serve", "--port", "0", "--content", content.path, "--templates", templates.path])
        defer { preview.kill() }
        let port = preview.port

        // Both languages, with the reload script in the served page only.
        for language in ["ja", "en"] {
            let page = try HTTPProbe.get("/\(language)/", port: port)
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.body.contains("<html lang=\"\(language)\">"))
            #expect(page.body.contains("<script src=\"/__harigami/reload.js\" data-build=\""))
            #expect(!page.body.contains("harigami-problems"))
        }
        #expect(try HTTPProbe.get("/ja/faq/", port: port).body.contains("<html lang=\"ja\">"))
        // Every file is served as `harigami build` writes it; pages gain only the reload script. Nothing is written.
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("Output").path), "the preview wrote Output/")
        let output = work.appendingPathComponent("Output")
        let build = try RunningPreview.runToEnd(["build", "--content", content.path, "--templates", templates.path, "--output", output.path], timeout: .seconds(60))
        #expect(build.status == .exited(0), "\(build.stderr)")
        let built = try TestSupport.snapshot(output.appendingPathComponent("site"))
        #expect(built.count > 10)
        for (path, bytes) in built {
            let served = try HTTPProbe.get("/" + path, port: port)
            let script = PageInjection.scriptTag(buildID: served.body.firstMatch(of: /data-build="([^"]+)"/).map { String($0.1) } ?? "")
            #expect(served.status == 200, "\(path)")
            #expect(served.body.replacingOccurrences(of: script, with: "") == String(decoding: bytes, as: UTF8.self), "\(path) is served otherwise than built")
        }

        // Content types.
        let types = [
            "/assets/style.css": "text/css; charset=utf-8", "/assets/mark.svg": "image/svg+xml",
            "/sitemap.xml": "application/xml; charset=utf-8",
            "/__harigami/reload.js": "text/javascript; charset=utf-8",
        ]
        for (path, type) in types {
            let response = try HTTPProbe.get(path, port: port)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
        }
        #expect(try HTTPProbe.get("/assets/style.css", port: port).body == String(contentsOf: templates.appendingPathComponent("assets/style.css"), encoding: .utf8))
        let redirect = try HTTPProbe.get("/en", port: port)
        #expect(redirect.status == 302 && redirect.headers["location"] == "/en/")

        // Nothing outside the build, however it is asked for.
        let attempts = [
            "/../Package.swift", "/%2e%2e/%2e%2e/etc/passwd", "/ja/..%2f..%2f..%2fetc/passwd", "//etc/passwd",
            "/ja/../../Package.swift", "/%2e%2e%2fPackage.swift", "/..%5c..%5cetc%5cpasswd", "/leak.txt", "/up/Package.swift",
            "/etc/passwd", "\(TestSupport.packageRoot.path)/Package.swift", "/__harigami/../Package.swift",
        ]
        for attempt in attempts {
            let response = try HTTPProbe.get(attempt, port: port)
            #expect(response.status == 404, "\(attempt) answered \(response.status)")
            #expect(!response.body.contains("root:x:0") && !response.body.contains("swift-tools-version"), "\(attempt) leaked a file")
        }

        // An edit reloads the open pages and shows the new text within a second.
        let events = try EventStreamProbe(port: port)
        defer { events.close() }
        #expect(events.wait(for: "event: build\ndata: ", timeout: .seconds(5)))
        let faq = content.appendingPathComponent("pages/faq.en.md")
        let original = try String(contentsOf: faq, encoding: .utf8)
        let started = ContinuousClock.now
        try original.replacingOccurrences(of: "title: Frequently asked questions", with: "title: Questions edited in the preview")
            .write(to: faq, atomically: true, encoding: .utf8)
        #expect(events.wait(for: "\"en/faq/index.html\"", timeout: .seconds(5)), "no reload event naming the page: \(events.text)")
        let edited = try HTTPProbe.get("/en/faq/", port: port)
        let elapsed = started.duration(to: .now)
        #expect(edited.body.contains("Questions edited in the preview"))
        #expect(elapsed < .seconds(1), "the edit took \(elapsed) to reach the page")

        // Broken front matter: every page shows the problem with file and line, over the last good build.
        try "---\ntitle: Frequently asked questions\nsummary: [unclosed\n---\nBody.\n".write(to: faq, atomically: true, encoding: .utf8)
        #expect(events.wait(for: "\"all\":true", timeout: .seconds(5)), "no reload event for the problem: \(events.text)")
        for path in ["/ja/", "/en/faq/"] {
            let page = try HTTPProbe.get(path, port: port)
            #expect(page.status == 200)
            #expect(page.body.contains("id=\"harigami-problems\""), "\(path)")
            #expect(page.body.contains("<code style=\"font-weight:bold\">\(faq.path):4:1</code>"), "\(path): \(page.body.suffix(1500))")
            #expect(page.body.contains("[load.yaml]"))
        }
        #expect(try HTTPProbe.get("/en/faq/", port: port).body.contains("Questions edited in the preview"), "the last good build is still served")

        // Fixed: the overlay goes, after one more reload event.
        let mark = events.text.count
        try original.write(to: faq, atomically: true, encoding: .utf8)
        #expect(events.wait(for: "\"all\":true", after: mark, timeout: .seconds(5)), "no reload event for the fix: \(events.text)")
        let fixed = try HTTPProbe.get("/en/faq/", port: port)
        #expect(!fixed.body.contains("harigami-problems"))
        #expect(fixed.body.contains("Frequently asked questions"))

        // Ctrl-C stops it with exit 0.
        let stop = preview.stop(signal: SIGINT)
        #expect(stop == .exited(0), "\(preview.errors)")
        #expect(preview.output.hasSuffix("stopped\n"))
    }

    @Test("content that cannot build yet still serves every page as the problem list, and SIGTERM stops it with exit 0")
    func brokenFromTheStart() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try "languages: [ja, en\n".write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let preview = try RunningPreview(["serve", "--port", "0", "--content", content.path, "--templates", TestSupport.templates.path])
        defer { preview.kill() }
        let page = try HTTPProbe.get("/ja/", port: preview.port)
        #expect(page.status == 500)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.body.contains("id=\"harigami-problems\""))
        #expect(page.body.contains("\(content.path)/site.yml:"))
        #expect(page.body.contains("<script src=\"/__harigami/reload.js\""))
        #expect(try HTTPProbe.get("/assets/style.css", port: preview.port).status == 404)
        #expect(preview.stop(signal: SIGTERM) == .exited(0), "\(preview.errors)")
    }

    @Test("out of file descriptors, the preview keeps its listener, says so once, and answers again once connections close")
    func descriptorsRunOut() throws {
        let preview = try RunningPreview(["serve", "--port", "0", "--content", TestSupport.fixture("minimal").path,
                                          "--templates", TestSupport.templates.path], descriptorLimit: 40)
        defer { preview.kill() }
        let port = preview.port
        #expect(try HTTPProbe.get("/ja/", port: port).status == 200)
        // Each connection the preview accepts takes one of its 40 descriptors; the system queues the rest.
        var held: [Int32] = []
        defer { for descriptor in held { Glibc.close(descriptor) } }
        for _ in 0..<80 { held.append(try HTTPProbe.connect(port: port)) }
        let deadline = ContinuousClock.now + .seconds(5)
        while !preview.errors.contains("warning: cannot accept connections"), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(preview.errors.contains("warning: cannot accept connections: too many open files"), "\(preview.errors)")
        for descriptor in held { Glibc.close(descriptor) }
        held = []
        var answer = 0
        let again = ContinuousClock.now + .seconds(5)
        while answer != 200, ContinuousClock.now < again {
            answer = (try? HTTPProbe.get("/ja/", port: port))?.status ?? 0
        }
        #expect(answer == 200, "the preview did not answer again: \(preview.errors)")
        #expect(preview.errors.components(separatedBy: "cannot accept connections").count == 2, "said once: \(preview.errors)")
        // The line may reach the pipe a moment after the answer.
        let said = ContinuousClock.now + .seconds(5)
        while !preview.output.contains("accepting connections again\n"), ContinuousClock.now < said { Thread.sleep(forTimeInterval: 0.02) }
        #expect(preview.output.contains("accepting connections again\n"))
        #expect(preview.stop(signal: SIGINT) == .exited(0), "\(preview.errors)")
    }

    @Test("a port in use is one clear line and exit 2")
    func portInUse() throws {
        let listener = try OccupiedPort()
        defer { listener.close() }
        let run = try RunningPreview.runToEnd(["serve", "--port", String(listener.port), "--content", TestSupport.fixture("minimal").path,
                                               "--templates", TestSupport.templates.path], timeout: .seconds(15))
        #expect(run.status == .exited(2))
        #expect(run.stderr == "error: port \(listener.port) on 127.0.0.1 is already in use (another preview may be running); stop it, or choose another port with --port\n")
    }

    @Test("a content folder that does not exist is one line naming it and --content, exit 2")
    func missingContent() throws {
        let missing = TestSupport.packageRoot.appendingPathComponent("no-such-content-folder").path
        let run = try RunningPreview.runToEnd(["serve", "--port", "0", "--content", missing, "--templates", TestSupport.templates.path], timeout: .seconds(15))
        #expect(run.status == .exited(2))
        #expect(run.stderr == "error: there is no folder \(missing); run harigami serve in the folder that holds it, or name it with --content\n")
    }

    @Test("a host that is not an IP address is a usage error, exit 2")
    func badHost() throws {
        let run = try RunningPreview.runToEnd(["serve", "--host", "intranet.test", "--port", "0"], timeout: .seconds(15))
        #expect(run.status == .exited(2))
        #expect(run.stderr.contains("--host intranet.test is not an IP address"))
    }
}

/// `harigami serve` as a child process; `kill()` in a `defer` makes sure it never outlives the test.
final class RunningPreview: @unchecked Sendable {
    enum Status: Equatable { case exited(Int32), signalled(Int32), stillRunning }

    let process = Process()
    private let lock = NSLock()
    private var stdout = Data(), stderr = Data()
    private(set) var port: UInt16 = 0

    var output: String { lock.withLock { String(decoding: stdout, as: UTF8.self) } }
    var errors: String { lock.withLock { String(decoding: stderr, as: UTF8.self) } }

    /// Starts the preview and waits (at most 20 seconds, the first build included) for its address.
    /// `descriptorLimit` runs it under `ulimit -n` that many open files.
    init(_ arguments: [String], descriptorLimit: Int? = nil) throws {
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", TestSupport.binary.path] + arguments
        } else {
            process.executableURL = TestSupport.binary
            process.arguments = arguments
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.stdout.append(data) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.stderr.append(data) }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, process.isRunning {
            if let match = output.firstMatch(of: /serving http:\/\/127\.0\.0\.1:(\d+)\/ \(press Ctrl-C/) {
                port = UInt16(match.1)!
                return
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill()
        throw ProbeError("the preview did not start: \(output) \(errors)")
    }

    /// Sends `signal` and waits at most 10 seconds for the process to end.
    func stop(signal: Int32) -> Status {
        Glibc.kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else { return .stillRunning }
        return process.terminationReason == .exit ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
    }

    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Runs a command that should end by itself; killed after `timeout`.
    static func runToEnd(_ arguments: [String], timeout: Duration) throws -> (status: Status, stderr: String) {
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (.stillRunning, "")
        }
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationReason == .exit ? .exited(process.terminationStatus) : .signalled(process.terminationStatus), text)
    }
}

struct ProbeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A plain TCP client, so a test can put exactly the bytes it wants on the request line.
enum HTTPProbe {
    struct Response: Sendable {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: String
    }

    static func connect(port: UInt16) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ProbeError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw ProbeError("cannot connect to port \(port)")
        }
        return descriptor
    }

    static func send(_ text: String, to descriptor: Int32) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw ProbeError("send failed") }
            sent += count
        }
    }

    /// What arrives within `milliseconds`: empty when nothing did, nil once the other side has closed.
    static func receiveSome(from descriptor: Int32, milliseconds: Int32 = 50) -> Data? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) >= 0 else { return nil }
        guard poller.revents != 0 else { return Data() }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? Data(buffer[..<count]) : nil
    }

    static func get(_ target: String, port: UInt16) throws -> Response {
        try exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port)
    }

    /// Sends `request` on a new connection and reads the answer until the server closes it.
    static func exchange(_ request: String, port: UInt16) throws -> Response {
        let descriptor = try connect(port: port)
        defer { Glibc.close(descriptor) }
        try send(request, to: descriptor)
        return try parse(receiveAll(from: descriptor))
    }

    /// Everything that arrives until the other side closes, or for at most 10 seconds.
    static func receiveAll(from descriptor: Int32) -> Data {
        var raw = Data()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, let more = receiveSome(from: descriptor) { raw.append(more) }
        return raw
    }

    /// Reads one answer with a `Content-Length`, without waiting for the connection to close.
    static func receiveResponse(from descriptor: Int32) throws -> Response {
        var raw = Data()
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, let more = receiveSome(from: descriptor) {
            raw.append(more)
            if let response = try? parse(raw), let length = response.headers["content-length"].flatMap(Int.init),
               response.body.utf8.count >= length { return response }
        }
        return try parse(raw)
    }

    static func parse(_ raw: Data) throws -> Response {
        guard let split = raw.firstRange(of: Data("\r\n\r\n".utf8)) else { throw ProbeError("no response: \(String(decoding: raw, as: UTF8.self))") }
        let head = String(decoding: raw[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(decoding: raw[split.upperBound...], as: UTF8.self))
    }
}

/// An open `/__harigami/events` stream, read as text as it arrives.
final class EventStreamProbe {
    private let descriptor: Int32
    private(set) var text = ""

    init(port: UInt16) throws {
        descriptor = try HTTPProbe.connect(port: port)
        try HTTPProbe.send("GET /__harigami/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n", to: descriptor)
    }

    /// True once `expected` has arrived after character `offset` of everything read so far.
    func wait(for expected: String, after offset: Int = 0, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        var received = Data(text.utf8)
        while true {
            text = String(decoding: received, as: UTF8.self)
            if text.count > offset, text.dropFirst(offset).contains(expected) { return true }
            guard ContinuousClock.now < deadline, let more = HTTPProbe.receiveSome(from: descriptor) else { return false }
            received.append(more)
        }
    }

    func close() {
        Glibc.close(descriptor)
    }
}

/// A port held by a listening socket of the test, as another program would hold it.
final class OccupiedPort {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else { throw ProbeError("cannot hold a port") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
    }

    func close() {
        Glibc.close(descriptor)
    }
}
