// A build rewrites the output before the current one in place, and still leaves exactly its own files.

import Foundation
import Testing
@testable import Harigami

@Suite("Output recycling")
struct OutputRecyclingTests {
    static func files(_ pairs: [String: String]) -> [String: Data] { pairs.mapValues { Data($0.utf8) } }

    static func fileNumber(_ url: URL) throws -> UInt64? {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    @Test("each replace leaves exactly the new files, whatever the recycled folder held before")
    func exactFiles() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let builds = [
            Self.files(["index.html": "1", "ja/a/index.html": "a1", "ja/gone/index.html": "g", "old.txt": "o", "becomes-folder": "f"]),
            Self.files(["index.html": "2", "ja/a/index.html": "a2", "ja/b/index.html": "b2"]),
            // The spare now holds the first build: its extra folder and files must not survive into the third.
            Self.files(["index.html": "3", "ja/a/index.html": "a3", "becomes-folder/index.html": "x", "ja/gone": "now a file"]),
            Self.files(["index.html": "4"]),
        ]
        for files in builds {
            try OutputWriter.replace(directory: site.path, with: files)
            #expect(try TestSupport.snapshot(site) == files)
        }
        #expect(FileManager.default.fileExists(atPath: OutputWriter.spare(of: site.path).path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".new-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a file the next-but-one build writes again is the same file on disk, rewritten in place")
    func rewrittenInPlace() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        try OutputWriter.replace(directory: site.path, with: Self.files(["ja/a/index.html": "first"]))
        let first = try Self.fileNumber(site.appendingPathComponent("ja/a/index.html"))
        try OutputWriter.replace(directory: site.path, with: Self.files(["ja/a/index.html": "second"]))
        try OutputWriter.replace(directory: site.path, with: Self.files(["ja/a/index.html": "third"]))
        #expect(try Self.fileNumber(site.appendingPathComponent("ja/a/index.html")) == first)
        #expect(try TestSupport.snapshot(site) == Self.files(["ja/a/index.html": "third"]))
    }

    @Test("a file whose bytes have not changed since the next-but-one build is not written again")
    func unchangedNotRewritten() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let page = site.appendingPathComponent("ja/index.html")
        func modified() throws -> Date? { try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date }
        try OutputWriter.replace(directory: site.path, with: Self.files(["ja/index.html": "same", "other.html": "1"]))
        let first = try modified()
        Thread.sleep(forTimeInterval: 0.05)
        try OutputWriter.replace(directory: site.path, with: Self.files(["ja/index.html": "same", "other.html": "2"]))
        try OutputWriter.replace(directory: site.path, with: Self.files(["ja/index.html": "same", "other.html": "3"]))
        #expect(try modified() == first)
        #expect(try TestSupport.snapshot(site) == Self.files(["ja/index.html": "same", "other.html": "3"]))
    }

    @Test("a link left in the recycled folder is removed, not written through")
    func linksRemoved() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let outside = root.appendingPathComponent("outside.txt")
        try Data("untouched".utf8).write(to: outside)
        try OutputWriter.replace(directory: site.path, with: Self.files(["index.html": "1"]))
        try OutputWriter.replace(directory: site.path, with: Self.files(["index.html": "2"]))
        let spare = OutputWriter.spare(of: site.path)
        try FileManager.default.removeItem(at: spare.appendingPathComponent("index.html"))
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("index.html"), withDestinationURL: outside)
        try OutputWriter.replace(directory: site.path, with: Self.files(["index.html": "3"]))
        #expect(try String(contentsOf: outside, encoding: .utf8) == "untouched")
        #expect(try TestSupport.snapshot(site) == Self.files(["index.html": "3"]))
    }
}
