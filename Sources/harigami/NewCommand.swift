// `harigami new category`, `new example` and `new poster`: scaffold what a coverage error asks for, or a new poster.

import ArgumentParser
import Foundation
import HarigamiAuthoring

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create the files for a new category, response example or poster, for every language.",
        subcommands: [NewCategoryCommand.self, NewExampleCommand.self, NewPosterCommand.self]
    )
}

struct NewCategoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "category",
        abstract: "Add a category to categories.yml with an empty name, summary and poster label for every language."
    )

    @OptionGroup var paths: ContentOptions

    @Argument(help: "The category id: lowercase letters, digits and hyphens, such as time-binding.")
    var id: String

    func run() throws {
        let outcome = try ScaffoldReport.unwrap(Scaffold.newCategory(id: id, contentDirectory: paths.content))
        print("""
            added the category '\(id)' to \(outcome.written.joined()) with an empty name, summary and poster-label for \(outcome.languages.joined(separator: " and ")).
            Write them there; `harigami check` reports each one that is still empty.
            Then add a response example: harigami new example \(id) SLUG
            """)
    }
}

struct NewExampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "example",
        abstract: "Create examples/CATEGORY/SLUG.LANG.md for every language, with the required sections; existing files are kept."
    )

    @OptionGroup var paths: ContentOptions

    @Argument(help: "The category id, as in categories.yml.")
    var category: String

    @Argument(help: "The example's name in its address: lowercase letters, digits and hyphens, such as phone or counter.")
    var slug: String

    func run() throws {
        let outcome = try ScaffoldReport.unwrap(Scaffold.newExample(category: category, slug: slug, contentDirectory: paths.content))
        var lines = outcome.written.map { "created \($0)" } + outcome.kept.map { "kept \($0) (it already exists)" }
        lines.append("Each new file has an empty title and summary, and these sections with nothing under them yet:")
        for language in outcome.languages where outcome.written.contains(where: { $0.hasSuffix(".\(language).md") }) {
            lines.append("  \(language): " + (outcome.sections[language] ?? []).map { "## \($0)" }.joined(separator: ", "))
        }
        lines.append("Write them; `harigami check` lists what is still missing.")
        if !outcome.kept.isEmpty {
            lines.append("When a translation matches its Japanese page, record that with `harigami translations stamp FILE`.")
        }
        print(lines.joined(separator: "\n"))
    }
}

extension Scaffold.PosterTemplate: ExpressibleByArgument {}

struct NewPosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poster",
        abstract: "Create posters/NAME.LANG.md for every language with the keys of its kind (or, for nametags, Content/nametags.yml)."
    )

    @OptionGroup var paths: ContentOptions

    @Argument(help: "The poster's name in its file names: lowercase letters, digits and hyphens, such as counter-notice.")
    var name: String

    @Option(help: "awareness (speech bubbles and behaviours), notice (a sign with up to six statements), card (the staff card, compiled from the examples) or nametags (surname-only name tags).")
    var kind: Scaffold.PosterTemplate

    func run() throws {
        let outcome = try ScaffoldReport.unwrap(Scaffold.newPoster(name: name, kind: kind, contentDirectory: paths.content))
        var lines = outcome.written.map { "created \($0)" } + outcome.kept.map { "kept \($0) (it already exists)" }
        switch kind {
        case .nametags: lines.append("It holds one sample person: replace it with your staff (surname, reading, section, role; never a given name).")
        case .card: lines.append("Write the title; the card's text comes from the response examples.")
        case .awareness, .notice: lines.append("Write the empty texts; `harigami check` names each one still empty or too long for its box.")
        }
        print(lines.joined(separator: "\n"))
    }
}

enum ScaffoldReport {
    static func unwrap(_ result: Result<Scaffold.Outcome, Scaffold.Failure>) throws -> Scaffold.Outcome {
        switch result {
        case .success(let outcome):
            return outcome
        case .failure(.usage(let message)), .failure(.io(let message)):
            Terminal.printError("error: \(message)")
            throw Exit.io
        case .failure(.content(let diagnostics)):
            Terminal.printDiagnostics(diagnostics)
            Terminal.printError("fix these problems first; nothing was written")
            throw Exit.contentErrors
        }
    }
}
