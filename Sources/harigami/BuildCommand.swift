// `harigami build`: check, then render everything into Output/.

import ArgumentParser
import Foundation
import Harigami
import HarigamiModel

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

    @Option(name: .long, help: "The automated accessibility test results (the JSON file Scripts/acceptance/site.py --results writes) for the accessibility page; without them it says the results are pending.")
    var accessibilityResults: String?

    @Flag(name: .long, help: "Also print every poster file (and, in the staff build, the name-tag sheets and the staff manual) to PDF beside its HTML with headless Chromium (the Debian package chromium), and offer each PDF on the posters page.")
    var pdf = false

    func run() throws {
        guard let audience = Audience(rawValue: audience) else {
            throw ValidationError("--audience must be public or staff")
        }
        // Before anything is read or written: --pdf cannot do what it promises without Chromium.
        var printer: PDFPrinter?
        if pdf {
            guard let chromium = Chromium.find(path: ProcessInfo.processInfo.environment["PATH"]) else {
                try Terminal.finish(BuildError.io(Chromium.missing).output)
                return
            }
            printer = .chromium(chromium)
        }
        let started = ContinuousClock.now
        var options = BuildOptions()
        options.printer = printer
        options.contentDirectory = paths.content
        options.templatesDirectory = paths.templates
        options.outputDirectory = output
        options.audience = audience
        options.baseURL = baseURL
        options.allowMissingTranslations = allowMissingTranslations
        options.accessibilityResults = accessibilityResults
        let report: BuildReport
        do {
            report = try Builder.build(options, waiting: {
                Terminal.printError("build: another build is writing to \(output); waiting for it to finish")
            })
        } catch {
            try Terminal.finish(error.output)
            return
        }
        let elapsed = started.duration(to: .now)
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        try Terminal.finish(report.output(options, milliseconds: milliseconds))
    }
}
