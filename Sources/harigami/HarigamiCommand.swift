// The harigami command: argument parsing, printing diagnostics, exit codes.

import ArgumentParser

@main
struct HarigamiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harigami",
        abstract: "Publish a customer-harassment policy: a bilingual website, printable posters and a content check.",
        subcommands: [BuildCommand.self, RenderCommand.self]
    )
}
