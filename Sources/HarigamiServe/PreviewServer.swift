// `harigami serve`: listen, build, watch, rebuild, and answer requests from the build in memory.

import FlyingFox
import FlyingSocks
import Foundation
import Harigami

public struct ServeOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 lets the system choose a free port; the `listening` event tells which.
    public var port: UInt16 = 8000
    public var contentDirectory = "Content"
    public var templatesDirectory = "Templates"
    public var audience: Audience = .public

    public init() {}
}

public enum ServeError: Error, Equatable, CustomStringConvertible {
    case badHost(String)
    case portInUse(host: String, port: UInt16)
    case cannotListen(host: String, port: UInt16, reason: String)
    case io(String)

    public var description: String {
        switch self {
        case .badHost(let host):
            "--host \(host) is not an IP address; use 127.0.0.1 (this computer only), ::1, or 0.0.0.0 (every network)"
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use (another preview may be running); stop it, or choose another port with --port"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host) port \(port): \(reason)"
        case .io(let message):
            message
        }
    }
}

/// What the preview tells the person running it; the CLI prints these.
public enum ServeEvent: Sendable {
    /// `url` opens the preview; `localOnly` is false when other computers can reach it too.
    case listening(url: String, localOnly: Bool)
    /// A build finished. `report` holds what is worth printing: every error, and warnings only when
    /// they differ from the previous build's, so a stale translation is not repeated on every save.
    case built(PreviewBuild, report: [Diagnostic], changedPaths: [String], first: Bool)
}

public actor PreviewServer {
    let options: ServeOptions
    let events: @Sendable (ServeEvent) -> Void
    /// Tells this run's build ids from those of an earlier run, whose pages a browser may still show.
    private let session: String
    private var site: PreviewSite
    private var channel = ReloadChannel()
    private var lastWarnings: [Diagnostic] = []
    private var buildCount = 0
    private var serverTask: Task<Void, Never>?
    private var background: [Task<Void, Never>] = []
    private var isStopped = false
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []

    public init(options: ServeOptions, events: @escaping @Sendable (ServeEvent) -> Void) {
        self.options = options
        self.events = events
        session = String(UInt32.random(in: .min ... .max), radix: 16)
        site = PreviewSite(files: nil, problems: [], buildID: "\(session)-0")
    }

    /// Listens, makes the first build, then keeps rebuilding on every change until `stop()`.
    public func start() async throws(ServeError) {
        let address = try ListenAddress(host: options.host, port: options.port)
        // A missing folder is almost always the wrong working folder: say so instead of serving an error page.
        for (folder, option) in [(options.contentDirectory, "--content"), (options.templatesDirectory, "--templates")] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .io("there is no folder \(folder); run harigami serve in the folder that holds it, or name it with \(option)")
            }
        }
        let server = address.makeServer(handler: { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.respond(to: request)
        })
        let failure = StartupFailure()
        serverTask = Task {
            do { try await server.run() } catch { await failure.set(error) }
        }
        let port: UInt16
        switch await Self.waitForListening(server, failure: failure) {
        case .failure(let error):
            serverTask?.cancel()
            throw address.describe(error)
        case .success(let bound):
            port = bound
        }
        // Ctrl-C while the server was starting: `stop()` has already run.
        guard !isStopped else { return }
        let url = address.url(port: port)
        let builder = PreviewBuilder(content: options.contentDirectory, templates: options.templatesDirectory, audience: options.audience)
        let watcher = ChangeWatcher(folders: [options.contentDirectory, options.templatesDirectory])
        let before = watcher.fingerprint()
        apply(builder.build())
        events(.listening(url: url, localOnly: address.isLoopback))
        // Both tasks end when `stop()` cancels them; builds run off the actor, so requests are answered meanwhile.
        let preview = self
        background.append(Task.detached {
            await watcher.watch(since: before) {
                let build = builder.build()
                await preview.apply(build)
            }
        })
        background.append(Task.detached {
            while !Task.isCancelled {
                do { try await Task.sleep(for: .seconds(15)) } catch { return }
                await preview.keepAlive()
            }
        })
    }

    /// Ends the event streams and closes the server.
    public func stop() async {
        guard !isStopped else { return }
        isStopped = true
        for task in background { task.cancel() }
        channel.close()
        // Cancelling the server's task closes the listening socket and every connection at once;
        // `HTTPServer.stop` would instead wait out its timeout for the event streams.
        serverTask?.cancel()
        await serverTask?.value
        for waiter in stopWaiters { waiter.resume() }
        stopWaiters = []
    }

    public func waitUntilStopped() async {
        guard !isStopped else { return }
        await withCheckedContinuation { stopWaiters.append($0) }
    }

    func apply(_ build: PreviewBuild) {
        guard !isStopped else { return }
        buildCount += 1
        let first = buildCount == 1
        let (next, changed, event) = site.applying(build, buildID: "\(session)-\(buildCount)")
        site = next
        let warnings = build.diagnostics.filter { $0.severity == .warning }
        let report = build.errors + (warnings == lastWarnings && !first ? [] : warnings)
        lastWarnings = warnings
        events(.built(build, report: report, changedPaths: changed, first: first))
        if let event { channel.send(event) }
    }

    func keepAlive() {
        channel.sendKeepAlive()
    }

    func subscribe() -> AsyncStream<Data> {
        channel.subscribe(currentBuild: site.buildID) { [weak self] id in
            Task { await self?.removeListener(id) }
        }
    }

    func removeListener(_ id: UUID) {
        channel.remove(id)
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let rawPath = request.target.path(percentEncoded: true)
        if rawPath == PageInjection.eventsPath, request.method == .GET {
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                                body: HTTPBodySequence(from: EventStreamBody(subscribe())))
        }
        return PreviewResponder.respond(method: request.method, rawPath: rawPath, site: site)
    }

    /// Waits until the server listens (its port) or has failed to (the error).
    static func waitForListening(_ server: HTTPServer, failure: StartupFailure) async -> Result<UInt16, any Error> {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await server.isListening {
                switch await server.listeningAddress {
                case .ip4(_, let port)?, .ip6(_, let port)?: return .success(port)
                default: break
                }
            }
            if let error = await failure.error { return .failure(error) }
            do { try await Task.sleep(for: .milliseconds(10)) } catch { return .failure(error) }
        }
        return .failure(SocketError.timeout(message: "the server did not start listening within 10 seconds"))
    }
}

/// The error of a server that stopped before it listened.
actor StartupFailure {
    private(set) var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}
