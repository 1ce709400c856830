// Signage (`signage: true`): the 1920 × 1080 page per language, its fit rule, the card's refusal, and its PNG with --pdf.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiPosterLayout

@Suite("Signage")
struct SignageTests {
    static let notices = NoticeTests.pair.replacingOccurrences(of: "orientation: portrait\n", with: "orientation: portrait\nsignage: true\n")

    static func text(_ data: Data?) -> String { data.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    @Test("signage: true writes a 1920 × 1080 page per language that fills the screen, no page with both languages, and the posters page lists it after the sheets")
    func signagePages() throws {
        let site = try InlineSite.minimal(Self.notices)
        let run = try site.build()
        #expect(run.status == 0, "\(run.stderr)")
        let signage = run.files.keys.filter { $0.contains(".signage.") }.sorted()
        #expect(signage == ["site/posters/desk.en.signage.html", "site/posters/desk.ja.signage.html"])
        let page = Self.text(run.files["site/posters/desk.ja.signage.html"])
        // 320 × 180 units, 6 px each on a 1920 × 1080 screen; on screen the page takes the whole window.
        #expect(page.contains("--u: min(calc(100vw / 320), calc(100vh / 180));"))
        #expect(page.contains(#"class="sheet" style="width:calc(308 * var(--u));height:calc(175 * var(--u))""#))
        let posters = Self.text(run.files["site/ja/posters/index.html"])
        let sheet = try #require(posters.range(of: "desk.ja-en.A5.html"))
        let screen = try #require(posters.range(of: #"<a href="../../posters/desk.ja.signage.html">デジタルサイネージ 日本語</a>"#))
        #expect(sheet.upperBound < screen.lowerBound)
        #expect(Self.text(run.files["site/en/posters/index.html"]).contains(#"<a href="../../posters/desk.en.signage.html">Signage English</a>"#))
    }

    @Test("every text of the signage page is at least 40 px on a 1920-pixel screen, the title larger")
    func typeForFiveMetres() {
        let pixels = 1920 / PosterLayout.signagePage.width
        let poster = PosterLayout(signageFor: .a4)
        let slots = [poster.phone, poster.email, poster.url] + poster.title + poster.subtitle + poster.tagline + poster.organisation
            + poster.bubbles.flatMap { $0.labels + $0.texts }
        for slot in slots { #expect(slot.type.fontSize * pixels >= 40, "\(slot)") }
        #expect(poster.behaviours.types.allSatisfy { $0.fontSize * pixels >= 40 })
        #expect(poster.title[0].type.fontSize * pixels >= 60)
        for hasQR in [true, false] {
            let notice = NoticeLayout(signageFor: .a4, hasQR: hasQR)
            let texts = [notice.phone, notice.email] + notice.title + notice.lead + notice.organisation + (notice.url.map { [$0] } ?? [])
            for slot in texts { #expect(slot.type.fontSize * pixels >= 40, "\(slot)") }
            #expect(notice.items.types.allSatisfy { $0.fontSize * pixels >= 40 })
            #expect(notice.title[0].type.fontSize * pixels >= 60)
        }
    }

    @Test("a subtitle that fits the printed poster but not the signage page is an error at its line naming the signage page")
    func fitRuleCoversSignage() throws {
        let subtitle = "こんな言動は、カスタマーハラスメントにあたります。職員の安全を守るため、ご協力をお願いします。"
        let site = try InlineSite.shipped()
        try site.edit("Content/posters/awareness.ja.md", "subtitle: こんな言動は、カスタマーハラスメントにあたります。\n", "subtitle: \(subtitle)\n")
        let fit = try site.check().diagnostics("poster.fit")
        #expect(fit.count == 1, "\(fit)")
        #expect(fit.first?.hasPrefix("Content/posters/awareness.ja.md:3:11: error: poster 'awareness': the subtitle does not fit its box on the ja poster (signage): ") == true, "\(fit)")
        try site.edit("Content/posters/awareness.ja.md", "signage: true\n", "")
        #expect(try site.check().diagnostics("poster.fit").isEmpty, "without signage the same subtitle prints")
    }

    @Test("signage: true on the staff card is an error at its line, not an unknown key")
    func cardRefusesSignage() throws {
        let site = try InlineSite.shipped()
        try site.edit("Content/posters/staff-card.ja.md", "sizes: [A4]\n", "sizes: [A4]\nsignage: true\n")
        let run = try site.check()
        #expect(run.diagnostics.filter { $0.contains("staff-card") && $0.contains(": error: ") }
                == ["Content/posters/staff-card.ja.md:7:1: error: a staff card (kind: card) is for staff only and is not shown on signage; remove 'signage:' [load.schema]"])
    }

    @Test("with --pdf each signage page is photographed as a PNG beside it, which the posters page offers with its size")
    func signagePNG() throws {
        let site = try InlineSite.minimal(Self.notices)
        let fake = PDFTests.FakePrinter(bytes: 3_000)
        let run = try PDFTests.build(site, printer: fake.printer)
        #expect(run.status == 0, "\(run.stderr)")
        let screens = fake.documents.filter { $0.path.contains(".signage.") }
        #expect(Set(screens) == [PrintedDocument(path: "posters/desk.ja.signage.html", sheets: .screen(width: 1920, height: 1080)),
                                 PrintedDocument(path: "posters/desk.en.signage.html", sheets: .screen(width: 1920, height: 1080))])
        #expect(run.files["site/posters/desk.ja.signage.png"] != nil)
        #expect(run.files["site/posters/desk.ja.signage.pdf"] == nil)
        #expect(Self.text(run.files["site/en/posters/index.html"]).contains(
            #"<a href="../../posters/desk.en.signage.png" type="image/png" aria-label="Signage English (PNG, 2.9 KB)">PNG, 2.9 KB</a>"#))
    }

    @Test("a signage page Chromium does not photograph fails the build naming the page, and nothing is written")
    func failedScreenshot() throws {
        let site = try InlineSite.minimal(Self.notices)
        let failing = PDFPrinter { documents, _ throws(PrintFailure) in
            guard let screen = documents.first(where: { $0.path.hasSuffix(".signage.html") }) else {
                throw PrintFailure(path: "(none)", message: "no signage page was given to photograph")
            }
            throw PrintFailure(path: screen.path, message: "Chromium exited with status 1: cannot open the display", isScreen: true)
        }
        let run = try PDFTests.build(site, printer: failing)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: Output/site/posters/desk.ja.signage.html: headless Chromium did not photograph it as a PNG: "
            + "Chromium exited with status 1: cannot open the display; nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("headless Chromium photographs a signage page at 1920 × 1080",
          .enabled(if: PDFTests.chromium != nil, "chromium is not installed (Scripts/setup --test installs it)"))
    func realScreenshot() throws {
        let site = try InlineSite.minimal(Self.notices)
        let run = try PDFTests.build(site, printer: .chromium(try #require(PDFTests.chromium)))
        #expect(run.status == 0, "\(run.stderr)")
        let png = try #require(run.files["site/posters/desk.en.signage.png"])
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
        let bytes = [UInt8](png)
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((width, height) == (1920, 1080))
    }
}
