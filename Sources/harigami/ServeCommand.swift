// `harigami serve`: the live preview, until Ctrl-C.

import ArgumentParser
import Dispatch
import Foundation
import Harigami
import HarigamiServe
import HarigamiModel

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site while you write: build it, serve it, and rebuild and reload the open pages on every save.",
        discussion: """
            Open the address it prints. Content errors appear on top of every page until the file is fixed. \
            Builds run in a separate process: if one crashes, the preview keeps showing the last build that worked. \
            Nothing is written into the output folder. Stop it with Ctrl-C.
            """
    )

    @OptionGroup var paths: ContentOptions

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The address to listen on. Only this computer can open the preview unless you give another, such as 0.0.0.0.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "public, or staff (with staff-only pages and blocks).")
    var audience: String = "public"

    @Flag(name: .long, help: "Show a page or example written only in the first language of site.yml in the other languages' sections, with a notice that its translation is in preparation, as build --allow-missing-translations publishes it.")
    var allowMissingTranslations = false

    func run() throws {
        guard let audience = Audience(rawValue: audience) else {
            throw ValidationError("--audience must be public or staff")
        }
        var options = ServeOptions()
        options.host = host
        options.port = port
        options.contentDirectory = paths.content
        options.templatesDirectory = paths.templates
        options.audience = audience
        options.allowMissingTranslations = allowMissingTranslations
        let executable = Self.ownExecutable()
        options.builder = { PreviewWorkerBuilder(executable: executable, name: CommandLine.arguments[0], options: $0) }
        let output = ServeOutput(audience: audience)
        let server = PreviewServer(options: options, events: output.print)
        let outcome = Outcome()
        // The command line parser is synchronous; the server runs on the concurrency pool while this
        // thread waits for it to stop.
        let done = DispatchSemaphore(value: 0)
        let signals = StopSignals { Task { await server.stop() } }
        Task {
            do throws(ServeError) {
                try await server.start()
                try await server.waitUntilStopped()
            } catch {
                outcome.set(error)
            }
            done.signal()
        }
        done.wait()
        signals.cancel()
        if let error = outcome.error {
            if case .badHost = error { throw ValidationError(error.description) }
            Terminal.printError("error: \(error.description)")
            throw Exit.io
        }
        ServeOutput.say("stopped")
    }

    /// This very program, for the build process: on Linux the running file itself (even if a newer build has
    /// replaced it since), elsewhere the path it was started by, looked up in PATH when it has no slash.
    static func ownExecutable() -> String {
        #if os(Linux)
        if FileManager.default.isExecutableFile(atPath: "/proc/self/exe") { return "/proc/self/exe" }
        #endif
        let invoked = CommandLine.arguments[0]
        if invoked.contains("/") { return URL(fileURLWithPath: invoked).standardizedFileURL.path }
        return Executables.find([invoked], path: ProcessInfo.processInfo.environment["PATH"]) ?? invoked
    }
}

/// The one result the waiting thread reads after the server task signalled.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: ServeError?

    var error: ServeError? { lock.withLock { stored } }

    func set(_ error: ServeError) { lock.withLock { stored = error } }
}

/// Ctrl-C (SIGINT) and SIGTERM stop the preview cleanly instead of killing the process mid-write.
private final class StopSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

struct ServeOutput: Sendable {
    var audience: Audience

    @Sendable func print(_ event: ServeEvent) {
        switch event {
        case .listening(let url, let localOnly):
            if !localOnly {
                Terminal.printError("warning: --host opens the preview to other computers on the network, not only this one" + (audience == .staff ? "; it shows them the staff-only pages and text" : ""))
            }
            Self.say("serving \(url) (press Ctrl-C to stop)")
        case .buildInterrupted(let stop):
            Terminal.printError("warning: \(stop.summary); building again in a fresh process")
        case .buildStopped(let stop, let showsLastGood):
            let shown = showsLastGood ? "the preview still shows the last build that worked" : "the pages show this problem until a build works"
            Terminal.printError("error: \(stop.summary); \(shown). Save again to retry; if it happens again, please report it with the file you changed")
        case .built(let build, _, _, _) where build.stop != nil:
            // Said by `buildStopped` just before.
            break
        case .built(let build, let report, let changed, let first):
            Terminal.printDiagnostics(report)
            let milliseconds = Int(build.duration.components.seconds * 1000 + build.duration.components.attoseconds / 1_000_000_000_000_000)
            if !build.errors.isEmpty {
                let count = build.errors.count
                Self.say("build failed: \(count) error\(count == 1 ? "" : "s"), shown on every page until fixed; \(milliseconds) ms")
            } else if first {
                let pages = build.pagesPerLanguage.keys.sorted().map { "\($0) \(build.pagesPerLanguage[$0]!)" }.joined(separator: ", ")
                Self.say("built pages \(pages); \(milliseconds) ms")
            } else {
                Self.say("rebuilt: \(changed.isEmpty ? "nothing changed" : "\(changed.count) file\(changed.count == 1 ? "" : "s") changed"); \(milliseconds) ms")
            }
        case .accepting(.failing(let reason)):
            Terminal.printError("warning: cannot accept connections: \(reason)")
        case .accepting(.recovered):
            Self.say("accepting connections again")
        }
    }

    /// Standard output is a pipe when a script runs the preview: write at once, so each line arrives as it happens.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
