// A second battery of variations on the classes of trust, written apart from the first: other shapes of overlapping
// and linked output folders, other forms of staff-only text in public files, other pathological Markdown through
// `check` and `build`, and other Unicode in names and poster texts. Each case states the safe outcome. A case that
// found a defect is disabled, with a comment above it that says what goes wrong and how to reproduce it.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiMarkdown
@testable import HarigamiCheck
@testable import HarigamiWrite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - The output folder

@Suite("Fresh battery: the output folder", .serialized)
struct FreshOutputBatteryTests {
    typealias Workspace = OutputSafetyTests.Workspace

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test("relative folder names with '..', run from inside the content, that make the output overlap the content are refused with exit 2",
          arguments: [
              ["--content", "..", "--output", "../built"],
              ["--content", "..", "--output", "./out"],
              ["--content", "../", "--output", "../../Content"],
              ["--content", "../pages/..", "--output", "../pages/../Output"],
              ["--content", "..", "--output", "../.."],
          ])
    func relativeDetours(arguments: [String]) throws {
        let work = try Workspace()
        defer { work.remove() }
        let before = try work.everything()
        let run = TestSupport.build(work.options(arguments: arguments), in: work.content.appendingPathComponent("pages"))
        #expect(run.status == 2, "\(arguments): exit \(run.status): \(run.stderr)")
        #expect(try work.everything() == before, "\(arguments): something changed")
    }

    @Test("an output folder under a link (or a chain of links) that leads into the content is refused before anything is made",
          arguments: [["Content"], ["Content/pages"], ["B", "Content"]])
    func parentLinkedIntoContent(chain: [String]) throws {
        let work = try Workspace()
        defer { work.remove() }
        // Pub -> chain[0] -> … -> the last, a folder that exists.
        let names = ["Pub"] + chain
        for (from, to) in zip(names, names.dropFirst()) {
            try FileManager.default.createSymbolicLink(atPath: work.root.path + "/" + from, withDestinationPath: work.root.path + "/" + to)
        }
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options(output: work.root.path + "/Pub/Output"))
        #expect(refusal?.contains("content folder") == true, "\(chain): \(refusal ?? "built")")
        #expect(try work.everything() == before)
    }

    @Test("an output folder that is, or is inside, a copy of the templates reached through a chain of two links is refused",
          arguments: ["", "/Out", "/partials/Out"])
    func outputThroughLinkChainIntoTemplates(below: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        let templates = work.root.appendingPathComponent("T")
        try TestSupport.copy(TestSupport.templates, to: templates)
        try FileManager.default.createSymbolicLink(atPath: work.root.path + "/L2", withDestinationPath: templates.path)
        try FileManager.default.createSymbolicLink(atPath: work.root.path + "/L1", withDestinationPath: work.root.path + "/L2")
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options(output: work.root.path + "/L1" + below, templates: templates.path))
        #expect(refusal?.contains("templates folder") == true, "L1\(below): \(refusal ?? "built")")
        #expect(try work.everything() == before)
    }

    @Test("an output folder that is a link to the folder holding the content is refused: the content would be inside it")
    func outputLinkedToContentsParent() throws {
        let work = try Workspace()
        defer { work.remove() }
        let link = work.root.appendingPathComponent("Published")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: work.root.path)
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options(output: link.path))
        #expect(refusal?.contains("content folder") == true, "\(refusal ?? "built")")
        #expect(try work.everything() == before)
    }

    @Test("a content folder named through a link into the output folder is refused: the content is inside the output")
    func contentLinkedIntoOutput() throws {
        let work = try Workspace()
        defer { work.remove() }
        try TestSupport.copy(work.content, to: work.output.appendingPathComponent("sources"))
        let link = work.root.appendingPathComponent("C")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: work.output.path + "/sources")
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options(content: link.path))
        #expect(refusal != nil, "built with the content inside the output folder")
        #expect(try work.everything() == before)
    }

    @Test("--content . with other spellings of ./Output, run inside the content folder, is refused with exit 2 and changes nothing",
          arguments: [["--content", "./", "--output", "./Output/"], ["--content", ".", "--output", "./Output/../Output"],
                      ["--content", "../Content", "--output", "./Output"], ["--content", ".", "--output", "pages/../Output"]])
    func contentIsWorkingFolderSpellings(arguments: [String]) throws {
        let work = try Workspace()
        defer { work.remove() }
        let before = try work.everything()
        let run = TestSupport.build(work.options(arguments: arguments), in: work.content)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("an output folder named as LINK/.. where the link leads into the content is refused: '..' is taken after the link, as the system does",
          arguments: ["Content/pages", "Content/examples/time-binding"])
    func dotDotAfterLink(target: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(atPath: work.root.path + "/L", withDestinationPath: work.root.path + "/" + target)
        let before = try work.everything()
        // Lexically L/../Out is beside the content; the system resolves it to a folder inside the content.
        let refusal = OutputSafetyTests.refusal(work.options(output: work.root.path + "/L/../Out"))
        #expect(refusal?.contains("content folder") == true, "\(target): \(refusal ?? "built")")
        #expect(try work.everything() == before, "\(target): something changed")
    }

    @Test("a content folder named as LINK/.. is read where the system finds it, and an output inside it is refused")
    func contentDotDotAfterLink() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(atPath: work.root.path + "/L", withDestinationPath: work.content.path + "/pages")
        let before = try work.everything()
        let refusal = OutputSafetyTests.refusal(work.options(output: work.content.path + "/Out", content: work.root.path + "/L/.."))
        #expect(refusal?.contains("content folder") == true, "\(refusal ?? "built")")
        #expect(try work.everything() == before)
    }

    @Test("an output folder under a loop of links is refused with exit 2, and nothing is made")
    func outputUnderLinkLoop() throws {
        let work = try Workspace()
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(atPath: work.root.path + "/A", withDestinationPath: work.root.path + "/B")
        try FileManager.default.createSymbolicLink(atPath: work.root.path + "/B", withDestinationPath: work.root.path + "/A")
        let before = try work.everything()
        let run = try work.build(output: work.root.path + "/A/Out")
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("a file of the site hard-linked into a web root keeps its bytes there when the next build changes the page")
    func hardLinkedFileOutOfSite() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let web = try OutputSafetyTests.webRoot(in: work.root)
        try FileManager.default.removeItem(at: web.appendingPathComponent("index.html"))
        #expect(link(work.output.path + "/site/en/index.html", web.path + "/index.html") == 0)
        let deployed = try Data(contentsOf: web.appendingPathComponent("index.html"))
        let notice = work.content.appendingPathComponent("notice.en.md")
        try (try String(contentsOf: notice, encoding: .utf8)).replacingOccurrences(of: "honestly and carefully", with: "honestly and with care")
            .write(to: notice, atomically: true, encoding: .utf8)
        let run = try work.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: work.output.appendingPathComponent("site/en/index.html")) != deployed, "the page did not change")
        #expect(try Data(contentsOf: web.appendingPathComponent("index.html")) == deployed, "the build wrote into a file it shares with the web root")
    }

    @Test("a user's file hard-linked into Output/site survives under its own name when the next build replaces the site")
    func hardLinkedFileIntoSite() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        let web = try OutputSafetyTests.webRoot(in: work.root)
        #expect(link(web.path + "/other.html", work.output.path + "/site/other.html") == 0)
        _ = try work.build()
        #expect(try String(contentsOf: web.appendingPathComponent("other.html"), encoding: .utf8) == "the organisation's own page")
    }

    @Test("Harigami's site renamed by the user (Output/site → Output/mine) is kept under the new name; the next build makes a new site")
    func siteRenamedByUser() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        try FileManager.default.moveItem(atPath: work.output.path + "/site", toPath: work.output.path + "/mine")
        let kept = try TestSupport.snapshot(work.output.appendingPathComponent("mine"))
        let run = try work.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try TestSupport.snapshot(work.output.appendingPathComponent("mine")) == kept)
        #expect(FileManager.default.fileExists(atPath: work.output.path + "/site/ja/index.html"))
    }

    @Test("Harigami's site moved aside and a user's folder put at Output/site between two builds: refused with exit 2, both kept")
    func siteSwappedForUsersFolder() throws {
        let work = try Workspace()
        defer { work.remove() }
        #expect(try work.build().status == 0)
        try FileManager.default.moveItem(atPath: work.output.path + "/site", toPath: work.output.path + "/site-backup")
        try Self.write("the team's own page", to: work.output.appendingPathComponent("site/index.html"))
        try Self.write("the team's own notes", to: work.output.appendingPathComponent("site/ja/notes.txt"))
        let before = try work.everything()
        let run = try work.build()
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    @Test("a folder of the user's where Harigami keeps its record is refused with exit 2 and kept")
    func recordIsUsersFolder() throws {
        let work = try Workspace()
        defer { work.remove() }
        try Self.write("mine", to: work.output.appendingPathComponent(OutputRecord.fileName + "/notes.txt"))
        let before = try work.everything()
        let run = try work.build()
        #expect(run.status == 2, "\(run.stderr)")
        #expect(try work.everything() == before)
    }

    // Only the exact names a build writes are removed as leftovers; a prefix alone once deleted a user's folder.
    @Test("a user's folder whose name starts like Harigami's temporary folders but is none of them is kept",
          arguments: [".harigami-new-ideas", ".harigami-old-backup", ".harigami-link-notes"])
    func userNamesLikeStaging(name: String) throws {
        let work = try Workspace()
        defer { work.remove() }
        try Self.write("keep me", to: work.output.appendingPathComponent(name + "/notes.txt"))
        #expect(try work.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: work.output.path + "/" + name + "/notes.txt"), "\(name) was deleted")
    }
}

// MARK: - Staff-only privacy

@Suite("Fresh battery: staff-only privacy")
struct FreshPrivacyBatteryTests {
    typealias Battery = PrivacyTrustBatteryTests

    static let secret = Battery.secret
    /// A staff sentence short enough for a poster's bubble (13 characters).
    static let shortSecret = "通話は録音中ですと伝えます"
    static let katakanaSecret = "カスタマーハラスメントの記録はサーバーに保存します。"
    static let englishSecret = "Call the General Affairs manager on extension 1234."

    static let notice = Battery.notice(staff: secret + "\n\n" + shortSecret + "。\n\n" + katakanaSecret)

    /// The public files that hold `secret`, read three ways: as the leak scan reads them, as the raw text with
    /// every tag taken out (ruby readings kept: a browser shows them), and as UTF-16 for a text file with a byte-order mark.
    static func readings(of data: Data, path: String) -> [String] {
        var texts: [String] = []
        if let scanned = AudienceLeakScan.publishedText(of: data, path: path) { texts.append(scanned) }
        if let raw = String(validating: data, as: UTF8.self) {
            texts.append(raw.replacing(#/<[^>]*>/#, with: ""))
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]), let utf16 = String(data: data, encoding: .utf16) {
            texts.append(utf16)
        }
        return texts
    }

    /// "refused: RULES" when the public build stopped with errors, "private" when no public file holds `secret`,
    /// or "leaked into FILES".
    static func outcome(_ site: PrivacySite, secret: String) -> String {
        let built = site.render(.public)
        guard let files = built.site else {
            let errors = built.report.diagnostics.filter { $0.severity == .error }
            return errors.isEmpty ? "not built without an error" : "refused: " + Set(errors.map(\.rule)).sorted().joined(separator: ", ")
        }
        // Composed again after NFKC: Foundation on Linux leaves half-width voiced kana (ﾊﾞ) decomposed.
        func normalised(_ text: String) -> [UInt32] {
            AudienceLeakScan.normalise(text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping)
        }
        let needle = normalised(secret)
        let holding = files.keys.sorted().filter { path in
            Self.readings(of: files[path]!, path: path).contains { Battery.occurs(needle, in: normalised($0)) }
        }
        return holding.isEmpty ? "private" : "leaked into " + holding.joined(separator: ", ")
    }

    static func faq(summary: String = "質問と回答です。", _ body: String) -> String { Battery.faq(summary: summary, body) }

    static func poster(title: String = "ご協力のお願い", subtitle: String = "お願い", tagline: String = "互いを尊重し合える社会へ。",
                       bubble: String = "少し話を聞いてほしいだけ") -> String {
        "---\ntitle: \(title)\nsubtitle: \(subtitle)\ntagline: \(tagline)\nsizes: [A4]\norientation: portrait\nqr: notice\n"
            + "bubbles:\n  - category: time-binding\n    text: \(bubble)\n---\n- 大声で怒鳴る\n"
    }

    static let englishPoster = "---\ntitle: Please help us\nsubtitle: A request\ntagline: Respect for everyone.\nsizes: [A4]\norientation: portrait\nqr: notice\n"
        + "bubbles:\n  - category: time-binding\n    text: Just a chat\n---\n- Shouting\n"

    /// A change to one file of the fixture: its whole new text, or one passage of the fixture's text replaced.
    enum Change: Sendable {
        case text(String)
        case replacing(String, with: String)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var changes: [String: Change]
        var secret: String
        /// The rules whose refusal keeps the text private: the leak scan's, and for some forms another rule that
        /// refuses the form itself.
        var safeRules: [String] = ["audience."]
        var testDescription: String { name }

        /// Whether `result` (of `outcome`) is safe: the text stays private, or a safe rule refused the build.
        func isSafe(_ result: String) -> Bool {
            result == "private" || result.hasPrefix("refused: ") && safeRules.contains { result.contains($0) }
        }

        /// The files as the case writes them.
        func files() throws -> [String: String] {
            var files: [String: String] = [:]
            for (path, change) in changes {
                switch change {
                case .text(let text):
                    files[path] = text
                case .replacing(let passage, let replacement):
                    let original = try String(contentsOf: TestSupport.fixture("minimal/" + path), encoding: .utf8)
                    #expect(original.contains(passage), "\(name): the fixture's \(path) has no '\(passage)'")
                    files[path] = original.replacingOccurrences(of: passage, with: replacement)
                }
            }
            return files
        }
    }

    static func page(_ name: String, _ body: String, secret: String = secret, safeRules: [String] = ["audience."]) -> Case {
        Case(name: name, changes: ["pages/faq.ja.md": .text(faq(body))], secret: secret, safeRules: safeRules)
    }

    static func english(_ name: String, _ body: String) -> Case {
        Case(name: name, changes: ["pages/faq.en.md": .text(Battery.faqEnglish(body))], secret: englishSecret)
    }

    static let allCases: [Case] = [
        page("split across two table cells", "| 場合 | 対応 |\n| --- | --- |\n| 暴言が続く場合は、通話を | 録音していることを相手に伝えます |\n"),
        page("in an ATX heading with closing hashes and emphasis", "## 暴言が続く場合は、*通話を録音*していることを相手に伝えます ##\n\nはい。"),
        page("in a setext heading", "暴言が続く場合は、通話を録音していることを相手に伝えます\n---\n\nはい。"),
        page("split by a hard line break", "暴言が続く場合は、通話を  \n録音していることを相手に伝えます。"),
        Case(name: "in a poster's bubble", changes: ["posters/card.ja.md": .text(poster(bubble: shortSecret)), "posters/card.en.md": .text(englishPoster)], secret: shortSecret),
        Case(name: "in a poster's tagline", changes: ["posters/card.ja.md": .text(poster(tagline: secret)), "posters/card.en.md": .text(englishPoster)], secret: secret),
        page("in an image's title attribute", "![図](https://example.org/a.png \"\(secret)\")"),
        page("in a link reference definition's title", "[詳しく][r]をご覧ください。\n\n[r]: https://example.org/ \"\(secret)\""),
        page("in a reference definition's title written over two lines", "[詳しく][r]をご覧ください。\n\n[r]: https://example.org/\n  '暴言が続く場合は、\n通話を録音していることを相手に伝えます'"),
        // A footnote is not Markdown here: `[^1]` is a link to no page, an error that keeps the page from being built.
        page("in a footnote-like reference", "いいえ[^1]。\n\n[^1]: \(secret)", safeRules: ["audience.", "link.unresolved"]),
        page("in an adaptation marker's proposed value", "いいえ。{{adapt: \(secret)}}"),
        page("with Kangxi radicals for 言 and 音 (NFKC)", "暴\u{2F94}が続く場合は、通話を録\u{2FB3}していることを相手に伝えます。"),
        // Half-width katakana in prose is refused by its own rule; in an alt text only the leak scan sees it.
        page("in half-width katakana (NFKC)", "ｶｽﾀﾏｰﾊﾗｽﾒﾝﾄの記録はｻｰﾊﾞｰに保存します。", secret: katakanaSecret, safeRules: ["audience.", "prose.halfwidth-katakana"]),
        page("decomposed (NFD), as macOS may paste it", "カスタマーハラスメントの記録はサーハ\u{3099}ーに保存します。", secret: katakanaSecret),
        page("with right-to-left marks and embeddings between the words", "暴言が\u{200F}続く場合は、\u{202B}通話を録音\u{202C}していることを\u{061C}相手に伝えます。"),
        english("English in full-width letters and digits (NFKC)", "Ｃａｌｌ ｔｈｅ Ｇｅｎｅｒａｌ Ａｆｆａｉｒｓ ｍａｎａｇｅｒ ｏｎ ｅｘｔｅｎｓｉｏｎ １２３４."),
        english("English with soft hyphens inside the words", "Call the Gen\u{00AD}eral Af\u{00AD}fairs man\u{00AD}ager on ex\u{00AD}ten\u{00AD}sion 1234."),
        english("English with zero-width spaces and joiners for the spaces", "Call\u{200B}the\u{200B}General\u{200D}Affairs\u{2060}manager\u{FEFF}on\u{200B}extension\u{200B}1234."),
        Case(name: "in an HTML comment, with allow-html: true",
             changes: ["site.yml": .replacing("allow-html: false", with: "allow-html: true"), "pages/faq.ja.md": .text(faq("いいえ。\n\n<!-- \(secret) -->"))], secret: secret),
        Case(name: "in a hidden element's attribute, with allow-html: true",
             changes: ["site.yml": .replacing("allow-html: false", with: "allow-html: true"), "pages/faq.ja.md": .text(faq("いいえ。<span hidden data-note=\"\(secret)\">注</span>"))], secret: secret),
        Case(name: "as a picture's file name", changes: ["pages/faq.ja.md": .text(faq("![図](/images/\(secret).png)")), "images/\(secret).png": .text("picture")], secret: secret),
        Case(name: "English only: the translation repeats its staff sentence after the block",
             changes: ["notice.en.md": .text(Battery.noticeEnglish(staff: englishSecret) + "\n" + englishSecret + "\n")], secret: englishSecret),
        Case(name: "copied plainly from a staff block that wrote it with a link",
             changes: ["notice.ja.md": .text(Battery.notice(staff: "暴言が続く場合は、[通話を録音](/guideline.md)していることを相手に伝えます。")), "pages/faq.ja.md": .text(faq(secret))], secret: secret),
        Case(name: "copied plainly from a staff block that wrote it with ruby",
             changes: ["notice.ja.md": .text(Battery.notice(staff: "{暴言|ぼうげん}が続く場合は、通話を{録音|ろくおん}していることを相手に伝えます。")), "pages/faq.ja.md": .text(faq(secret))], secret: secret),
    ]


    // Once published with exit 0: ruby readings were not read (they are now, as text of their own), and on Linux a
    // half-width ﾊﾞ stayed ハ + U+3099 after the compatibility mapping (it is composed again now).
    // Not cases: a staff sentence pasted into categories.yml or site.yml. Their texts are published by design, and a
    // staff block that repeats one builds (StaffPrivacyTests "a staff block that repeats a label the site publishes
    // anyway builds"); which of the two copies came first cannot be told, so the scan cannot call either a leak.
    static let knownLeaks: [Case] = [
        page("in a ruby reading (shown above the text)", "{注意|\(secret)}してください。"),
        page("in half-width katakana with voiced marks, in an image's alt text (NFKC)",
             "![ｶｽﾀﾏｰﾊﾗｽﾒﾝﾄの記録はｻｰﾊﾞｰに保存します](https://example.org/a.png)", secret: katakanaSecret),
    ]

    @Test("staff text copied into a public file in another form is refused or stays private", arguments: allCases)
    func leakForm(form: Case) throws {
        var all: [String: String?] = ["notice.ja.md": Self.notice]
        for (path, text) in try form.files() { all[path] = text }
        let site = try PrivacySite(all)
        defer { site.remove() }
        let result = Self.outcome(site, secret: form.secret)
        #expect(form.isSafe(result), "\(form.name): \(result)")
    }

    @Test("staff text in categories.yml, site.yml or a ruby reading is refused or stays private", arguments: knownLeaks)
    func knownLeak(form: Case) throws {
        try leakForm(form: form)
    }

    @Test("each case's public file, without the staff block, carries the text: the case publishes what it copies")
    func casesPublishTheirText() throws {
        // The same cases with the staff block taken out: the text is then public, so each case must show it (or be
        // refused for a reason other than a leak); otherwise the case above proves nothing.
        for form in Self.allCases + Self.knownLeaks where !form.changes.keys.contains("notice.ja.md") {
            var all: [String: String?] = ["notice.ja.md": Battery.notice(staff: "内線で課長を呼びます。")]
            for (path, text) in try form.files() { all[path] = text }
            if form.secret == Self.englishSecret, form.changes["notice.en.md"] == nil {
                all["notice.en.md"] = Battery.noticeEnglish(staff: "Ring the office.")
            }
            let site = try PrivacySite(all)
            defer { site.remove() }
            let result = Self.outcome(site, secret: form.secret)
            let refusedByItsOwnRule = result.hasPrefix("refused: ") && form.isSafe(result) && !result.contains("audience.")
            #expect(result.hasPrefix("leaked into") || refusedByItsOwnRule || form.changes["notice.en.md"] != nil, "\(form.name): \(result)")
        }
    }

    static let staffLine = "内線 1234 で総務課長を呼び出します。"

    @Test("a staff fence written another way keeps its text out of the page, or is an error at its line", arguments: [
        ":::staff\n\(staffLine)\n:::\n",
        "::: Staff\n\(staffLine)\n:::\n",
        "::: STAFF\n\(staffLine)\n:::\n",
        ":::::  staff\n\(staffLine)\n:::::\n",
        "::: staff\n\(staffLine)\n::::\n",
        "::: staff  \t\n\(staffLine)\n:::   \n",
        "::: staff\r\n\(staffLine)\r\n:::\r\n",
        "::: staff\r\(staffLine)\r:::\r",
        "::: staffs\n\(staffLine)\n:::\n",
        "::: staff-only\n\(staffLine)\n:::\n",
        "::: スタッフ\n\(staffLine)\n:::\n",
        ":::\u{00A0}staff\n\(staffLine)\n:::\n",
        "\u{200B}::: staff\n\(staffLine)\n:::\n",
        "\u{FEFF}::: staff\n\(staffLine)\n:::\n",
        "\t::: staff\n\(staffLine)\n\t:::\n",
        "::: staff\n\(staffLine)\n",
        "::: staff\n\n\n\(staffLine)\n\n\n",
        "::: warning\n::: staff\n\(staffLine)\n:::\n:::\n",
        "::: staff\n::: warning\n\(staffLine)\n:::\n",
    ])
    func staffFenceVariant(body: String) {
        let rendered = MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render("はじめに。\n\n" + body + "\nおわりに。\n", path: "x.md")
        let errors = rendered.diagnostics.filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column) \($0.rule)" }
        #expect(!rendered.html.contains("総務課長") || !errors.isEmpty, "\(body.debugDescription): published with no error: \(rendered.html)")
        #expect(rendered.html.contains("おわりに") || !errors.isEmpty, "\(body.debugDescription): the public text after the block is lost with no error")
    }

    @Test("a picture only a staff block shows stays in the staff build when a public page only names it in an unused reference, a code span or escaped text",
          arguments: ["[p]: /images/plan.png", "`/images/plan.png`", "!\\[配置図\\](/images/plan.png)", "```\n![配置図](/images/plan.png)\n```"])
    func staffPictureNamedButNotShown(mention: String) throws {
        let picture = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00])
        let site = try PrivacySite(["notice.ja.md": Battery.notice(staff: "配置図を確認します。\n\n![配置図](/images/plan.png)"),
                                    "pages/faq.ja.md": Self.faq("いいえ。\n\n" + mention)], images: [:])
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try picture.write(to: site.content.appendingPathComponent("images/plan.png"))
        let staff = site.render(.staff)
        #expect(staff.site?["images/plan.png"] != nil, "\(mention): the staff build lacks the picture: \(staff.report.diagnostics.map(\.description))")
        let published = site.render(.public)
        let files = try #require(published.site, "\(mention): \(published.report.diagnostics.map(\.description))")
        #expect(files["images/plan.png"] == nil, "\(mention): the staff-only picture is published")
    }

    // A translation that keeps the source's `::: staff` block but empties it is refused (translation.staff-missing).
    @Test("a translation that empties its staff block and puts the text after the fence is an error",
)
    func emptiedStaffBlockInTranslation() throws {
        let english = "---\ntitle: A request to our residents\nsummary: How the Town responds to customer harassment.\nupdated: 2026-10-01\n---\n"
            + "The Town will deal with your views honestly and carefully.\n\nFor details, see the [staff guideline](/guideline.md).\n\n::: staff\n:::\n\n"
            + Battery.secretEnglish + "\n"
        let site = try PrivacySite(["notice.ja.md": Battery.notice(), "notice.en.md": english])
        defer { site.remove() }
        let result = Self.outcome(site, secret: Battery.secretEnglish)
        #expect(result.hasPrefix("refused: ") || result == "private", "\(result)")
    }

    // A text file saved as UTF-16 with its byte order mark (as Excel saves CSV) is scanned as well as UTF-8 text.
    @Test("staff text in a UTF-16 text file linked from a public page is refused or not published",
)
    func utf16FileWithStaffText() throws {
        var csv = Data([0xFF, 0xFE])
        csv.append(("番号,対応\r\n1," + Self.secret + "\r\n").data(using: .utf16LittleEndian)!)
        let site = try PrivacySite(["notice.ja.md": Battery.notice(), "pages/faq.ja.md": Self.faq("[一覧](/images/list.csv)をご覧ください。")],
                                   images: [:])
        defer { site.remove() }
        try FileManager.default.createDirectory(at: site.content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try csv.write(to: site.content.appendingPathComponent("images/list.csv"))
        let result = Self.outcome(site, secret: Self.secret)
        #expect(result.hasPrefix("refused: ") || result == "private", "\(result)")
    }
}

// MARK: - Crashes and stalls

@Suite("Fresh battery: crashes and stalls", .serialized)
struct FreshStallBatteryTests {
    /// A page of the minimal fixture's shape with `body` under its front matter.
    static func page(_ body: String) -> String { "---\ntitle: よくある質問\nsummary: 質問と回答です。\n---\n" + body + "\n" }

    static func nested(_ open: String, _ middle: String, _ close: String, _ count: Int) -> String {
        String(repeating: open, count: count) + middle + String(repeating: close, count: count)
    }

    static let pathological: [(String, String)] = [
        ("10,000 nested '*_' emphases", nested("*_", "あ", "_*", 10_000)),
        ("20,000 '*_' never closed", String(repeating: "*_", count: 20_000) + "a"),
        ("a chain of 30,000 ruby on one line", String(repeating: "{漢|かん}", count: 30_000)),
        ("one ruby of 20,000 characters and 20,000 readings", "{" + String(repeating: "漢", count: 20_000) + "|" + String(repeating: "か|", count: 20_000) + "}"),
        ("30,000 ruby openings '{漢|' never closed", String(repeating: "{漢|", count: 30_000)),
        ("2,000 '{{organisation}}' variables on lines of their own", String(repeating: "{{organisation}}\n\n", count: 2_000)),
        ("50,000 '{{' never closed", String(repeating: "{{", count: 50_000) + "a"),
        ("20,000 nested '{{adapt: ' never closed", String(repeating: "{{adapt: ", count: 20_000) + "a"),
        ("500 unknown variables", String(repeating: "{{nope}} ", count: 500)),
        ("a link reference definition of a 1 MB address", "[詳しく][r]\n\n[r]: https://example.org/" + String(repeating: "a", count: 1_000_000)),
        ("a link reference definition with a 500,000-character title", "[詳しく][r]\n\n[r]: https://example.org/ \"" + String(repeating: "題", count: 500_000) + "\""),
        ("20,000 definitions of the same label, used 20,000 times", String(repeating: "[r]: https://example.org/\n", count: 20_000) + "\n" + String(repeating: "[x][r] ", count: 20_000)),
        ("a heading of 30,000 emphases", "## " + String(repeating: "*強調*", count: 30_000)),
        ("a heading of 50,000 '#'", String(repeating: "#", count: 50_000) + " a"),
        ("a line of 100,000 CJK characters with single '*'", String(repeating: "あ*", count: 50_000)),
        ("a line of 100,000 CJK characters with '**' before each third", String(repeating: "**あい", count: 33_000)),
        ("a line of 100,000 CJK characters with '_' and '」'", String(repeating: "_あ」", count: 33_000)),
        ("20,000 ::: note blocks one after another", String(repeating: "::: note\n本文です。\n:::\n\n", count: 20_000)),
        ("5,000 nested ::: staff blocks", String(repeating: "::: staff\n", count: 5_000) + "本文\n" + String(repeating: ":::\n", count: 5_000)),
        ("10,000 ::: staff lines inside a paragraph", String(repeating: "本文\n::: staff\n", count: 10_000)),
    ]

    struct Outcome {
        var seconds: Double
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var output: String
    }

    /// Runs `harigami command` on a copy of the minimal fixture whose pages/faq.ja.md is `page`, stopping it after `limit` s.
    static func run(_ command: String, page: String, files: [String: String] = [:], extra: [String] = [], limit: Double = 10) throws -> Outcome {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try Data(page.utf8).write(to: content.appendingPathComponent("pages/faq.ja.md"))
        for (path, text) in files {
            try FileManager.default.createDirectory(at: content.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: content.appendingPathComponent(path))
        }
        let out = root.appendingPathComponent("out.txt")
        #expect(FileManager.default.createFile(atPath: out.path, contents: nil))
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = [command, "--content", content.path, "--templates", TestSupport.templates.path]
            + (command == "build" ? ["--output", root.appendingPathComponent("Output").path] : []) + extra
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = process.standardOutput
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let output = String(decoding: try Data(contentsOf: out).prefix(4_000), as: UTF8.self)
        return Outcome(seconds: Date().timeIntervalSince(started), status: process.terminationStatus,
                       signalled: process.terminationReason == .uncaughtSignal && !timedOut, timedOut: timedOut, output: output)
    }

    @Test("harigami check finishes on pathological Markdown within 10 s, exit 0 or 1, never by a signal", arguments: pathological.map(\.0))
    func checkFinishes(name: String) throws {
        let body = try #require(Self.pathological.first { $0.0 == name }).1
        let outcome = try Self.run("check", page: Self.page(body))
        #expect(!outcome.timedOut, "\(name): still running after 10 s")
        #expect(!outcome.signalled, "\(name): stopped by signal \(outcome.status)")
        #expect(outcome.status == 0 || outcome.status == 1, "\(name): exit \(outcome.status): \(outcome.output)")
        if outcome.status == 1 {
            #expect(outcome.output.contains(": error: "), "\(name): exit 1 without an error: \(outcome.output)")
        }
    }

    @Test("harigami build finishes on the hardest of them within 10 s, exit 0 or 1, never by a signal", arguments: [
        "10,000 nested '*_' emphases", "a line of 100,000 CJK characters with single '*'", "20,000 ::: note blocks one after another",
    ])
    func buildFinishes(name: String) throws {
        let body = try #require(Self.pathological.first { $0.0 == name }).1
        let outcome = try Self.run("build", page: Self.page(body))
        #expect(!outcome.timedOut, "\(name): still running after 10 s")
        #expect(!outcome.signalled, "\(name): stopped by signal \(outcome.status)")
        #expect(outcome.status == 0 || outcome.status == 1, "\(name): exit \(outcome.status): \(outcome.output)")
    }

    @Test("harigami build --audience staff finishes on 5,000 nested ::: staff blocks within 10 s")
    func staffBuildOfNestedStaffBlocks() throws {
        let body = try #require(Self.pathological.first { $0.0 == "5,000 nested ::: staff blocks" }).1
        let outcome = try Self.run("build", page: Self.page(body), extra: ["--audience", "staff"])
        #expect(!outcome.timedOut && !outcome.signalled, "\(outcome)")
        #expect(outcome.status == 0 || outcome.status == 1, "exit \(outcome.status): \(outcome.output)")
    }

    @Test("the leak scan of a staff block of 20,000 sentences against a public page of 20,000 others finishes within 10 s, and finds the one copied")
    func largeLeakScan() throws {
        let staff = (0..<20_000).map { "職員番号\($0)番の内線に電話を転送します。" }.joined()
        let publicText = (0..<20_000).map { "受付番号\($0)番の窓口でお待ちください。" }.joined() + "職員番号12345番の内線に電話を転送します。"
        let outcome = try Self.run("check", page: Self.page("::: staff\n\(staff)\n:::\n\n\(publicText)"))
        #expect(!outcome.timedOut && !outcome.signalled, "\(outcome)")
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("[audience.leak]"), "\(outcome.output)")
    }

    @Test("harigami check finishes on a poster whose body is 10,000 nested quotes around a list within 10 s")
    func hostilePosterBody() throws {
        let poster = "---\ntitle: ご協力のお願い\nsubtitle: お願い\ntagline: 互いを尊重し合える社会へ。\nsizes: [A4]\norientation: portrait\nqr: notice\n"
            + "bubbles:\n  - category: time-binding\n    text: 少し話を聞いてほしいだけ\n---\n" + String(repeating: "> ", count: 10_000) + "- " + String(repeating: "*_", count: 5_000) + "a\n"
        let outcome = try Self.run("check", page: Self.page("いいえ。"), files: ["posters/card.ja.md": poster])
        #expect(!outcome.timedOut && !outcome.signalled, "\(outcome)")
        #expect(outcome.status == 0 || outcome.status == 1, "exit \(outcome.status): \(outcome.output)")
    }

    /// The seconds the leak scan takes for `count` staff sentences against a public page of `count` other sentences,
    /// each sentence `sentence(i)` for the staff and `publicSentence(i)` for the page.
    /// The fastest of three runs: one run of a few milliseconds is at the mercy of whatever else the machine does.
    static func leakScanSeconds(_ count: Int, staff sentence: (Int) -> String, public publicSentence: (Int) -> String) -> Double {
        (0..<3).map { _ in leakScanRun(count, staff: sentence, public: publicSentence) }.min()!
    }

    static func leakScanRun(_ count: Int, staff sentence: (Int) -> String, public publicSentence: (Int) -> String) -> Double {
        let staff = [Located((0..<count).map(sentence).joined(), at: SourceLocation(path: "Content/notice.ja.md", line: 10, column: 1))]
        let page = Data(("<p>" + (0..<count).map(publicSentence).joined() + "</p>").utf8)
        let started = Date()
        let found = AudienceLeakScan.scan(files: ["ja/faq/index.html": page], staffTexts: staff, outputName: "site")
        #expect(found.isEmpty)
        return Date().timeIntervalSince(started)
    }

    @Test("the leak scan takes time in proportion to the text when staff sentences begin differently")
    func leakScanDistinctBeginnings() {
        let small = Self.leakScanSeconds(1_000, staff: { "番号\($0)注意事項として次のとおり対応します。" }, public: { "窓口\($0)注意事項として次のとおり対応します。" })
        let large = Self.leakScanSeconds(8_000, staff: { "番号\($0)注意事項として次のとおり対応します。" }, public: { "窓口\($0)注意事項として次のとおり対応します。" })
        #expect(large / max(small, 0.001) < 20, "\(small) s, then \(large) s for eight times the text")
    }

    // Staff sentences sharing their first eight characters are found by the hash of the whole sentence, not compared
    // one by one at every position (which took 13.9 s in debug for 10,000 such sentences).
    @Test("the leak scan takes time in proportion to the text when staff sentences share their beginning")
    func leakScanSharedBeginnings() {
        let small = Self.leakScanSeconds(1_000, staff: { "注意事項として次のとおり対応します番号\($0)。" }, public: { "注意事項として次のとおり対応します窓口\($0)。" })
        let large = Self.leakScanSeconds(8_000, staff: { "注意事項として次のとおり対応します番号\($0)。" }, public: { "注意事項として次のとおり対応します窓口\($0)。" })
        #expect(large / max(small, 0.001) < 20, "\(small) s, then \(large) s for eight times the text")
    }

    @Test("an unknown variable among 300 on one line is reported at its line and column, each one")
    func unknownVariablesLocated() throws {
        let site = try InlineSite.minimal()
        try site.write("Content/pages/faq.ja.md", Self.page("いいえ。\n\n" + String(repeating: "{{nope}} ", count: 300)))
        let outcome = try site.check()
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("pages/faq.ja.md:7:1: error:"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("pages/faq.ja.md:7:10: error:"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("[content.unknown-variable]"))
    }

    // Columns of placeholders and sample values are counted in one pass over their line (ColumnCounter): 8,000 on one
    // line once took 29 s in a debug build.
    @Test("harigami check of 8,000 placeholders or sample values on one line finishes within 10 s",
          arguments: ["{{organisation}}", "{{nope}} ", "{{adapt: 1年}}", "電話000-1234 ", "あa.example "])
    func placeholdersOnOneLine(placeholder: String) throws {
        let outcome = try Self.run("check", page: Self.page(String(repeating: placeholder, count: 8_000)))
        #expect(!outcome.timedOut, "\(placeholder): still running after 10 s")
        #expect(outcome.status == 0 || outcome.status == 1, "\(placeholder): exit \(outcome.status): \(outcome.output)")
    }
}

// MARK: - Unicode

@Suite("Fresh battery: Unicode")
struct FreshUnicodeBatteryTests {
    static func check(_ root: URL) throws -> TestSupport.Run { try RobustnessBatteryTests.check(root) }

    @Test("an example file named in NFD beside its translation named in NFC is an error at the file, not two half-pages",
          arguments: [("cafe\u{301}", "café"), ("\u{30DB}\u{309A}スター", "ポスター")])
    func exampleNamesInTwoForms(decomposed: String, composed: String) throws {
        let japanese = try String(contentsOf: TestSupport.fixture("minimal/examples/time-binding/phone.ja.md"), encoding: .utf8)
        let english = try String(contentsOf: TestSupport.fixture("minimal/examples/time-binding/phone.en.md"), encoding: .utf8)
        let root = try RobustnessBatteryTests.folder(with: [
            "examples/time-binding/\(decomposed).ja.md": japanese, "examples/time-binding/\(composed).en.md": english,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(root)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Content/examples/time-binding/"), "\(run.stdout)")
        #expect(run.stdout.contains("[load.id]") || run.stdout.contains("[load.file-name]"), "\(run.stdout)")
    }

    @Test("a page or poster file named in NFD beside its translation named in NFC is an error at the file", arguments: ["pages", "posters"])
    func pageNamesInTwoForms(folder: String) throws {
        let files: KeyValuePairs<String, String> = [
            "\(folder)/cafe\u{301}.ja.md": try String(contentsOf: TestSupport.fixture("minimal/pages/faq.ja.md"), encoding: .utf8),
            "\(folder)/café.en.md": try String(contentsOf: TestSupport.fixture("minimal/pages/faq.en.md"), encoding: .utf8),
        ]
        let root = try RobustnessBatteryTests.folder(with: files)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(root)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Content/\(folder)/"), "\(run.stdout)")
        #expect(run.stdout.contains("[load.id]") || run.stdout.contains("[load.file-name]"), "\(run.stdout)")
    }

    @Test("a category id in NFD in categories.yml and in NFC as its folder is an error at its line, and nothing crashes")
    func categoryIDInTwoForms() throws {
        let categories = try String(contentsOf: TestSupport.fixture("minimal/categories.yml"), encoding: .utf8)
            + "- id: cafe\u{301}\n  ja:\n    name: 喫茶\n    summary: 要約です。\n    poster-label: 喫茶\n  en:\n    name: Cafe\n    summary: A summary.\n    poster-label: Cafe\n"
        let phone = try String(contentsOf: TestSupport.fixture("minimal/examples/time-binding/phone.ja.md"), encoding: .utf8)
        let root = try RobustnessBatteryTests.folder(with: ["categories.yml": categories, "examples/café/phone.ja.md": phone])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try Self.check(root)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Content/categories.yml:11:"), "\(run.stdout)")
        #expect(run.stdout.contains("[load.id]"), "\(run.stdout)")
    }

    @Test("a picture linked through a reference definition or a percent-encoded address in the other Unicode form is found and published",
          arguments: [
              "![ポスター][p]\n\n[p]: /images/\u{30DB}\u{309A}スター.png",
              "![ポスター](/images/%E3%83%9B%E3%82%9A%E3%82%B9%E3%82%BF%E3%83%BC.png)",
              "![ポスター](</images/\u{30DB}\u{309A}スター.png> \"ポスター\")",
          ])
    func pictureInOtherForm(link: String) throws {
        let root = try UnicodeNamesTests.content(images: ["ポスター.png"], link: link)
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try Builder.build(UnicodeNamesTests.options(root))
        #expect(report.wrote, "\(report.diagnostics.map(\.description))")
        let site = root.appendingPathComponent("Output/site")
        let html = try String(contentsOf: site.appendingPathComponent("ja/index.html"), encoding: .utf8)
        let sources = UnicodeNamesTests.sources(html)
        #expect(sources.count == 1)
        for source in sources {
            let path = site.appendingPathComponent("ja").path + "/" + String(String.UnicodeScalarView(source))
            #expect(FileManager.default.fileExists(atPath: path), "\(source.map { String($0.value, radix: 16) })")
        }
    }

    // A picture whose file name is not UTF-8 (Shift_JIS from an archive made on Windows) is a load.file-name error that
    // says so; it was once reported as a file that does not exist, with check and build exiting differently.
    @Test("a picture whose file name is not UTF-8 is an error that says so, with the same exit status from check and build")
    func pictureNameNotUTF8() throws {
        let root = try RobustnessBatteryTests.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.path + "/Content/images"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = Array(folder.utf8).map { CChar(bitPattern: $0) } + [CChar(bitPattern: 0x2F), 0x61, CChar(bitPattern: 0xFF), 0x62, 0x2E, 0x70, 0x6E, 0x67, 0]
        let descriptor = open(name, O_CREAT | O_WRONLY, 0o644)
        #expect(descriptor >= 0)
        close(descriptor)
        let check = try Self.check(root)
        let build = TestSupport.build(BuildOptions(templates: TestSupport.templates.path), in: root)
        #expect(check.status == build.status, "check exits \(check.status), build \(build.status)")
        let said = check.stdout + check.stderr
        #expect(said.contains("Content/images/"), "\(said)")
        #expect(said.contains("UTF-8") && !said.contains("doesn’t exist"), "\(said)")
    }

    static let overflowingBubbles: [(String, String)] = [
        ("40 red hearts with VS16", String(repeating: "\u{2764}\u{FE0F}", count: 40)),
        ("40 smiles with VS16", String(repeating: "\u{263A}\u{FE0F}", count: 40)),
        ("40 victory hands with VS16", String(repeating: "\u{270C}\u{FE0F}", count: 40)),
        ("40 copyright signs with VS16", String(repeating: "\u{00A9}\u{FE0F}", count: 40)),
        ("40 Scotland flags (tag sequences)", String(repeating: "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", count: 40)),
        ("40 women with skin tone and red hair", String(repeating: "\u{1F469}\u{1F3FD}\u{200D}\u{1F9B0}", count: 40)),
        ("40 handshakes of two skin tones", String(repeating: "\u{1FAF1}\u{1F3FB}\u{200D}\u{1FAF2}\u{1F3FF}", count: 40)),
        ("60 W between right-to-left marks, inside an override", "\u{202E}" + String(repeating: "W\u{200F}", count: 60) + "\u{202C}"),
        ("60 W each with a variation selector", String(repeating: "W\u{FE00}", count: 60)),
        ("80 Hebrew letters with points", String(repeating: "שָׁלוֹם ", count: 16)),
    ]

    @Test("a poster bubble of wide emoji sequences, variation selectors or right-to-left text that would overflow is refused",
          arguments: overflowingBubbles.map(\.0))
    func overflowingBubble(name: String) throws {
        let text = try #require(Self.overflowingBubbles.first { $0.0 == name }).1
        #expect(!RobustnessBatteryTests.fits(try RobustnessBatteryTests.problems(englishBubble: text)), "\(name), English")
        #expect(!RobustnessBatteryTests.fits(try RobustnessBatteryTests.problems(japaneseBubble: text)), "\(name), Japanese")
    }

    @Test("a poster title of right-to-left marks, embeddings and variation selectors alone is refused as empty")
    func invisibleTitle() throws {
        let loaded = try RobustnessBatteryTests.loadPoster(title: String(repeating: "\u{200F}\u{200E}\u{061C}\u{202B}\u{202C}\u{FE0F}", count: 500))
        #expect(loaded.diagnostics.contains { $0.rule == "load.schema" && $0.message.contains("'title' is empty") }, "\(loaded.diagnostics)")
    }
}
