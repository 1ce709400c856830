// What the README's Publishing section hands to users: the workflows in Examples/, and harigami on PATH.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad

@Suite("Publishing")
struct PublishingTests {
    /// A workflow in Examples/, read as YAML; nil with a recorded issue when it is not valid YAML.
    func workflow(_ name: String) throws -> [(key: String, keyLocation: HarigamiModel.SourceLocation, value: YAMLNode)] {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Examples/\(name)"), encoding: .utf8)
        guard case .success(.mapping(let entries, _)?) = YAMLReader.parse(text, path: name) else {
            Issue.record("\(name) is not a YAML mapping")
            return []
        }
        return entries
    }

    /// Every step of every job: `uses`, `run` and `with.path`.
    func steps(_ entries: [(key: String, keyLocation: HarigamiModel.SourceLocation, value: YAMLNode)]) -> [(uses: String?, run: String?, path: String?)] {
        guard case .mapping(let jobs, _)? = entries.first(where: { $0.key == "jobs" })?.value else { return [] }
        return jobs.flatMap { job -> [(uses: String?, run: String?, path: String?)] in
            guard case .mapping(let fields, _) = job.value, case .sequence(let steps, _)? = fields.first(where: { $0.key == "steps" })?.value else { return [] }
            return steps.map { step in
                guard case .mapping(let keys, _) = step else { return (nil, nil, nil) }
                func scalar(_ node: YAMLNode?) -> String? { if case .scalar(let text, _)? = node { return text }; return nil }
                var path: String?
                if case .mapping(let with, _)? = keys.first(where: { $0.key == "with" })?.value { path = scalar(with.first { $0.key == "path" }?.value) }
                return (scalar(keys.first { $0.key == "uses" }?.value), scalar(keys.first { $0.key == "run" }?.value), path)
            }
        }
    }

    @Test("the Pages workflow checks strictly, builds with harigami build, and uploads Output/site alone with the official Pages actions")
    func pagesWorkflow() throws {
        let entries = try workflow("pages.yml")
        let all = steps(entries)
        let runs = all.compactMap { $0.run }
        #expect(runs.contains { $0.contains("harigami check") && $0.contains("--strict") })
        #expect(runs.contains { $0.contains("harigami build") && !$0.contains("--audience staff") })
        let upload = all.filter { $0.uses?.hasPrefix("actions/upload-pages-artifact@") == true }
        #expect(upload.count == 1 && upload.first?.path == "Output/site")
        #expect(all.contains { $0.uses?.hasPrefix("actions/deploy-pages@") == true })
        // The check comes before the build, and nothing else is uploaded.
        let checkIndex = all.firstIndex { $0.run?.contains("check") == true }, buildIndex = all.firstIndex { $0.run?.contains("harigami build") == true }
        #expect(checkIndex != nil && buildIndex != nil && checkIndex! < buildIndex!)
        #expect(!all.contains { $0.uses?.hasPrefix("actions/upload-artifact@") == true })
        #expect(!all.contains { $0.path?.contains("staff") == true })
    }

    @Test("the staff handbook workflow builds the staff site as an artifact and deploys nothing")
    func staffWorkflow() throws {
        let all = steps(try workflow("staff-handbook.yml"))
        #expect(all.compactMap { $0.run }.contains { $0.contains("harigami build --audience staff") })
        #expect(all.contains { $0.uses?.hasPrefix("actions/upload-artifact@") == true && $0.path?.hasPrefix("Output/staff") == true })
        #expect(!all.contains { $0.uses?.contains("pages") == true })
    }

    @Test("Scripts/link-harigami puts harigami on PATH, and leaves a harigami that is not a link to a build alone")
    func linkScript() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bin = folder.appendingPathComponent("bin")
        let script = TestSupport.packageRoot.appendingPathComponent("Scripts/link-harigami")
        let environment = ProcessInfo.processInfo.environment
        func run(_ command: String) throws -> TestSupport.Run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", command]
            process.environment = environment.merging(["HARIGAMI_BIN_DIR": bin.path, "PATH": bin.path + ":/usr/bin:/bin"]) { $1 }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return TestSupport.Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
        }
        let linked = try run("'\(script.path)' '\(TestSupport.binary.path)'")
        #expect(linked.status == 0, "\(linked.stdout)")
        #expect(linked.stdout.contains("harigami: linked \(bin.path)/harigami -> "))
        let version = try run("harigami --version")
        #expect(version.stdout == "harigami \(Release.version)\n")

        try FileManager.default.removeItem(at: bin.appendingPathComponent("harigami"))
        try Data("#!/bin/sh\necho mine\n".utf8).write(to: bin.appendingPathComponent("harigami"))
        let kept = try run("'\(script.path)' '\(TestSupport.binary.path)'")
        #expect(kept.status == 0)
        #expect(kept.stdout.contains("is not a link to a Harigami build, so it was left alone"))
        #expect(try String(contentsOf: bin.appendingPathComponent("harigami"), encoding: .utf8) == "#!/bin/sh\necho mine\n")
    }
}
