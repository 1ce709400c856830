// Each build swaps in a new folder of exactly its own files and deletes the previous one: no spare copy is kept.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiWrite

@Suite("Output replacement")
struct OutputReplacementTests {
    static func files(_ pairs: [String: String]) -> [String: Data] { pairs.mapValues { Data($0.utf8) } }

    static func identity(_ url: URL) throws -> FolderIdentity {
        var status = stat()
        #expect(lstat(url.path, &status) == 0)
        return FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    @Test("each replace leaves exactly the new files, whatever the previous output held")
    func exactFiles() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let builds = [
            Self.files(["index.html": "1", "ja/a/index.html": "a1", "ja/gone/index.html": "g", "old.txt": "o", "becomes-folder": "f"]),
            Self.files(["index.html": "2", "ja/a/index.html": "a2", "ja/b/index.html": "b2"]),
            Self.files(["index.html": "3", "ja/a/index.html": "a3", "becomes-folder/index.html": "x", "ja/gone": "now a file"]),
            Self.files(["index.html": "4"]),
        ]
        for (number, files) in builds.enumerated() {
            let outcome = try OutputWriter.publish(files, as: "site", in: root.path)
            #expect(outcome.replaced == (number > 0))
            #expect(try TestSupport.snapshot(site) == files)
        }
    }

    @Test("no spare copy of the previous output is kept beside it: the output folder holds the site, the posters link and the record")
    func noSpare() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for text in ["1", "2", "3"] {
            _ = try OutputWriter.publish(Self.files(["index.html": text, "posters/a.ja.A4.html": text]), as: "site", in: root.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".harigami-output.json", "posters", "site"])
        #expect(try String(contentsOf: root.appendingPathComponent("posters/a.ja.A4.html"), encoding: .utf8) == "3")
    }

    @Test("a replace swaps in another folder and deletes the previous one, which a reader holding it open still sees whole until then")
    func swappedNotRewritten() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        _ = try OutputWriter.publish(Self.files(["ja/a/index.html": "first"]), as: "site", in: root.path)
        let first = try Self.identity(site)
        let reader = open(site.path, O_RDONLY | O_DIRECTORY)
        defer { close(reader) }
        _ = try OutputWriter.publish(Self.files(["ja/a/index.html": "second"]), as: "site", in: root.path)
        #expect(try Self.identity(site) != first)
        var status = stat()
        #expect(fstat(reader, &status) == 0)
        #expect(status.st_nlink == 0, "the previous folder is deleted, not kept as a spare")
        #expect(try TestSupport.snapshot(site) == Self.files(["ja/a/index.html": "second"]))
    }

    @Test("where folders cannot be swapped in one step, the previous one is renamed aside, the new one put in place, and nothing is left")
    func renamedAsideWithoutExchange() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let posters = root.appendingPathComponent("posters")
        try FileManager.default.createDirectory(at: posters, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: posters.appendingPathComponent("a.ja.A4.html"))
        for text in ["1", "2"] {
            let files = Self.files(["index.html": text, "posters/a.ja.A4.html": text])
            #expect(try OutputWriter.publish(files, as: "site", in: root.path, swapInOneStep: false, between: { _ in }).replaced == (text == "2"))
            #expect(try TestSupport.snapshot(root.appendingPathComponent("site")) == files)
            #expect(try String(contentsOf: posters.appendingPathComponent("a.ja.A4.html"), encoding: .utf8) == text)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".harigami-output.json", "posters", "site"])
    }

    /// What `Output/site` and `Output/posters` hold between every two steps of a publish: nil for a missing folder.
    static func statesBetweenSteps(_ files: [String: Data], as name: String, in root: URL) throws -> [(step: String, site: [String: Data]?, posters: [String: Data]?)] {
        var states: [(step: String, site: [String: Data]?, posters: [String: Data]?)] = []
        func folder(_ path: String) -> [String: Data]? {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
            return try? TestSupport.snapshot(URL(fileURLWithPath: path).resolvingSymlinksInPath())
        }
        _ = try OutputWriter.publish(files, as: name, in: root.path, swapInOneStep: true) { step in
            states.append((step, folder(root.path + "/site"), folder(root.path + "/posters")))
        }
        return states
    }

    static func posters(of site: [String: Data]) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: site.compactMap { path, data in path.hasPrefix("posters/") ? (String(path.dropFirst(8)), data) : nil })
    }

    @Test("between every two steps of a replace, Output/site is the whole previous or the whole new site, and Output/posters holds its posters")
    func wholeBetweenSteps() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = Self.files(["index.html": "old", "ja/index.html": "old", "posters/a.ja.A4.html": "old"])
        let new = Self.files(["index.html": "new", "en/index.html": "new", "posters/a.ja.A4.html": "new", "posters/b.en.A3.html": "new"])
        _ = try OutputWriter.publish(old, as: "site", in: root.path)
        let states = try Self.statesBetweenSteps(new, as: "site", in: root)
        #expect(states.count == 5)
        for state in states {
            #expect(state.site == old || state.site == new, "\(state.step)")
            #expect(state.posters == state.site.map(Self.posters), "\(state.step)")
        }
        #expect(states.last?.site == new)
    }

    @Test("taking over an earlier version's output, with its folder of posters, is whole between every two steps too")
    func wholeTakingOver() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = Self.files(["index.html": "old", "posters/a.ja.A4.html": "old"])
        for (path, data) in old.merging(["../posters/a.ja.A4.html": Data("old".utf8)], uniquingKeysWith: { $1 }) {
            let url = root.appendingPathComponent("site/" + path).standardizedFileURL
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let new = Self.files(["index.html": "new", "posters/a.ja.A4.html": "new"])
        for state in try Self.statesBetweenSteps(new, as: "site", in: root) {
            #expect(state.site == old || state.site == new, "\(state.step)")
            #expect(state.posters == state.site.map(Self.posters), "\(state.step)")
        }
    }

    @Test("the record lists the folder now in place, by device and inode")
    func recordListsFolder() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try OutputWriter.publish(Self.files(["index.html": "1"]), as: "site", in: root.path)
        _ = try OutputWriter.publish(Self.files(["index.html": "2"]), as: "site", in: root.path)
        let data = try Data(contentsOf: root.appendingPathComponent(".harigami-output.json"))
        let record = try JSONDecoder().decode(OutputRecord.self, from: data)
        #expect(record.folders == ["site": [try Self.identity(root.appendingPathComponent("site"))]])
    }

    @Test("a link inside the previous output is deleted with it, never followed")
    func linksRemoved() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("Output/site")
        let outside = root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("untouched".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        _ = try OutputWriter.publish(Self.files(["index.html": "1"]), as: "site", in: root.path + "/Output")
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("folder-link"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("file-link"), withDestinationURL: outside.appendingPathComponent("keep.txt"))
        _ = try OutputWriter.publish(Self.files(["index.html": "2"]), as: "site", in: root.path + "/Output")
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.txt"), encoding: .utf8) == "untouched")
        #expect(try TestSupport.snapshot(site) == Self.files(["index.html": "2"]))
    }

    @Test("after a page is removed and both sites built again, nothing of the previous builds lies anywhere in the output folder, and a copy of Output/site holds exactly the current public site")
    func previousBuildGone() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        let output = root.appendingPathComponent("Output")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        func options(_ audience: Audience) -> BuildOptions {
            var options = BuildOptions()
            options.contentDirectory = content.path
            options.templatesDirectory = TestSupport.templates.path
            options.outputDirectory = output.path
            options.audience = audience
            return options
        }
        for audience in [Audience.public, .staff] { #expect(try Builder.build(options(audience)).wrote) }
        let previous = try TestSupport.snapshot(output.appendingPathComponent("site"))
        #expect(previous.keys.contains("ja/faq/index.html"))

        for language in ["ja", "en"] { try FileManager.default.removeItem(at: content.appendingPathComponent("pages/faq.\(language).md")) }
        for audience in [Audience.public, .staff] { #expect(try Builder.build(options(audience)).wrote) }
        let current = try #require(Builder.render(options(.public)).site)
        let currentStaff = try #require(Builder.render(options(.staff)).site)
        #expect(try TestSupport.snapshot(output.appendingPathComponent("site")) == current)
        #expect(try TestSupport.snapshot(output.appendingPathComponent("staff")) == currentStaff)

        // No page of the previous build, under any name or folder: hidden ones and spare copies beside the site included.
        let gone = Set(previous.keys).subtracting(current.keys)
        #expect(gone.contains("ja/faq/index.html") && gone.contains("en/faq/index.html"))
        let everything = try #require(FileManager.default.enumerator(atPath: output.path)).compactMap { $0 as? String }
        #expect(everything.filter { path in gone.contains { path.hasSuffix($0) } }.isEmpty)
        #expect(everything.filter { $0.contains("faq") }.isEmpty)

        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [".harigami-output.json", "posters", "site", "staff", "staff.zip"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: output.appendingPathComponent("posters").path) == "site/posters")

        // What an upload of Output/site carries.
        let copy = root.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: output.appendingPathComponent("site"), to: copy)
        #expect(try TestSupport.snapshot(copy) == current)
        let folders = try #require(FileManager.default.enumerator(atPath: copy.path)).compactMap { $0 as? String }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: copy.path + "/" + path, isDirectory: &isFolder) && isFolder.boolValue
        }
        #expect(folders.allSatisfy { folder in folder == "posters" || current.keys.contains { $0.hasPrefix(folder + "/") } })
    }
}
