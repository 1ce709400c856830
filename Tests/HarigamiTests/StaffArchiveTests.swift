// Output/staff.zip: the staff handbook as one file to hand around, read back with Python's zipfile.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiWrite

@Suite("Staff archive")
struct StaffArchiveTests {
    /// A copy of the minimal fixture with a picture under a Japanese name, shown on the Japanese home page.
    static func content() throws -> URL {
        let root = try TestSupport.temporaryFolder()
        let content = root.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data("picture".utf8).write(to: content.appendingPathComponent("images/貼り紙.png"))
        let notice = content.appendingPathComponent("notice.ja.md")
        let text = try String(contentsOf: notice, encoding: .utf8)
        try (text + "\n![貼り紙の写真](/images/貼り紙.png)\n").write(to: notice, atomically: true, encoding: .utf8)
        return root
    }

    static func options(_ root: URL, _ audience: Audience = .staff) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = root.appendingPathComponent("Content").path
        options.templatesDirectory = TestSupport.templates.path
        options.outputDirectory = root.appendingPathComponent("Output").path
        options.audience = audience
        return options
    }

    struct Listing: Decodable {
        var files: [String: String]
        var folders: [String]
        var utf8Flags: Bool
        var dates: [[Int]]
        var broken: String?
    }

    /// The archive as Python's zipfile reads it: files (name → contents, base64), folders, whether every entry is
    /// flagged as having a UTF-8 name, the dates, and the first entry whose CRC-32 does not match.
    static func read(_ archive: URL) throws -> Listing {
        let script = """
        import base64, json, sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            entries = z.infolist()
            print(json.dumps({
                "files": {e.filename: base64.b64encode(z.read(e)).decode() for e in entries if not e.is_dir()},
                "folders": [e.filename for e in entries if e.is_dir()],
                "utf8Flags": all(e.flag_bits & 0x800 for e in entries),
                "dates": sorted({e.date_time for e in entries}),
                "broken": z.testzip(),
            }))
        """
        let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, archive.path])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONDecoder().decode(Listing.self, from: Data(run.stdout.utf8))
    }

    /// Every folder under `folder`, relative, with a trailing slash.
    static func folders(_ folder: URL) throws -> Set<String> {
        var result: Set<String> = []
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return result }
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true {
            result.insert(String(url.standardizedFileURL.path.dropFirst(base.count + 1)) + "/")
        }
        return result
    }

    @Test("the staff build writes Output/staff.zip, a valid ZIP holding exactly the files and folders of Output/staff, Japanese names in UTF-8")
    func holdsTheStaffSite() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Builder.build(Self.options(root))
        #expect(report.written?.archive == "staff.zip", "\(report.diagnostics.map(\.description))")
        let output = root.appendingPathComponent("Output")
        let archive = output.appendingPathComponent("staff.zip")
        let staff = try TestSupport.snapshot(output.appendingPathComponent("staff"))
        #expect(staff.keys.contains("images/貼り紙.png"))

        let listing = try Self.read(archive)
        let (broken, utf8, dates, folders) = (listing.broken, listing.utf8Flags, listing.dates, Set(listing.folders))
        #expect(broken == nil)
        #expect(utf8)
        let files = listing.files.compactMapValues { Data(base64Encoded: $0) }
        #expect(files == Dictionary(uniqueKeysWithValues: staff.map { ("staff/" + $0.key, $0.value) }))
        // Folders too, the empty posters folder of a site without posters among them.
        #expect(folders == Set(try Self.folders(output.appendingPathComponent("staff")).map { "staff/" + $0 }).union(["staff/"]))
        #expect(folders.contains("staff/posters/"))
        // Dated the newest `updated` date of the content.
        #expect(dates == [[2026, 10, 1, 0, 0, 0]])

        let test = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "zipfile", "-t", archive.path])
        #expect(test.status == 0, "\(test.stdout) \(test.stderr)")
    }

    @Test("two staff builds of the same content write byte-identical archives, the second replacing the first")
    func deterministic() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("Output/staff.zip")
        _ = try Builder.build(Self.options(root))
        let first = try Data(contentsOf: archive)
        let report = try Builder.build(Self.options(root))
        #expect(report.written?.archive == "staff.zip")
        #expect(try Data(contentsOf: archive) == first)
        var elsewhere = Self.options(root)
        elsewhere.outputDirectory = root.appendingPathComponent("Elsewhere").path
        _ = try Builder.build(elsewhere)
        #expect(try Data(contentsOf: root.appendingPathComponent("Elsewhere/staff.zip")) == first)
    }

    @Test("an Output/staff.zip Harigami did not write is refused, left as it is, and nothing is written")
    func foreignArchiveRefused() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let archive = output.appendingPathComponent("staff.zip")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("my own".utf8).write(to: archive)
        #expect {
            try Builder.build(Self.options(root))
        } throws: { error in
            guard case BuildError.refused(let message) = error else { return false }
            return message.contains("staff.zip: this file was not written by Harigami") && message.contains("nothing was written")
        }
        #expect(try Data(contentsOf: archive) == Data("my own".utf8))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("staff").path))
    }

    @Test("a link or a folder at Output/staff.zip is refused and left as it is, what the link leads to untouched", arguments: ["link", "folder"])
    func linkOrFolderRefused(kind: String) throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let archive = output.appendingPathComponent("staff.zip")
        let elsewhere = root.appendingPathComponent("elsewhere.zip")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("someone's".utf8).write(to: elsewhere)
        if kind == "link" {
            try FileManager.default.createSymbolicLink(at: archive, withDestinationURL: elsewhere)
        } else {
            try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: false)
        }
        #expect {
            try Builder.build(Self.options(root))
        } throws: { error in
            guard case BuildError.refused(let message) = error else { return false }
            return message.hasPrefix(archive.path + ": this is a " + (kind == "link" ? "symbolic link" : "folder")) && message.contains("nothing was written")
        }
        #expect(try Data(contentsOf: elsewhere) == Data("someone's".utf8))
        if kind == "link" {
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: archive.path) == elsewhere.path)
        } else {
            #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("staff").path))
    }

    @Test("what a staff build killed while writing the archive leaves is deleted by the next build")
    func leftoverRemoved() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: output.appendingPathComponent(".harigami-new-staff.zip"))
        let report = try Builder.build(Self.options(root))
        #expect(report.written?.notes.contains { $0.contains(".harigami-new-staff.zip") } == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [".harigami-output.json", "posters", "staff", "staff.zip"])
    }

    @Test("a file put in place of the staff.zip Harigami wrote is refused on the next build and left as it is")
    func replacedArchiveRefused() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let archive = output.appendingPathComponent("staff.zip")
        _ = try Builder.build(Self.options(root))
        let staff = try TestSupport.snapshot(output.appendingPathComponent("staff"))
        // A new file, at a new inode, under the same name.
        try Data("my own".utf8).write(to: archive, options: .atomic)
        #expect(throws: BuildError.self) { try Builder.build(Self.options(root)) }
        #expect(try Data(contentsOf: archive) == Data("my own".utf8))
        #expect(try TestSupport.snapshot(output.appendingPathComponent("staff")) == staff)
    }

    @Test("a public build writes no archive and leaves the staff build's archive as it is")
    func publicBuildWritesNone() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let archive = output.appendingPathComponent("staff.zip")
        var report = try Builder.build(Self.options(root, .public))
        #expect(report.wrote && report.written?.archive == nil)
        #expect(!FileManager.default.fileExists(atPath: archive.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).allSatisfy { !$0.contains("zip") })

        _ = try Builder.build(Self.options(root))
        let before = try FileManager.default.attributesOfItem(atPath: archive.path)
        let bytes = try Data(contentsOf: archive)
        report = try Builder.build(Self.options(root, .public))
        #expect(report.written?.archive == nil)
        let after = try FileManager.default.attributesOfItem(atPath: archive.path)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
        #expect(try Data(contentsOf: archive) == bytes)
    }

    @Test("when the archive cannot be written, nothing is replaced: the previous staff folder and archive stay as they were")
    func archiveFailureChangesNothing() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = ["index.html": Data("1".utf8)]
        let archive = try ZipArchive.make(first, under: "staff", date: nil)
        _ = try OutputWriter.publish(first, as: "staff", in: root.path, archive: archive)

        let second = ["index.html": Data("2".utf8)]
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter.publish(second, as: "staff", in: root.path, archive: try ZipArchive.make(second, under: "staff", date: nil),
                                     swapInOneStep: true, between: { step in
                // A folder where the new archive is written makes writing it fail, before anything is swapped.
                if step == "leftovers removed" {
                    do {
                        try FileManager.default.createDirectory(at: root.appendingPathComponent(".harigami-new-staff.zip"), withIntermediateDirectories: false)
                    } catch {
                        Issue.record(error)
                    }
                }
            })
        }
        #expect(try TestSupport.snapshot(root.appendingPathComponent("staff")) == first)
        #expect(try Data(contentsOf: root.appendingPathComponent("staff.zip")) == archive)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".harigami-output.json", "posters", "staff", "staff.zip"])
    }

    @Test("when the written archive cannot be moved into place after the swap, the failure says so and the previous archive is deleted")
    func placingFailureSaysTheSiteWasWritten() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = ["index.html": Data("1".utf8)]
        _ = try OutputWriter.publish(first, as: "staff", in: root.path, archive: try ZipArchive.make(first, under: "staff", date: nil))

        let second = ["index.html": Data("2".utf8)]
        let outcome = try OutputWriter.publish(second, as: "staff", in: root.path, archive: try ZipArchive.make(second, under: "staff", date: nil),
                                               swapInOneStep: true, between: { step in
            // The written archive taken away before it is renamed into place.
            if step.hasPrefix("posters linked after the swap") {
                do {
                    try FileManager.default.removeItem(at: root.appendingPathComponent(".harigami-new-staff.zip"))
                } catch {
                    Issue.record(error)
                }
            }
        })
        #expect(outcome.archive == nil)
        let failure = try #require(outcome.archiveFailure)
        #expect(failure.hasPrefix("\(root.path)/staff was written, but \(root.path)/staff.zip was not ("))
        #expect(failure.contains("the previous \(root.path)/staff.zip, which no longer matches \(root.path)/staff, was deleted"), "\(failure)")
        #expect(try TestSupport.snapshot(root.appendingPathComponent("staff")) == second)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("staff.zip").path))
    }

    @Test("an archive that cannot be written (a file-size limit every page passes) changes nothing, and the build exits 2 saying so")
    func commandArchiveFailure() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Output").path
        let arguments = ["build", "--audience", "staff", "--content", root.path + "/Content", "--templates", TestSupport.templates.path, "--output", output]
        var options = BuildOptions(templates: TestSupport.templates.path)
        (options.contentDirectory, options.outputDirectory, options.audience) = (root.path + "/Content", output, .staff)
        #expect(TestSupport.build(options).0.status == .success)
        let before = try TestSupport.snapshot(URL(fileURLWithPath: output))
        let faq = root.appendingPathComponent("Content/pages/faq.en.md")
        try (String(contentsOf: faq, encoding: .utf8) + "\nOne more answer.\n").write(to: faq, atomically: true, encoding: .utf8)
        // Every file of the site is under 20 KB, the archive over 40 KB; the shell ignores SIGXFSZ, so writing past the limit fails with EFBIG.
        // The limit is set on a process of its own, the command, so that it binds nothing else.
        let limited = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "trap '' XFSZ; ulimit -f 40; exec \"$0\" \"$@\"", TestSupport.binary.path] + arguments)
        #expect(limited.status == 2)
        #expect(limited.stderr.contains("cannot write \(output)/.harigami-new-staff.zip: File too large"), "\(limited.stderr)")
        #expect(limited.stderr.contains("the previous \(output)/staff is unchanged"), "\(limited.stderr)")
        #expect(try TestSupport.snapshot(URL(fileURLWithPath: output)) == before)

        #expect(TestSupport.build(options).0.status == .success)
        #expect(try String(contentsOfFile: output + "/staff/en/faq/index.html", encoding: .utf8).contains("One more answer."))
        #expect(FileManager.default.fileExists(atPath: output + "/staff.zip"))
    }

    @Test("a staff build says where the staff archive is, and exits 2 on a staff.zip it did not write")
    func command() throws {
        let root = try Self.content()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions(templates: TestSupport.templates.path)
        options.audience = .staff
        let built = TestSupport.build(options, in: root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("packed Output/staff into Output/staff.zip, to hand around: unzipped, staff/index.html opens it without a server"))

        try Data("my own".utf8).write(to: root.appendingPathComponent("Output/staff.zip"), options: .atomic)
        let refused = TestSupport.build(options, in: root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: Output/staff.zip: this file was not written by Harigami"))
    }
}

@Suite("ZIP writer")
struct ZipArchiveTests {
    @Test("CRC-32 gives the standard check value")
    func checksum() {
        #expect(ZipArchive.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipArchive.crc32(Data()) == 0)
    }

    @Test("dates outside what a ZIP file holds, or not YYYY-MM-DD, become 1 January 1980")
    func dates() {
        #expect(ZipArchive.dosDate("2026-10-01") == (0, UInt16(46 << 9 | 10 << 5 | 1)))
        for date in [nil, "1979-12-31", "2108-01-01", "2026-13-01", "2026-10", "２０２６-10-01"] {
            #expect(ZipArchive.dosDate(date) == (0, UInt16(1 << 5 | 1)))
        }
    }

    @Test("an archive with more entries than a ZIP file without ZIP64 holds is refused")
    func tooManyEntries() throws {
        let files = Dictionary(uniqueKeysWithValues: (0..<65_534).map { ("f\($0)", Data()) })
        // 65,534 files and the root folder.
        #expect(throws: ZipArchive.TooLarge.self) { try ZipArchive.make(files, under: "staff", date: nil) }
        #expect(try ZipArchive.make(files.filter { $0.key != "f0" }, under: "staff", date: nil).count > 0)
    }

    @Test("an archive larger than a ZIP file without ZIP64 holds is refused")
    func tooLarge() throws {
        let files = ["a.html": Data(repeating: 65, count: 1000)]
        let archive = try ZipArchive.make(files, folders: [], under: "staff", date: nil, limits: .init())
        var limits = ZipArchive.Limits()
        limits.bytes = UInt64(archive.count)
        #expect(try ZipArchive.make(files, folders: [], under: "staff", date: nil, limits: limits) == archive)
        limits.bytes -= 1
        #expect(throws: ZipArchive.TooLarge.self) { try ZipArchive.make(files, folders: [], under: "staff", date: nil, limits: limits) }
    }
}
