// Notices (`kind: notice`) and `new poster`: what is printed, what the checks say, and what the scaffold writes.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiPosterLayout
@testable import HarigamiCheck
@testable import HarigamiRender
@testable import HarigamiAuthoring

@Suite("Notices")
struct NoticeTests {
    static func notice(_ name: String = "desk", language: String, title: String, lead: String, items: [String],
                       extra: String = "sizes: [A4, A5]\norientation: portrait\n") -> String {
        "-- Content/posters/\(name).\(language).md --\n---\nkind: notice\ntitle: \(title)\nlead: \(lead)\nitems:\n"
            + items.map { "  - \($0)\n" }.joined() + extra + "---\n"
    }

    static let pair = notice(language: "ja", title: "窓口をご利用の皆様へ", lead: "次のことにご協力をお願いします。",
                             items: ["ご相談は30分程度までとします。", "職員の撮影はおやめください。"], extra: "sizes: [A4, A5]\norientation: portrait\nqr: notice\n")
        + notice(language: "en", title: "To everyone at our counters", lead: "We ask for your cooperation with the following.",
                 items: ["Each consultation is limited to about 30 minutes.", "Please do not photograph staff."], extra: "sizes: [A4, A5]\norientation: portrait\nqr: notice\n")

    @Test("the shipped notices are built at each of their sizes in Japanese, English and both on one sheet")
    func shippedNotices() throws {
        let run = try InlineSite.shipped().build()
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["recording", "counter-rules"] {
            for language in ["ja", "en", "ja-en"] {
                for size in ["A4", "A5", "A3"] {
                    #expect(run.files.keys.contains("site/posters/\(name).\(language).\(size).html"), "\(name).\(language).\(size)")
                }
            }
        }
        let counter = try #require(run.files["site/posters/counter-rules.ja.A5.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(counter.contains("@page { size: 210mm 148mm;"), "the counter rules print landscape on A5")
        #expect(!counter.contains("<svg role"), "a notice without 'qr:' prints no QR code")
        let recording = try #require(run.files["site/posters/recording.ja-en.A4.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(recording.contains("lang=\"en\""))
        #expect(recording.contains("<div class=\"qr\""))
    }

    @Test("a changed Japanese statement makes the English notice a stale translation, as a changed page does")
    func statementFreshness() throws {
        let site = try InlineSite.shipped()
        try site.edit("Content/posters/recording.ja.md", "録音のお知らせが流れます。", "録音のご案内が流れます。")
        let run = try site.check()
        #expect(run.diagnostics("translation.stale").map { $0.components(separatedBy: ": warning:")[0] } == ["Content/posters/recording.en.md:15:14"])
    }

    @Test("a notice prints its statements numbered, each under its translation on the bilingual sheet")
    func bilingualNotice() throws {
        let site = try InlineSite.minimal(Self.pair)
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.files.keys.filter { $0.hasPrefix("site/posters/") }.sorted() == [
            "site/posters/desk.en.A4.html", "site/posters/desk.en.A5.html", "site/posters/desk.ja-en.A4.html",
            "site/posters/desk.ja-en.A5.html", "site/posters/desk.ja.A4.html", "site/posters/desk.ja.A5.html",
        ])
        let sheet = try #require(run.files["site/posters/desk.ja-en.A5.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(sheet.contains("@page { size: 148mm 210mm;"))
        #expect(sheet.contains("<span class=\"number\" aria-hidden=\"true\">2</span><span lang=\"ja\""))
        #expect(sheet.contains("<span class=\"line\">Please do not photograph staff.</span>"))
        #expect(sheet.contains("<div class=\"qr\""))
        // The posters page lists the notice with its lead and a preview.
        let page = try #require(run.files["site/en/posters/index.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(page.contains("<h2>To everyone at our counters</h2>\n<p>We ask for your cooperation with the following.</p>"))
        #expect(page.contains("<iframe src=\"../../posters/desk.en.A4.html\""))
    }

    @Test("a key a notice does not have is named with the keys it has")
    func unknownKey() throws {
        let site = try InlineSite.minimal(Self.pair.replacingOccurrences(of: "lead: We ask", with: "subtitle: x\nlead: We ask"))
        let run = try site.check()
        #expect(run.diagnostics("load.unknown-key") == [
            "Content/posters/desk.en.md:4:1: error: unknown key 'subtitle' in the front matter; expected one of 'title', 'updated', 'audience', 'source-hash', 'kind', 'sizes', 'orientation', 'signage', 'lead', 'qr', 'items' [load.unknown-key]",
        ])
    }

    @Test("an unknown kind is the one problem reported for its file")
    func unknownKind() throws {
        let site = try InlineSite.minimal(Self.pair.replacingOccurrences(of: "kind: notice\ntitle: To", with: "kind: sign\ntitle: To"))
        let run = try site.check()
        #expect(run.diagnostics.filter { $0.contains("desk.en.md") && $0.contains("error") } == [
            "Content/posters/desk.en.md:2:7: error: unknown poster kind 'sign'; expected one of awareness, notice, card [load.schema]",
        ])
    }

    @Test("a lead too long for its box fails check, naming the lead, the sheet and every size")
    func leadTooLong() throws {
        let long = String(repeating: "職員が丁寧にお応えできるよう、ご協力をお願いします。", count: 5)
        let site = try InlineSite.minimal(Self.pair.replacingOccurrences(of: "lead: 次のことにご協力をお願いします。", with: "lead: \(long)"))
        let run = try site.check()
        #expect(run.diagnostics("poster.fit") == [
            "Content/posters/desk.ja.md:4:7: error: notice 'desk': the lead does not fit its box on the ja notice (A4, A5): it needs the room of 130 full-width characters and the box holds 86.3 (3 lines of 28.8); shorten it by about 44 full-width characters (a Latin letter takes about half the room of one) [poster.fit]",
            "Content/posters/desk.ja.md:4:7: error: notice 'desk': the lead does not fit its box on the ja-en notice (A4, A5): it needs the room of 130 full-width characters and the box holds 98.6 (3 lines of 32.9); shorten it by about 32 full-width characters (a Latin letter takes about half the room of one) [poster.fit]",
        ])
    }

    @Test("a seventh statement is refused at its line, and a translation with fewer statements is named")
    func statementCount() throws {
        let seven = (1...7).map { "お願い\($0)です。" }
        let site = try InlineSite.minimal(Self.pair.replacingOccurrences(of: "items:\n  - ご相談は30分程度までとします。\n  - 職員の撮影はおやめください。\n",
                                                                         with: "items:\n" + seven.map { "  - \($0)\n" }.joined()))
        let run = try site.check()
        #expect(run.diagnostics("poster.fit") == [
            "Content/posters/desk.ja.md:12:5: error: a notice has room for 6 statements and this one has 7; remove this one and those after it [poster.fit]",
        ])
        #expect(run.diagnostics("poster.translation") == [
            "Content/posters/desk.en.md:7:5: error: this notice has 2 statements and Content/posters/desk.ja.md has 7; the ja-en notice prints each under its translation, so list the same statements in the same order [poster.translation]",
        ])
    }

    @Test("an empty statement is named at its line, and text after a notice's front matter is refused")
    func emptyStatement() throws {
        let site = try InlineSite.minimal(Self.pair.replacingOccurrences(of: "  - 職員の撮影はおやめください。", with: "  - \"\"") + "- 大声を出す\n")
        let run = try site.check()
        #expect(run.diagnostics.filter { $0.contains(": error: ") } == [
            "Content/posters/desk.en.md:12:1: error: a notice prints only its front matter; write each statement as an entry of 'items:' and remove the text after the front matter [poster.body]",
            "Content/posters/desk.ja.md:7:5: error: statement 2 of this notice is empty: write it, or remove its line from 'items:' [poster.empty]",
        ])
    }

    // MARK: - new poster

    /// A copy of the minimal fixture in a temporary folder; returns the folder and its Content path.
    static func minimalFolder() throws -> (URL, String) {
        let folder = try TestSupport.temporaryFolder()
        try TestSupport.copy(TestSupport.fixture("minimal"), to: folder.appendingPathComponent("Content"))
        return (folder, folder.appendingPathComponent("Content").path)
    }

    @Test("new poster --kind notice writes every language's notice with the notice's keys, and check names each text still empty")
    func newNotice() throws {
        let (folder, content) = try Self.minimalFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Scaffold.newPoster(name: "desk", kind: .notice, contentDirectory: content).get()
        #expect(outcome.written == [content + "/posters/desk.ja.md", content + "/posters/desk.en.md"])
        let ja = try String(contentsOfFile: content + "/posters/desk.ja.md", encoding: .utf8)
        #expect(ja == "---\nkind: notice\ntitle: \"\"\nlead: \"\"\nitems:\n  - \"\"\nsizes: [A4, A5]\norientation: portrait\n---\n")
        let loaded = ContentLoader.load(.directory(content))
        #expect(loaded.diagnostics.filter { $0.location.path.hasSuffix("desk.ja.md") }.map(Finding.init) == [
            Finding(content + "/posters/desk.ja.md:3:8", "load.schema"),
            Finding(content + "/posters/desk.ja.md:4:7", "load.schema"),
        ])
        // Once title and lead are written, the empty statement is what is left.
        for language in ["ja", "en"] {
            let path = content + "/posters/desk.\(language).md"
            let text = try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "title: \"\"", with: "title: T").replacingOccurrences(of: "lead: \"\"", with: "lead: L")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let reloaded = ContentLoader.load(.directory(content))
        let checked = ContentChecker.check(try #require(reloaded.content), loadProblems: reloaded.diagnostics)
        #expect(checked.filter { $0.severity == .error }.map(Finding.init) == [
            Finding(content + "/posters/desk.en.md:6:5", "poster.empty"),
            Finding(content + "/posters/desk.ja.md:6:5", "poster.empty"),
        ])
    }

    @Test("new poster --kind awareness writes the awareness keys, a bubble of the first category and an empty behaviour")
    func newAwareness() throws {
        let (folder, content) = try Self.minimalFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Scaffold.newPoster(name: "wall", kind: .awareness, contentDirectory: content).get()
        let en = try String(contentsOfFile: content + "/posters/wall.en.md", encoding: .utf8)
        #expect(en == "---\ntitle: \"\"\nsubtitle: \"\"\ntagline: \"\"\nsizes: [A4, A3]\norientation: portrait\nqr: notice\nbubbles:\n  - category: time-binding\n    text: \"\"\n---\n-\n")
        let loaded = ContentLoader.load(.directory(content))
        #expect(!loaded.diagnostics.filter { $0.location.path.hasSuffix("wall.en.md") }.contains { $0.rule == "load.unknown-key" })
    }

    @Test("new poster --kind card writes front matter only: the card's text comes from the examples")
    func newCard() throws {
        let (folder, content) = try Self.minimalFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Scaffold.newPoster(name: "staff-card", kind: .card, contentDirectory: content).get()
        #expect(outcome.written == [content + "/posters/staff-card.ja.md", content + "/posters/staff-card.en.md"])
        let ja = try String(contentsOfFile: content + "/posters/staff-card.ja.md", encoding: .utf8)
        #expect(ja == "---\nkind: card\ntitle: \"\"\nsubtitle: \"\"\ntagline: \"\"\nsizes: [A4]\n---\n")
        // The card's loader reads every key the new file has: only the empty texts are left to fill in.
        let loaded = ContentLoader.load(.directory(content))
        let problems = loaded.diagnostics.filter { $0.location.path.hasSuffix("staff-card.ja.md") }
        #expect(!problems.contains { $0.rule == "load.unknown-key" }, "\(problems)")
    }

    @Test("new poster --kind nametags writes a file the name-tag loader reads without a problem")
    func newNameTagsLoads() throws {
        let (folder, content) = try Self.minimalFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Scaffold.newPoster(name: "nametags", kind: .nametags, contentDirectory: content).get()
        let loaded = ContentLoader.load(.directory(content))
        #expect(loaded.diagnostics.filter { $0.location.path.hasSuffix("nametags.yml") }.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.content?.nameTags?.people.count == 1)
    }

    @Test("new poster --kind nametags writes nametags.yml with one sample person and no given name, and refuses when the file exists")
    func newNameTags() throws {
        let (folder, content) = try Self.minimalFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try Scaffold.newPoster(name: "nametags", kind: .nametags, contentDirectory: content).get()
        #expect(outcome.written == [content + "/nametags.yml"])
        let text = try String(contentsOfFile: content + "/nametags.yml", encoding: .utf8)
        #expect(text.contains("people:\n  - surname: {ja: 見本, en: Mihon}\n    reading: みほん\n    section: {ja: 総務課, en: General Affairs Division}\n    role: {ja: 主任, en: Senior Officer}\n"))
        #expect(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.allSatisfy { !$0.contains("given") }, "no key for a given name")
        #expect(Scaffold.newPoster(name: "nametags", kind: .nametags, contentDirectory: content)
            == .failure(.usage("\(content)/nametags.yml already exists; name tags are all kept in that one file: add people to its 'people:' list; nothing was written")))
        #expect(try String(contentsOfFile: content + "/nametags.yml", encoding: .utf8) == text)
    }

    @Test("new poster keeps an existing file, and refuses a name that is not an id or files that all exist")
    func newPosterRefuses() throws {
        let (folder, content) = try Self.minimalFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(atPath: content + "/posters", withIntermediateDirectories: true)
        try "kept\n".write(toFile: content + "/posters/desk.ja.md", atomically: true, encoding: .utf8)
        let outcome = try Scaffold.newPoster(name: "desk", kind: .notice, contentDirectory: content).get()
        #expect(outcome.written == [content + "/posters/desk.en.md"])
        #expect(outcome.kept == [content + "/posters/desk.ja.md"])
        #expect(try String(contentsOfFile: content + "/posters/desk.ja.md", encoding: .utf8) == "kept\n")
        #expect(Scaffold.newPoster(name: "desk", kind: .notice, contentDirectory: content)
            == .failure(.usage("\(content)/posters/desk.ja.md and \(content)/posters/desk.en.md already exist; nothing was written")))
        guard case .failure(.usage) = Scaffold.newPoster(name: "../desk", kind: .notice, contentDirectory: content) else {
            Issue.record("a name that is not an id must be refused")
            return
        }
    }
}
