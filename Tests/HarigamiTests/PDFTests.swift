// `build --pdf`: which files are printed, where the PDFs go, the posters page that offers them, and the failures.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiRender

@Suite("PDFs")
struct PDFTests {
    /// A printer that records what it was asked to print and answers each document with a PDF of `bytes` bytes.
    final class FakePrinter: @unchecked Sendable {
        private let lock = NSLock()
        private var asked: [[PrintedDocument]] = []
        let bytes: Int

        init(bytes: Int = 2_150) { self.bytes = bytes }

        var documents: [PrintedDocument] { lock.withLock { asked.flatMap { $0 } } }

        var printer: PDFPrinter {
            PDFPrinter { documents, files throws(PrintFailure) in
                self.lock.withLock { self.asked.append(documents) }
                var pdfs: [String: Data] = [:]
                for document in documents {
                    guard files[document.path] != nil else { throw PrintFailure(path: document.path, message: "not given") }
                    let signature: [UInt8] = if case .screen = document.sheets { [0x89, 0x50, 0x4E, 0x47] } else { Array("%PDF-1.4".utf8) }
                    let head = Data(signature + Array(" \(document.path)\n".utf8))
                    pdfs[document.outputPath] = head + Data(repeating: 0x20, count: self.bytes - head.count)
                }
                return pdfs
            }
        }
    }

    static func build(_ site: InlineSite, audience: Audience = .public, printer: PDFPrinter?) throws -> InlineSite.Run {
        var options = site.options(audience: audience)
        options.printer = printer
        let (output, report) = TestSupport.build(options)
        return try InlineSite.Run(output, diagnostics: report?.diagnostics ?? [], in: site)
    }

    static func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    @Test("build --pdf prints every poster file in each language and size, each to a PDF beside its HTML on one sheet of its paper")
    func printsEveryPosterFile() throws {
        let site = try InlineSite.minimal(NoticeTests.pair)
        let fake = FakePrinter()
        let run = try Self.build(site, printer: fake.printer)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = ["ja", "en", "ja-en"].flatMap { language in
            [PosterPaper.a4, .a5].map { PrintedDocument(path: "posters/desk.\(language).\($0.rawValue).html", sheets: .onePage($0, .portrait)) }
        }
        #expect(Set(fake.documents) == Set(expected))
        #expect(fake.documents.count == expected.count, "each file printed once")
        let posterFiles = run.files.keys.filter { $0.hasPrefix("site/posters/") }
        #expect(Set(posterFiles.filter { $0.hasSuffix(".pdf") }) == Set(expected.map { "site/" + $0.outputPath }))
        #expect(Self.text(run.files["site/posters/desk.ja-en.A5.pdf"]).hasPrefix("%PDF-1.4 posters/desk.ja-en.A5.html\n"))
    }

    @Test("the staff build prints its posters and also its name-tag sheets, as pages of A4")
    func staffBuildPrintsNameTags() throws {
        let site = try InlineSite.minimal(NoticeTests.pair + NameTagTests.canary)
        let fake = FakePrinter()
        let run = try Self.build(site, audience: .staff, printer: fake.printer)
        #expect(run.status == 0, "\(run.stderr)")
        let sheets = fake.documents.filter { $0.path.hasPrefix("nametags/") }
        #expect(!sheets.isEmpty)
        #expect(sheets.allSatisfy { $0.sheets == .pagesOfA4 })
        for sheet in sheets { #expect(run.files["staff/" + sheet.outputPath] != nil, "\(sheet.outputPath)") }
        #expect(run.files["staff/posters/desk.ja.A4.pdf"] != nil)
    }

    @Test("the posters page offers each PDF with its size in kilobytes, and without --pdf it is exactly as before")
    func postersPageOffersSizes() throws {
        let site = try InlineSite.minimal(NoticeTests.pair)
        let plain = try site.build()
        #expect(plain.status == 0, "\(plain.stderr)")
        let run = try Self.build(site, printer: FakePrinter(bytes: 2_150).printer)
        #expect(run.status == 0, "\(run.stderr)")
        let japanese = Self.text(run.files["site/ja/posters/index.html"])
        #expect(japanese.contains(#"<a href="../../posters/desk.ja.A4.html">A4 日本語</a> <a href="../../posters/desk.ja.A4.pdf" type="application/pdf" aria-label="A4 日本語（PDFファイル：2.1KB）">PDFファイル：2.1KB</a>"#))
        let english = Self.text(run.files["site/en/posters/index.html"])
        #expect(english.contains(#"<a href="../../posters/desk.en.A5.pdf" type="application/pdf" aria-label="A5 English (PDF, 2.1 KB)">PDF, 2.1 KB</a>"#))
        for language in ["ja", "en"] {
            let path = "site/\(language)/posters/index.html"
            let withoutPDFs = Self.text(run.files[path]).replacingOccurrences(of: #" <a href="[^"]*\.pdf" type="application/pdf" aria-label="[^"]*">[^<]*</a>"#,
                                                                                with: "", options: .regularExpression)
            #expect(withoutPDFs == Self.text(plain.files[path]), "\(path)")
            #expect(!Self.text(plain.files[path]).contains(".pdf"))
        }
        #expect(!plain.files.keys.contains { $0.hasSuffix(".pdf") })
    }

    @Test("sizes are kilobytes of 1,024 bytes with one decimal")
    func kilobytes() {
        #expect(SiteRenderer.kilobytes(319_898) == "312.4")
        #expect(SiteRenderer.kilobytes(1_024) == "1.0")
        #expect(SiteRenderer.kilobytes(51) == "0.0")
    }

    @Test("a document Chromium does not print fails the build naming the file and what Chromium said, and the previous output stays")
    func failureLeavesOutput() throws {
        let site = try InlineSite.minimal(NoticeTests.pair)
        #expect(try site.build().status == 0)
        let before = try site.published()
        let failing = PDFPrinter { documents, _ throws(PrintFailure) in
            throw PrintFailure(path: documents[1].path, message: "Chromium exited with status 21: [ERROR:printing] page too large")
        }
        let run = try Self.build(site, printer: failing)
        #expect(run.status == 2)
        #expect(run.stderr == "error: Output/site/posters/desk.ja.A5.html: headless Chromium did not print it to PDF: "
            + "Chromium exited with status 21: [ERROR:printing] page too large; nothing was written\n")
        #expect(try site.published() == before)
    }

    @Test("content with errors is not printed")
    func contentErrorsPrintNothing() throws {
        let site = try InlineSite.minimal(NoticeTests.pair, removing: ["Content/notice.en.md"])
        let fake = FakePrinter()
        let run = try Self.build(site, printer: fake.printer)
        #expect(run.status == 1)
        #expect(fake.documents.isEmpty)
    }

    @Test("Chromium is found on PATH as chromium or chromium-browser, and a folder or a file that is not executable does not count")
    func findsChromium() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = root.appendingPathComponent("empty"), other = root.appendingPathComponent("other"), browser = root.appendingPathComponent("browser")
        for folder in [empty, other, browser] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        try FileManager.default.createDirectory(at: other.appendingPathComponent("chromium"), withIntermediateDirectories: true)
        try Data("#!/bin/sh\n".utf8).write(to: other.appendingPathComponent("chromium-browser"))
        let executable = browser.appendingPathComponent("chromium-browser")
        try Data("#!/bin/sh\n".utf8).write(to: executable)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: executable.path)
        #expect(Chromium.find(path: "\(empty.path):\(other.path)") == nil)
        #expect(Chromium.find(path: nil) == nil)
        #expect(Chromium.find(path: "\(empty.path):\(other.path):\(browser.path)") == Chromium(executable: executable.path))
    }

    @Test("build --pdf without Chromium on PATH exits 2 naming the package, before reading the content or writing anything")
    func missingChromium() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = ["build", "--pdf", "--content", "NoSuchContent", "--output", "Output"]
        process.currentDirectoryURL = folder
        process.environment = ["PATH": folder.path, "HOME": folder.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(said == "error: \(Chromium.missing)\n")
        #expect(said.contains("apt install chromium"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("the PDFs' dates are the content's newest date, digits in place, so two builds give the same bytes")
    func pdfDates() {
        let pdf = Data("%PDF-1.4\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261201083457+00'00')\n/ModDate (D:20261201083457+00'00')>>\n".utf8)
        let dated = PDFDates.dated(pdf, "2026-10-01")
        #expect(dated.count == pdf.count)
        #expect(Self.text(dated) == "%PDF-1.4\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20261001000000+00'00')\n/ModDate (D:20261001000000+00'00')>>\n")
        #expect(Self.text(PDFDates.dated(pdf, nil)).contains("/ModDate (D:19800101000000+00'00')"))
    }

    /// A stand-in for Chromium: a shell script in a folder of its own.
    static func script(_ body: String, in folder: URL) throws -> Chromium {
        let file = folder.appendingPathComponent("chromium")
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return Chromium(executable: file.path)
    }

    @Test("a Chromium that exits with an error fails the build with its status and its last lines, and nothing is written")
    func chromiumExitsWithError() throws {
        let site = try InlineSite.minimal(NoticeTests.pair)
        let chromium = try Self.script("echo 'starting' >&2\necho '[ERROR:headless] cannot open the page' >&2\nexit 3", in: site.root)
        let run = try Self.build(site, printer: .chromium(chromium, timeout: .seconds(20)))
        #expect(run.status == 2)
        #expect(run.stderr == "error: Output/site/posters/desk.ja.A4.html: headless Chromium did not print it to PDF: "
            + "Chromium exited with status 3: starting / [ERROR:headless] cannot open the page; nothing was written\n")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("a Chromium that exits without writing a PDF, or takes longer than its time, fails the build naming the file")
    func chromiumWritesNothingOrHangs() throws {
        let site = try InlineSite.minimal(NoticeTests.pair)
        let silent = try Self.script("exit 0", in: site.root)
        let run = try Self.build(site, printer: .chromium(silent, timeout: .seconds(20)))
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: Output/site/posters/desk.ja.A4.html: headless Chromium did not print it to PDF: Chromium wrote no PDF: (nothing)"))
        let hanging = try Self.script("echo 'waiting for the page' >&2\nexec sleep 60", in: site.root)
        let started = ContinuousClock.now
        let slow = try Self.build(site, printer: .chromium(hanging, timeout: .seconds(1)))
        #expect(started.duration(to: .now) < .seconds(30), "the hanging Chromiums were stopped")
        #expect(slow.status == 2)
        #expect(slow.stderr == "error: Output/site/posters/desk.ja.A4.html: headless Chromium did not print it to PDF: "
            + "Chromium did not finish within 1 s and was stopped; it said: waiting for the page; nothing was written\n")
    }

    static let chromium = Chromium.find(path: ProcessInfo.processInfo.environment["PATH"])

    @Test("headless Chromium prints a small site's notices each on one page of its paper, and the posters page gives each file's size",
          .enabled(if: chromium != nil, "chromium is not installed (Scripts/setup --test installs it)"))
    func realChromium() throws {
        let site = try InlineSite.minimal(NoticeTests.pair)
        let run = try Self.build(site, printer: .chromium(try #require(Self.chromium)))
        #expect(run.status == 0, "\(run.stderr)")
        let page = Self.text(run.files["site/en/posters/index.html"])
        for (paper, points) in [("A4", (595.28, 841.89)), ("A5", (419.53, 595.28))] {
            for language in ["ja", "en", "ja-en"] {
                let path = "site/posters/desk.\(language).\(paper).pdf"
                let pdf = try #require(run.files[path], "\(path)")
                let text = String(decoding: pdf, as: UTF8.self)
                #expect(text.hasPrefix("%PDF"))
                #expect(text.components(separatedBy: "/Type /Page\n").count - 1 == 1, "\(path): one page")
                let box = try #require(text.firstMatch(of: /\/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]/), "\(path): a MediaBox")
                let (width, height) = (try #require(Double(box.1)), try #require(Double(box.2)))
                #expect(abs(width - points.0) <= 1 && abs(height - points.1) <= 1, "\(path): \(width) × \(height) pt")
                #expect(page.contains("desk.\(language).\(paper).pdf\" type=\"application/pdf\" aria-label=\"")
                        && page.contains("(PDF, \(SiteRenderer.kilobytes(pdf.count)) KB)"), "\(path): its size on the posters page")
            }
        }
    }
}
