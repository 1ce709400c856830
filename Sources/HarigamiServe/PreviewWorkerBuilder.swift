// The preview's builds in a separate, long-lived build process, so a build that crashes cannot end the preview.

import Foundation
import Harigami
import HarigamiModel

/// Runs each build in a child process (`harigami preview-worker`) that keeps its `BuildMemory` from build to
/// build, as the preview did in its own process. When the process dies (a trap, a stack overflow, a kill), the
/// preview keeps its last good files: the build is tried once more in a fresh process, so a process that died
/// while it waited costs nothing, and a build that stops twice becomes a problem on every page, without files.
public final class PreviewWorkerBuilder: PreviewBuilding, @unchecked Sendable {
    private let executable: String
    /// The process's own name first (what `ps` shows), then its arguments.
    private let arguments: [String]
    private let contentDirectory: String
    private let lock = NSLock()
    private var current: BuildProcess?
    private var building = false
    private var stopped = false

    /// `executable` is `harigami` itself; it runs as `preview-worker` with the folders, audience and translation
    /// setting of `options`, under the name `name` (the executable's path when nil).
    public init(executable: String, name: String? = nil, options: BuildOptions) {
        self.executable = executable
        arguments = [name ?? executable, "preview-worker", "--content", options.contentDirectory, "--templates", options.templatesDirectory,
                     "--audience", options.audience.rawValue, "--parent", String(getpid())]
            + (options.allowMissingTranslations ? ["--allow-missing-translations"] : [])
        contentDirectory = options.contentDirectory
        // Writing a request to a process that has just died must be an error to handle, not a signal that ends the preview.
        signal(SIGPIPE, SIG_IGN)
    }

    /// The running build process, if there is one (for tests and for whoever wants to watch it).
    public var processID: pid_t? {
        lock.withLock { current?.pid }
    }

    public func build(interrupted: @Sendable (BuildStop) -> Void) -> PreviewBuild {
        let started = ContinuousClock.now
        var attempts = 0
        var idleEndSeen = false
        while true {
            let outcome = attemptBuild()
            switch outcome {
            case .built(let files, let diagnostics, let pages):
                return PreviewBuild(files: files, diagnostics: diagnostics, pagesPerLanguage: pages, duration: started.duration(to: .now))
            case .stopped(let stop):
                let isStopping = lock.withLock { stopped }
                // A process that had ended while it waited lost no build: starting another is not a retry (once).
                var lostNothing = !stop.duringBuild
                if case .cannotStart = stop.cause { lostNothing = false }
                if lostNothing, !idleEndSeen {
                    idleEndSeen = true
                } else {
                    attempts += 1
                }
                if !isStopping, attempts < 2 {
                    interrupted(stop)
                    continue
                }
                let problem = Diagnostic.error(SourceLocation(path: contentDirectory, line: 0, column: 0),
                                               "\(stop.summary); save again to retry, and if it happens again, please report it with the file you changed",
                                               rule: BuildStop.rule)
                return PreviewBuild(files: nil, diagnostics: isStopping ? [] : [problem], pagesPerLanguage: [:],
                                    duration: started.duration(to: .now), stop: stop)
            }
        }
    }

    public func stop() {
        let (process, busy) = lock.withLock {
            stopped = true
            return (current, building)
        }
        guard let process else { return }
        // During a build, the build's own thread sees the pipe close and cleans up; otherwise do it here.
        if busy {
            process.kill()
        } else {
            lock.withLock { current = nil }
            _ = process.end(killing: true)
        }
    }

    private enum Outcome {
        case built([String: Data]?, [Diagnostic], [String: Int])
        case stopped(BuildStop)
    }

    private func attemptBuild() -> Outcome {
        let process: BuildProcess
        lock.lock()
        if stopped {
            lock.unlock()
            return .stopped(BuildStop(.cannotStart("the preview is stopping"), duringBuild: false))
        }
        if let current {
            process = current
        } else {
            do {
                process = try BuildProcess.start(executable: executable, arguments: arguments)
            } catch {
                lock.unlock()
                return .stopped(error)
            }
            current = process
        }
        building = true
        lock.unlock()

        let result = process.build()
        let isStopping = lock.withLock {
            building = false
            if case .failure = result { current = nil }
            if stopped { current = nil }
            return stopped
        }
        switch result {
        case .success(let reply):
            // `stop()` came during this build, which finished before the kill: end the process here.
            if isStopping { _ = process.end(killing: true) }
            return .built(reply.files, reply.diagnostics, reply.pagesPerLanguage)
        case .failure(.ended(let midReply)):
            // No byte of the reply came: the process has died or is dying; wait for it to say how.
            let status = process.end(killing: midReply)
            // A process started for this build that ended before it was asked had a build to make all the same.
            return .stopped(BuildStop(status, duringBuild: !(process.endedBeforeRequest && process.hasBuilt)))
        case .failure(let error):
            _ = process.end(killing: true)
            return .stopped(BuildStop(.unreadableReply(error.description), duringBuild: true))
        }
    }
}

/// One running build process and its two pipes.
final class BuildProcess: @unchecked Sendable {
    let pid: pid_t
    private let requests: Int32
    private var replies: BuildReplyReader
    private let replyDescriptor: Int32
    private let lock = NSLock()
    private var status: BuildStop.Cause?
    private var isClosed = false
    /// Whether the process had already ended when the last request was written.
    private(set) var endedBeforeRequest = false
    /// Whether it has answered a request.
    private(set) var hasBuilt = false

    private init(pid: pid_t, requests: Int32, replies: Int32) {
        self.pid = pid
        self.requests = requests
        replyDescriptor = replies
        self.replies = BuildReplyReader(descriptor: replies)
    }

    /// Starts `executable` with `arguments` (its name first), its standard input and output on new pipes, its
    /// standard error the preview's.
    static func start(executable: String, arguments: [String]) throws(BuildStop) -> BuildProcess {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { throw BuildStop(.cannotStart("pipe failed: \(String(cString: strerror(errno)))"), duringBuild: false) }
        guard pipe(&fromChild) == 0 else {
            let problem = String(cString: strerror(errno))
            close(toChild[0]); close(toChild[1])
            throw BuildStop(.cannotStart("pipe failed: \(problem)"), duringBuild: false)
        }
        // Only the preview starts processes, and only here: nothing can inherit the pipes between these lines.
        for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO)
        // Nothing else of the preview's (its listening socket, connections) may live on in the build process.
        closeOthers(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so Ctrl-C in the terminal stops the preview, which then ends the build process,
        // rather than killing the build first and being reported as a crash. The preview ignores SIGINT and
        // SIGTERM (it handles them); the build process must not inherit that, nor any blocked signal.
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&defaults)
        sigemptyset(&empty)
        for number in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        var environment = ProcessInfo.processInfo.environment
        // A crash report with a symbolicated backtrace takes seconds, while the preview waits; the runtime's
        // one-line reason still reaches the terminal. Whoever sets SWIFT_BACKTRACE gets what they asked for.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(toChild[0])
        close(fromChild[1])
        guard result == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw BuildStop(.cannotStart("cannot run \(executable): \(String(cString: strerror(result)))"), duringBuild: false)
        }
        return BuildProcess(pid: pid, requests: toChild[1], replies: fromChild[0])
    }

    /// Adds the closing of every descriptor above standard error: with glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Swift sees it only by name), else one by one.
    private static func closeOthers(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            if unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0 { return }
        }
        let open: [String]
        do {
            open = try FileManager.default.contentsOfDirectory(atPath: "/dev/fd")
        } catch {
            // Without a list of what is open, only the descriptors marked close-on-exec are closed.
            return
        }
        for name in open {
            guard let descriptor = Int32(name), descriptor > 2, fcntl(descriptor, F_GETFD) >= 0 else { continue }
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Asks for one build and reads its reply.
    func build() -> Result<(files: [String: Data]?, diagnostics: [Diagnostic], pagesPerLanguage: [String: Int]), WireError> {
        // A process that had died while it waited: reaped already, or its end of the pipe is closed.
        endedBeforeRequest = lock.withLock {
            var exited: Int32 = 0
            guard waitpid(pid, &exited, WNOHANG) == pid else { return false }
            status = Self.cause(exited)
            return true
        }
        let line = Array("build\n".utf8)
        if !endedBeforeRequest, line.withUnsafeBytes({ write(requests, $0.baseAddress, $0.count) }) != line.count {
            endedBeforeRequest = true
        }
        if endedBeforeRequest { return .failure(.ended(midReply: false)) }
        do {
            let reply = try replies.next()
            hasBuilt = true
            return .success(reply)
        } catch {
            // Dying takes a moment (a process's threads end one by one), so it may have been dying, not yet
            // reapable, when asked: if the request still lies unread in the pipe, it never began this build.
            if error == .ended(midReply: false), unreadRequestBytes() > 0 { endedBeforeRequest = true }
            return .failure(error)
        }
    }

    /// The bytes written to the process's input that it has not read (Linux answers FIONREAD for either end of a pipe).
    private func unreadRequestBytes() -> Int32 {
        var count: Int32 = 0
        return ioctl(requests, UInt(FIONREAD), &count) == 0 ? count : 0
    }

    /// Kills the process unless it has been reaped already (its number may then be another process's).
    func kill() {
        lock.withLock {
            if status == nil { _ = Foundation.kill(pid, SIGKILL) }
        }
    }

    /// Ends the process (killing it first when asked, or when it does not end within two seconds of its pipe
    /// closing), closes the pipes and says how it ended. The status is kept for later callers.
    func end(killing: Bool) -> BuildStop.Cause {
        lock.withLock {
            if status == nil { status = reap(killing: killing) }
            if !isClosed {
                close(requests)
                close(replyDescriptor)
                isClosed = true
            }
            return status!
        }
    }

    private func reap(killing: Bool) -> BuildStop.Cause {
        if killing { Foundation.kill(pid, SIGKILL) }
        var exited: Int32 = 0
        var reaped = waitpid(pid, &exited, WNOHANG)
        let deadline = ContinuousClock.now + .seconds(2)
        while reaped == 0, ContinuousClock.now < deadline {
            usleep(10_000)
            reaped = waitpid(pid, &exited, WNOHANG)
        }
        if reaped == 0 {
            Foundation.kill(pid, SIGKILL)
            reaped = waitpid(pid, &exited, 0)
        }
        return reaped == pid ? Self.cause(exited) : .unobserved(String(cString: strerror(errno)))
    }

    private static func cause(_ status: Int32) -> BuildStop.Cause {
        // WIFSIGNALED / WTERMSIG / WEXITSTATUS are macros Swift does not import.
        let signal = status & 0x7f
        return signal != 0 && signal != 0x7f ? .signal(signal) : .exit((status >> 8) & 0xff)
    }
}
