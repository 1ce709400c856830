// The preview against hostile clients: request heads read within limits and in linear time, Host headers
// checked against the address listened on, slow clients cut off, and the last good build kept.

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

@Suite("Preview: reading request heads")
struct RequestHeadTests {
    static let head = "GET /ja/faq/?q=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept: text/html\r\nConnection: keep-alive\r\n\r\n"

    static func read(_ pieces: [[UInt8]]) throws -> [RequestHead] {
        var reader = RequestHeadReader()
        var heads: [RequestHead] = []
        for piece in pieces {
            reader.append(piece)
            while let head = try reader.nextHead() { heads.append(head) }
        }
        return heads
    }

    @Test("a request head is the same however its bytes are cut into reads")
    func cutAnywhere() throws {
        let bytes = Array(Self.head.utf8)
        let whole = try Self.read([bytes])
        #expect(whole == [RequestHead(method: "GET", target: "/ja/faq/?q=1", version: "HTTP/1.1",
                                      headers: [("host", "127.0.0.1:8000"), ("accept", "text/html"), ("connection", "keep-alive")])])
        #expect(whole.first?.path == "/ja/faq/")
        for cut in 1..<bytes.count {
            #expect(try Self.read([Array(bytes[..<cut]), Array(bytes[cut...])]) == whole, "cut at \(cut)")
        }
        #expect(try Self.read(bytes.map { [$0] }) == whole)
        // Bare LF line ends and blank lines before the request line are accepted too (RFC 9112 §2.2).
        let relaxed = "\r\n" + Self.head.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(try Self.read([Array(relaxed.utf8)]) == whole)
    }

    @Test("pipelined requests come out one at a time, in order, with nothing left over")
    func pipelined() throws {
        var reader = RequestHeadReader()
        reader.append(Array((Self.head + Self.head.replacingOccurrences(of: "/ja/faq/?q=1", with: "/en/") + "GET /x").utf8))
        #expect(try reader.nextHead()?.target == "/ja/faq/?q=1")
        #expect(try reader.nextHead()?.target == "/en/")
        #expect(try reader.nextHead() == nil)
        #expect(reader.hasPartialRequest)
        reader.append(Array(" HTTP/1.0\r\nHost: a\r\n\r\n".utf8))
        let last = try reader.nextHead()
        #expect(last?.target == "/x" && last?.version == "HTTP/1.0")
        #expect(!reader.hasPartialRequest)
    }

    @Test("a request line longer than 8 KiB is refused as soon as 8 KiB have come without its end")
    func longRequestLine() throws {
        var reader = RequestHeadReader()
        reader.append(Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: RequestHeadReader.requestLineLimit - 5))
        #expect(try reader.nextHead() == nil, "exactly at the limit is still waited for")
        reader.append([UInt8(ascii: "a")])
        #expect(throws: RequestHeadProblem.requestLineTooLong) { try reader.nextHead() }
        // A whole megabyte in one piece is refused just the same, its end included.
        var megabyte = RequestHeadReader()
        megabyte.append(Array("GET /".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array(" HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: RequestHeadProblem.requestLineTooLong) { try megabyte.nextHead() }
    }

    @Test("header fields longer than 32 KiB in all are refused, whole or still arriving")
    func largeHeaders() throws {
        let field = "X-Filler: " + String(repeating: "b", count: 1000) + "\r\n"
        let fields = String(repeating: field, count: RequestHeadReader.headerLimit / field.utf8.count + 1)
        var arriving = RequestHeadReader()
        arriving.append(Array(("GET / HTTP/1.1\r\n" + fields).utf8))
        #expect(throws: RequestHeadProblem.headerFieldsTooLarge) { try arriving.nextHead() }
        var whole = RequestHeadReader()
        whole.append(Array(("GET / HTTP/1.1\r\n" + fields + "\r\n").utf8))
        #expect(throws: RequestHeadProblem.headerFieldsTooLarge) { try whole.nextHead() }
        // Just under the limit is read.
        let under = String(repeating: field, count: RequestHeadReader.headerLimit / field.utf8.count)
        #expect(try Self.read([Array(("GET / HTTP/1.1\r\n" + under + "\r\n").utf8)]).first?.headers.count == under.utf8.count / field.utf8.count)
    }

    @Test("heads at the limits read the same whole and byte by byte; blank lines before the request line count")
    func limitsAtTheEdge() throws {
        let line = "X-Filler: " + String(repeating: "b", count: 90) + "\r\n"
        let fields = String(repeating: line, count: RequestHeadReader.headerLimit / line.utf8.count)
            + "X: " + String(repeating: "c", count: RequestHeadReader.headerLimit % line.utf8.count - 5) + "\r\n"
        #expect(fields.utf8.count == RequestHeadReader.headerLimit)
        let target = "/" + String(repeating: "a", count: RequestHeadReader.requestLineLimit - "GET / HTTP/1.1\r".utf8.count)
        for head in ["GET \(target) HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n\(fields)\r\n"] {
            let bytes = Array(head.utf8)
            #expect(try Self.read([bytes]).count == 1)
            #expect(try Self.read(bytes.map { [$0] }).count == 1)
            #expect(RequestExercise.heads(bytes, limits: (RequestHeadReader.requestLineLimit, RequestHeadReader.headerLimit)).consistent)
        }
        for tooLong in ["GET \(target)a HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n\(fields)X: d\r\n\r\n", "\r\n" + "GET \(target) HTTP/1.1\r\n\r\n"] {
            let bytes = Array(tooLong.utf8)
            #expect(throws: RequestHeadProblem.self) { try Self.read([bytes]) }
            #expect(throws: RequestHeadProblem.self) { try Self.read(bytes.map { [$0] }) }
            #expect(RequestExercise.heads(bytes, limits: (RequestHeadReader.requestLineLimit, RequestHeadReader.headerLimit)).consistent)
        }
        // Endless blank lines are a request line that never comes.
        var blank = RequestHeadReader()
        blank.append(Array(String(repeating: "\r\n", count: RequestHeadReader.requestLineLimit).utf8))
        #expect(throws: RequestHeadProblem.requestLineTooLong) { try blank.nextHead() }
    }

    @Test("a 40 KiB head fed one byte at a time is read in linear time")
    func linearTime() throws {
        let target = "/" + String(repeating: "a", count: RequestHeadReader.requestLineLimit - 20)
        let fields = String(repeating: "X-A: b\r\n", count: (RequestHeadReader.headerLimit - 100) / 8)
        let bytes = Array("GET \(target) HTTP/1.1\r\nHost: h\r\n\(fields)\r\n".utf8)
        let started = ContinuousClock.now
        var reader = RequestHeadReader()
        var head: RequestHead?
        for byte in bytes {
            reader.append(CollectionOfOne(byte))
            if let found = try reader.nextHead() { head = found }
        }
        let elapsed = started.duration(to: .now)
        #expect(head?.target == target)
        // Looking at the whole buffer again on every byte would take some 800 million steps here.
        #expect(elapsed < .seconds(1), "\(elapsed)")
    }

    @Test("malformed heads are refused with a reason", arguments: [
        "GET  / HTTP/1.1\r\n\r\n", "GET /\r\n\r\n", "GET / FTP/1.1\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
        "GET /a b HTTP/1.1\r\n\r\n", "GET /\u{7F} HTTP/1.1\r\n\r\n", "GET /é HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n", "GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\n: empty\r\n\r\n",
        "GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", "GET / HTTP/1.1\r\r\n\r\n",
    ])
    func malformed(head: String) {
        #expect {
            try Self.read([Array(head.utf8)])
        } throws: { error in
            guard case .malformed(let reason) = error as? RequestHeadProblem else { return false }
            return !reason.isEmpty
        }
    }

    @Test("every saved request reads the same in one piece and in small pieces (the fuzz target's check)")
    func savedRequests() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("Tests/HarigamiTests/Fixtures/fuzz-requests")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".http") }.sorted()
        #expect(names.count >= 4)
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let (outcome, consistent) = RequestExercise.heads(bytes)
            #expect(consistent, "\(name): \(outcome)")
            #expect(!outcome.isEmpty, "\(name) reads as nothing")
        }
    }

    @Test("versions other than HTTP/1.0 and HTTP/1.1 are refused as such")
    func versions() {
        #expect(throws: RequestHeadProblem.versionNotSupported) { try Self.read([Array("GET / HTTP/2.0\r\n\r\n".utf8)]) }
        #expect(throws: RequestHeadProblem.versionNotSupported) { try Self.read([Array("GET / HTTP/1.2\r\n\r\n".utf8)]) }
    }

    @Test("keeping the connection follows the version and Connection; a body ends it")
    func connectionReuse() throws {
        func head(_ text: String) throws -> RequestHead { try #require(try Self.read([Array(text.utf8)]).first) }
        #expect(try head("GET / HTTP/1.1\r\nHost: a\r\n\r\n").keepsConnection)
        #expect(try !head("GET / HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n").keepsConnection)
        #expect(try !head("GET / HTTP/1.0\r\n\r\n").keepsConnection)
        #expect(try head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepsConnection)
        #expect(try head("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").hasBody)
        #expect(try head("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").hasBody)
        #expect(try !head("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").hasBody)
    }
}

@Suite("Preview: which Host headers are answered")
struct HostCheckTests {
    @Test("on loopback, localhost and the loopback addresses with the port are answered; nothing else")
    func loopback() throws {
        let check = HostCheck(listening: try ListenAddress(host: "127.0.0.1", port: 0), port: 8123)
        for host in ["127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123", "[::1]:8123", "[0:0:0:0:0:0:0:1]:8123"] {
            #expect(check.allows(host), "\(host)")
        }
        for host in ["evil.test:8123", "127.0.0.1:8124", "127.0.0.1", "localhost", "127.0.0.1.evil.test:8123", "localhost.:8123",
                     "127.0.0.1:08123x", "127.0.0.1:+8123", "127.0.0.1:", ":8123", "[::1]", "[::1:8123", "::1:8123", "", "localhost:8123:8123",
                     "127.0.0.1:99999999999999999999", "10.0.0.1:8123", "user@127.0.0.1:8123"] {
            #expect(!check.allows(host), "\(host)")
        }
    }

    @Test("on port 80 a name without a port is the same name")
    func defaultPort() throws {
        let check = HostCheck(listening: try ListenAddress(host: "127.0.0.1", port: 80), port: 80)
        #expect(check.allows("localhost") && check.allows("127.0.0.1:80"))
        #expect(!check.allows("evil.test"))
    }

    @Test("on every address, this computer's name and addresses are answered too, never another name")
    func wildcard() throws {
        let check = HostCheck(listening: try ListenAddress(host: "0.0.0.0", port: 0), port: 8123)
        #expect(check.allows("localhost:8123") && check.allows("127.0.0.1:8123"))
        let computer = try #require(HostCheck.computerName())
        #expect(check.allows("\(computer):8123") && check.allows("\(computer).local:8123"))
        for address in HostCheck.interfaceAddresses() { #expect(check.allows("\(address):8123"), "\(address)") }
        #expect(!check.allows("evil.test:8123"))
        #expect(!check.allows("\(computer).evil.test:8123"))
    }
}

/// A preview running in this process on a free port, over a copy of the minimal fixture.
final class InProcessPreview: Sendable {
    let server: PreviewServer
    let port: UInt16
    let work: URL
    let templates: URL

    /// Runs `body` against a new preview, and stops the preview after it, whatever happens.
    static func run(audience: Audience = .public, limits: ConnectionLimits = ConnectionLimits(),
                    _ body: (InProcessPreview) async throws -> Void) async throws {
        let preview = try await InProcessPreview(audience: audience, limits: limits)
        do {
            try await body(preview)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    private init(audience: Audience, limits: ConnectionLimits) async throws {
        work = try TestSupport.temporaryFolder()
        let content = work.appendingPathComponent("Content")
        templates = work.appendingPathComponent("Templates")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try TestSupport.copy(TestSupport.templates, to: templates)
        var options = ServeOptions()
        options.port = 0
        options.contentDirectory = content.path
        options.templatesDirectory = templates.path
        options.audience = audience
        options.limits = limits
        let listening = URLBox()
        server = PreviewServer(options: options) { event in
            if case .listening(let url, _) = event { listening.set(url) }
        }
        try await server.start()
        guard let url = listening.url, let match = url.firstMatch(of: /:(\d+)\/$/), let port = UInt16(match.1) else {
            throw ProbeError("the preview did not say where it listens")
        }
        self.port = port
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: work)
    }

    private final class URLBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: String?
        var url: String? { lock.withLock { stored } }
        func set(_ url: String) { lock.withLock { stored = url } }
    }
}

/// Runs blocking socket code on a thread of its own, so that waiting for the in-process preview never
/// holds one of the few threads the preview itself runs on.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

extension EventStreamProbe: @unchecked Sendable {}

@Suite("Preview: hostile clients", .serialized)
struct HostileClientTests {
    @Test("a 1 MB URL is answered 414 at once, before the rest of it is read")
    func megabyteURL() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let (response, elapsed) = try await offPool {
                let descriptor = try HTTPProbe.connect(port: port)
                defer { Glibc.close(descriptor) }
                let request = "GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
                let started = ContinuousClock.now
                // The server stops reading, so sending blocks: it runs aside, and fails once the server closes.
                Thread { _ = try? HTTPProbe.send(request, to: descriptor) }.start()
                return (try HTTPProbe.receiveResponse(from: descriptor), started.duration(to: .now))
            }
            #expect(response.status == 414)
            #expect(response.body == "The request line is longer than 8192 bytes.\n")
            #expect(elapsed < .seconds(1), "the refusal took \(elapsed)")
            #expect(try await offPool { try HTTPProbe.get("/ja/", port: port) }.status == 200, "the preview still answers")
        }
    }

    @Test("header fields over 32 KiB get 431; a version other than 1.x gets 505; garbage gets 400")
    func oversizedHeaders() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let filler = String(repeating: "X-Filler: \(String(repeating: "b", count: 1000))\r\n", count: 40)
            let large = try await offPool { try HTTPProbe.exchange("GET /ja/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(filler)\r\n", port: port) }
            #expect(large.status == 431)
            #expect(large.body.contains("32768 bytes"))
            let version = try await offPool { try HTTPProbe.exchange("GET /ja/ HTTP/2.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n", port: port) }
            #expect(version.status == 505)
            let garbage = try await offPool { try HTTPProbe.exchange("GET /ja/ HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n", port: port) }
            #expect(garbage.status == 400)
            #expect(garbage.body.hasPrefix("Bad request: a header line has no colon"))
            #expect(try await offPool { try HTTPProbe.get("/ja/", port: port) }.status == 200)
        }
    }

    @Test("a client that does not finish its head in time is cut off, and others are answered meanwhile")
    func slowHeaders() async throws {
        var limits = ConnectionLimits()
        limits.headerTimeout = .seconds(1)
        try await InProcessPreview.run(limits: limits) { preview in
            let port = preview.port
            let (cutOff, elapsed, answeredMeanwhile, idleAnswer) = try await offPool {
                // Timed from before the connection: the deadline runs from when the server accepts it.
                let started = ContinuousClock.now
                let slow = try HTTPProbe.connect(port: port)
                defer { Glibc.close(slow) }
                let idle = try HTTPProbe.connect(port: port)
                defer { Glibc.close(idle) }
                try HTTPProbe.send("GET /ja/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n", to: slow)
                var answered = 0
                var cutOff: HTTPProbe.Response?
                while cutOff == nil, started.duration(to: .now) < .seconds(5) {
                    // One more header line every 100 ms would keep a server without a deadline waiting forever.
                    do { try HTTPProbe.send("X-Slow: 1\r\n", to: slow) } catch { break }
                    if try HTTPProbe.get("/en/", port: port).status == 200 { answered += 1 }
                    if let some = HTTPProbe.receiveSome(from: slow, milliseconds: 100), !some.isEmpty {
                        cutOff = try HTTPProbe.parse(some + HTTPProbe.receiveAll(from: slow))
                    }
                }
                return (cutOff, started.duration(to: .now), answered, HTTPProbe.receiveAll(from: idle))
            }
            #expect(cutOff?.status == 408)
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(3), "\(elapsed)")
            #expect(answeredMeanwhile >= 3)
            #expect(idleAnswer.isEmpty, "a connection that never sent anything is closed without an answer")
        }
    }

    @Test("with --audience staff, a foreign or missing Host is refused on pages and on the reload stream; the preview's own names are answered")
    func hostHeader() async throws {
        try await InProcessPreview.run(audience: .staff) { preview in
            let port = preview.port
            for path in ["/ja/", "/en/faq/", PageInjection.eventsPath, "/__harigami/reload.js", "/no-such-page/"] {
                let foreign = try await offPool { try HTTPProbe.exchange("GET \(path) HTTP/1.1\r\nHost: rebinding.test:\(port)\r\n\r\n", port: port) }
                #expect(foreign.status == 421, "\(path)")
                #expect(foreign.body == "This preview answers only requests addressed to it, such as http://127.0.0.1:\(port)/; the Host header named rebinding.test:\(port).\n")
                let missing = try await offPool { try HTTPProbe.exchange("GET \(path) HTTP/1.1\r\nAccept: */*\r\n\r\n", port: port) }
                #expect(missing.status == 400, "\(path)")
                let twice = try await offPool {
                    try HTTPProbe.exchange("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: rebinding.test\r\n\r\n", port: port)
                }
                #expect(twice.status == 400, "\(path)")
            }
            // HTTP/1.0 without a Host is refused too: no browser sends that.
            #expect(try await offPool { try HTTPProbe.exchange("GET /ja/ HTTP/1.0\r\n\r\n", port: port) }.status == 400)
            for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)"] {
                let page = try await offPool { try HTTPProbe.exchange("GET /ja/ HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", port: port) }
                #expect(page.status == 200, "\(host)")
                #expect(page.body.contains("<html lang=\"ja\">"))
            }
            let events = try await offPool { try EventStreamProbe(port: port) }
            defer { events.close() }
            #expect(try await offPool { events.wait(for: "event: build\ndata: ", timeout: .seconds(5)) })
        }
    }

    @Test("kept connections answer one request after another, pipelined ones included")
    func keptConnection() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let text = try await offPool {
                let descriptor = try HTTPProbe.connect(port: port)
                defer { Glibc.close(descriptor) }
                let request = "GET /sitemap.xml HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
                try HTTPProbe.send(request + request + "HEAD /ja/ HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n\r\n", to: descriptor)
                return String(decoding: HTTPProbe.receiveAll(from: descriptor), as: UTF8.self)
            }
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 4, "\(text)")
            #expect(text.hasSuffix("Connection: close\r\n\r\n"), "HEAD ends with headers only: \(text.suffix(200))")
        }
    }

    @Test("a build that fails keeps the last good pages served under the problem list, and the preview stays up")
    func failedBuildKeepsPages() async throws {
        try await InProcessPreview.run { preview in
            let port = preview.port
            let before = try await offPool { try HTTPProbe.get("/en/faq/", port: port) }
            #expect(before.status == 200 && !before.body.contains("harigami-problems"))
            let events = try await offPool { try EventStreamProbe(port: port) }
            defer { events.close() }
            #expect(try await offPool { events.wait(for: "event: build\ndata: ", timeout: .seconds(5)) })
            // Not a content error: the template every page is made with is gone.
            let layout = preview.templates.appendingPathComponent("layout.mustache")
            let saved = try Data(contentsOf: layout)
            try FileManager.default.removeItem(at: layout)
            #expect(try await offPool { events.wait(for: "\"all\":true", timeout: .seconds(10)) }, "no reload event for the problem")
            let broken = try await offPool { try HTTPProbe.get("/en/faq/", port: port) }
            #expect(broken.status == 200)
            #expect(broken.body.contains("id=\"harigami-problems\""))
            #expect(broken.body.contains("layout.mustache"))
            #expect(broken.body.contains("Frequently asked questions"), "the last good page is still served")
            let mark = events.text.count
            try saved.write(to: layout)
            #expect(try await offPool { events.wait(for: "\"all\":true", after: mark, timeout: .seconds(10)) }, "no reload event for the fix")
            #expect(try await offPool { try HTTPProbe.get("/en/faq/", port: port) }.body.contains("harigami-problems") == false)
        }
    }
}
