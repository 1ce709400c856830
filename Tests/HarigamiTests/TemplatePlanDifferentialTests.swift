// Random templates over random view data: the plans render byte for byte what swift-mustache renders.

import Foundation
import Testing
import Mustache
@testable import HarigamiRender

/// A view of random data: what it lacks is no value, as a nil field of a view model.
struct RandomView: TemplateView {
    var fields: [String: TemplateValue]
    func templateValue(named name: String) -> TemplateValue? { fields[name] }
}

/// Seeded (LeakNormaliseTests.swift), so a failure is the same case on every run.
extension SplitMix: RandomNumberGenerator {}

/// A small grammar of Mustache: text, line breaks, indentation, variables dotted and not, sections, inverted
/// sections, comments, partials, parents with blocks; standalone lines come from tags between breaks and indents.
struct RandomTemplates {
    var random: SplitMix
    static let names = ["a", "b", "c", "ui", "items", "on"]
    static let texts = ["x", "日本語", "<&>\"'", " ", "  ", "\t", "y z", "\n", "\n", "\r\n", "é"]
    static let values = ["", "plain", "a < b & \"c\" 'd'", "改行\nあり", "<\u{338}x\"\u{301}", "  indented\n  twice\n", "&amp;"]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func name() -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: "."
        case 1: "." + pick(Self.names)
        case 2, 3: pick(Self.names) + "." + pick(Self.names)
        case 4: pick(Self.names) + "." + pick(Self.names) + "." + pick(Self.names)
        default: pick(Self.names)
        }
    }

    /// A printed name: mostly one that holds text or a flag (see `value(named:depth:)`).
    mutating func printedName() -> String {
        chance(85) ? pick(["a", "b", "c", "on", "ui.a", "ui.b", ".a", "items.a", "a.b"]) : name()
    }

    /// Whitespace before a tag: often a fresh indented line, so the tag may stand alone.
    mutating func lead() -> String {
        chance(50) ? pick(["\n", "\n  ", "\n\t", " ", ""]) : ""
    }

    mutating func trail() -> String {
        chance(50) ? pick(["\n", "  \n", " ", ""]) : ""
    }

    /// Template text; `partials` are the templates it may include, `blocks` the block names it may define.
    mutating func body(depth: Int, partials: [String], blocks: [String]) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            switch Int.random(in: 0..<12, using: &random) {
            case 0, 1: text += pick(Self.texts)
            case 2:
                let tag = printedName()
                text += lead() + pick(["{{\(tag)}}", "{{{\(tag)}}}", "{{&\(tag)}}", "{{ \(tag) }}"]) + trail()
            case 3, 4:
                let tag = name()
                let open = chance(70) ? "#" : "^"
                text += lead() + "{{\(open)\(tag)}}" + trail()
                if depth > 0 { text += body(depth: depth - 1, partials: partials, blocks: blocks) }
                text += lead() + "{{/\(tag)}}" + trail()
            case 5: text += lead() + "{{! note }}" + trail()
            case 6 where !partials.isEmpty: text += lead() + "{{> \(pick(partials))}}" + trail()
            case 7 where !blocks.isEmpty:
                let block = pick(blocks)
                text += lead() + "{{$\(block)}}" + body(depth: max(depth - 1, 0), partials: partials, blocks: []) + "{{/\(block)}}" + trail()
            default: text += "{{\(printedName())}}"
            }
        }
        return text
    }

    /// `{{<parent}}` with some of its blocks overridden.
    mutating func child(of parent: String, blocks: [String], partials: [String]) -> String {
        var text = lead() + "{{<\(parent)}}" + pick(["\n", ""])
        for block in blocks where chance(70) {
            text += pick(["", "  ", "\n"]) + "{{$\(block)}}" + trail() + body(depth: 1, partials: partials, blocks: []) + "{{/\(block)}}" + pick(["\n", ""])
        }
        return text + "{{/\(parent)}}" + trail()
    }

    /// p0…p2 include only later ones; layout may include them and defines blocks; layout2 is a child of layout. An
    /// override never includes p0, which has blocks of the same names: it would include itself without end.
    mutating func library() -> [String: String] {
        let blocks = ["b0", "b1"]
        var sources: [String: String] = [:]
        sources["p2"] = body(depth: 1, partials: [], blocks: [])
        sources["p1"] = body(depth: 2, partials: ["p2"], blocks: [])
        sources["p0"] = body(depth: 2, partials: ["p1", "p2"], blocks: blocks)
        sources["layout"] = body(depth: 2, partials: ["p0", "p1"], blocks: blocks)
        sources["layout2"] = chance(50) ? child(of: "layout", blocks: blocks, partials: ["p1"]) : body(depth: 1, partials: ["p2"], blocks: blocks)
        var root = body(depth: 3, partials: ["p0", "p1", "p2"], blocks: [])
        if chance(50) { root += child(of: pick(["layout", "layout2"]), blocks: blocks, partials: ["p1", "p2"]) + body(depth: 1, partials: [], blocks: []) }
        sources["t"] = root
        return sources
    }

    /// Any kind of value under any name, but mostly text under a, b, c, tables under ui, lists under items and
    /// flags under on: a random template prints a name as often as it opens it, and a printed view or list is
    /// handed back to swift-mustache, which compares nothing.
    mutating func value(named name: String, depth: Int) -> TemplateValue {
        let kind = chance(75) ? ["a": 0, "b": 0, "c": 0, "ui": 3, "items": 6, "on": 2][name] ?? 0 : Int.random(in: 0..<9, using: &random)
        switch depth > 0 || kind < 4 || kind == 8 ? kind : 0 {
        case 0, 1: return .text(pick(Self.values))
        case 2: return .flag(chance(50))
        case 3: return .strings(Dictionary(uniqueKeysWithValues: Self.names.filter { _ in chance(50) }.map { ($0, pick(Self.values)) }))
        case 4, 5: return .view(view(depth: depth - 1))
        case 6: return .list((0..<Int.random(in: 0...3, using: &random)).map { _ in view(depth: depth - 1) })
        case 7: return .list((0..<Int.random(in: 0...2, using: &random)).map { _ in pick(Self.values) })
        default: return .number(Int.random(in: -5...500, using: &random))
        }
    }

    mutating func view(depth: Int) -> RandomView {
        var fields: [String: TemplateValue] = [:]
        for name in Self.names where chance(60) { fields[name] = value(named: name, depth: depth) }
        return RandomView(fields: fields)
    }
}

@Suite("Template plans against swift-mustache")
struct TemplatePlanDifferentialTests {
    @Test("thousands of random templates over random views render the same bytes with the plans as with swift-mustache", arguments: [1, 2, 3, 4])
    func randomTemplates(seed: UInt64) throws {
        HTMLEscaping.registered
        var generator = RandomTemplates(random: SplitMix(seed: seed))
        var rendered = 0, handedBack = 0, unreadable = 0
        for index in 0..<2_000 {
            let sources = generator.library()
            let pragma = generator.chance(80)
            let templates: [String: MustacheTemplate]
            do {
                templates = try sources.mapValues { try MustacheTemplate(string: (pragma ? HTMLEscaping.pragma : "") + $0) }
            } catch {
                unreadable += 1
                continue
            }
            let plans = TemplatePlans(templates: templates)
            let library = MustacheLibrary(templates: templates)
            #expect(plans.isPlanned("t"), "case \(index): \(sources)")
            for _ in 0..<3 {
                let view = generator.view(depth: 3)
                guard let planned = plans.render(view, template: "t") else { handedBack += 1; continue }
                rendered += 1
                let expected = library.render(view, withTemplate: "t")
                #expect(planned == expected, "seed \(seed) case \(index) pragma \(pragma)\n\(sources)\nplan:\n\(planned.debugDescription)\nmustache:\n\(String(describing: expected?.debugDescription))")
                if planned != expected { return }
            }
        }
        // Most cases must reach the comparison: a generator that only made unreadable or handed-back cases proves nothing.
        #expect(unreadable < 200, "\(unreadable) unreadable")
        #expect(rendered > 4_000, "\(rendered) rendered, \(handedBack) handed back to swift-mustache")
    }
}
