// What `check` and `build` print and the status they exit with, made from their reports: the CLI prints it, tests read it.

import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown
import HarigamiCheck

/// Exit codes: 0 ok, 1 content errors (nothing written), 2 usage or I/O.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case contentErrors = 1
    case io = 2
}

/// Text for standard output and standard error in the order it is written, and the exit status after it.
public struct CommandOutput: Sendable {
    public enum Stream: Sendable { case standardOutput, standardError }

    /// Each piece as it is written, line ends included.
    public var pieces: [(stream: Stream, text: String)] = []
    public var status: ExitStatus = .success

    public init() {}

    public var standardOutput: String { pieces.filter { $0.stream == .standardOutput }.map(\.text).joined() }
    public var standardError: String { pieces.filter { $0.stream == .standardError }.map(\.text).joined() }

    mutating func write(_ text: String) { pieces.append((.standardOutput, text)) }
    mutating func print(_ line: String) { pieces.append((.standardOutput, line + "\n")) }
    mutating func printError(_ line: String) { pieces.append((.standardError, line + "\n")) }
}

/// How `harigami check` writes its report.
public enum CheckFormat: String, CaseIterable, Sendable {
    /// The coverage table, one line per diagnostic and a summary.
    case text
    /// GitHub workflow annotations and the summary.
    case github
    case json
}

extension CheckReport {
    /// What `harigami check` prints, all of it on standard output. With `strict`, every warning counts as an error.
    public func output(format: CheckFormat, strict: Bool) throws -> CommandOutput {
        let diagnostics = strict
            ? self.diagnostics.map { Diagnostic(.error, $0.location, $0.message, rule: $0.rule) }
            : self.diagnostics
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let summary = Self.summary(errors: errors, warnings: warnings, documents: documentCount, strict: strict)
        var text = ""
        switch format {
        case .text:
            if let coverage { text += coverage.text() + "\n" }
            text += diagnostics.map { $0.description + "\n" }.joined()
            text += summary + "\n"
        case .github:
            text += diagnostics.map(CheckOutput.githubAnnotation).joined()
            text += summary + "\n"
        case .json:
            text += try CheckOutput.json(diagnostics: diagnostics, coverage: coverage, documents: documentCount, strict: strict)
        }
        var output = CommandOutput()
        output.write(text)
        // Unreadable folders and files are I/O problems, not content to fix.
        if diagnostics.contains(where: { $0.severity == .error && ($0.rule == "load.io" || $0.rule == "template.io") }) {
            output.status = .io
        } else if errors > 0 {
            output.status = .contentErrors
        }
        return output
    }

    static func summary(errors: Int, warnings: Int, documents: Int, strict: Bool) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let pages = count(documents, "page")
        if errors == 0, warnings == 0 { return "check: no problems in \(pages)" }
        return "check: \(count(errors, "error")), \(count(warnings, "warning")) in \(pages)" + (strict ? " (--strict: warnings count as errors)" : "")
    }
}

extension BuildReport {
    /// What `harigami build` prints after `Builder.build` returned this report for `options`, which took `milliseconds`.
    public func output(_ options: BuildOptions, milliseconds: Int) -> CommandOutput {
        var output = CommandOutput()
        for diagnostic in diagnostics.sortedForReport() { output.printError(diagnostic.description) }
        guard let written else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            output.printError("build failed: \(errors) error\(errors == 1 ? "" : "s"); nothing was written")
            output.status = .contentErrors
            return output
        }
        let pages = pagesPerLanguage.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        for note in written.notes { output.print(note) }
        for warning in written.warnings { output.printError("warning: \(warning)") }
        let folder = "\(options.outputDirectory)/\(Builder.siteFolder(options.audience))"
        let replaced = written.replaced ? ", replacing the previous one" : ""
        output.print("built \(folder)\(replaced): pages \(pages); posters \(posterFiles) in \(folder)/posters; \(milliseconds) ms")
        for note in notes { output.print(note) }
        if let archive = written.archive {
            output.print("packed \(folder) into \(options.outputDirectory)/\(archive), to hand around: unzipped, "
                         + "\(Builder.siteFolder(options.audience))/index.html opens it without a server")
        }
        if let failure = written.archiveFailure {
            output.printError("error: \(failure)")
            output.status = .io
        }
        return output
    }
}

extension BuildError {
    /// What `harigami build` prints when the build could not write, or would not.
    public var output: CommandOutput {
        var output = CommandOutput()
        output.printError("error: \(description)")
        output.status = .io
        return output
    }
}

extension CommandOutput {
    /// What `harigami render` prints for `data`, Markdown read from `path` (`-` for standard input), of which the
    /// command reads at most one byte more than `MarkdownFile.byteLimit`.
    public static func render(_ data: Data, path: String, settings: MarkdownSettings) -> CommandOutput {
        var output = CommandOutput()
        output.status = .contentErrors
        if let problem = MarkdownFile.sizeProblem(size: data.count, path: path, measured: false) {
            output.printError(problem.description)
            return output
        }
        guard let text = String(data: data, encoding: .utf8) else {
            output.printError("\(path):1:1: error: the file is not UTF-8 text [load.encoding]")
            return output
        }
        let rendered = MarkdownPipeline(settings: settings).render(text, path: path)
        output.write(rendered.html)
        for diagnostic in rendered.diagnostics.sortedForReport() { output.printError(diagnostic.description) }
        if !rendered.diagnostics.hasErrors { output.status = .success }
        return output
    }
}

/// The machine-readable forms of a check report.
public enum CheckOutput {
    /// `::error file=…,line=…,col=…,title=…::message [rule]`, escaped as GitHub workflow commands require.
    public static func githubAnnotation(_ diagnostic: Diagnostic) -> String {
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

    public static func json(diagnostics: [Diagnostic], coverage: CoverageTable?, documents: Int, strict: Bool) throws -> String {
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
