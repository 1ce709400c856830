// One build for the preview: `harigami build`'s pipeline in memory, remembering what it made for the next one.

import Foundation
import Harigami
import HarigamiModel

/// The result of one attempt: the files when it worked, and every diagnostic either way.
public struct PreviewBuild: Sendable {
    public var files: [String: Data]?
    public var diagnostics: [Diagnostic]
    public var pagesPerLanguage: [String: Int]
    public var duration: Duration
    /// Set when the build process stopped before finishing, even when tried again; `diagnostics` then holds
    /// the one problem that says so, for the pages' overlay.
    public var stop: BuildStop? = nil

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// How the preview makes its builds: in its own process (`PreviewBuilder`), or in a separate one that may
/// crash without taking the preview with it (`PreviewWorkerBuilder`, what `harigami serve` uses).
public protocol PreviewBuilding: Sendable {
    /// A build of the content as it is now; never called twice at once. `interrupted` hears at once of a
    /// build process that stopped, each time before the build is tried again in a fresh one.
    func build(interrupted: @Sendable (BuildStop) -> Void) -> PreviewBuild
    /// Ends whatever the builds hold (a build process); may come from another thread during a build.
    func stop()
}

/// Why a build process ended without answering.
public struct BuildStop: Error, Sendable, Equatable {
    public enum Cause: Sendable, Equatable {
        case signal(Int32)
        case exit(Int32)
        /// Its reply broke off or made no sense; the process was ended.
        case unreadableReply(String)
        /// It could not be started at all.
        case cannotStart(String)
        /// It ended, but how could not be learnt (`waitpid` failed with this reason).
        case unobserved(String)
    }

    public var cause: Cause
    /// False when the process had already ended while it waited for work: no build was lost.
    public var duringBuild: Bool

    public init(_ cause: Cause, duringBuild: Bool) {
        self.cause = cause
        self.duringBuild = duringBuild
    }

    /// `signal 11, Segmentation fault`, `exit status 3`, …
    public var reason: String {
        switch cause {
        case .signal(let number):
            let name = strsignal(number).map { String(cString: $0) } ?? "unknown signal"
            return "signal \(number), \(name)"
        case .exit(let status):
            return "exit status \(status)"
        case .unreadableReply(let detail):
            return "its reply could not be read: \(detail)"
        case .cannotStart(let detail):
            return detail
        case .unobserved(let detail):
            return "how it ended is unknown: \(detail)"
        }
    }

    /// The start of every message about it: what happened, and why in brackets.
    public var summary: String {
        switch cause {
        case .cannotStart: "the build process could not be started (\(reason))"
        case .signal, .exit, .unreadableReply, .unobserved:
            duringBuild ? "the build stopped unexpectedly (\(reason))" : "the build process had ended while waiting (\(reason))"
        }
    }

    /// The rule id of the problem the pages show after a build that stopped twice.
    public static let rule = "preview.build-stopped"
}

/// Builds with the very steps `harigami build` takes (`Builder.render`), so the preview can never drift from the
/// real output; only nothing is written. The base URL stays the site's own: a poster printed from the preview must
/// carry the QR code of the published page, not of this computer. Each build remembers what it made
/// (`BuildMemory`), so after a save only what that file changes is made again.
public struct PreviewBuilder: PreviewBuilding {
    public var options: BuildOptions
    private let memory = BuildMemory()

    public init(options: BuildOptions) {
        self.options = options
    }

    public init(content: String, templates: String, audience: Audience) {
        var options = BuildOptions()
        options.contentDirectory = content
        options.templatesDirectory = templates
        options.audience = audience
        self.init(options: options)
    }

    /// One build at a time: the memory is shared by the builds in turn.
    public func build() -> PreviewBuild {
        let started = ContinuousClock.now
        let rendered = memory.render(options)
        return PreviewBuild(files: rendered.site, diagnostics: rendered.report.diagnostics,
                            pagesPerLanguage: rendered.report.pagesPerLanguage, duration: started.duration(to: .now))
    }

    /// In this process a crash ends the preview, so nothing is ever interrupted.
    public func build(interrupted: @Sendable (BuildStop) -> Void) -> PreviewBuild {
        build()
    }

    public func stop() {}
}
