// Each problem is reported once: when two stages reported the same problem, one of them was wrong.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel

@Suite("Each problem reported once")
struct ReportOnceTests {
    static func duplicates(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { !seen.insert($0).inserted }
    }

    @Test("the shipped content's warnings (its adaptation markers and sample values) each appear once, in the check and in both builds",
          arguments: Audience.allCases)
    func shippedContent(audience: Audience) throws {
        let site = try InlineSite.shipped()
        let checked = Builder.check(site.options())
        #expect(checked.diagnostics.contains { $0.rule == "adapt.marker" })
        #expect(Self.duplicates(checked.diagnostics).isEmpty, "\(Self.duplicates(checked.diagnostics).prefix(3))")
        let built = Builder.render(site.options(audience: audience))
        #expect(built.site != nil)
        #expect(built.report.diagnostics.count == checked.diagnostics.count)
        #expect(Self.duplicates(built.report.diagnostics).isEmpty, "\(Self.duplicates(built.report.diagnostics).prefix(3))")
    }

    @Test("a page with a broken link, an unknown variable, a marker and a missing section has each problem once")
    func brokenPage() throws {
        let site = try InlineSite.minimal("""
            -- Content/pages/faq.ja.md --
            ---
            title: よくある質問
            summary: 質問と回答です。
            ---
            [存在しないページ](/pages/none.md)と{{nope}}と{{adapt: 一年間}}。
            """)
        let checked = Builder.check(site.options())
        #expect(checked.diagnostics.hasErrors)
        #expect(Set(checked.diagnostics.map(\.rule)).isSuperset(of: ["content.unknown-variable", "adapt.marker"]), "\(checked.diagnostics)")
        #expect(Self.duplicates(checked.diagnostics).isEmpty, "\(Self.duplicates(checked.diagnostics))")
    }
}
