// `harigami translations stamp`: after review, record which Japanese version a translation matches.

import ArgumentParser
import Foundation
import HarigamiModel
import HarigamiAuthoring

struct TranslationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "Work with translations.",
        subcommands: [StampCommand.self]
    )
}

struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Set the source-hash of translations to the current Japanese page; only that line of each file changes.",
        discussion: "Run it after checking that a translation says what its Japanese page says now: `check` then stops warning that it is stale."
    )

    @OptionGroup var paths: ContentOptions

    @Argument(help: "Translation files, such as Content/notice.en.md; Content/categories.yml stamps the translated wording of every category.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one translation file, such as Content/notice.en.md, or Content/categories.yml") }
    }

    func run() throws {
        var status: ExitCode?
        for result in TranslationStamp.stamp(files, contentDirectory: paths.content) {
            switch result {
            case .success(let stamped) where stamped.categories != nil:
                print("\(stamped.changed ? "stamped" : "unchanged") \(stamped.path): the translations of \(stamped.categories ?? 0) categories record \(stamped.source)")
            case .success(let stamped):
                print(stamped.changed
                      ? "stamped \(stamped.path): source-hash \(stamped.hash) (\(stamped.source))"
                      : "unchanged \(stamped.path): already source-hash \(stamped.hash) (\(stamped.source))")
            case .failure(.usage(let message)), .failure(.io(let message)):
                Terminal.printError("error: \(message)")
                status = Exit.io
            case .failure(.content(let diagnostic)):
                Terminal.printError(diagnostic.description)
                if status == nil { status = Exit.contentErrors }
            }
        }
        if let status { throw status }
    }
}
