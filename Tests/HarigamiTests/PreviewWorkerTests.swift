// The preview's separate build process: its replies on a pipe, its restarts, and `harigami serve` surviving
// build processes that are killed, idle or mid-build.

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

@Suite("Preview: the build process's replies")
struct PreviewWorkerWireTests {
    /// A `PreviewWorker` answering on a thread of this process, over real pipes.
    final class PipedWorker: @unchecked Sendable {
        let requests: Int32
        var reader: BuildReplyReader
        private let finished = DispatchSemaphore(value: 0)

        init(options: BuildOptions) throws {
            var toWorker: [Int32] = [0, 0], fromWorker: [Int32] = [0, 0]
            guard pipe(&toWorker) == 0, pipe(&fromWorker) == 0 else { throw ProbeError("pipe failed") }
            requests = toWorker[1]
            reader = BuildReplyReader(descriptor: fromWorker[0])
            let (input, output) = (toWorker[0], fromWorker[1])
            Thread.detachNewThread { [finished] in
                var worker = PreviewWorker(options: options)
                do { try worker.run(requests: input, replies: output) } catch { Issue.record("the worker failed: \(error)") }
                close(input)
                close(output)
                finished.signal()
            }
        }

        func build() throws -> (files: [String: Data]?, diagnostics: [Diagnostic], pagesPerLanguage: [String: Int]) {
            let line = Array("build\n".utf8)
            guard write(requests, line, line.count) == line.count else { throw ProbeError("the request was not written") }
            return try reader.next()
        }

        /// Closes the requests: the worker's loop ends, as the build process ends when the preview goes.
        func finish() -> Bool {
            close(requests)
            return finished.wait(timeout: .now() + 10) == .success
        }
    }

    /// The same build made in this process (with a memory of its own, which "Build memory" shows equal to a
    /// build from scratch) is what the replies must add up to.
    @Test("after every kind of edit, the files rebuilt from the replies (all at first, then only changes) are exactly the build's")
    func repliesRebuildEveryFile() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content"), templates = work.appendingPathComponent("Templates")
        try TestSupport.copy(TestSupport.shippedContent, to: content)
        try TestSupport.copy(TestSupport.templates, to: templates)
        let options = BuildMemoryTests.options(content, templates, .public)
        let worker = try PipedWorker(options: options)
        let local = PreviewBuilder(options: options)
        var outcomes: [String] = []
        let first = BuildMemoryTests.Edit(description: "nothing (the first build)") { _, _ in }
        // The edits end with the page added in both languages; removing it makes a build with fewer files.
        let removal = BuildMemoryTests.Edit(description: "the removal of a page in both languages") { content, _ in
            for language in ["ja", "en"] { try FileManager.default.removeItem(at: content.appendingPathComponent("pages/visits.\(language).md")) }
        }
        var built: [Int] = []
        for edit in [first] + BuildMemoryTests.edits + [removal] {
            try edit.apply(content, templates)
            let reply = try worker.build()
            let expected = local.build()
            #expect(reply.diagnostics == expected.diagnostics, "after \(edit)")
            #expect(reply.pagesPerLanguage == expected.pagesPerLanguage, "after \(edit)")
            #expect((reply.files == nil) == (expected.files == nil), "after \(edit)")
            if let files = reply.files, let site = expected.files {
                let differing = Set(files.keys).union(site.keys).filter { files[$0] != site[$0] }.sorted()
                #expect(differing.isEmpty, "after \(edit), these differ from the build: \(differing.prefix(10))")
            }
            outcomes.append(expected.files == nil ? "errors" : "built")
            if let site = expected.files { built.append(site.count) }
        }
        #expect(outcomes.contains("errors") && outcomes.contains("built"), "\(outcomes)")
        #expect(built.count >= 2 && built[built.count - 1] < built[built.count - 2], "the last build did not remove files: \(built)")
        #expect(worker.finish(), "the worker did not end when its requests ended")
    }

    @Test("after the first reply, a save sends only the files it changed")
    func repliesCarryOnlyChanges() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        var worker = PreviewWorker(options: BuildMemoryTests.options(content, TestSupport.templates, .public))
        let builder = PreviewBuilder(options: BuildMemoryTests.options(content, TestSupport.templates, .public))
        var sizes: [Int] = []
        for edit in ["", "title: Frequently asked questions"] {
            if !edit.isEmpty { try BuildMemoryTests.replace(content.appendingPathComponent("pages/faq.en.md"), edit, with: "title: Edited questions") }
            sizes.append(try Self.replySize(&worker, builder.build()))
        }
        let full = try #require(sizes.first), changes = try #require(sizes.last)
        #expect(changes * 2 < full, "the second reply (\(changes) bytes) is not much smaller than the first (\(full) bytes)")
    }

    @Test("a reply whose diagnostics are the previous reply's leaves them out, and the preview still shows them")
    func unchangedDiagnosticsAreNotSentAgain() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let content = work.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.shippedContent, to: content)
        let options = BuildMemoryTests.options(content, TestSupport.templates, .public)
        // Over the wire: the second reply gives back the first one's diagnostics.
        let piped = try PipedWorker(options: options)
        let first = try piped.build(), second = try piped.build()
        #expect(!first.diagnostics.isEmpty, "the shipped content should have its starter warnings")
        #expect(second.diagnostics == first.diagnostics)
        #expect(piped.finish())
        // And the second reply is smaller than those diagnostics alone would be, encoded.
        var worker = PreviewWorker(options: options)
        let builder = PreviewBuilder(options: options)
        var sizes: [Int] = []
        for _ in 0..<2 {
            sizes.append(try Self.replySize(&worker, builder.build()))
        }
        let encoded = try JSONEncoder().encode(first.diagnostics).count
        #expect(sizes[1] < encoded, "the second reply (\(sizes[1]) bytes) is not smaller than its diagnostics encoded (\(encoded) bytes)")
    }

    /// The size in bytes of `worker`'s reply to `build`, written into a pipe. The whole reply fits the pipe only if
    /// it is small; it is read on a thread in case it is not.
    static func replySize(_ worker: inout PreviewWorker, _ build: PreviewBuild) throws -> Int {
        var toReader: [Int32] = [0, 0]
        guard pipe(&toReader) == 0 else { throw ProbeError("pipe failed") }
        let collected = ReplyBytes()
        let readEnd = toReader[0]
        let reading = Thread { collected.readAll(from: readEnd) }
        reading.start()
        var writer = FrameWriter(descriptor: toReader[1])
        try worker.reply(to: build, writer: &writer)
        close(toReader[1])
        defer { close(toReader[0]) }
        return collected.wait()
    }

    final class ReplyBytes: @unchecked Sendable {
        private var count = 0
        private let done = DispatchSemaphore(value: 0)

        func readAll(from descriptor: Int32) {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = read(descriptor, &buffer, buffer.count)
                if got <= 0 { break }
                count += got
            }
            done.signal()
        }

        func wait() -> Int {
            done.wait()
            return count
        }
    }

    @Test("a reply that breaks off, or that is not a reply, is an error, never a build")
    func brokenReplies() throws {
        for bytes in [Data(), Data([1, 2, 3]), Data("preview-worker --content Content\n".utf8), Data([5, 0, 0, 0, 0, 0, 0, 0]) + Data("{\"fi".utf8)] {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw ProbeError("pipe failed") }
            _ = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
            close(ends[1])
            var reader = BuildReplyReader(descriptor: ends[0])
            #expect(throws: WireError.self, "\(bytes.count) bytes") { try reader.next() }
            close(ends[0])
        }
    }
}

@Suite("Preview: restarting the build process", .serialized)
struct PreviewWorkerBuilderTests {
    final class Interruptions: @unchecked Sendable {
        private let lock = NSLock()
        private var stops: [BuildStop] = []
        var all: [BuildStop] { lock.withLock { stops } }
        func add(_ stop: BuildStop) { lock.withLock { stops.append(stop) } }
    }

    static func options(_ content: URL) -> BuildOptions {
        BuildMemoryTests.options(content, TestSupport.templates, .public)
    }

    @Test("a build process killed while it waited is replaced, and the build is made as if nothing happened")
    func idleProcessKilled() throws {
        let builder = PreviewWorkerBuilder(executable: TestSupport.binary.path, options: Self.options(TestSupport.fixture("minimal")))
        defer { builder.stop() }
        let interruptions = Interruptions()
        let first = builder.build(interrupted: interruptions.add)
        #expect(first.files?["ja/index.html"] != nil)
        let pid = try #require(builder.processID)
        kill(pid, SIGKILL)
        #expect(ProcessTable.waitUntilEnded(pid, timeout: .seconds(10)))
        let second = builder.build(interrupted: interruptions.add)
        #expect(second.stop == nil)
        #expect(second.files == first.files)
        #expect(second.diagnostics == first.diagnostics)
        #expect(interruptions.all == [BuildStop(.signal(SIGKILL), duringBuild: false)])
        #expect(builder.processID != nil && builder.processID != pid)
    }

    @Test("serve --allow-missing-translations reaches the build process: a page not yet translated is shown under its notice, and refused without it")
    func allowingMissingTranslations() throws {
        let site = try PrivacySite([PendingTranslationTests.missingExample: String?.none])
        defer { site.remove() }
        var options = site.options(.public)
        let refusing = PreviewWorkerBuilder(executable: TestSupport.binary.path, options: options)
        defer { refusing.stop() }
        let refused = refusing.build(interrupted: { _ in })
        #expect(refused.files == nil)
        #expect(refused.diagnostics.contains { $0.severity == .error && $0.location.path.hasSuffix(PendingTranslationTests.missingExample) })
        options.allowMissingTranslations = true
        let allowing = PreviewWorkerBuilder(executable: TestSupport.binary.path, options: options)
        defer { allowing.stop() }
        let page = try #require(allowing.build(interrupted: { _ in }).files?[PendingTranslationTests.standInPath])
        #expect(String(decoding: page, as: UTF8.self).contains("<p class=\"translation-pending\">"))
    }

    @Test("a program that answers nonsense is tried twice, then the build is a problem for the whole content folder and no files")
    func nonsenseTwice() throws {
        let work = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let program = work.appendingPathComponent("nonsense")
        try "#!/bin/sh\nread request\necho \"not a reply at all\"\nsleep 30\n".write(to: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let content = TestSupport.fixture("minimal")
        let builder = PreviewWorkerBuilder(executable: program.path, options: Self.options(content))
        defer { builder.stop() }
        let interruptions = Interruptions()
        let build = builder.build(interrupted: interruptions.add)
        #expect(build.files == nil)
        let stop = try #require(build.stop)
        guard case .unreadableReply = stop.cause else {
            Issue.record("\(stop)")
            return
        }
        #expect(interruptions.all == [stop])
        #expect(build.errors.count == 1)
        #expect(build.errors.first?.rule == BuildStop.rule)
        #expect(build.errors.first?.location == SourceLocation(path: content.path, line: 0, column: 0))
        #expect(build.errors.first?.message.hasPrefix("the build stopped unexpectedly (its reply could not be read: a length of ") == true,
                "\(build.errors)")
        // Both were killed, not left to sleep.
        #expect(ProcessTable.children(of: getpid()).filter { ProcessTable.arguments($0).contains(program.path) }.isEmpty)
    }

    @Test("a program that exits at once is reported with its exit status; one that cannot run, with the reason")
    func exitsOrCannotRun() throws {
        let exits = PreviewWorkerBuilder(executable: "/bin/false", options: Self.options(TestSupport.fixture("minimal")))
        defer { exits.stop() }
        let exited = exits.build { _ in }
        #expect(exited.files == nil)
        #expect(exited.stop?.cause == .exit(1))
        #expect(exited.errors.first?.message.hasPrefix("the build stopped unexpectedly (exit status 1); save again to retry") == true, "\(exited.errors)")

        let missing = PreviewWorkerBuilder(executable: "/no/such/harigami", options: Self.options(TestSupport.fixture("minimal")))
        defer { missing.stop() }
        let refused = missing.build { _ in }
        #expect(refused.files == nil)
        #expect(refused.errors.first?.message.hasPrefix("the build process could not be started (cannot run /no/such/harigami: No such file or directory)") == true)
    }

    @Test("stop ends the build process, and builds after it start none")
    func stopEndsTheProcess() throws {
        let builder = PreviewWorkerBuilder(executable: TestSupport.binary.path, options: Self.options(TestSupport.fixture("minimal")))
        _ = builder.build { _ in }
        let pid = try #require(builder.processID)
        builder.stop()
        #expect(!ProcessTable.isRunning(pid))
        let after = builder.build { _ in }
        #expect(after.files == nil && after.diagnostics.isEmpty)
        #expect(builder.processID == nil)
    }
}

@Suite("Preview: a build process that dies does not end the preview", .serialized)
struct PreviewCrashTests {
    /// About 3 MB of one paragraph: a build of it takes long enough to be caught in the middle.
    static let longParagraph = "\n" + String(repeating: "これは**重要。**です\n", count: 100_000)

    /// The serve command on a copy of the minimal site, its build process, and the copy.
    struct Preview {
        let work: URL
        let content: URL
        let running: RunningPreview

        init() throws {
            work = try TestSupport.temporaryFolder()
            content = work.appendingPathComponent("Content")
            try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
            running = try RunningPreview(["serve", "--port", "0", "--content", content.path, "--templates", TestSupport.templates.path])
        }

        var pid: pid_t { running.process.processIdentifier }

        /// The build process serving this preview now, other than `except`, waited for up to 15 seconds.
        func worker(except: pid_t? = nil) throws -> pid_t {
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline {
                // A child caught between its start and its `exec` still has the preview's arguments.
                let workers = ProcessTable.children(of: pid).filter {
                    $0 != except && ProcessTable.isRunning($0) && ProcessTable.arguments($0).dropFirst().first == "preview-worker"
                }
                if let worker = workers.first {
                    let arguments = ProcessTable.arguments(worker)
                    #expect(Array(arguments.dropFirst(2).prefix(4)) == ["--content", content.path, "--templates", TestSupport.templates.path], "\(arguments)")
                    return worker
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
            throw ProbeError("no build process of the preview: \(running.errors)")
        }

        /// Waits until `worker` has spent 30 ms of processor time more than `since`: it is building.
        func waitUntilBuilding(_ worker: pid_t, since: Int) throws {
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline {
                guard let ticks = ProcessTable.cpuTicks(worker) else { throw ProbeError("the build process \(worker) is gone") }
                if ticks >= since + 3 { return }
                Thread.sleep(forTimeInterval: 0.005)
            }
            throw ProbeError("the build process \(worker) did not start building")
        }

        func get(_ path: String) throws -> HTTPProbe.Response {
            try HTTPProbe.get(path, port: running.port)
        }

        /// Asks for `path` until its page satisfies `condition`, for up to 15 seconds.
        func page(_ path: String, where condition: (HTTPProbe.Response) -> Bool) throws -> HTTPProbe.Response {
            let deadline = ContinuousClock.now + .seconds(15)
            var response = try get(path)
            while !condition(response), ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.02)
                response = try get(path)
            }
            return response
        }

        func waitForErrors(containing text: String) -> Bool {
            let deadline = ContinuousClock.now + .seconds(15)
            while !running.errors.contains(text), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
            return running.errors.contains(text)
        }

        func remove() {
            running.kill()
            try? FileManager.default.removeItem(at: work)
        }
    }

    @Test("a build process killed while idle costs nothing: the next save is built in a fresh one and served; killing the preview ends it too")
    func idleWorkerKilled() throws {
        let preview = try Preview()
        defer { preview.remove() }
        let first = try preview.worker()
        kill(first, SIGKILL)
        #expect(ProcessTable.waitUntilEnded(first, timeout: .seconds(10)))
        let faq = preview.content.appendingPathComponent("pages/faq.en.md")
        try BuildMemoryTests.replace(faq, "title: Frequently asked questions", with: "title: Questions after a lost build process")
        let page = try preview.page("/en/faq/") { $0.body.contains("Questions after a lost build process") }
        #expect(page.status == 200)
        #expect(page.body.contains("Questions after a lost build process"), "the edit was not served: \(preview.running.errors)")
        #expect(!page.body.contains("harigami-problems"))
        #expect(preview.running.errors.contains("warning: the build process had ended while waiting (signal 9, Killed); building again in a fresh process\n"),
                "\(preview.running.errors)")
        #expect(!preview.running.errors.contains("error:"), "\(preview.running.errors)")
        let second = try preview.worker(except: first)
        // The preview killed outright cannot stop its build process: the build process notices and ends.
        preview.running.kill()
        #expect(ProcessTable.waitUntilEnded(second, timeout: .seconds(10)), "the build process outlived the preview")
    }

    @Test("a build process that crashes mid-build is reported and replaced; crashing again, the last good pages stay served under the problem until a save builds")
    func crashesMidBuild() throws {
        let preview = try Preview()
        defer { preview.remove() }
        let faq = preview.content.appendingPathComponent("pages/faq.ja.md")
        let original = try String(contentsOf: faq, encoding: .utf8)
        let before = try preview.get("/ja/faq/")
        #expect(before.status == 200)

        // The first crash: reported, and the build is tried again in a fresh process.
        let first = try preview.worker()
        let idle = try #require(ProcessTable.cpuTicks(first))
        try (original + Self.longParagraph).write(to: faq, atomically: true, encoding: .utf8)
        try preview.waitUntilBuilding(first, since: idle)
        kill(first, SIGSEGV)
        let during = try preview.get("/ja/faq/")
        #expect(during.status == 200)
        #expect(during.body == before.body, "the page changed while the build was tried again")
        #expect(preview.waitForErrors(containing: "warning: the build stopped unexpectedly (signal 11, Segmentation fault); building again in a fresh process\n"),
                "\(preview.running.errors)")

        // The second: the last good build stays, with the problem on every page and on the terminal.
        let second = try preview.worker(except: first)
        try preview.waitUntilBuilding(second, since: 0)
        kill(second, SIGSEGV)
        let final = "error: the build stopped unexpectedly (signal 11, Segmentation fault); the preview still shows the last build that worked. "
            + "Save again to retry; if it happens again, please report it with the file you changed\n"
        #expect(preview.waitForErrors(containing: final), "\(preview.running.errors)")
        for path in ["/ja/faq/", "/en/"] {
            let page = try preview.page(path) { $0.body.contains("[preview.build-stopped]") }
            #expect(page.status == 200, "\(path)")
            #expect(page.body.contains("<code style=\"font-weight:bold\">\(preview.content.path)</code> the build stopped unexpectedly (signal 11, Segmentation fault); save again to retry"),
                    "\(path): \(page.body.suffix(1500))")
        }
        #expect(try !preview.get("/ja/faq/").body.contains("重要"))

        // Saved again without the paragraph: a fresh process builds it, and the problem goes.
        try original.write(to: faq, atomically: true, encoding: .utf8)
        let mended = try preview.page("/ja/faq/") { !$0.body.contains("harigami-problems") }
        #expect(mended.status == 200)
        #expect(!mended.body.contains("harigami-problems"), "\(preview.running.errors)")
        let third = try preview.worker(except: second)
        #expect(third != first)

        // Ctrl-C: the preview stops, and no build process is left.
        #expect(preview.running.stop(signal: SIGINT) == .exited(0), "\(preview.running.errors)")
        #expect(preview.running.output.hasSuffix("stopped\n"))
        #expect(ProcessTable.waitUntilEnded(third, timeout: .seconds(10)), "the build process outlived the preview")
    }

    @Test("a preview killed in the middle of a build leaves no build process behind")
    func previewKilledMidBuild() throws {
        let preview = try Preview()
        defer { preview.remove() }
        let worker = try preview.worker()
        let idle = try #require(ProcessTable.cpuTicks(worker))
        let faq = preview.content.appendingPathComponent("pages/faq.ja.md")
        try (String(contentsOf: faq, encoding: .utf8) + Self.longParagraph).write(to: faq, atomically: true, encoding: .utf8)
        try preview.waitUntilBuilding(worker, since: idle)
        preview.running.kill()
        #expect(ProcessTable.waitUntilEnded(worker, timeout: .seconds(10)), "the build process outlived the preview")
    }
}

/// What /proc tells of other processes.
enum ProcessTable {
    /// The fields after the command name in /proc/PID/stat: state is [0], parent [1], user and system time [11], [12].
    static func stat(_ pid: pid_t) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let end = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: end)...].split(separator: " ")
    }

    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { stat($0)?[1] == "\(parent)" }
    }

    /// Running or sleeping: not gone, and not a dead process that nobody has reaped yet.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let state = stat(pid)?.first else { return false }
        return state != "Z" && state != "X"
    }

    static func cpuTicks(_ pid: pid_t) -> Int? {
        guard let fields = stat(pid), fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
        return user + system
    }

    static func arguments(_ pid: pid_t) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    static func waitUntilEnded(_ pid: pid_t, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning(pid), ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        return !isRunning(pid)
    }
}
