// `harigami serve`: listen, build, watch, rebuild, and answer requests from the build in memory.

import FlyingSocks
import Foundation
import Harigami
import HarigamiModel

public struct ServeOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 lets the system choose a free port; the `listening` event tells which.
    public var port: UInt16 = 8000
    public var contentDirectory = "Content"
    public var templatesDirectory = "Templates"
    public var audience: Audience = .public
    /// Shows what `build --allow-missing-translations` would publish.
    public var allowMissingTranslations = false
    public var limits = ConnectionLimits()
    /// Makes the builder from the folders and audience: by default builds run in this process; `harigami serve`
    /// runs them in a build process of their own (`PreviewWorkerBuilder`), so a crash keeps the preview.
    public var builder: @Sendable (BuildOptions) -> any PreviewBuilding = { PreviewBuilder(options: $0) }

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
    /// The build process stopped during a build (or had ended while it waited); the build is being tried again
    /// in a fresh one.
    case buildInterrupted(BuildStop)
    /// The build process stopped again on the second try: the pages keep the last good build (when
    /// `showsLastGood`) under a problem that says so. A `built` event follows.
    case buildStopped(BuildStop, showsLastGood: Bool)
    /// Accepting connections failed (once per episode, with the reason), or works again.
    case accepting(AcceptTrouble)
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
    private var failure: ServeError?
    private var builder: (any PreviewBuilding)?

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
        let (socket, port) = try address.listen()
        let pool = SocketPool.make()
        do {
            try await pool.prepare()
        } catch {
            try? socket.close()
            throw address.describe(error)
        }
        // Ctrl-C while the server was starting: `stop()` has already run.
        guard !isStopped else {
            try? socket.close()
            return
        }
        let url = address.url(port: port)
        let listener = PreviewListener(
            socket: socket, pool: pool, limits: options.limits, hostCheck: HostCheck(listening: address, port: port), url: url,
            handler: { [weak self] head in
                guard let self else { return .refusal(.internalServerError, "The preview is stopping.") }
                return await self.respond(to: head)
            },
            report: { [events] trouble in events(.accepting(trouble)) })
        serverTask = Task(executorPreference: PreviewExecutor.shared) { [weak self] in
            let failure: ServeError
            do {
                try await listener.run()
                failure = .io("the preview stopped listening")
            } catch {
                failure = .io("the preview stopped listening: \(error.localizedDescription)")
            }
            try? socket.close()
            await self?.listenerEnded(failure)
        }
        var buildOptions = BuildOptions()
        buildOptions.contentDirectory = options.contentDirectory
        buildOptions.templatesDirectory = options.templatesDirectory
        buildOptions.audience = options.audience
        buildOptions.allowMissingTranslations = options.allowMissingTranslations
        let builder = options.builder(buildOptions)
        self.builder = builder
        let events = events
        let interrupted: @Sendable (BuildStop) -> Void = { events(.buildInterrupted($0)) }
        let watcher = ChangeWatcher(folders: [options.contentDirectory, options.templatesDirectory])
        let before = watcher.fingerprint()
        apply(builder.build(interrupted: interrupted))
        events(.listening(url: url, localOnly: address.isLoopback))
        // Both tasks end when `stop()` cancels them; builds run off the actor, so requests are answered meanwhile.
        let preview = self
        background.append(Task.detached(executorPreference: PreviewExecutor.builds) {
            await watcher.watch(since: before) {
                let build = builder.build(interrupted: interrupted)
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
        builder?.stop()
        channel.close()
        // Cancelling the server's task closes the listening socket and every connection at once.
        serverTask?.cancel()
        await serverTask?.value
        for waiter in stopWaiters { waiter.resume() }
        stopWaiters = []
    }

    /// Returns once `stop()` has run; throws when the server stopped by itself because it could no longer listen.
    public func waitUntilStopped() async throws(ServeError) {
        if !isStopped { await withCheckedContinuation { stopWaiters.append($0) } }
        if let failure { throw failure }
    }

    /// The listener ended without `stop()`: say so and stop, rather than live on without answering.
    private func listenerEnded(_ failure: ServeError) async {
        guard !isStopped else { return }
        self.failure = failure
        serverTask = nil
        await stop()
    }

    func apply(_ build: PreviewBuild) {
        guard !isStopped else { return }
        buildCount += 1
        let first = buildCount == 1
        if let stop = build.stop { events(.buildStopped(stop, showsLastGood: site.files != nil)) }
        let (next, changed, event) = site.applying(build, buildID: "\(session)-\(buildCount)")
        site = next
        let warnings = build.diagnostics.filter { $0.severity == .warning }
        let report = build.errors + (warnings == lastWarnings && !first ? [] : warnings)
        // A stopped build said nothing about warnings: the next one is compared with the last that did.
        if build.stop == nil { lastWarnings = warnings }
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

    func respond(to head: RequestHead) async -> PreviewResponse {
        let rawPath = head.path
        if rawPath == PageInjection.eventsPath, head.method == "GET" {
            return PreviewResponse(status: .ok,
                                   headers: [("Content-Type", "text/event-stream; charset=utf-8"), ("Cache-Control", "no-store")],
                                   body: .events(subscribe()))
        }
        return PreviewResponder.respond(method: head.method, rawPath: rawPath, site: site)
    }
}
