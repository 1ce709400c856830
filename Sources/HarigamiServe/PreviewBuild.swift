// One build for the preview: `harigami build` into a private temporary folder, read back into memory.

import Foundation
import Harigami

/// The result of one attempt: the files when it worked, and every diagnostic either way.
public struct PreviewBuild: Sendable {
    public var files: [String: Data]?
    public var diagnostics: [Diagnostic]
    public var pagesPerLanguage: [String: Int]
    public var duration: Duration

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Builds exactly as `harigami build` does, so the preview can never drift from the real output; only
/// the output folder differs (a temporary one, never `Output/`). The base URL stays the site's own:
/// a poster printed from the preview must carry the QR code of the published page, not of this computer.
public struct PreviewBuilder: Sendable {
    public var options: BuildOptions

    /// `outputFolder` is created by the caller and removed when the preview stops.
    public init(content: String, templates: String, audience: Audience, outputFolder: String) {
        var options = BuildOptions()
        options.contentDirectory = content
        options.templatesDirectory = templates
        options.audience = audience
        options.outputDirectory = outputFolder
        self.options = options
    }

    /// The folder `Builder.build` replaces: `site`, or `staff` for the staff audience.
    public var siteFolder: String {
        options.outputDirectory + "/" + (options.audience == .staff ? "staff" : "site")
    }

    public func build() -> PreviewBuild {
        let started = ContinuousClock.now
        var result = attempt()
        result.duration = started.duration(to: .now)
        return result
    }

    private func attempt() -> PreviewBuild {
        var result = PreviewBuild(files: nil, diagnostics: [], pagesPerLanguage: [:], duration: .zero)
        do {
            let report = try Builder.build(options)
            result.diagnostics = report.diagnostics
            result.pagesPerLanguage = report.pagesPerLanguage
            guard report.wrote else { return result }
        } catch {
            result.diagnostics = [.error(SourceLocation(path: options.outputDirectory), "the preview could not write its build: \(error.description)", rule: "serve.io")]
            return result
        }
        do {
            result.files = try Self.readFiles(under: URL(fileURLWithPath: siteFolder))
        } catch {
            result.diagnostics.append(.error(SourceLocation(path: siteFolder), "the preview could not read back its build: \(error.localizedDescription)", rule: "serve.io"))
        }
        return result
    }

    /// Regular files only, by path relative to `folder`: a symbolic link is never followed, so nothing
    /// placed in the temporary folder can make the preview serve a file from elsewhere.
    static func readFiles(under folder: URL) throws -> [String: Data] {
        let fm = FileManager.default
        var files: [String: Data] = [:]
        func walk(_ relative: String) throws {
            let directory = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            for name in try fm.contentsOfDirectory(atPath: directory.path) {
                let child = relative.isEmpty ? name : relative + "/" + name
                let url = folder.appendingPathComponent(child)
                switch try fm.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType {
                case .typeDirectory?: try walk(child)
                case .typeRegular?: files[child] = try Data(contentsOf: url)
                default: continue
                }
            }
        }
        try walk("")
        return files
    }
}
