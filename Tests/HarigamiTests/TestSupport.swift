// Shared test helpers: the package root, fixtures, temporary folders and running the built CLI.

import Foundation
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiRender
@testable import HarigamiWrite

enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/HarigamiTests/Fixtures/\(name)")
    }

    static var templates: URL { packageRoot.appendingPathComponent("Templates") }
    /// The UI strings of the shipped Templates/i18n, by language: what the pipeline hands the Markdown stage.
    static let interfaceStrings: [String: [String: String]] =
        TemplateSet.load(directory: templates.path, languages: ["ja", "en"]).0?.strings ?? [:]
    static var shippedContent: URL { packageRoot.appendingPathComponent("Content") }

    /// A new empty folder, removed by the caller's `defer`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("harigami-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a folder (for tests that break a copy of some content).
    static func copy(_ source: URL, to destination: URL) throws {
        try FileManager.default.copyItem(at: source, to: destination)
    }

    /// The `harigami` executable built beside the test bundle.
    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("harigami")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/harigami")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program and waits for it; standard input is `input` when given.
    static func run(_ executable: URL, _ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    static func harigami(_ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> Run {
        try run(binary, arguments, input: input, in: directory)
    }

    /// Every file under `folder`: relative path → bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
        let base = folder.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            result[relative] = try Data(contentsOf: url)
        }
        return result
    }

    /// Every file a build published under `output`: its snapshot without Harigami's record of the folders it
    /// wrote (device and inode numbers, different on every build).
    static func published(_ output: URL) throws -> [String: Data] {
        try snapshot(output).filter { $0.key != OutputRecord.fileName }
    }

    /// The minimal fixture as an in-memory tree with some files replaced or removed.
    static func minimalTree(replacing changes: [String: String?] = [:]) throws -> ContentTree {
        var files = try snapshot(fixture("minimal")).mapValues { String(decoding: $0, as: UTF8.self) }
        for (path, text) in changes { files[path] = text }
        return ContentTree.memory(files)
    }
}
