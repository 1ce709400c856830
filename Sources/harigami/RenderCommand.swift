// `harigami render`: the site's Markdown pipeline on one fragment, HTML to standard output.

import ArgumentParser
import Foundation
import HarigamiMarkdown
import HarigamiLoad
import HarigamiAuthoring

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Render one Markdown fragment with the site's pipeline; HTML goes to standard output.")

    @Option(name: .long, help: "The language of the text (ja or en).")
    var lang: String = "ja"

    @Flag(name: .long, help: "Let raw HTML through (as allow-html: true in site.yml).")
    var allowHTML = false

    @Flag(name: .long, help: "Plain CommonMark: no GFM tables, strikethrough, autolinks or tag filter.")
    var noExtensions = false

    @Argument(help: "A Markdown file, or - for standard input.")
    var file: String = "-"

    func run() throws {
        // Call-outs are labelled as the default templates label them.
        guard let strings = ProjectInit.builtInStrings(language: lang) else {
            Terminal.printError("error: the default templates have no UI strings for '\(lang)'; use --lang ja or --lang en")
            throw Exit.io
        }
        var data = Data()
        do {
            // Read up to one byte past the limit: a larger input is refused without being held whole.
            let handle = file == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            while data.count <= MarkdownFile.byteLimit, let chunk = try handle.read(upToCount: MarkdownFile.byteLimit + 1 - data.count), !chunk.isEmpty {
                data.append(chunk)
            }
        } catch {
            Terminal.printError("error: cannot read \(file): \(error.localizedDescription)")
            throw Exit.io
        }
        var settings = MarkdownSettings(language: lang, allowHTML: allowHTML, extensions: !noExtensions, audience: .staff)
        settings.strings = strings
        try Terminal.finish(.render(data, path: file, settings: settings))
    }
}
