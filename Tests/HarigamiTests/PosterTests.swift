// Posters: the rendered files, the layout every size shares with the fit rule, the poster rules, and the site's links.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown
@testable import HarigamiPosterLayout
@testable import HarigamiCheck
@testable import HarigamiRender

@Suite("Posters")
struct PosterTests {
    static let japanese = """
        ---
        title: 自覚なくカスハラしていませんか？
        subtitle: こんな言動は、カスタマーハラスメントにあたります。
        tagline: お客様と働く人が、互いを尊重し合える社会へ。
        sizes: [A4, B4]
        orientation: portrait
        qr: pages/faq
        bubbles:
          - category: time-binding
            text: 少し話を聞いてほしいだけ
        ---
        - 長時間居座る、電話を切らせない
        - 同じ要求を何度も繰り返す

        """

    static let english = """
        ---
        title: Crossing the line without realising?
        subtitle: Any of these can count as customer harassment.
        tagline: Customers and staff, treating each other with respect.
        sizes: [A4, B4]
        orientation: portrait
        qr: pages/faq
        bubbles:
          - category: time-binding
            text: I just like a good chat!
        ---
        - Refusing to leave or to end a call
        - Making the same demand again and again

        """

    /// The minimal fixture with a poster in both languages, some lines of the Japanese one replaced.
    static func content(japanese: String = japanese, english: String = english) throws -> Content {
        let tree = try TestSupport.minimalTree(replacing: ["posters/awareness.ja.md": japanese, "posters/awareness.en.md": english])
        let loaded = ContentLoader.load(tree)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        return try #require(loaded.content)
    }

    static func rendered(_ content: Content) throws -> PosterBuild {
        let (templates, problems) = TemplateSet.load(directory: TestSupport.templates.path, languages: content.site.languages)
        #expect(problems.isEmpty, "\(problems)")
        return PosterRenderer(content: content, templates: try #require(templates)).render()
    }

    /// The address printed under the QR code, its lines joined.
    static func printedAddress(_ html: String) -> String? {
        guard let start = html.range(of: "<p class=\"url texts\""), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
        let element = String(html[start.lowerBound..<end.lowerBound])
        return element.replacing(#/<[^>]*>/#, with: "")
    }

    static func html(_ build: PosterBuild, _ name: String) throws -> String {
        String(decoding: try #require(build.files[name], "no \(name) among \(build.files.keys.sorted())"), as: UTF8.self)
    }

    // MARK: - Rendered files

    @Test("each language and size gets a file, and both languages share a sheet in every size both ask for")
    func fileNames() throws {
        let build = try Self.rendered(Self.content())
        #expect(build.files.keys.sorted() == [
            "awareness.en.A4.html", "awareness.en.B4.html", "awareness.ja-en.A4.html", "awareness.ja-en.B4.html",
            "awareness.ja.A4.html", "awareness.ja.B4.html",
        ])
        #expect(build.diagnostics.isEmpty)
    }

    @Test("the @page rule gives the paper size in millimetres, turned for landscape, with colours printed exactly")
    func pageSize() throws {
        let portrait = try Self.rendered(Self.content())
        #expect(try Self.html(portrait, "awareness.ja.A4.html").contains("@page { size: 210mm 297mm; margin: "))
        #expect(try Self.html(portrait, "awareness.en.B4.html").contains("@page { size: 257mm 364mm; margin: "))
        let turned = { (text: String) in text.replacingOccurrences(of: "orientation: portrait", with: "orientation: landscape") }
        let landscape = try Self.rendered(Self.content(japanese: turned(Self.japanese), english: turned(Self.english)))
        let html = try Self.html(landscape, "awareness.ja-en.B4.html")
        #expect(html.contains("@page { size: 364mm 257mm; margin: "))
        #expect(html.contains("print-color-adjust: exact"))
    }

    @Test("a poster shows its texts, the category's poster label, the organisation and contact, and the QR code with its address")
    func texts() throws {
        let content = try Self.content()
        let html = try Self.html(Self.rendered(content), "awareness.ja.A4.html")
        #expect(html.contains("<html lang=\"ja\">"))
        for text in ["自覚なく", "していませんか？", "こんな言動は、カスタマーハラスメントにあたります。", "少し話を聞いてほしいだけ",
                     "長時間居座る、電話を切らせない", "同じ要求を何度も繰り返す", "お客様と働く人が、",
                     ">時間拘束<", content.site.organisation["ja"]!, content.site.contact.phone, content.site.contact.email] {
            #expect(html.contains(text), "missing \(text)")
        }
        let url = "https://www.town-fixture.test/policy/ja/faq/"
        #expect(Self.printedAddress(html) == url)
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
        #expect(html.contains("aria-label=\"ウェブサイトのQRコード: \(url)\""))
        #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url(") && !html.contains("@import"),
                "self-contained: nothing loaded from elsewhere")
    }

    @Test("the bilingual sheet prints the English beneath each Japanese text, marked lang=en, and points to the Japanese page")
    func bilingual() throws {
        let html = try Self.html(Self.rendered(Self.content()), "awareness.ja-en.A4.html")
        for text in ["Crossing the line", "good chat!", ">Holding staff for hours<", "Refusing to leave or to end a call",
                     "treating each other"] {
            #expect(html.contains(text), "missing \(text)")
        }
        #expect(html.contains("class=\"secondary\" lang=\"en\""))
        let japaneseTitle = try #require(html.range(of: "自覚なく"))
        let englishTitle = try #require(html.range(of: "Crossing the line"))
        #expect(japaneseTitle.lowerBound < englishTitle.lowerBound)
        #expect(Self.printedAddress(html) == "https://www.town-fixture.test/policy/ja/faq/")
    }

    @Test("two renderings of the same content are byte-identical")
    func deterministic() throws {
        let content = try Self.content()
        #expect(try Self.rendered(content).files == Self.rendered(content).files)
    }

    // MARK: - QR code

    @Test("libqrencode's symbol has the three finder patterns and the size of its version")
    func qrSymbol() throws {
        let code = try QRCode("https://www.town-fixture.test/policy/ja/faq/")
        #expect(code.version >= 1)
        #expect(code.size == 17 + 4 * code.version)
        // A finder pattern: a dark 7×7 ring, a light ring, a dark 3×3 centre.
        func finder(row: Int, column: Int) -> Bool {
            (0..<7).allSatisfy { r in
                (0..<7).allSatisfy { c in
                    let ring = r == 0 || r == 6 || c == 0 || c == 6
                    let centre = (2...4).contains(r) && (2...4).contains(c)
                    return code.modules[row + r][column + c] == (ring || centre)
                }
            }
        }
        #expect(finder(row: 0, column: 0))
        #expect(finder(row: 0, column: code.size - 7))
        #expect(finder(row: code.size - 7, column: 0))
        let svg = code.svg(label: "QR")
        #expect(svg.contains("viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"))
    }

    // MARK: - Layout

    @Test("at every size, orientation and language count, every box lies inside the sheet and the sheet inside the page")
    func layoutInsideSheet() {
        for paper in PosterPaper.allCases {
            for orientation in PosterOrientation.allCases {
                for languages in 1...2 {
                    let layout = PosterLayout(paper: paper, orientation: orientation, languageCount: languages)
                    let what = "\(paper.rawValue) \(orientation.rawValue) \(languages)"
                    #expect(layout.sheetWidth + 2 * layout.marginX <= layout.pageWidth + 0.0001, "\(what)")
                    #expect(layout.sheetHeight + 2 * layout.marginY < layout.pageHeight, "\(what)")
                    #expect(layout.marginX >= 9.9 && layout.marginY >= 9.9, "\(what): margins wider than a printer's edge")
                    var boxes = [layout.band, layout.panel, layout.rule, layout.qr, layout.behaviours.box, layout.phone.box, layout.email.box, layout.url.box]
                    boxes += (layout.title + layout.subtitle + layout.tagline + layout.organisation).map(\.box)
                    for cell in layout.bubbles { boxes += [cell.frame, cell.balloon, cell.tag] + (cell.labels + cell.texts).map(\.box) }
                    for box in boxes {
                        #expect(box.x >= -0.0001 && box.y >= -0.0001 && box.x + box.width <= layout.sheetWidth + 0.0001
                                && box.y + box.height <= layout.sheetHeight + 0.0001, "\(what): \(box) leaves the sheet")
                    }
                    for slot in layout.title + layout.subtitle + layout.tagline + layout.organisation {
                        #expect(slot.box.height + 0.0001 >= Double(slot.lines) * slot.type.lineHeight, "\(what): a slot shorter than its lines")
                    }
                }
            }
        }
    }

    @Test("the A3 and B4 posters are the A4 design enlarged: the same text fits at every size")
    func scaledDesign() {
        let a4 = PosterLayout(paper: .a4, orientation: .portrait, languageCount: 1)
        for paper in [PosterPaper.a3, .b4] {
            let other = PosterLayout(paper: paper, orientation: .portrait, languageCount: 1)
            #expect(other.title[0].type.fontSize > a4.title[0].type.fontSize)
            #expect(abs(other.title[0].capacity - a4.title[0].capacity) < 0.0001)
        }
        #expect(abs(a4.title[0].capacity - 2 * 174.0 / 15.0) < 0.0001)
    }

    @Test("printed width: each character's advance in the poster font and weight, W and M wide, i and l narrow, kana and kanji full width")
    func textWidth() {
        func em(_ text: String, _ face: PosterFace = .bold) -> Double { PosterTextWidth.em(text, face: face) }
        #expect(em("カスハラ") == 4)
        #expect(em("カスハラ", .regular) == 4)
        #expect(em("自覚") == 2)
        #expect(em("ＡＢ") == 2)
        #expect(em("※") == 1, "ambiguous characters print full width in Japanese fonts")
        #expect(em("W") > 0.85 && em("M") > 0.8, "\(em("W")) \(em("M"))")
        #expect(em("i") < 0.35 && em("l") < 0.35, "\(em("i")) \(em("l"))")
        #expect(em("WWW") > 2 * em("SNS") / 1.5)
        #expect(em("CROSSING THE LINE") > em("crossing the line"), "capitals are wider than lowercase")
        #expect(em("Crossing the line") > em("Crossing the line", .regular), "bold is wider than regular")
        #expect(em("12:30") > 2)
        #expect(PosterTextWidth.em("https://example.jp/", face: .monospace) == 9.5, "the address prints in a monospaced face")
        #expect(PosterTextWidth.em("AB", face: .bold, letterSpacing: 0.02) == em("AB") + 0.04)
    }

    @Test("a grapheme cluster prints as one glyph: an emoji sequence is one emoji, a letter with combining marks is the letter")
    func clusterWidth() {
        func em(_ text: String) -> Double { PosterTextWidth.em(text, face: .bold) }
        let emoji = PosterTextWidth.emoji
        #expect(emoji >= 1, "an emoji prints at least full width")
        for sequence in ["☹️", "😀", "👍🏽", "👩‍👩‍👧‍👦", "🇯🇵", "1️⃣", "🏳️‍🌈"] {
            #expect(em(sequence) == emoji, "\(sequence.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(abs(em(String(repeating: "☹️", count: 37)) - 37 * emoji) < 0.0001)
        #expect(em("e\u{301}") == em("e"))
        #expect(em("\u{30DB}\u{309A}") == 1, "ポ written decomposed, as macOS stores it")
        #expect(em("a\u{AD}b") == em("ab"), "a soft hyphen does not print in an unbroken line")
        #expect(em("\u{200B}") == 0)
        #expect(em("a\tb") == em("a b") && em("a\nb") == em("a b"), "a tab or line break prints as a space")
        #expect(em(String(repeating: "\u{200D}", count: 100_000) + "W") == em("W"), "a cluster of 100,000 joiners takes no room")
    }

    @Test("text breaks into the fewest even lines, at a pause, never before 、 or 。")
    func lineBreaks() {
        let bold = PosterFont(face: .bold)
        #expect(PosterLines.balanced("自覚なくカスハラしていませんか？", capacity: 11.6, font: bold) == ["自覚なくカスハラ", "していませんか？"])
        #expect(PosterLines.balanced("お客様と働く人が、互いを尊重し合える社会へ。", capacity: 21.9, font: bold) == ["お客様と働く人が、", "互いを尊重し合える社会へ。"])
        #expect(PosterLines.balanced("こんな言動は、カスタマーハラスメントにあたります。", capacity: 21.9, font: bold) == ["こんな言動は、", "カスタマーハラスメントにあたります。"])
        #expect(PosterLines.balanced("少し話を聞いてほしいだけ", capacity: 8.3, font: bold) == ["少し話を", "聞いてほしいだけ"])
        #expect(PosterLines.balanced("Crossing the line without realising?", capacity: 11.6, font: bold) == ["Crossing the line", "without realising?"])
        // Ties go to the earlier break.
        #expect(PosterLines.balanced("カスタマーハラスメント", capacity: 6, font: bold) == ["カスタマー", "ハラスメント"])
        #expect(PosterLines.balanced("漢字漢字漢", capacity: 3.5, font: bold) == ["漢字", "漢字漢"])
        #expect(PosterLines.balanced("Call the city", capacity: 5, font: bold) == ["Call", "the city"])
        #expect(PosterLines.balanced("同じ要求を何度も繰り返す", capacity: 20, font: bold) == ["同じ要求を何度も繰り返す"])
        for capacity in stride(from: 3.0, through: 12, by: 0.5) {
            let lines = PosterLines.balanced("大声で怒鳴る、暴言や脅し文句を言う。", capacity: capacity, font: bold)
            #expect(lines.joined() == "大声で怒鳴る、暴言や脅し文句を言う。")
            #expect(lines.allSatisfy { !$0.hasPrefix("、") && !$0.hasPrefix("。") }, "\(lines)")
            #expect(lines.allSatisfy { bold.em($0) <= capacity }, "\(lines)")
        }
    }

    @Test("one East Asian Width table: ambiguous characters break like Japanese on a poster but are not CJK to the emphasis rules")
    func eastAsianWidth() {
        #expect(EastAsianWidthTable.width(of: "漢") == .wide)
        #expect(EastAsianWidthTable.width(of: "！") == .wide, "full-width forms count as wide")
        #expect(EastAsianWidthTable.width(of: "ｱ") == .half)
        #expect(EastAsianWidthTable.width(of: "○") == .ambiguous)
        #expect(EastAsianWidthTable.width(of: "A") == nil)
        #expect(EastAsianWidthTable.width(of: "\u{3FFF0}") == .wide, "an unassigned code point of plane 3 is wide, as UAX #11 prescribes")
        #expect(PosterLines.isWide("○") && !CJKCharacters.isCJK("○") && !CJKCharacters.isWide("○"))
        #expect(!PosterLines.isWide("ｱ") && CJKCharacters.isCJK("ｱ"))
        #expect(PosterLines.isWide("漢") && CJKCharacters.isCJK("漢") && CJKCharacters.isWide("漢"))
    }

    @Test("a line break in a poster text after a kanji with a variation selector joins the next Japanese line without a space")
    func lineBreakAfterVariationSelector() {
        let tree = CmarkTree("葛\u{E0100}\n飾区\n\ncafe\u{301}\nの")
        withExtendedLifetime(tree) {
            #expect(tree.root.children.map(PosterContent.plainText) == ["葛\u{E0100}飾区", "cafe\u{301} の"],
                    "an accented Latin letter before a line break keeps its space")
        }
    }

    // MARK: - Rules

    @Test("the shipped posters pass every poster rule at every size")
    func shippedPostersFit() throws {
        let loaded = ContentLoader.load(.directory(TestSupport.shippedContent.path))
        let content = try #require(loaded.content)
        #expect(!content.posters.isEmpty)
        let problems = PosterRules.check(content)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test("a title too long for its box is an error naming the poster, the box, the sizes and the overflow, at the title's line and column")
    func titleTooLong() throws {
        let long = Self.japanese.replacingOccurrences(of: "title: 自覚なくカスハラしていませんか？",
                                                      with: "title: 自覚なくカスタマーハラスメントをしていませんか？思い当たることはありませんか？")
        let problems = PosterRules.check(try Self.content(japanese: long)).filter { $0.rule == "poster.fit" }
        let problem = try #require(problems.first { $0.location.line == 2 })
        #expect(problem.severity == .error)
        #expect(problem.location == SourceLocation(path: "Content/posters/awareness.ja.md", line: 2, column: 8))
        // 39 full-width characters, each followed by the title's letter-spacing of 0.02 em; the single-language box
        // holds 2 lines of 174 / 15 = 11.6.
        #expect(problem.message == "poster 'awareness': the title does not fit its box on the ja poster (A4, B4): it needs the room of 39.8 full-width characters and the box holds 23.2 (2 lines of 11.6); shorten it by about 17 full-width characters (a Latin letter takes about half the room of one, a capital or a W more, an emoji a whole one)")
        // The bilingual sheet has its own, larger box for the Japanese title; it is reported too.
        #expect(problems.contains { $0.message.contains("on the ja-en poster (A4, B4)") })
    }

    @Test("a bubble too long for its balloon is reported at the bubble's text")
    func bubbleTooLong() throws {
        let long = Self.english.replacingOccurrences(of: "text: I just like a good chat!",
                                                     with: "text: I just like a good long chat about everything that has ever happened to me!")
        let problems = PosterRules.check(try Self.content(english: long))
        let problem = try #require(problems.first { $0.message.contains("the text of the 'time-binding' bubble does not fit its box on the en poster") })
        #expect(problem.location == SourceLocation(path: "Content/posters/awareness.en.md", line: 10, column: 11))
        #expect(problem.rule == "poster.fit")
    }

    @Test("a bubble of 37 emoji is refused by check: an emoji prints wider than a full-width character, not half")
    func emojiBubble() throws {
        let site = try InlineSite.minimal()
        let emoji = Self.japanese.replacingOccurrences(of: "text: 少し話を聞いてほしいだけ", with: "text: " + String(repeating: "☹️", count: 37))
        try site.write("Content/posters/awareness.ja.md", emoji)
        try site.write("Content/posters/awareness.en.md", Self.english)
        let run = try site.check()
        #expect(run.status == 1)
        #expect(run.stdout.contains("Content/posters/awareness.ja.md:10:11: error: poster 'awareness': the text of the 'time-binding' bubble does not fit its box on the ja poster (A4, B4): "),
                "\(run.stdout)")
        #expect(run.stdout.contains("[poster.fit]"))
    }

    @Test("a bubble of 44 W is refused: capitals are measured at their width in the bold face, not as half an em")
    func wideLetterBubble() throws {
        let wide = Self.english.replacingOccurrences(of: "text: I just like a good chat!", with: "text: " + String(repeating: "W", count: 44))
        let problems = PosterRules.check(try Self.content(english: wide))
        let problem = try #require(problems.first { $0.message.contains("the text of the 'time-binding' bubble does not fit its box on the en poster") },
                                   "\(problems.map(\.description))")
        #expect(problem.location == SourceLocation(path: "Content/posters/awareness.en.md", line: 10, column: 11))
        #expect(problem.rule == "poster.fit")
    }

    @Test("an all-caps English title longer than its box is refused, though as many lowercase letters fit")
    func capitalTitle() throws {
        let capitals = "WE PROTECT OUR STAFF FROM HARASSMENT"
        let shouting = Self.english.replacingOccurrences(of: "title: Crossing the line without realising?", with: "title: " + capitals)
        let problems = PosterRules.check(try Self.content(english: shouting))
        let problem = try #require(problems.first { $0.message.contains("the title does not fit its box on the en poster") }, "\(problems.map(\.description))")
        #expect(problem.location == SourceLocation(path: "Content/posters/awareness.en.md", line: 2, column: 8))
        let quiet = Self.english.replacingOccurrences(of: "title: Crossing the line without realising?", with: "title: " + capitals.lowercased())
        let quietProblems = PosterRules.check(try Self.content(english: quiet)).filter { $0.message.contains("the title does not fit") }
        #expect(quietProblems.isEmpty, "\(quietProblems.map(\.description))")
    }

    @Test("realistic texts that fit pass, in both languages and on the bilingual sheet")
    func realisticTextsPass() throws {
        let english = Self.english.replacingOccurrences(of: "text: I just like a good chat!", with: "text: Why won't you just listen to me? 😠")
        let japanese = Self.japanese.replacingOccurrences(of: "text: 少し話を聞いてほしいだけ", with: "text: 少し話を聞いてほしいだけなのに😢")
        let problems = PosterRules.check(try Self.content(japanese: japanese, english: english))
        #expect(problems.isEmpty, "\(problems.map(\.description))")
    }

    @Test("the at-limit posters and notice, which the browser stage prints, pass the fit rule, and two more characters in any of their texts do not")
    func atLimitFixture() throws {
        let folder = TestSupport.fixture("posters-at-limit")
        var posters: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            posters["posters/" + name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(posters.count == 6)
        func problems(_ posters: [String: String]) throws -> [Diagnostic] {
            let loaded = ContentLoader.load(try TestSupport.minimalTree(replacing: posters))
            #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
            return PosterRules.check(try #require(loaded.content))
        }
        #expect(try problems(posters).isEmpty)
        for (path, text) in posters.sorted(by: { $0.key < $1.key }) {
            let lines = text.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where line.hasSuffix("\"") || line.hasPrefix("- ") {
                var longer = lines
                longer[index] = line.hasSuffix("\"") ? String(line.dropLast()) + "漢漢\"" : line + "漢漢"
                var changed = posters
                changed[path] = longer.joined(separator: "\n")
                #expect(try problems(changed).contains { $0.rule == "poster.fit" && $0.location.path == "Content/" + path },
                        "\(path):\(index + 1) is not at the limit")
            }
        }
    }

    @Test("behaviours that overflow the list are reported at the first one that does not fit")
    func listTooLong() throws {
        let items = (1...14).map { "- 同じ要求を何度も繰り返す（\($0)）" }.joined(separator: "\n")
        let long = Self.japanese.replacingOccurrences(of: "- 長時間居座る、電話を切らせない\n- 同じ要求を何度も繰り返す", with: items)
        let content = try Self.content(japanese: long)
        let problems = PosterRules.check(content).filter { $0.message.contains("the list of behaviours, from this one on, does not fit its box on the ja poster") }
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.rule == "poster.fit")
        // Which behaviour is the first that overflows follows from the layout: find it the same way.
        let slot = PosterLayout(paper: .a4, orientation: .portrait, languageCount: 1).behaviours
        let widths = (1...14).map { ["同じ要求を何度も繰り返す（\($0)）"] }
        let fitting = (1...14).last { slot.height(items: Array(widths.prefix($0))) <= slot.box.height } ?? 0
        #expect(fitting > 0 && fitting < 14)
        #expect(problem.location == SourceLocation(path: "Content/posters/awareness.ja.md", line: 12 + fitting, column: 3))
    }

    @Test("a bubble whose category is not in categories.yml is an error at its category")
    func unknownBubbleCategory() throws {
        let wrong = Self.japanese.replacingOccurrences(of: "category: time-binding", with: "category: shouting")
        let problems = PosterRules.check(try Self.content(japanese: wrong)).filter { $0.rule == "poster.bubble-category" }
        #expect(problems.map(\.location) == [SourceLocation(path: "Content/posters/awareness.ja.md", line: 9, column: 15)])
        #expect(problems.first?.message.contains("'shouting' is not in categories.yml") == true)
    }

    @Test("the QR code must name an existing public page, without ../ or a leading /")
    func qrTarget() throws {
        for (value, expected) in [("../notice", "no ../"), ("/pages/faq", "no leading /"), ("pages/contact", "names no public page in ja (there is no pages/contact.ja.md)"),
                                  ("https://example.com/", "no address")] {
            let wrong = Self.japanese.replacingOccurrences(of: "qr: pages/faq", with: "qr: \(value)")
            let problems = PosterRules.check(try Self.content(japanese: wrong)).filter { $0.rule == "poster.qr" }
            #expect(problems.count == 1, "\(value)")
            #expect(problems.first?.location == SourceLocation(path: "Content/posters/awareness.ja.md", line: 7, column: 5), "\(value)")
            #expect(problems.first?.message.contains(expected) == true, "\(value): \(problems.first?.message ?? "")")
        }
        let fine = Self.japanese.replacingOccurrences(of: "qr: pages/faq", with: "qr: notice")
        #expect(PosterRules.check(try Self.content(japanese: fine)).filter { $0.rule == "poster.qr" }.isEmpty)
    }

    @Test("sizes and orientation are read into their types when loading: an unknown one is reported, naming the allowed ones")
    func sizesTypedAtLoad() throws {
        let loaded = ContentLoader.load(try TestSupport.minimalTree(replacing: [
            "posters/awareness.ja.md": Self.japanese.replacingOccurrences(of: "sizes: [A4, B4]", with: "sizes: [B5, B4]"),
            "posters/awareness.en.md": Self.english.replacingOccurrences(of: "orientation: portrait", with: "orientation: upright"),
        ]))
        let problems = loaded.diagnostics.filter { $0.location.path.hasPrefix("Content/posters/") }.sortedForReport()
        #expect(problems.map(\.message) == ["'orientation' must be portrait or landscape", "unknown poster size 'B5'; expected one of A4, A3, B4, A5"])
        #expect(problems.map(\.rule) == ["load.schema", "load.schema"])
        #expect(problems.map(\.location) == [SourceLocation(path: "Content/posters/awareness.en.md", line: 6, column: 14),
                                             SourceLocation(path: "Content/posters/awareness.ja.md", line: 5, column: 9)])
        #expect(try #require(loaded.content).posters.isEmpty, "a page whose front matter has an error is not loaded")
        let fine = try #require(try Self.content().posters.first { $0.language == "ja" }?.poster)
        #expect(fine.sizes.map(\.value) == [.a4, .b4])
        #expect(fine.orientation.value == .portrait)

        let none = ContentLoader.load(try TestSupport.minimalTree(replacing: [
            "posters/awareness.ja.md": Self.japanese.replacingOccurrences(of: "sizes: [A4, B4]", with: "sizes: []"),
        ])).diagnostics.filter { $0.location.path.hasPrefix("Content/posters/") }
        #expect(none.map(\.message) == ["the poster lists no paper sizes: write for example 'sizes: [A4, A3]' (one or more of A4, A3, B4, A5)"])
    }

    @Test("a size listed twice is an error; more bubbles than the layout has room for are reported at the first extra one")
    func sizesAndBubbleCount() throws {
        let twice = Self.japanese.replacingOccurrences(of: "sizes: [A4, B4]", with: "sizes: [A4, B4, A4]")
        let sizeProblems = PosterRules.check(try Self.content(japanese: twice)).filter { $0.rule == "poster.size" }
        #expect(sizeProblems.map(\.location) == [SourceLocation(path: "Content/posters/awareness.ja.md", line: 5, column: 17)])
        let bubble = "  - category: time-binding\n    text: もう一度\n"
        let many = Self.japanese.replacingOccurrences(of: "    text: 少し話を聞いてほしいだけ\n", with: "    text: 少し話を聞いてほしいだけ\n" + String(repeating: bubble, count: 4))
        let fitProblems = PosterRules.check(try Self.content(japanese: many)).filter { $0.message.contains("room for 4 speech bubbles") }
        #expect(fitProblems.map(\.location) == [SourceLocation(path: "Content/posters/awareness.ja.md", line: 17, column: 15)])
    }

    @Test("translations that share the bilingual sheet must pair their bubbles and behaviours")
    func translationsPair() throws {
        let fewer = Self.english.replacingOccurrences(of: "- Making the same demand again and again\n", with: "")
        let problems = PosterRules.check(try Self.content(english: fewer)).filter { $0.rule == "poster.translation" }
        #expect(problems.count == 1)
        #expect(problems.first?.location == SourceLocation(path: "Content/posters/awareness.en.md", line: 12, column: 3))
    }

    @Test("a body that is not one bullet list is an error where the stray block starts")
    func bodyShape() throws {
        let stray = Self.japanese + "\nこの段落は入りません。\n"
        let problems = PosterRules.check(try Self.content(japanese: stray)).filter { $0.rule == "poster.body" }
        #expect(problems.map(\.location) == [SourceLocation(path: "Content/posters/awareness.ja.md", line: 15, column: 1)])
    }

    // MARK: - Build

    @Test("the build writes the posters into Output/site/posters, links Output/posters to them, and links them, labelled, from each posters page")
    func buildLinksPosters() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("posters"), withIntermediateDirectories: true)
        try Self.japanese.write(to: content.appendingPathComponent("posters/awareness.ja.md"), atomically: true, encoding: .utf8)
        try Self.english.write(to: content.appendingPathComponent("posters/awareness.en.md"), atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = TestSupport.templates.path
        options.outputDirectory = folder.appendingPathComponent("Output").path
        let report = try Builder.build(options)
        #expect(report.wrote, "\(report.diagnostics)")
        #expect(report.posterFiles == 6)
        let output = try TestSupport.snapshot(folder.appendingPathComponent("Output"))
        #expect(output["site/posters/awareness.ja-en.B4.html"] != nil)
        let link = folder.appendingPathComponent("Output/posters")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "site/posters")
        #expect(try Data(contentsOf: link.appendingPathComponent("awareness.ja-en.B4.html")) == output["site/posters/awareness.ja-en.B4.html"])
        let page = String(decoding: try #require(output["site/en/posters/index.html"]), as: UTF8.self)
        #expect(page.contains("<iframe src=\"../../posters/awareness.en.A4.html\""))
        #expect(page.contains("<a href=\"../../posters/awareness.ja-en.B4.html\">B4 Japanese and English</a>"))
        let japanesePage = String(decoding: try #require(output["site/ja/posters/index.html"]), as: UTF8.self)
        #expect(japanesePage.contains("<iframe src=\"../../posters/awareness.ja.A4.html\""))
        #expect(japanesePage.contains("<a href=\"../../posters/awareness.ja.A4.html\">A4 日本語</a>"))
    }

    @Test("a poster text too long for its box fails the build: nothing is written")
    func buildFailsOnOverflow() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("posters"), withIntermediateDirectories: true)
        let long = Self.japanese.replacingOccurrences(of: "tagline: お客様と働く人が、互いを尊重し合える社会へ。",
                                                      with: "tagline: " + String(repeating: "お客様と働く人が、互いを尊重し合える社会へ。", count: 4))
        try long.write(to: content.appendingPathComponent("posters/awareness.ja.md"), atomically: true, encoding: .utf8)
        try Self.english.write(to: content.appendingPathComponent("posters/awareness.en.md"), atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = TestSupport.templates.path
        options.outputDirectory = folder.appendingPathComponent("Output").path
        let report = try Builder.build(options)
        #expect(!report.wrote)
        #expect(report.diagnostics.contains { $0.rule == "poster.fit" && $0.location.line == 4 && $0.message.contains("the tagline (the closing line)") })
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output").path))
    }
}
