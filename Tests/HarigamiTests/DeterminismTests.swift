// The same content gives the same bytes, whatever order the file system lists it in.

import Foundation
import Testing
@testable import Harigami

@Suite("Determinism")
struct DeterminismTests {
    @Test("a build from a reversed file listing is byte-identical to one from a sorted listing")
    func listingOrder() throws {
        let files = try TestSupport.snapshot(TestSupport.fixture("minimal"))
        let sorted = ContentTree(displayRoot: "Content", list: { files.keys.sorted().map { ContentFile(path: $0) } }, read: { files[$0]! })
        let reversed = ContentTree(displayRoot: "Content", list: { files.keys.sorted().reversed().map { ContentFile(path: $0) } }, read: { files[$0]! })
        let (templates, problems) = TemplateSet.load(directory: TestSupport.templates.path, languages: ["ja", "en"])
        #expect(!problems.hasErrors)
        let set = try #require(templates)
        func render(_ tree: ContentTree) throws -> [String: Data] {
            let content = try #require(ContentLoader.load(tree).content)
            return SiteRenderer(content: content, templates: set, audience: .public).render().files
        }
        let first = try render(sorted), second = try render(reversed)
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first.keys.filter { first[$0] != second[$0] }.isEmpty)
    }

    @Test("no page shows the build date: dates come only from the content")
    func noBuildDate() throws {
        let files = try TestSupport.snapshot(TestSupport.fixture("minimal-golden"))
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withFullDate])
        for (path, data) in files {
            #expect(!String(decoding: data, as: UTF8.self).contains(today), "\(path) contains today's date")
        }
    }
}
