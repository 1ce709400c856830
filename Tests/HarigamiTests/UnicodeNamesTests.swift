// File names as users' systems write them: composed (NFC) or decomposed (NFD, as macOS stores them), on disk and in links.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad

@Suite("Unicode file names")
struct UnicodeNamesTests {
    /// ポスター with ポ as ホ + U+309A, and café with é as e + U+0301: the decomposed forms macOS stores.
    static let posterNFD = "\u{30DB}\u{309A}スター"
    static let cafeNFD = "cafe\u{301}"

    /// A copy of the minimal fixture with `images` written under the names given, byte for byte, and `link` (Markdown)
    /// appended to the Japanese home page.
    static func content(images: [String], link: String) throws -> URL {
        let root = try TestSupport.temporaryFolder()
        let content = root.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        let folder = content.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, name) in images.enumerated() {
            #expect(FileManager.default.createFile(atPath: folder.path + "/" + name, contents: Data("picture \(index)".utf8)))
        }
        let notice = content.appendingPathComponent("notice.ja.md")
        let text = try String(contentsOf: notice, encoding: .utf8)
        try (text + "\n" + link + "\n").write(to: notice, atomically: true, encoding: .utf8)
        return root
    }

    static func options(_ root: URL) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = root.appendingPathComponent("Content").path
        options.templatesDirectory = TestSupport.templates.path
        options.outputDirectory = root.appendingPathComponent("Output").path
        return options
    }

    /// The names in a folder exactly as the file system holds them (Swift's `==` would call NFC and NFD equal).
    static func storedNames(_ folder: URL) throws -> [[Unicode.Scalar]] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).map { Array($0.unicodeScalars) }.sorted { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }
    }

    /// Every `src` in the page, percent-decoded, as the scalars a browser asks the server for.
    static func sources(_ html: String) -> [[Unicode.Scalar]] {
        html.matches(of: #/src="([^"]*)"/#).map { Array((String($0.1).removingPercentEncoding ?? "").unicodeScalars) }
    }

    @Test("an image stored with a decomposed name and linked in NFC is published under the NFC name the page's link points to")
    func decomposedFileComposedLink() throws {
        try publishes(images: [Self.posterNFD + ".png", Self.cafeNFD + ".png"],
                      link: "![ポスター](/images/ポスター.png) ![café](images/café.png)")
    }

    @Test("an image stored with a composed name and linked in NFD is published under the NFC name the page's link points to")
    func composedFileDecomposedLink() throws {
        try publishes(images: ["ポスター.png", "café.png"],
                      link: "![ポスター](/images/\(Self.posterNFD).png) ![café](images/\(Self.cafeNFD).png)")
    }

    func publishes(images: [String], link: String) throws {
        let root = try Self.content(images: images, link: link)
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Builder.build(Self.options(root))
        #expect(!report.diagnostics.contains { $0.rule == "link.unresolved" }, "\(report.diagnostics.map(\.description))")
        #expect(report.wrote, "\(report.diagnostics.map(\.description))")
        let site = root.appendingPathComponent("Output/site")
        let composed = ["café.png", "ポスター.png"].map { Array($0.precomposedStringWithCanonicalMapping.unicodeScalars) }
        #expect(try Self.storedNames(site.appendingPathComponent("images")) == composed.sorted { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } })
        let html = try String(contentsOf: site.appendingPathComponent("ja/index.html"), encoding: .utf8)
        let sources = Self.sources(html)
        #expect(sources.count == 2)
        for source in sources {
            let name = String(String.UnicodeScalarView(source))
            #expect(name.hasPrefix("../images/"))
            // The address, byte for byte, names a published file: the file system does not equate the two forms.
            let path = site.appendingPathComponent("ja").path + "/" + name
            #expect(FileManager.default.fileExists(atPath: path), "\(source.map { String($0.value, radix: 16) })")
            #expect(composed.contains(Array(name.dropFirst("../images/".count).unicodeScalars)))
        }
    }

    @Test("the check finds an image linked in the other form, and reports no broken link")
    func checkFindsEitherForm() throws {
        let root = try Self.content(images: [Self.posterNFD + ".png"], link: "![ポスター](/images/ポスター.png)")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.check(BuildOptions(templates: TestSupport.templates.path), in: root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("link.unresolved") && !run.stderr.contains("link.unresolved"))
    }

    @Test("two images whose names differ only in Unicode form are an error naming both")
    func clash() throws {
        let root = try Self.content(images: ["café.png", Self.cafeNFD + ".png"], link: "![café](/images/café.png)")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try Self.storedNames(root.appendingPathComponent("Content/images")).count == 2)
        let report = try Builder.build(Self.options(root))
        #expect(!report.wrote)
        let clashes = report.diagnostics.filter { $0.rule == "load.duplicate-name" }
        let problem = try #require(clashes.first, "\(report.diagnostics.map(\.description))")
        #expect(clashes.count == 1)
        #expect(problem.severity == .error)
        let folder = Self.options(root).contentDirectory + "/images/"
        #expect(problem.location.path == folder + "café.png")
        #expect(problem.message.hasPrefix("the file names '\(folder)café.png' (composed) and '\(folder)\(Self.cafeNFD).png' (decomposed) are one name written in two Unicode forms"))
        // Swift's `==` equates the two forms; the message must hold both spellings, scalar for scalar.
        #expect(problem.message.unicodeScalars.contains("\u{E9}") && problem.message.unicodeScalars.contains("\u{301}"))
    }

    @Test("pages in memory: a picture in a tree that lists it decomposed is found from an NFC link and keyed by its NFC name")
    func memoryTree() throws {
        let tree = try TestSupport.minimalTree(replacing: [
            "images/\(Self.posterNFD).png": "picture",
            "notice.ja.md": try String(contentsOf: TestSupport.fixture("minimal/notice.ja.md"), encoding: .utf8) + "\n![ポスター](/images/ポスター.png)\n",
        ])
        let loaded = ContentLoader.load(tree)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        let content = try #require(loaded.content)
        #expect(content.images.keys.map { Array($0.unicodeScalars) } == [Array("images/ポスター.png".precomposedStringWithCanonicalMapping.unicodeScalars)])
    }
}
