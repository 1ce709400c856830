// `harigami check`: every content check, reported as text, GitHub annotations or JSON; nothing is written.

import ArgumentParser
import Foundation
import Harigami
import HarigamiModel
import HarigamiLoad
import HarigamiCheck
import HarigamiRender
import HarigamiWrite
import HarigamiAuthoring

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content (coverage, sections, translations, links) and print the coverage table; nothing is written.",
        discussion: "Exit status: 0 no errors, 1 content errors, 2 usage or I/O problems. docs/check.md lists every rule."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, github, json
    }

    @OptionGroup var paths: ContentOptions

    @Option(name: .long, help: "text (with the coverage table), github (workflow annotations) or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Count warnings (such as stale translations) as errors.")
    var strict = false

    func run() throws {
        var options = BuildOptions()
        options.contentDirectory = paths.content
        options.templatesDirectory = paths.templates
        let report = Builder.check(options)
        let diagnostics = strict
            ? report.diagnostics.map { Diagnostic(.error, $0.location, $0.message, rule: $0.rule) }
            : report.diagnostics
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var output = ""
        switch format {
        case .text:
            if let coverage = report.coverage { output += coverage.text() + "\n" }
            output += diagnostics.map { $0.description + "\n" }.joined()
            output += summary(errors: errors, warnings: warnings, documents: report.documentCount) + "\n"
        case .github:
            output += diagnostics.map(CheckOutput.githubAnnotation).joined()
            output += summary(errors: errors, warnings: warnings, documents: report.documentCount) + "\n"
        case .json:
            output += try CheckOutput.json(diagnostics: diagnostics, coverage: report.coverage, documents: report.documentCount, strict: strict)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        // Unreadable folders and files are I/O problems, not content to fix.
        if diagnostics.contains(where: { $0.severity == .error && ($0.rule == "load.io" || $0.rule == "template.io") }) { throw Exit.io }
        if errors > 0 { throw Exit.contentErrors }
    }

    func summary(errors: Int, warnings: Int, documents: Int) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let pages = count(documents, "page")
        if errors == 0, warnings == 0 { return "check: no problems in \(pages)" }
        return "check: \(count(errors, "error")), \(count(warnings, "warning")) in \(pages)" + (strict ? " (--strict: warnings count as errors)" : "")
    }
}

/// The machine-readable forms of a check report.
enum CheckOutput {
    /// `::error file=…,line=…,col=…,title=…::message [rule]`, escaped as GitHub workflow commands require.
    static func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        func data(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ text: String) -> String {
            data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        let location = diagnostic.location
        return "::\(diagnostic.severity.rawValue) file=\(property(location.path)),line=\(location.line),col=\(location.column),title=\(property(diagnostic.rule))::\(data(diagnostic.message)) [\(diagnostic.rule)]\n"
    }

    struct Report: Encodable {
        var version = 1
        var strict: Bool
        var summary: Summary
        var diagnostics: [Entry]
        /// null when site.yml could not be read.
        var coverage: Coverage?

        enum CodingKeys: String, CodingKey { case version, strict, summary, diagnostics, coverage }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(strict, forKey: .strict)
            try container.encode(summary, forKey: .summary)
            try container.encode(diagnostics, forKey: .diagnostics)
            try container.encode(coverage, forKey: .coverage)
        }
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var pages: Int
    }

    struct Entry: Encodable {
        var path: String
        var line: Int
        var column: Int
        var severity: String
        var rule: String
        var message: String
    }

    struct Coverage: Encodable {
        var languages: [String]
        var categories: [CategoryRow]
    }

    struct CategoryRow: Encodable {
        var id: String
        var languages: [String: Cell]
    }

    struct Cell: Encodable {
        var examples: Int
        var wording: Bool
        var name: Bool
        var summary: Bool
        var posterLabel: Bool
        var complete: Bool

        enum CodingKeys: String, CodingKey {
            case examples, wording, name, summary, complete
            case posterLabel = "poster-label"
        }
    }

    static func json(diagnostics: [Diagnostic], coverage: CoverageTable?, documents: Int, strict: Bool) throws -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let report = Report(
            strict: strict,
            summary: Summary(errors: errors, warnings: diagnostics.count - errors, pages: documents),
            diagnostics: diagnostics.map {
                Entry(path: $0.location.path, line: $0.location.line, column: $0.location.column,
                      severity: $0.severity.rawValue, rule: $0.rule, message: $0.message)
            },
            coverage: coverage.map { table in
                Coverage(languages: table.languages, categories: table.rows.map { row in
                    CategoryRow(id: row.category, languages: row.cells.mapValues {
                        Cell(examples: $0.examples, wording: $0.wording, name: $0.name, summary: $0.summary, posterLabel: $0.posterLabel, complete: $0.isComplete)
                    })
                })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
