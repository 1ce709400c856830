// The templates compiled once into plans that render the view models without swift-mustache's per-value casts.
//
// A plan is made from the tokens swift-mustache's own parser produced (read through reflection once, at load), so
// standalone lines, indentation and blocks are cut exactly where swift-mustache cuts them; rendering follows
// Template+Render.swift step by step. What a plan does not do (transforms, lambdas, dynamic partials, a content
// type other than Harigami's, a template that includes one of those) leaves that template to swift-mustache, and a
// render that meets a value the plan does not print (a view or list in `{{name}}`) is done again by swift-mustache:
// the output is always swift-mustache's.

import Mustache

package final class TemplatePlan: Sendable {
    let nodes: [Node]

    init(nodes: [Node]) { self.nodes = nodes }

    enum Node: Sendable {
        case text([UInt8])
        case value(TemplateName, escaped: Bool)
        case section(TemplateName, TemplatePlan, inverted: Bool)
        /// `{{$name}}default{{/name}}` in a parent: the override the caller passed, else the default.
        case block(String, TemplatePlan, indentation: String?)
        /// `{{> name}}` (no overrides) or `{{< name}}…{{/name}}` (with the blocks it overrides).
        case partial(String, indentation: String?, overrides: [String: TemplatePlan]?)
        case escaping(Escaping)
    }

    enum Escaping: Sendable {
        /// swift-mustache's default (String.htmlEscape there): by Character, so a mark combining with `<` keeps it.
        case mustache
        /// `HTMLEscaping`, which every template of a TemplateSet selects in its first line.
        case harigami
    }
}

/// A tag's name split once: `a.b` looked up the stack, `.a` in the current object only, `.` the current object.
struct TemplateName: Sendable {
    let anchored: Bool
    let parts: [String]

    init(_ name: String) {
        anchored = name.first == "."
        parts = name.split(separator: ".").map(String.init)
    }
}

/// The plans of a template library, one per template that a plan renders exactly as swift-mustache.
package struct TemplatePlans: Sendable {
    private(set) var plans: [String: TemplatePlan] = [:]

    init(templates: [String: MustacheTemplate]) {
        var compiled: [String: (plan: TemplatePlan, partials: Set<String>)] = [:]
        for (name, template) in templates {
            var compiler = PlanCompiler()
            if let plan = compiler.compile(template) { compiled[name] = (plan, compiler.partials) }
        }
        // A template is planned only if every template it includes is: a missing one renders nothing either way.
        var planned = Set(compiled.keys)
        var changed = true
        while changed {
            changed = false
            for (name, entry) in compiled where planned.contains(name) && entry.partials.contains(where: { templates[$0] != nil && !planned.contains($0) }) {
                planned.remove(name)
                changed = true
            }
        }
        for (name, entry) in compiled where planned.contains(name) { plans[name] = entry.plan }
    }

    package func isPlanned(_ template: String) -> Bool { plans[template] != nil }

    /// The template rendered by its plan; nil if it has none or the view holds a value the plan does not print.
    package func render(_ view: any TemplateView, template: String) -> String? {
        guard let plan = plans[template] else { return nil }
        var renderer = PlanRenderer(plans: plans, stack: [.view(view)])
        do {
            try renderer.render(plan, escaping: .mustache, indentation: nil, inherited: nil)
        } catch {
            return nil
        }
        return String(decoding: renderer.output, as: UTF8.self)
    }
}

/// Reads swift-mustache's tokens (`MustacheTemplate.Token`, internal to it) through reflection.
private struct PlanCompiler {
    /// The templates this one includes, by name.
    var partials: Set<String> = []

    mutating func compile(_ template: MustacheTemplate) -> TemplatePlan? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else { return nil }
        var nodes: [TemplatePlan.Node] = []
        for token in Mirror(reflecting: tokens).children {
            guard let node = node(token.value) else { return nil }
            nodes.append(node)
        }
        return TemplatePlan(nodes: nodes)
    }

    private mutating func node(_ token: Any) -> TemplatePlan.Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let tag = mirror.children.first, let label = tag.label else { return nil }
        let fields = Mirror(reflecting: tag.value).children.map(\.value)
        func field<T>(_ index: Int, _ type: T.Type) -> T? { index < fields.count ? fields[index] as? T : nil }
        switch label {
        case "text":
            guard let text = tag.value as? String else { return nil }
            return .text(Array(text.utf8))
        case "variable", "unescapedVariable":
            guard fields.count == 2, let name = field(0, String.self), let transforms = field(1, [String].self), transforms.isEmpty else { return nil }
            return .value(TemplateName(name), escaped: label == "variable")
        case "section", "invertedSection":
            guard fields.count == 3, let name = field(0, String.self), let transforms = field(1, [String].self), transforms.isEmpty,
                  let template = field(2, MustacheTemplate.self), let plan = compile(template) else { return nil }
            return .section(TemplateName(name), plan, inverted: label == "invertedSection")
        case "blockExpansion":
            guard fields.count == 3, let name = field(0, String.self), let template = field(1, MustacheTemplate.self),
                  let indentation = field(2, String?.self), let plan = compile(template) else { return nil }
            return .block(name, plan, indentation: indentation)
        case "partial":
            guard fields.count == 3, let name = field(0, String.self), let indentation = field(1, String?.self),
                  let inherits = field(2, [String: MustacheTemplate]?.self) else { return nil }
            var overrides: [String: TemplatePlan]?
            if let inherits {
                var plans: [String: TemplatePlan] = [:]
                for (block, template) in inherits {
                    guard let plan = compile(template) else { return nil }
                    plans[block] = plan
                }
                overrides = plans
            }
            partials.insert(name)
            return .partial(name, indentation: indentation, overrides: overrides)
        case "contentType":
            return tag.value is HTMLEscaping ? .escaping(.harigami) : nil
        default:
            // dynamicNamePartial, and anything a later swift-mustache adds: swift-mustache renders it.
            return nil
        }
    }
}

/// A value the plan does not print: swift-mustache renders the template instead.
private struct UnplannedValue: Error {}

/// Template+Render.swift over TemplateValue: one output buffer and one stack, where swift-mustache makes a string
/// per template render and a copy of the stack per section.
private struct PlanRenderer {
    let plans: [String: TemplatePlan]
    var stack: [TemplateValue]
    var output: [UInt8] = []

    init(plans: [String: TemplatePlan], stack: [TemplateValue]) {
        self.plans = plans
        self.stack = stack
        output.reserveCapacity(16 * 1024)
    }

    mutating func render(_ plan: TemplatePlan, escaping: TemplatePlan.Escaping, indentation: String?,
                         inherited: [String: TemplatePlan]?) throws {
        var escaping = escaping
        guard let indentation, !indentation.isEmpty else {
            for node in plan.nodes { try render(node, escaping: &escaping, indentation: indentation, inherited: inherited) }
            return
        }
        // swift-mustache indents what a token adds when this render's text so far ends with a line break ("\r\n" is
        // one Character there, not "\n").
        let start = output.count
        for node in plan.nodes {
            let mark = output.count
            let atLineStart = mark > start && output[mark - 1] == 0x0A && !(mark - 1 > start && output[mark - 2] == 0x0D)
            try render(node, escaping: &escaping, indentation: indentation, inherited: inherited)
            if atLineStart, output.count > mark { output.insert(contentsOf: indentation.utf8, at: mark) }
        }
    }

    private mutating func render(_ node: TemplatePlan.Node, escaping: inout TemplatePlan.Escaping, indentation: String?,
                                 inherited: [String: TemplatePlan]?) throws {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .value(let name, let escaped):
            guard let value = lookup(name) else { return }
            switch value {
            case .text(let text): append(text, escaping: escaped ? escaping : nil)
            case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .number(let number): append(String(number), escaping: escaped ? escaping : nil)
            case .strings, .view, .list: throw UnplannedValue()
            }
        case .section(let name, let plan, let inverted):
            let value = lookup(name)
            if inverted {
                switch value {
                case nil: try render(plan, escaping: escaping, indentation: indentation, inherited: inherited)
                case .flag(let flag)?: if !flag { try render(plan, escaping: escaping, indentation: indentation, inherited: inherited) }
                case .list(let list)? where list.count == 0:
                    try render(plan, with: .list(list), escaping: escaping, indentation: indentation, inherited: inherited)
                default: break
                }
            } else {
                switch value {
                case nil: break
                case .flag(let flag)?: if flag { try render(plan, escaping: escaping, indentation: indentation, inherited: inherited) }
                case .list(let list)?:
                    for index in 0..<list.count {
                        try render(plan, with: list.element(at: index), escaping: escaping, indentation: indentation, inherited: inherited)
                    }
                case let value?: try render(plan, with: value, escaping: escaping, indentation: indentation, inherited: inherited)
                }
            }
        case .block(let name, let plan, let blockIndentation):
            try render(inherited?[name] ?? plan, escaping: escaping, indentation: Self.indent(indentation, by: blockIndentation), inherited: inherited)
        case .partial(let name, let partialIndentation, let overrides):
            guard let plan = plans[name] else { return }
            var passed = inherited
            if let overrides {
                // The outer override of a block wins over the inner one (MustacheContext.withPartial).
                passed = inherited.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            try render(plan, escaping: escaping, indentation: Self.indent(indentation, by: partialIndentation), inherited: passed)
        case .escaping(let chosen):
            escaping = chosen
        }
    }

    private mutating func render(_ plan: TemplatePlan, with value: TemplateValue, escaping: TemplatePlan.Escaping,
                                 indentation: String?, inherited: [String: TemplatePlan]?) throws {
        stack.append(value)
        defer { stack.removeLast() }
        try render(plan, escaping: escaping, indentation: indentation, inherited: inherited)
    }

    private static func indent(_ indentation: String?, by more: String?) -> String? {
        guard let more else { return indentation }
        return (indentation ?? "") + more
    }

    /// MustacheTemplate.getChild: the first name up the stack, the rest from what it found.
    private func lookup(_ name: TemplateName) -> TemplateValue? {
        guard var value = stack.last else { return nil }
        var next = 0
        if !name.anchored, let first = name.parts.first {
            var level = stack.count - 1
            while true {
                if let found = Self.child(first, of: stack[level]) { value = found; break }
                guard level > 0 else { return nil }
                level -= 1
            }
            next = 1
        }
        while next < name.parts.count {
            guard let found = Self.child(name.parts[next], of: value) else { return nil }
            value = found
            next += 1
        }
        return value
    }

    /// Only views and string tables have children; a String, Bool, Int or list reflects none by name.
    private static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
        switch value {
        case .view(let view): view.templateValue(named: name)
        case .strings(let strings): strings[name].map(TemplateValue.text)
        case .text, .flag, .number, .list: nil
        }
    }

    private mutating func append(_ text: String, escaping: TemplatePlan.Escaping?) {
        switch escaping {
        case nil: output.append(contentsOf: text.utf8)
        case .harigami?:
            // HTMLText.escape written straight into the output: the runs between the five characters in one piece.
            var text = text
            text.withUTF8 { bytes in
                var run = 0
                for index in bytes.indices {
                    let entity: StaticString
                    switch bytes[index] {
                    case 0x3C: entity = "&lt;"
                    case 0x3E: entity = "&gt;"
                    case 0x26: entity = "&amp;"
                    case 0x22: entity = "&quot;"
                    case 0x27: entity = "&#39;"
                    default: continue
                    }
                    output.append(contentsOf: bytes[run..<index])
                    entity.withUTF8Buffer { output.append(contentsOf: $0) }
                    run = index + 1
                }
                output.append(contentsOf: bytes[run...])
            }
        case .mustache?:
            // String.htmlEscape in swift-mustache, Character by Character.
            for character in text {
                switch character {
                case "<": output.append(contentsOf: "&lt;".utf8)
                case ">": output.append(contentsOf: "&gt;".utf8)
                case "&": output.append(contentsOf: "&amp;".utf8)
                case "\"": output.append(contentsOf: "&quot;".utf8)
                case "'": output.append(contentsOf: "&#39;".utf8)
                default: output.append(contentsOf: character.utf8)
                }
            }
        }
    }
}
