// Arbitrary bytes as a content page, through every stage that reads content: the fuzzer's target
// (Sources/HarigamiFuzz) and the replay of the inputs it found (Tests/…/Fixtures/fuzz-regressions).

import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown
import HarigamiCheck

public enum Exercise {
    /// A small valid site around the page, so every stage after loading runs too.
    static let siteYAML = """
    languages: [ja, en]
    base-url: "https://fuzz.example/"
    title: {ja: 題, en: Title}
    organisation: {ja: 市, en: City}
    description: {ja: 説明, en: Description}
    contact:
      department: {ja: 課, en: Section}
      phone: "000"
      email: "a@fuzz.example"
      hours: {ja: 平日, en: Weekdays}
    example-sections:
      - {id: situation, ja: 場面, en: Situation}
      - {id: wording, wording: true, ja: 例, en: Wording}

    """

    static let categoriesYAML = "- id: time-binding\n  ja: {name: a, summary: b, poster-label: c}\n  en: {name: a, summary: b, poster-label: c}\n"

    /// Loads `data` as an example, a page and a poster, renders every page for both audiences, checks the
    /// content, and renders `data` as a Markdown fragment the way `harigami render` does. Returns the number
    /// of diagnostics, so callers can see that the stages ran.
    @discardableResult
    public static func page(_ data: Data) -> Int {
        let files: [String: Data] = [
            "site.yml": Data(siteYAML.utf8),
            "categories.yml": Data(categoriesYAML.utf8),
            "examples/time-binding/fuzz.ja.md": data,
            "pages/fuzz.en.md": data,
            "posters/fuzz.ja.md": data,
        ]
        let tree = ContentTree(displayRoot: "Content", list: { files.keys.sorted().map { ContentFile(path: $0) } }, read: { files[$0]! })
        let loaded = ContentLoader.load(tree)
        var diagnostics = loaded.diagnostics.count
        if let content = loaded.content {
            for document in content.documents {
                for audience in Audience.allCases {
                    let settings = MarkdownSettings(language: document.language, allowHTML: false, audience: audience)
                    diagnostics += MarkdownPipeline(settings: settings).render(document.body, path: document.path, bodyLine: document.bodyLine).diagnostics.count
                }
            }
            diagnostics += ContentChecker.check(content, loadProblems: loaded.diagnostics).count
        }
        if let text = String(validating: data, as: UTF8.self) {
            diagnostics += MarkdownPipeline(settings: MarkdownSettings(language: "ja", allowHTML: true)).render(text).diagnostics.count
            diagnostics += MarkdownPipeline(settings: MarkdownSettings(language: "en", allowHTML: false, audience: .public)).render(text).diagnostics.count
        }
        return diagnostics
    }
}
