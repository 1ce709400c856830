// `harigami preview-worker`: the build process of `harigami serve`; not for people, so not in the help.

import ArgumentParser
import Foundation
import Harigami
import HarigamiServe
import HarigamiModel

/// Answers each `build` line on standard input with one build's files and diagnostics on standard output, in
/// the framed format of `PreviewWorker`, until standard input ends or the preview that started it is gone.
struct PreviewWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview-worker",
        abstract: "The build process of harigami serve.",
        shouldDisplay: false
    )

    @OptionGroup var paths: ContentOptions

    @Option(name: .long)
    var audience: String = "public"

    /// The preview's process id: when this process is no longer its child, the preview is gone.
    @Option(name: .long)
    var parent: Int32

    @Flag(name: .long)
    var allowMissingTranslations = false

    func run() throws {
        guard let audience = Audience(rawValue: audience) else {
            throw ValidationError("--audience must be public or staff")
        }
        var options = BuildOptions()
        options.contentDirectory = paths.content
        options.templatesDirectory = paths.templates
        options.audience = audience
        options.allowMissingTranslations = allowMissingTranslations
        // Replies go to a copy of standard output; standard output itself becomes standard error, so nothing
        // else printed in this process can corrupt a reply.
        let replies = dup(STDOUT_FILENO)
        guard replies >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            Terminal.printError("error: preview-worker cannot set up its output: \(String(cString: strerror(errno)))")
            throw Exit.io
        }
        ParentWatch.start(parent: parent)
        var worker = PreviewWorker(options: options)
        do {
            try worker.run(requests: STDIN_FILENO, replies: replies)
        } catch {
            Terminal.printError("error: preview-worker: \(error)")
            throw Exit.io
        }
    }
}

/// Ends this process as soon as the preview that started it is gone, even in the middle of a build: a build
/// notices the closed pipe only when it replies. (Not PR_SET_PDEATHSIG: it fires when the preview's *thread*
/// that started this process ends, and the preview starts it from threads that come and go.)
enum ParentWatch {
    static func start(parent: Int32) {
        let thread = Thread {
            while getppid() == parent { usleep(200_000) }
            _exit(0)
        }
        thread.start()
    }
}
