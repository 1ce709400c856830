// `harigami build`: check, then render everything into Output/.

import ArgumentParser
import Foundation
import Harigami
import HarigamiModel
import HarigamiLoad
import HarigamiCheck
import HarigamiRender
import HarigamiWrite
import HarigamiAuthoring

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Check the content, then write the site (and posters) into the output folder.")

    @OptionGroup var paths: ContentOptions

    @Option(name: .long, help: "The output folder.")
    var output: String = "Output"

    @Option(name: .long, help: "public (Output/site) or staff (Output/staff, with staff-only pages).")
    var audience: String = "public"

    @Option(name: .long, help: "Override the base-url of site.yml.")
    var baseURL: String?

    @Flag(name: .long, help: "Publish a page or example written only in the first language of site.yml in the other languages' sections as it is, with a notice that its translation is in preparation; each missing file is then a warning, not an error (check --strict still refuses it).")
    var allowMissingTranslations = false

    func run() throws {
        guard let audience = Audience(rawValue: audience) else {
            throw ValidationError("--audience must be public or staff")
        }
        let started = ContinuousClock.now
        var options = BuildOptions()
        options.contentDirectory = paths.content
        options.templatesDirectory = paths.templates
        options.outputDirectory = output
        options.audience = audience
        options.baseURL = baseURL
        options.allowMissingTranslations = allowMissingTranslations
        let report: BuildReport
        do {
            report = try Builder.build(options, waiting: {
                Terminal.printError("build: another build is writing to \(output); waiting for it to finish")
            })
        } catch {
            Terminal.printError("error: \(error.description)")
            throw Exit.io
        }
        Terminal.printDiagnostics(report.diagnostics)
        guard let written = report.written else {
            let errors = report.diagnostics.filter { $0.severity == .error }.count
            Terminal.printError("build failed: \(errors) error\(errors == 1 ? "" : "s"); nothing was written")
            throw Exit.contentErrors
        }
        let elapsed = started.duration(to: .now)
        let pages = report.pagesPerLanguage.keys.sorted().map { "\($0) \(report.pagesPerLanguage[$0]!)" }.joined(separator: ", ")
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        for note in written.notes { print(note) }
        for warning in written.warnings { Terminal.printError("warning: \(warning)") }
        let folder = "\(output)/\(Builder.siteFolder(audience))"
        let replaced = written.replaced ? ", replacing the previous one" : ""
        print("built \(folder)\(replaced): pages \(pages); posters \(report.posterFiles) in \(folder)/posters; \(milliseconds) ms")
        for note in report.notes { print(note) }
        if let archive = written.archive {
            print("packed \(folder) into \(output)/\(archive), to hand around: unzipped, \(Builder.siteFolder(audience))/index.html opens it without a server")
        }
        if let failure = written.archiveFailure {
            Terminal.printError("error: \(failure)")
            throw Exit.io
        }
    }
}
