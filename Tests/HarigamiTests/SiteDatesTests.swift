// Dates in the Japanese era (site.yml `dates`): the era table's boundaries, and the pages that show them.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel

@Suite("Site dates")
struct SiteDatesTests {
    static func era(_ iso: String) -> String { DateStyle.japaneseEra.display(iso, language: "ja") }

    @Test("each era begins on its first day, the day before is the last of the era before, and a first year is 元年")
    func eraBoundaries() {
        #expect(Self.era("1989-01-07") == "昭和64年1月7日")
        #expect(Self.era("1989-01-08") == "平成元年1月8日")
        #expect(Self.era("2019-04-30") == "平成31年4月30日")
        #expect(Self.era("2019-05-01") == "令和元年5月1日")
        #expect(Self.era("2019-12-31") == "令和元年12月31日")
        #expect(Self.era("2020-01-01") == "令和2年1月1日")
        #expect(Self.era("2026-10-01") == "令和8年10月1日")
        #expect(Self.era("1926-12-24") == "大正15年12月24日")
        #expect(Self.era("1926-12-25") == "昭和元年12月25日")
        #expect(Self.era("1912-07-29") == "明治45年7月29日")
        #expect(Self.era("1912-07-30") == "大正元年7月30日")
        #expect(Self.era("1873-01-01") == "明治6年1月1日")
    }

    @Test("a date before Japan took the Gregorian calendar, or one the calendar does not have, is shown as written")
    func datesWithoutAnEra() {
        #expect(Self.era("1872-12-31") == "1872-12-31")
        #expect(Self.era("2026-02-29") == "2026-02-29")
        #expect(Self.era("2024-02-29") == "令和6年2月29日")
        #expect(Self.era("2026-13-01") == "2026-13-01")
        #expect(Self.era("2026-1-1") == "2026-1-1")
    }

    @Test("both writes the era with the Western year in brackets; western and English pages keep the ISO date")
    func styles() {
        #expect(DateStyle.both.display("2026-10-01", language: "ja") == "令和8年（2026年）10月1日")
        #expect(DateStyle.both.display("2019-05-01", language: "ja") == "令和元年（2019年）5月1日")
        #expect(DateStyle.western.display("2026-10-01", language: "ja") == "2026-10-01")
        #expect(DateStyle.japaneseEra.display("2026-10-01", language: "en") == "2026-10-01")
        #expect(DateStyle.both.display("2026-10-01", language: "en") == "2026-10-01")
    }

    /// The small inline site with `dates: style` in site.yml (none when nil) and an updated date on its home pages.
    static func site(dates: String?) throws -> InlineSite {
        let site = try InlineSite(InlineSiteTests.smallSite + """

            -- Content/notice.ja.md --
            ---
            title: お客様へのお願い
            summary: 対応方針をお知らせします。
            updated: 2026-10-01
            ---
            詳しくは[対応ガイドライン](/guideline.md)をご覧ください。
            -- Content/notice.en.md --
            ---
            title: A request to our residents
            summary: How the Town responds to customer harassment.
            updated: 2026-10-01
            ---
            For details, see the [staff guideline](/guideline.md).
            """)
        if let dates { try site.edit("Content/site.yml", "languages: [ja, en]\n", "languages: [ja, en]\ndates: \(dates)\n") }
        return site
    }

    @Test("dates: japanese-era writes the Japanese page's date in the era and the English page's as it is, both with the ISO date in datetime")
    func japaneseEraSite() throws {
        let run = try Self.site(dates: "japanese-era").build()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.site(dates: "japanese-era").build().files == run.files)
        let japanese = String(decoding: try #require(run.files["site/ja/index.html"]), as: UTF8.self)
        #expect(japanese.contains(#"<p class="updated">更新日 <time datetime="2026-10-01">令和8年10月1日</time></p>"#))
        let english = String(decoding: try #require(run.files["site/en/index.html"]), as: UTF8.self)
        #expect(english.contains(#"<p class="updated">Updated <time datetime="2026-10-01">2026-10-01</time></p>"#))
    }

    @Test("dates: both writes the era and the Western year on the Japanese page; without the key, the date is as written")
    func bothAndDefault() throws {
        let both = try Self.site(dates: "both").build()
        #expect(both.status == 0, "\(both.stderr)")
        let japanese = String(decoding: try #require(both.files["site/ja/index.html"]), as: UTF8.self)
        #expect(japanese.contains(#"<time datetime="2026-10-01">令和8年（2026年）10月1日</time>"#))
        let english = String(decoding: try #require(both.files["site/en/index.html"]), as: UTF8.self)
        #expect(english.contains(#"<time datetime="2026-10-01">2026-10-01</time>"#))
        let plain = try Self.site(dates: nil).build()
        let plainJapanese = String(decoding: try #require(plain.files["site/ja/index.html"]), as: UTF8.self)
        #expect(plainJapanese.contains(#"<time datetime="2026-10-01">2026-10-01</time>"#))
    }

    @Test("an unknown dates value is an error at its line and column that names the values allowed, and nothing is written")
    func unknownValue() throws {
        let run = try Self.site(dates: "reiwa").build()
        #expect(run.status == 1)
        #expect(run.diagnostics == [
            "Content/site.yml:2:8: error: 'dates' must be one of western, japanese-era, both, not 'reiwa' [load.schema]",
        ])
        #expect(run.files.isEmpty)
    }
}
