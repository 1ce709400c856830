// The harigami command: argument parsing, printing diagnostics, exit codes.

import ArgumentParser
import Foundation
import Harigami

@main
struct HarigamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harigami",
        abstract: "Publish a customer-harassment policy: a bilingual website, printable posters and a content check.",
        version: "harigami \(Release.version)",
        subcommands: [InitCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, TranslationsCommand.self, RenderCommand.self, PreviewWorkerCommand.self]
    )

    /// Usage mistakes exit with 2, like I/O problems; 1 is kept for content errors.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
