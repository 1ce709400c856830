// Whole small sites written inline, Hugo's txtar style, and built in-process as `harigami check` and `build` would.

import Foundation
@testable import Harigami
@testable import HarigamiModel

/// A site in a temporary folder of its own, removed with it: `Content/`, and `Templates/` once the test gives or changes
/// a template (until then the shipped `Templates/` folder is used as it is). `check` and `build` call the library as
/// the commands do, in this process, and return what the commands would print, write and exit with, with paths as
/// they read when the commands run in the site's folder (`Content/pages/faq.en.md`, `Output/site`).
///
/// ```
/// let site = try InlineSite("""
///     -- Content/site.yml --
///     languages: [ja, en]
///     -- Content/notice.ja.md --
///     ...
///     """)
/// ```
/// Each file follows a line `-- PATH --` and runs to the next such line, every line ending with a newline; text
/// before the first is a comment.
final class InlineSite {
    let root: URL
    /// The name of the content folder in the site's folder: `Content` unless a test needs another.
    let contentFolder: String
    /// Whether `Templates/` is this site's own copy, which a test may change.
    private(set) var hasOwnTemplates = false

    var content: URL { root.appendingPathComponent(contentFolder) }
    var templates: URL { hasOwnTemplates ? root.appendingPathComponent("Templates") : TestSupport.templates }
    var output: URL { root.appendingPathComponent("Output") }

    /// A site of exactly the files in `txtar`, with the shipped templates unless it gives some of its own.
    init(_ txtar: String) throws {
        root = try TestSupport.temporaryFolder()
        contentFolder = "Content"
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try apply(txtar)
    }

    /// The content of `folder` (the minimal fixture, the shipped starter), with the files of `txtar` added or put in
    /// place of theirs, and the files named in `removing` (such as `Content/pages/faq.en.md`) removed.
    init(copying folder: URL, as contentFolder: String = "Content", _ txtar: String = "", removing: [String] = []) throws {
        root = try TestSupport.temporaryFolder()
        self.contentFolder = contentFolder
        try TestSupport.copy(folder, to: content)
        try apply(txtar)
        for path in removing { try remove(path) }
    }

    /// A site whose folder `make` fills, as `harigami init` does; its templates are its own when it has a `Templates/`.
    init(project make: (URL) throws -> Void) throws {
        root = try TestSupport.temporaryFolder()
        contentFolder = "Content"
        try make(root)
        hasOwnTemplates = FileManager.default.fileExists(atPath: root.appendingPathComponent("Templates").path)
    }

    /// The minimal fixture (Tests/HarigamiTests/Fixtures/minimal), changed by `txtar` and `removing`.
    static func minimal(_ txtar: String = "", removing: [String] = [], contentFolder: String = "Content") throws -> InlineSite {
        try InlineSite(copying: TestSupport.fixture("minimal"), as: contentFolder, txtar, removing: removing)
    }

    /// The shipped starter content, changed by `txtar` and `removing`.
    static func shipped(_ txtar: String = "", removing: [String] = []) throws -> InlineSite {
        try InlineSite(copying: TestSupport.shippedContent, txtar, removing: removing)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The files of a txtar text, in order: path → text.
    static func files(_ txtar: String) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []
        for line in txtar.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                files.append((String(line.dropFirst(3).dropLast(3)), ""))
            } else if !files.isEmpty {
                files[files.count - 1].text += line + "\n"
            }
        }
        return files
    }

    func apply(_ txtar: String) throws {
        for file in Self.files(txtar) { try write(file.path, file.text) }
    }

    func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        try ownTemplates(for: path)
        let url = url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws {
        try ownTemplates(for: path)
        try FileManager.default.removeItem(at: url(path))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// `text` with every occurrence of `old` replaced by `new`; the test fails when `old` is not there.
    func edit(_ path: String, _ old: String, _ new: String) throws {
        try ownTemplates(for: path)
        let text = try read(path)
        guard text.contains(old) else { throw InlineSiteError.notFound(old, in: path) }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Before the first change to a template: the shipped templates, copied into the site.
    private func ownTemplates(for path: String) throws {
        guard path.hasPrefix("Templates/"), !hasOwnTemplates else { return }
        try TestSupport.copy(TestSupport.templates, to: root.appendingPathComponent("Templates"))
        hasOwnTemplates = true
    }

    /// The options the commands would use, run in the site's folder.
    func options(audience: Audience = .public, baseURL: String? = nil, allowMissingTranslations: Bool = false) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = templates.path
        options.outputDirectory = output.path
        options.audience = audience
        options.baseURL = baseURL
        options.allowMissingTranslations = allowMissingTranslations
        return options
    }

    /// `harigami check` in the site's folder.
    func check(strict: Bool = false, format: CheckFormat = .text) throws -> Run {
        let report = Builder.check(options())
        return try Run(report.output(format: format, strict: strict), diagnostics: report.diagnostics, in: self)
    }

    /// `harigami build` in the site's folder: writes `Output/` as the command does. The milliseconds on the summary
    /// line are 0.
    func build(audience: Audience = .public, baseURL: String? = nil, allowMissingTranslations: Bool = false) throws -> Run {
        let (output, report) = TestSupport.build(options(audience: audience, baseURL: baseURL, allowMissingTranslations: allowMissingTranslations))
        return try Run(output, diagnostics: report?.diagnostics ?? [], in: self)
    }

    /// Every file under `Output/` a build published, by path (`site/en/faq/index.html`), without Harigami's record
    /// of the folders it wrote.
    func published() throws -> [String: Data] {
        try TestSupport.published(output)
    }

    /// The text of a published file, such as `site/en/faq/index.html`.
    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Paths as they read from the site's folder: `Content/…` rather than the temporary folder's full path.
    func relative(_ text: String) -> String {
        text.replacingOccurrences(of: root.path + "/", with: "")
    }

    /// What a command printed and its exit status; `files` is `Output/` after it (published files only).
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// `path:line:col: severity: message [rule]`, in report order.
        var diagnostics: [String]
        var files: [String: Data]

        init(_ output: CommandOutput, diagnostics: [Diagnostic], in site: InlineSite) throws {
            status = output.status.rawValue
            stdout = site.relative(output.standardOutput)
            stderr = site.relative(output.standardError)
            self.diagnostics = diagnostics.sortedForReport().map { site.relative($0.description) }
            files = FileManager.default.fileExists(atPath: site.output.path) ? try site.published() : [:]
        }

        /// The diagnostics of one rule.
        func diagnostics(_ rule: String) -> [String] {
            diagnostics.filter { $0.hasSuffix(" [\(rule)]") }
        }
    }
}

enum InlineSiteError: Error, CustomStringConvertible {
    case notFound(String, in: String)

    var description: String {
        switch self {
        case .notFound(let text, let path): "\(path) no longer holds \(text)"
        }
    }
}

extension TestSupport {
    /// `harigami build` with `options`, in this process: what it prints and exits with, and the report (nil when the
    /// build was refused or could not write). The milliseconds on the summary line are 0.
    static func build(_ options: BuildOptions) -> (CommandOutput, BuildReport?) {
        do {
            let report = try Builder.build(options)
            return (report.output(options, milliseconds: 0), report)
        } catch {
            return (error.output, nil)
        }
    }

    /// `harigami build` with `options` run in `directory`, in this process. The library takes a folder name that is
    /// not absolute from the working folder, which tests running side by side cannot change: such names are put under
    /// `directory` instead, and taken off again in what is printed, so that it names the folders as given.
    static func build(_ options: BuildOptions, in directory: URL) -> Run {
        let (output, _) = build(options.under(directory))
        return Run(output, from: directory)
    }

    /// `harigami check` with `options` run in `directory`, in this process, as `build(_:in:)` runs a build.
    static func check(_ options: BuildOptions, in directory: URL) throws -> Run {
        try Run(Builder.check(options.under(directory)).output(format: .text, strict: false), from: directory)
    }
}

extension TestSupport.Run {
    /// What a command printed in `directory`, with the folder names put under it taken off again.
    init(_ output: CommandOutput, from directory: URL) {
        let prefix = directory.path + "/"
        self.init(status: output.status.rawValue, stdout: output.standardOutput.replacingOccurrences(of: prefix, with: ""),
                  stderr: output.standardError.replacingOccurrences(of: prefix, with: ""))
    }
}

extension BuildOptions {
    /// The options with each folder name that is not absolute put under `directory`, as the library would take it
    /// from a working folder `directory` (`OutputFolders` joins the two the same way).
    func under(_ directory: URL) -> BuildOptions {
        var options = self
        for path in [\BuildOptions.contentDirectory, \.templatesDirectory, \.outputDirectory] where !options[keyPath: path].hasPrefix("/") {
            options[keyPath: path] = directory.path + "/" + options[keyPath: path]
        }
        return options
    }
}

extension BuildOptions {
    /// The command's defaults (`Content`, `Output`) with the templates folder `templates`.
    init(templates: String) {
        self.init()
        templatesDirectory = templates
    }
}
