// `harigami init` from an installed binary and in a terminal; the starter it writes, in-process; a ninth category listed everywhere.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiAuthoring

@Suite("harigami init", .serialized)
struct InitTests {
    /// The built harigami copied alone into a folder outside the repository, as an installed binary is.
    func installed(in folder: URL) throws -> URL {
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("harigami")
        try FileManager.default.copyItem(at: TestSupport.binary, to: copy)
        return copy
    }

    static let options = ["--organisation-ja", "北区", "--organisation-en", "Kita Ward", "--self-ja", "本区", "--self-en", "the Ward",
                          "--department-ja", "総務課", "--department-en", "General Affairs Division", "--phone", "03-3908-1111",
                          "--email", "kasuhara@city.kita.lg.jp", "--hours-ja", "平日 午前8時30分から午後5時15分まで",
                          "--hours-en", "Monday to Friday, 8:30 am to 5:15 pm", "--base-url", "https://www.city.kita.lg.jp/kasuhara/"]

    @Test("init with every detail, run from an installed binary outside the repository, makes a project that builds with the organisation on its pages")
    func everyDetail() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let harigami = try installed(in: root)
        let made = try TestSupport.run(harigami, ["init", "kita"] + Self.options, in: root)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.hasPrefix("created kita: Content/ (the starter) and Templates/"))
        #expect(made.stdout.contains("Left to adapt: ") && made.stdout.contains("and 0 sample values"))
        #expect(made.stdout.contains("  Content/guideline.ja.md"))
        #expect(made.stdout.hasSuffix("Next:\n  cd kita\n  harigami check      # lists each value to adapt, with its file and line\n  harigami serve      # preview while you edit; then harigami build writes Output/site\n"))
        let project = root.appendingPathComponent("kita")
        let site = try String(contentsOf: project.appendingPathComponent("Content/site.yml"), encoding: .utf8)
        #expect(site.contains("  ja: \"北区\"\n  en: \"Kita Ward\"\n"))
        #expect(site.contains("base-url: \"https://www.city.kita.lg.jp/kasuhara/\""))
        let build = try TestSupport.run(harigami, ["build"], in: project)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("adapt.sample-value"))
        let notice = try String(contentsOf: project.appendingPathComponent("Output/site/ja/index.html"), encoding: .utf8)
        #expect(notice.contains("北区") && notice.contains("本区") && !notice.contains("サンプル市"))
        // The starter's dates are not the organisation's: every page is dated the day of init.
        let noticeSource = try String(contentsOf: project.appendingPathComponent("Content/notice.ja.md"), encoding: .utf8)
        #expect(noticeSource.contains("\nupdated: \(ProjectInit.today())\n"))
        #expect(!noticeSource.contains("updated: 2026-10-01") || ProjectInit.today() == "2026-10-01")
        // So is the day the accessibility policy was adopted, which its page states; the comment after it stays.
        #expect(site.contains("\naccessibility-policy-date: \(ProjectInit.today())   # the day"))
        let english = try String(contentsOf: project.appendingPathComponent("Output/site/en/index.html"), encoding: .utf8)
        #expect(english.contains("Kita Ward") && english.contains("the Ward"))
    }

    @Test("init with no details makes a project that builds, and lists the sample values left as things to adapt")
    func noDetails() throws {
        var made: ProjectInit.Report?
        let project = try InlineSite(project: { made = try ProjectInit.create(at: $0.path, details: [:]) })
        let siteFile = try #require(made?.toAdapt.first { $0.path == "Content/site.yml" })
        #expect(siteFile.sampleValues == 5)
        let build = try project.build()
        #expect(build.status == 0, "\(build.stderr)")
        let strict = try project.check(strict: true)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("Content/site.yml:2:20: error: 'www.city-sample.example'"))
    }

    @Test("the project init writes holds exactly the shipped Content/ and Templates/ (Scripts/generate-starter rewrites the copy built in)")
    func starterIsShipped() throws {
        var shipped: [String: Data] = [:]
        for folder in ["Content", "Templates"] {
            for (path, data) in try TestSupport.snapshot(TestSupport.packageRoot.appendingPathComponent(folder))
            where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                shipped["\(folder)/\(path)"] = data
            }
        }
        let built = Dictionary(uniqueKeysWithValues: ProjectInit.starterFiles().map { ($0.path, $0.data) })
        #expect(Set(built.keys) == Set(shipped.keys), "run Scripts/generate-starter")
        #expect(built.keys.filter { built[$0] != shipped[$0] }.sorted() == [], "run Scripts/generate-starter")
    }

    @Test("init refuses a folder with files in it (exit 2, nothing changed) and a bad base URL (exit 2, nothing made)")
    func refusals() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let taken = root.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: taken, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: taken.appendingPathComponent("notes.txt"))
        // The command prints each refusal's description after "error: " and exits 2.
        func refusal(_ folder: URL, _ details: [StarterField: String] = [:]) -> String? {
            do {
                _ = try ProjectInit.create(at: folder.path, details: details)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(refusal(taken)?.contains("already holds files (notes.txt)") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: taken.path) == ["notes.txt"])

        #expect(refusal(root.appendingPathComponent("new"), [.baseURL: "www.city.kita.lg.jp"])?.contains("--base-url: the address must start with https://") == true)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("new").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["taken"])

        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(refusal(empty) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).sorted() == ["Content", "Templates"])
    }

    @Test("a value with quotes and a backslash is written into site.yml so that it reads back as typed")
    func quoting() throws {
        let site = String(decoding: try #require(ProjectInit.starterFiles().first { $0.path == "Content/site.yml" }).data, as: UTF8.self)
        let filled = ProjectInit.filledIn(site, with: [.organisationEn: #"The "Kita" Ward \ Office: east"#, .phone: "03-1234-5678"])
        var log = DiagnosticLog()
        let loaded = ContentLoader.loadSite(filled, path: "site.yml", log: &log)
        #expect(loaded?.organisation["en"] == #"The "Kita" Ward \ Office: east"#)
        #expect(loaded?.contact.phone == "03-1234-5678")
        #expect(filled.split(separator: "\n").count == site.split(separator: "\n").count)
    }
}

@Suite("A ninth category", .serialized)
struct NinthCategoryTests {
    @Test("a category added with new category and new example, both languages written, is named on the guideline and the examples page in both languages")
    func ninthCategory() throws {
        let site = try InlineSite.shipped()
        let content = site.content
        _ = try Scaffold.newCategory(id: "isolation", contentDirectory: content.path).get()
        let categoriesFile = content.appendingPathComponent("categories.yml")
        var categories = try String(contentsOf: categoriesFile, encoding: .utf8)
        let start = try #require(categories.range(of: "- id: isolation\n"))
        var entry = String(categories[start.upperBound...])
        for (key, ja, en) in [("name", "無視・排除型", "Shutting staff out"), ("summary", "特定の職員を名指しで拒み、担当から外すよう求め続ける。", "Refusing to deal with a named member of staff and demanding their removal."),
                              ("poster-label", "職員の排除", "Shutting out"), ("signs", "特定の職員とは話さないと言い張る。", "Insists on never speaking to a particular member of staff."),
                              ("response", "担当は組織が決めると伝える。", "Explain that the organisation decides who handles a matter.")] {
            entry = entry.replacingOccurrences(of: "    \(key): \"\"\n", with: "    \(key): \(ja)\n", options: [], range: entry.range(of: "    \(key): \"\"\n"))
            entry = entry.replacingOccurrences(of: "    \(key): \"\"\n", with: "    \(key): \(en)\n")
        }
        categories = String(categories[..<start.upperBound]) + entry
        try categories.write(to: categoriesFile, atomically: true, encoding: .utf8)
        _ = try Scaffold.newExample(category: "isolation", slug: "counter", contentDirectory: content.path).get()
        let example = content.appendingPathComponent("examples/isolation/counter")
        let sections = ["situation", "judgement", "steps", "wording", "escalation"]
        func page(_ title: String, _ headings: [String], _ line: String, _ quote: String) -> String {
            "---\ntitle: \(title)\nsummary: \(title)\n---\n\n" + zip(sections, headings).map { section, heading in
                "## \(heading)\n\n" + (section == "wording" ? "> \(quote)\n" : "\(line)\n") + "\n"
            }.joined()
        }
        try page("担当者を替えろと求められたとき", ["想定される場面", "判断のポイント", "対応の手順", "伝え方の例", "管理職への引継ぎと記録"],
                 "窓口で、特定の職員を名指しして担当から外すよう求められる場面です。", "「担当は組織として決めております。」")
            .write(to: URL(fileURLWithPath: example.path + ".ja.md"), atomically: true, encoding: .utf8)
        try page("When someone demands a different member of staff", ["The situation", "How to judge it", "What to do", "What you can say", "Escalation and records"],
                 "At the counter, a customer demands that a named member of staff be taken off their matter.", "\"The organisation decides who handles each matter.\"")
            .write(to: URL(fileURLWithPath: example.path + ".en.md"), atomically: true, encoding: .utf8)
        let stamped = TranslationStamp.stamp([example.path + ".en.md", categoriesFile.path], contentDirectory: content.path)
        #expect(stamped.count == 2, "\(stamped)")
        for result in stamped { _ = try result.get() }
        let check = try site.check()
        #expect(check.status == 0, "\(check.stdout)")
        #expect(!check.stdout.contains("translation."))
        let build = try site.build()
        #expect(build.status == 0, "\(build.stderr)")
        for (language, name) in [("ja", "無視・排除型"), ("en", "Shutting staff out")] {
            for page in ["guideline", "examples"] {
                let html = try site.page("site/\(language)/\(page)/index.html")
                #expect(html.contains(name), "\(language)/\(page) does not name the new category")
            }
            let guideline = try site.page("site/\(language)/guideline/index.html")
            #expect(guideline.contains(language == "ja" ? "9つの類型" : "nine"), "the guideline's count of categories did not follow categories.yml")
        }
    }
}

@Suite("harigami init in a terminal", .serialized)
struct InitPromptTests {
    @Test("in a terminal, init asks for each detail, asks again after an answer it cannot use, and keeps the sample's value on Enter")
    func prompts() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let project = root.appendingPathComponent("ward")
        // `script` gives harigami a terminal and types the answers into it.
        let answers = "北区\nKita Ward\n本区\nthe Ward\n\n\n\n\n\n\nwww.no-scheme.jp\nhttps://www.city.kita.example.jp/kasuhara/\n"
        let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", "'\(TestSupport.binary.path)' init '\(project.path)'", "/dev/null"],
                                      input: Data(answers.utf8))
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("Organisation's name in Japanese"))
        #expect(run.stdout.contains("the address must start with https://"))
        let site = try String(contentsOf: project.appendingPathComponent("Content/site.yml"), encoding: .utf8)
        #expect(site.contains("  ja: \"北区\"\n  en: \"Kita Ward\"\n"))
        #expect(site.contains("  ja: \"本区\"\n  en: \"the Ward\"\n"))
        #expect(site.contains("base-url: \"https://www.city.kita.example.jp/kasuhara/\""))
        #expect(site.contains("phone: \"000-000-0000\""), "an empty answer keeps the sample's value")
        #expect(run.stdout.contains("Content/site.yml") && run.stdout.contains("2 sample"))
    }
}
