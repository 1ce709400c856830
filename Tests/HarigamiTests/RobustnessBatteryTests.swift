// Hostile shapes of Markdown, front matter, file names and poster texts: none crashes or stalls a command, names are
// compared in NFC (and only NFC), and nothing the poster check passes overflows its box.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiCheck

@Suite("Robustness battery", .serialized)
struct RobustnessBatteryTests {
    // MARK: Running the binary with a time limit

    struct Outcome {
        var signalled: Bool
        var status: Int32
        var timedOut: Bool
        var stderr: String
    }

    /// Runs `harigami arguments` with `input` on standard input, its output in files (so a large output cannot block
    /// it), and stops it after `limit` seconds.
    static func harigami(_ arguments: [String], input: Data, limit: Double = 120) throws -> Outcome {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let inPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let writer = inPipe.fileHandleForWriting
        let feeding = Thread {
            writer.write(input)
            try? writer.close()
        }
        feeding.start()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Outcome(signalled: process.terminationReason == .uncaughtSignal && !timedOut, status: process.terminationStatus,
                       timedOut: timedOut, stderr: String(stderr.prefix(2_000)))
    }

    // MARK: Markdown through `harigami render -`

    static func nested(_ open: String, _ middle: String, _ close: String, _ count: Int) -> String {
        String(repeating: open, count: count) + middle + String(repeating: close, count: count) + "\n"
    }

    /// Hostile pages, each named.
    static let hostileMarkdown: [(String, String)] = [
        ("50,000 nested links", nested("[", "a", "](u)", 50_000)),
        ("50,000 nested link texts never closed", String(repeating: "[a", count: 50_000) + "\n"),
        ("100,000 backtick runs of growing length", (1...450).map { String(repeating: "`", count: $0) + "x" }.joined(separator: " ") + "\n"),
        ("200,000 '<'", String(repeating: "<", count: 200_000) + "\n"),
        ("100,000 '<a' never closed", String(repeating: "<a ", count: 100_000) + "\n"),
        ("100,000 entities", String(repeating: "&amp;&#12354;&#x1F600;&bogus;&#", count: 20_000) + "\n"),
        ("100,000 '{' then '|'", String(repeating: "{", count: 100_000) + "|\n"),
        ("'{{{{|' repeated", String(repeating: "{{{{|", count: 40_000) + "\n"),
        ("ruby inside emphasis inside links, 10,000 deep", nested("[*", "{漢|かん}", "*](u)", 10_000)),
        ("100,000 list items", String(repeating: "- a\n", count: 100_000)),
        ("100,000 numbered items", (1...100_000).map { "\($0). a\n" }.joined()),
        ("a paragraph of 100,000 backslashes", String(repeating: "\\", count: 100_000) + "\n"),
        ("a paragraph of 100,000 escaped stars", String(repeating: "\\*", count: 100_000) + "\n"),
        ("200,000 full-width spaces", String(repeating: "\u{3000}", count: 200_000) + "\n"),
        ("mixed CRLF, CR and LF line ends", String(repeating: "a\r\nb\rc\n*d*\r\r\n> e\r", count: 30_000)),
        ("100,000 '> ' on one line", String(repeating: "> ", count: 100_000) + "a\n"),
        ("50,000 '- ' on one line", String(repeating: "- ", count: 50_000) + "a\n"),
        ("50,000 '1. ' on one line", String(repeating: "1. ", count: 50_000) + "a\n"),
        ("200,000 '*'", String(repeating: "*", count: 200_000) + "\n"),
        ("100,000 '~'", String(repeating: "~", count: 100_000) + "\n"),
        ("a heading of 100,000 characters", "# " + String(repeating: "見出し", count: 33_334) + "\n"),
        ("10,000 unclosed ::: fences", String(repeating: "::: note\n", count: 10_000) + "a\n"),
        ("200,000 lines of ':::'", String(repeating: ":::\n", count: 200_000)),
        ("100,000 '::: staff' and ':::' lines interleaved wrongly", String(repeating: ":::\n::: staff\n", count: 50_000)),
        ("100,000 reference definitions", (0..<100_000).map { "[r\($0)]: /u\($0)\n" }.joined() + "[r5]\n"),
        ("an HTML comment never closed", "<!--" + String(repeating: "a\n", count: 100_000)),
        ("100,000 ']('", String(repeating: "](", count: 100_000) + "\n"),
        ("100,000 '![](' never closed", String(repeating: "![](", count: 100_000) + "\n"),
        ("50,000 '**' and '__' alternating", String(repeating: "**__", count: 50_000) + "\n"),
        ("a fenced code block of 100,000 backticks never closed", String(repeating: "`", count: 100_000) + "\n" + String(repeating: "x\n", count: 10_000)),
        ("100,000 setext underlines", String(repeating: "a\n=\n", count: 50_000)),
        ("100,000 autolink openings", String(repeating: "<https://", count: 50_000) + "\n"),
    ]

    @Test("harigami render - exits 0 or 1 on hostile Markdown, never by a signal, within a time limit",
          arguments: hostileMarkdown.map(\.0))
    func renderSurvives(name: String) throws {
        let markdown = try #require(Self.hostileMarkdown.first { $0.0 == name }).1
        let outcome = try Self.harigami(["render", "-"], input: Data(markdown.utf8))
        #expect(!outcome.timedOut, "\(name): still running after the time limit")
        #expect(!outcome.signalled, "\(name): stopped by signal \(outcome.status)")
        #expect(outcome.status == 0 || outcome.status == 1, "\(name): exit \(outcome.status): \(outcome.stderr)")
    }

    /// Shapes that once took time quadratic in the line: unmatched backtick runs (3,000 took seconds, 6,000 more than
    /// 15 s), as the source map looked for the text at every offset around where cmark-gfm said it was, and table
    /// columns (25,000 took 5 s in cmark-gfm's table extension), now refused before cmark-gfm reads them as a table.
    /// Scripts/bench --pathological times them.
    static let stallingMarkdown: [(String, String)] = [
        ("a run of 50,000 backticks around a word, closed one shorter", String(repeating: "`", count: 50_000) + "a" + String(repeating: "`", count: 49_999) + "\n"),
        ("a table row of 100,000 columns", String(repeating: "|a", count: 100_000) + "|\n" + String(repeating: "|-", count: 100_000) + "|\n" + String(repeating: "|b", count: 100_000) + "|\n"),
    ]

    @Test("harigami render - finishes on long unmatched backtick runs and a table row of 100,000 columns",
          arguments: stallingMarkdown.map(\.0))
    func renderFinishesOnStallingShapes(name: String) throws {
        let markdown = try #require(Self.stallingMarkdown.first { $0.0 == name }).1
        let outcome = try Self.harigami(["render", "-"], input: Data(markdown.utf8))
        #expect(!outcome.timedOut && !outcome.signalled, "\(name): \(outcome)")
        #expect(outcome.status == 0 || outcome.status == 1, "\(name): exit \(outcome.status): \(outcome.stderr)")
    }

    @Test("the backtick run renders as written and exits 0; the table of 100,000 columns is refused with its rule, exit 1")
    func stallingShapesOutcome() throws {
        // In-process: the test above, through the command with a time limit, is the one that catches a stall.
        let backticks = MarkdownLimitsTests.renderCommand(Data(Self.stallingMarkdown[0].1.utf8))
        #expect(backticks.status == .success, "\(backticks.standardError)")
        let table = MarkdownLimitsTests.renderCommand(Data(Self.stallingMarkdown[1].1.utf8))
        #expect(table.status == .contentErrors)
        #expect(table.standardError.contains("-:1:1: error: this table row has 100,000 cells; a table row may have at most 1,000"), "\(table.standardError)")
        #expect(table.standardError.contains("[markdown.table-too-large]"))
    }

    @Test("harigami render - finishes on 50,000 nested images: link texts and columns are found in one walk, not one per image around them")
    func renderFinishesOnNestedImages() throws {
        let outcome = try Self.harigami(["render", "-"], input: Data(Self.nested("![", "a", "](u)", 50_000).utf8))
        #expect(!outcome.timedOut && !outcome.signalled, "\(outcome)")
        #expect(outcome.status == 0 || outcome.status == 1, "exit \(outcome.status): \(outcome.stderr)")
    }

    /// Bytes that are not UTF-8 inside long lines: NUL, a surrogate encoded as three bytes, stray continuation bytes.
    static let invalidBytes: [(String, [UInt8])] = [
        ("NUL bytes in a long line", Array(repeating: Array("a\0".utf8), count: 100_000).flatMap { $0 } + [10]),
        ("surrogates as bytes in a long line", Array(repeating: [0x61, 0xED, 0xA0, 0x80, 0xED, 0xB0, 0x80], count: 50_000).flatMap { $0 } + [10]),
        ("stray bytes between stars", Array(repeating: [0x2A, 0xFF, 0x80, 0xC0, 0x2A], count: 50_000).flatMap { $0 } + [10]),
        ("a truncated sequence at the end", Array(repeating: UInt8(0x61), count: 100_000) + [0xE3, 0x81]),
    ]

    @Test("harigami render - on bytes that are not UTF-8 exits 0 or 1, never by a signal", arguments: invalidBytes.map(\.0))
    func renderSurvivesInvalidBytes(name: String) throws {
        let bytes = try #require(Self.invalidBytes.first { $0.0 == name }).1
        let outcome = try Self.harigami(["render", "-"], input: Data(bytes))
        #expect(!outcome.timedOut && !outcome.signalled, "\(name): \(outcome)")
        #expect(outcome.status == 0 || outcome.status == 1, "\(name): exit \(outcome.status): \(outcome.stderr)")
    }

    // MARK: Hostile pages through the check, in process

    static let hostilePages: [(String, String)] = [
        ("front matter of 100,000 nested flow sequences", "---\ntitle: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\nsummary: s\n---\na\n"),
        ("front matter of 100,000 nested flow mappings", "---\ntitle: " + String(repeating: "{a: ", count: 100_000) + String(repeating: "}", count: 100_000) + "\nsummary: s\n---\na\n"),
        ("front matter with a 10,000-times repeated alias", "---\nx: &a [" + String(repeating: "lol,", count: 1_000) + "]\ny: [" + String(repeating: "*a,", count: 10_000) + "]\ntitle: t\nsummary: s\n---\na\n"),
        ("a 1 MB title", "---\ntitle: " + String(repeating: "題", count: 350_000) + "\nsummary: s\n---\na\n"),
        ("front matter never closed", "---\ntitle: t\n" + String(repeating: "k: v\n", count: 100_000)),
        ("a 100,000-character heading", "---\ntitle: t\nsummary: s\n---\n## " + String(repeating: "あ", count: 100_000) + "\n"),
        ("200,000 ':::' lines", "---\ntitle: t\nsummary: s\n---\n" + String(repeating: ":::\n", count: 200_000)),
        ("nested links and ruby", "---\ntitle: t\nsummary: s\n---\n" + nested("[*", "{漢|かん}", "*](/pages/faq)", 10_000)),
    ]

    @Test("the check of a hostile page finishes and reports in diagnostics, without crashing", arguments: hostilePages.map(\.0))
    func checkSurvives(name: String) throws {
        let page = try #require(Self.hostilePages.first { $0.0 == name }).1
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let loaded = ContentLoader.load(try TestSupport.minimalTree(replacing: ["pages/faq.ja.md": page]))
            if let content = loaded.content {
                _ = ContentChecker.check(content, loadProblems: loaded.diagnostics)
            } else {
                #expect(loaded.diagnostics.hasErrors, "\(name): no content and no error")
            }
        }
        #expect(elapsed < .seconds(120), "\(name): \(elapsed)")
    }

    // MARK: Time in proportion to the paragraph, in new shapes

    static func expectLinear(_ unit: String, count: Int, _ comment: Comment) {
        let small = MarkdownLimitsTests.fastest(String(repeating: unit, count: count))
        let large = MarkdownLimitsTests.fastest(String(repeating: unit, count: count * 8))
        #expect(large / small < 24, "\(comment): \(small) s, then \(large) s for eight times the text")
    }

    @Test("nested links, backtick runs, entities, table columns and '<' take time in proportion to their length")
    func newShapesAreLinear() {
        Self.expectLinear("[", count: 2_000, "open brackets")
        Self.expectLinear("![a](", count: 1_000, "unclosed image destinations")
        Self.expectLinear("`` ` ", count: 1_000, "backtick runs of two lengths")
        Self.expectLinear("&#12354;&amp;", count: 1_000, "entities")
        Self.expectLinear("|a", count: 1_000, "a table row")
        Self.expectLinear("<a ", count: 2_000, "'<a '")
        Self.expectLinear("{{|", count: 1_000, "'{{|'")
        Self.expectLinear("- a\n", count: 1_000, "list items")
        Self.expectLinear("a\r", count: 2_000, "CR line ends")
    }

    // MARK: File names in NFC, and only NFC

    /// The minimal fixture on disk, with extra files written under the names given, byte for byte.
    static func folder(with files: KeyValuePairs<String, String>) throws -> URL {
        let root = try TestSupport.temporaryFolder()
        let content = root.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        for (name, text) in files {
            let url = content.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: content.path + "/" + name, contents: Data(text.utf8)))
        }
        return root
    }

    /// `harigami check` run in `root`, in-process.
    static func check(_ root: URL) throws -> TestSupport.Run {
        var options = BuildOptions()
        options.templatesDirectory = TestSupport.templates.path
        return try TestSupport.check(options, in: root)
    }

    static func linking(_ link: String) -> String {
        "---\ntitle: お知らせ\nsummary: お知らせです。\n---\n本文です。\n\n" + link + "\n"
    }

    @Test("an image in a folder whose name is decomposed is found from a composed link", arguments: [
        "\u{30DB}\u{309A}スター",   // ポ as ホ + ゚
        "\u{1100}\u{1161}\u{11A8}", // 각 as decomposed jamo
        "cafe\u{301}",
    ])
    func decomposedFolder(folder: String) throws {
        let composed = folder.precomposedStringWithCanonicalMapping
        #expect(composed.unicodeScalars.count < folder.unicodeScalars.count)
        let root = try Self.folder(with: ["images/\(folder)/a.png": "png"])
        defer { try? FileManager.default.removeItem(at: root) }
        let notice = root.appendingPathComponent("Content/notice.ja.md")
        try (try String(contentsOf: notice, encoding: .utf8) + "\n![a](/images/\(composed)/a.png)\n").write(to: notice, atomically: true, encoding: .utf8)
        let run = try Self.check(root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test("names with combining marks that have no composed form still match themselves, decomposed or not")
    func marksWithoutComposedForm() throws {
        // q + combining dot below + combining acute: no precomposed character; NFC reorders nothing here.
        let name = "q\u{323}\u{301}.png"
        let reordered = "q\u{301}\u{323}.png" // the same marks in the other order: canonically equivalent
        #expect(name.precomposedStringWithCanonicalMapping == reordered.precomposedStringWithCanonicalMapping)
        let root = try Self.folder(with: ["images/" + reordered: "png"])
        defer { try? FileManager.default.removeItem(at: root) }
        let notice = root.appendingPathComponent("Content/notice.ja.md")
        try (try String(contentsOf: notice, encoding: .utf8) + "\n![a](/images/\(name))\n").write(to: notice, atomically: true, encoding: .utf8)
        let run = try Self.check(root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test("half-width and full-width katakana, and letters in other cases, are different names: both are kept, neither is a clash", arguments: [
        ("ｱ.png", "ア.png"),
        ("ＡＢＣ.png", "ABC.png"),
        ("Cafe.png", "cafe.png"),
        ("ﬁle.png", "file.png"),
    ])
    func compatibilityFormsAreDistinct(first: String, second: String) throws {
        let root = try Self.folder(with: ["images/" + first: "one", "images/" + second: "two"])
        defer { try? FileManager.default.removeItem(at: root) }
        let notice = root.appendingPathComponent("Content/notice.ja.md")
        try (try String(contentsOf: notice, encoding: .utf8) + "\n![a](/images/\(first))\n\n![b](/images/\(second))\n").write(to: notice, atomically: true, encoding: .utf8)
        let run = try Self.check(root)
        #expect(!run.stdout.contains("load.duplicate-name"), "\(run.stdout)")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let loaded = ContentLoader.load(.directory(root.appendingPathComponent("Content").path))
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
    }

    @Test("a half-width katakana link does not find a full-width katakana image: NFKC is not NFC")
    func compatibilityFormIsNotFound() throws {
        let root = try Self.folder(with: ["images/ア.png": "png"])
        defer { try? FileManager.default.removeItem(at: root) }
        let notice = root.appendingPathComponent("Content/notice.ja.md")
        try (try String(contentsOf: notice, encoding: .utf8) + "\n![a](/images/ｱ.png)\n").write(to: notice, atomically: true, encoding: .utf8)
        let run = try Self.check(root)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
    }

    @Test("a link to a page with an anchor written decomposed passes the check")
    func decomposedLinkToPage() throws {
        // The anchor is a heading's text; the link spells it decomposed.
        let faq = "---\ntitle: よくある質問\nsummary: 質問です。\n---\n## パスポート\n\n本文。\n"
        let anchor = "\u{30CF}\u{309A}スホ\u{309A}ート" // パスポート decomposed
        let root = try Self.folder(with: ["pages/faq.ja.md": faq, "notice.ja.md": Self.linking("[質問](/pages/faq.md#\(anchor))")])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }

    @Test("three images whose names are one name in three spellings (NFC, NFD, marks reordered) are reported, not silently merged")
    func threeSpellings() throws {
        let root = try Self.folder(with: ["images/\u{1EE5}\u{301}.png": "1", "images/u\u{323}\u{301}.png": "2", "images/u\u{301}\u{323}.png": "3"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(root)
        #expect(run.status == 1)
        #expect(run.stdout.contains("load.duplicate-name"), "\(run.stdout)")
    }

    // MARK: Poster texts

    static func problems(japaneseBubble: String? = nil, englishBubble: String? = nil, japaneseTitle: String? = nil, englishTitle: String? = nil) throws -> [Diagnostic] {
        var japanese = PosterTests.japanese, english = PosterTests.english
        if let japaneseBubble { japanese = japanese.replacingOccurrences(of: "text: 少し話を聞いてほしいだけ", with: "text: \"\(japaneseBubble)\"") }
        if let englishBubble { english = english.replacingOccurrences(of: "text: I just like a good chat!", with: "text: \"\(englishBubble)\"") }
        if let japaneseTitle { japanese = japanese.replacingOccurrences(of: "title: 自覚なくカスハラしていませんか？", with: "title: \"\(japaneseTitle)\"") }
        if let englishTitle { english = english.replacingOccurrences(of: "title: Crossing the line without realising?", with: "title: \"\(englishTitle)\"") }
        return PosterRules.check(try PosterTests.content(japanese: japanese, english: english))
    }

    static func fits(_ problems: [Diagnostic]) -> Bool { !problems.contains { $0.rule == "poster.fit" } }

    static let overflowingBubbles: [(String, String)] = [
        ("40 ZWJ families", String(repeating: "👨‍👩‍👧‍👦", count: 40)),
        ("40 flags", String(repeating: "🇯🇵", count: 40)),
        ("40 keycaps", String(repeating: "1️⃣", count: 40)),
        ("40 thumbs with skin tones", String(repeating: "👍🏽", count: 40)),
        ("60 W each under 50 combining marks", String(repeating: "W" + String(repeating: "\u{0336}", count: 50), count: 60)),
        ("an Arabic sentence of 200 letters", String(repeating: "مرحبا بكم في ", count: 16)),
        ("a Devanagari sentence of 200 letters", String(repeating: "नमस्ते दुनिया ", count: 16)),
        ("a Thai sentence of 200 letters", String(repeating: "สวัสดีครับ", count: 20)),
        ("100 W joined by no-break spaces", String(repeating: "WW\u{00A0}", count: 50)),
        ("100 W joined by zero-width spaces", String(repeating: "WW\u{200B}", count: 50)),
        ("a word of 80 letters", String(repeating: "Harassment", count: 8)),
        ("tabs between 60 W", String(repeating: "WW\\t", count: 30)),
        ("60 full-width W", String(repeating: "Ｗ", count: 60)),
    ]

    @Test("a bubble that would overflow its balloon is refused by the fit rule", arguments: overflowingBubbles.map(\.0))
    func overflowingBubble(name: String) throws {
        let text = try #require(Self.overflowingBubbles.first { $0.0 == name }).1
        #expect(!Self.fits(try Self.problems(englishBubble: text)), "\(name), English")
        #expect(!Self.fits(try Self.problems(japaneseBubble: text)), "\(name), Japanese")
    }

    static let fittingBubbles: [(String, String)] = [
        ("a short Japanese sentence and a family emoji", "話を聞いて👨‍👩‍👧"),
        ("one letter under 50 combining marks", "a" + String(repeating: "\u{0301}", count: 50)),
        ("2,000 zero-width joiners and a word", "Hi" + String(repeating: "\u{200D}", count: 2_000)),
        ("a short Arabic greeting", "مرحبا"),
        ("a short Thai greeting", "สวัสดี"),
        ("a flag and a keycap", "🇯🇵 1️⃣"),
    ]

    @Test("a realistic or invisible-heavy bubble that fits passes the fit rule", arguments: fittingBubbles.map(\.0))
    func fittingBubble(name: String) throws {
        let text = try #require(Self.fittingBubbles.first { $0.0 == name }).1
        let english = try Self.problems(englishBubble: text)
        #expect(Self.fits(english), "\(name): \(english.map(\.description))")
        let japanese = try Self.problems(japaneseBubble: text)
        #expect(Self.fits(japanese), "\(name): \(japanese.map(\.description))")
    }

    /// Loads the minimal fixture with the Japanese poster's title replaced, whatever the loader says of it.
    static func loadPoster(title: String) throws -> LoadResult {
        let japanese = PosterTests.japanese.replacingOccurrences(of: "title: 自覚なくカスハラしていませんか？", with: "title: \"\(title)\"")
        return ContentLoader.load(try TestSupport.minimalTree(replacing: ["posters/awareness.ja.md": japanese, "posters/awareness.en.md": PosterTests.english]))
    }

    @Test("a poster title of 2,000 zero-width joiners alone, or of 20,000 zero-width spaces, is refused as empty")
    func invisibleTitles() throws {
        for title in [String(repeating: "\u{200D}", count: 2_000), String(repeating: "\u{200B}", count: 20_000)] {
            let loaded = try Self.loadPoster(title: title)
            #expect(loaded.diagnostics.contains { $0.rule == "load.schema" && $0.message.contains("'title' is empty") }, "\(loaded.diagnostics)")
        }
    }

    @Test("a poster title of 5,000 kana between zero-width spaces is checked in reasonable time, and refused")
    func zeroWidthSpacedTitle() throws {
        let clock = ContinuousClock()
        var problems: [Diagnostic] = []
        let elapsed = try clock.measure { problems = try Self.problems(japaneseTitle: "あ" + String(repeating: "\u{200B}あ", count: 5_000)) }
        #expect(elapsed < .seconds(30), "\(elapsed)")
        #expect(!Self.fits(problems))
    }

    @Test("a title one character past the largest that fits is refused", arguments: ["あ", "W", "i"])
    func titleAtLimitPlusOne(unit: String) throws {
        var count = 1
        while Self.fits(try Self.problems(japaneseTitle: String(repeating: unit, count: count))) { count += 1; if count > 400 { break } }
        #expect(count <= 400, "\(unit): never refused")
        #expect(Self.fits(try Self.problems(japaneseTitle: String(repeating: unit, count: count - 1))))
        #expect(!Self.fits(try Self.problems(japaneseTitle: String(repeating: unit, count: count))))
    }
}
