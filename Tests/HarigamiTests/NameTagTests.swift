// Surname-only name tags: nametags.yml refuses what would identify a person further, and only the staff build prints them.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiPosterLayout
@testable import HarigamiRender

@Suite("Name tags")
struct NameTagTests {
    /// A surname found in no other file of the fixture, nor in the templates.
    static let canary = """
        -- Content/nametags.yml --
        people:
          - surname: {ja: 蓬莱寺, en: Horaiji}
            reading: ほうらいじ
            section: {ja: 総務課, en: General Affairs Division}
            role: {ja: 主任, en: Senior Officer}
        """

    static func people(_ count: Int) -> String {
        "-- Content/nametags.yml --\npeople:\n" + (1...count).map { _ in
            "  - surname: {ja: 佐藤, en: Sato}\n    reading: さとう\n    section: {ja: 総務課, en: General Affairs Division}\n"
        }.joined()
    }

    static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test("a canary surname in nametags.yml is nowhere in the public build, and in the staff build only on its name-tag sheets and nowhere under posters")
    func canaryStaysInStaffBuild() throws {
        let site = try InlineSite.minimal(Self.canary)
        let publicRun = try site.build()
        #expect(publicRun.status == 0, "\(publicRun.stderr)")
        #expect(!publicRun.files.isEmpty)
        for (path, data) in publicRun.files {
            for written in ["蓬莱寺", "Horaiji", "ほうらいじ"] {
                #expect(!Self.text(data).contains(written), "\(path) holds \(written)")
            }
        }
        let staffRun = try site.build(audience: .staff)
        #expect(staffRun.status == 0, "\(staffRun.stderr)")
        // The staff archive is the staff build packed whole, name tags included.
        let holding = staffRun.files.filter { Self.text($0.value).contains("蓬莱寺") }.keys.sorted()
        #expect(holding == ["staff.zip", "staff/nametags/nametags.ja-en.A4.html", "staff/nametags/nametags.ja.A4.html"])
        #expect(staffRun.files.filter { Self.text($0.value).contains("Horaiji") }.keys.sorted()
                == ["staff.zip", "staff/nametags/nametags.en.A4.html", "staff/nametags/nametags.ja-en.A4.html"])
        // Output/posters may lead to the staff build's posters: none of them is a name-tag sheet.
        #expect(!staffRun.files.keys.contains { $0.contains("posters/") && $0.contains("nametags") })
    }

    @Test("only the staff build's posters page links the name-tag sheets")
    func staffPostersPageListsSheets() throws {
        let site = try InlineSite.minimal(Self.canary)
        _ = try site.build()
        #expect(!(try site.page("site/ja/posters/index.html")).contains("nametags"))
        _ = try site.build(audience: .staff)
        let page = try site.page("staff/ja/posters/index.html")
        #expect(page.contains("<h2>職員名札（名字のみ）</h2>"))
        #expect(page.contains("href=\"../../nametags/nametags.ja.A4.html\""))
        #expect(page.contains("href=\"../../nametags/nametags.ja-en.A4.html\""))
    }

    @Test("a given name, a full name or a photo in an entry is an error at its key that says why, and no sheet is printed")
    func personalKeysRefused() throws {
        let site = try InlineSite.minimal("""
            -- Content/nametags.yml --
            people:
              - surname: {ja: 佐藤, en: Sato}
                given-name: {ja: 花子, en: Hanako}
                reading: さとう
                section: {ja: 総務課, en: General Affairs Division}
                photo: images/sato.jpg
              - surname: {ja: 鈴木, en: Suzuki}
                reading: すずき
                section: {ja: 総務課, en: General Affairs Division}
                extension: "1234"
            """)
        let run = try site.check()
        #expect(run.status == 1)
        let why = "a name tag shows the surname, its reading, the section and the role, and nothing more, so that no one can look a member of staff up and follow or harass them outside work"
        #expect(run.diagnostics.filter { $0.contains("Content/nametags.yml") } == [
            "Content/nametags.yml:3:5: error: 'given-name' is not allowed on a name tag: \(why); remove the line (a name tag takes only 'surname', 'reading', 'section' and 'role') [nametags.personal-data]",
            "Content/nametags.yml:6:5: error: 'photo' is not allowed on a name tag: \(why); remove the line (a name tag takes only 'surname', 'reading', 'section' and 'role') [nametags.personal-data]",
            "Content/nametags.yml:10:5: error: unknown key 'extension' in a name tag: \(why); a name tag takes only 'surname', 'reading', 'section' and 'role' [nametags.unknown-key]",
        ])
        #expect(try site.build(audience: .staff).files.isEmpty)
    }

    @Test("a full name written as the surname, a reading in romaji and one in half-width katakana are each an error at the value")
    func surnameAndReadingChecked() throws {
        let site = try InlineSite.minimal("""
            -- Content/nametags.yml --
            people:
              - surname: {ja: 佐藤 花子, en: Sato}
                reading: さとう
                section: {ja: 総務課, en: General Affairs Division}
              - surname: {ja: 鈴木, en: Suzuki}
                reading: suzuki
                section: {ja: 総務課, en: General Affairs Division}
              - surname: {ja: 高橋, en: Takahashi}
                reading: ﾀｶﾊｼ
                section: {ja: 総務課, en: General Affairs Division}
            """)
        let run = try site.check()
        #expect(run.diagnostics.filter { $0.contains("Content/nametags.yml") } == [
            "Content/nametags.yml:2:19: error: '佐藤 花子' has a space in it, as a full name has: a name tag shows the surname alone, so that no one can look a member of staff up and follow them outside work; write the surname only [nametags.personal-data]",
            "Content/nametags.yml:6:14: error: the reading 'suzuki' must be the surname written in kana (hiragana or katakana), such as さとう; the English card takes its romaji from 'surname: {en: …}' [nametags.reading]",
            "Content/nametags.yml:9:14: error: the reading 'ﾀｶﾊｼ' has half-width katakana, which prints cramped and out of line: write it in hiragana or full-width katakana [nametags.reading]",
        ])
    }

    @Test("ten people print on one A4 sheet and eleven on two, in every language and both on one card")
    func oneSheetPerTenPeople() throws {
        for (count, sheets) in [(10, 1), (11, 2)] {
            let site = try InlineSite.minimal(Self.people(count))
            let run = try site.build(audience: .staff)
            #expect(run.status == 0, "\(run.stderr)")
            for tag in ["ja", "en", "ja-en"] {
                let file = try site.page("staff/nametags/nametags.\(tag).A4.html")
                #expect(file.contains("@page { size: 210mm 297mm; margin: 0; }"))
                #expect(file.components(separatedBy: "<section class=\"sheet\"").count - 1 == sheets)
                #expect(file.components(separatedBy: "<div class=\"card\"").count - 1 == count)
            }
        }
    }

    @Test("a section too long for the card at the smallest type fails the check, naming the person, the language and by how much")
    func sectionTooLong() throws {
        let site = try InlineSite.minimal("""
            -- Content/nametags.yml --
            people:
              - surname: {ja: 佐藤, en: Sato}
                reading: さとう
                section: {ja: 総務課, en: "Department of General Affairs, Personnel, Finance and Information Systems Management"}
                role: {ja: 主任, en: Senior Officer}
            """)
        let run = try site.check()
        #expect(run.diagnostics("nametags.fit") == [
            "Content/nametags.yml:2:5: error: the name tag of '佐藤': the section and role (en) is 43.5 mm too wide for the 81 mm a card has for text, even at the smallest type, on the en and ja-en sheets; shorten it [nametags.fit]",
        ])
    }

    @Test("an organisation's name too long for the foot of the cards is one error for the whole file, not one per person")
    func organisationTooLong() throws {
        let site = try InlineSite.minimal(Self.people(3))
        let long = "Fixture Town Office of General Administration, Citizen Services, Public Relations and Regional Development"
        try site.edit("Content/site.yml", "  en: Fixture Town\n", "  en: \"\(long)\"\n")
        let run = try site.check()
        #expect(run.diagnostics("nametags.fit") == [
            "Content/nametags.yml:1:1: error: the organisation's name in site.yml ('\(long)') is 28.9 mm too wide for the foot of a name tag even at the smallest type; give a shorter 'organisation' for en [nametags.fit]",
        ])
    }

    @Test("the cards sit edge to edge on the business-card sheet's grid: 14 mm margins left and right, 11 mm top and bottom")
    func sheetGrid() {
        #expect(NameTagSheet.marginX == 14)
        #expect(NameTagSheet.marginY == 11)
        #expect(NameTagSheet.sheetCount(0) == 0 && NameTagSheet.sheetCount(10) == 1 && NameTagSheet.sheetCount(21) == 3)
    }
}
