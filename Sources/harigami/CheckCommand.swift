// `harigami check`: every content check, reported as text, GitHub annotations or JSON; nothing is written.

import ArgumentParser
import Foundation
import Harigami

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content (coverage, sections, translations, links) and print the coverage table; nothing is written.",
        discussion: "Exit status: 0 no errors, 1 content errors, 2 usage or I/O problems. docs/check.md lists every rule."
    )

    @OptionGroup var paths: ContentOptions

    @Option(name: .long, help: "text (with the coverage table), github (workflow annotations) or json.")
    var format: CheckFormat = .text

    @Flag(name: .long, help: "Count warnings (such as stale translations) as errors.")
    var strict = false

    func run() throws {
        var options = BuildOptions()
        options.contentDirectory = paths.content
        options.templatesDirectory = paths.templates
        try Terminal.finish(Builder.check(options).output(format: format, strict: strict))
    }
}

extension CheckFormat: ExpressibleByArgument {}
