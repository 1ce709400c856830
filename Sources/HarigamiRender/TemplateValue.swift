// What a view model gives the templates for a name: a typed value the compiled plans read without casts.
//
// swift-mustache looks every `{{name}}` up by casting each object of its context stack to its protocols, which
// copies a view struct per cast. A view answers `templateValue(named:)` instead, and the plan holds the views it
// walks into boxed once (`TemplateValue.view`); swift-mustache itself, where a template falls back to it, reads the
// same answers through `child(named:)`.

import Mustache

package enum TemplateValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case strings([String: String])
    case view(any TemplateView)
    case list(any TemplateList)

    /// The same value as swift-mustache sees it.
    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .flag(let flag): flag
        case .number(let number): number
        case .strings(let strings): strings
        case .view(let view): view
        case .list(let list): list.mustacheValue
        }
    }
}

/// A value a view may hold, as the templates read it; nil is no value at all (the lookup goes on up the stack).
package protocol TemplateValueConvertible {
    var asTemplateValue: TemplateValue? { get }
}

/// What a list may hold: a section over it renders once per element, with the element on the stack.
package protocol TemplateElement: TemplateValueConvertible {
    var asTemplateElement: TemplateValue { get }
}

/// A view model: answers its stored properties by name, as reflection would find them.
package protocol TemplateView: TemplateElement, MustacheParent {
    func templateValue(named name: String) -> TemplateValue?
}

extension TemplateView {
    package func child(named name: String) -> Any? { templateValue(named: name)?.mustacheValue }
    package var asTemplateElement: TemplateValue { .view(self) }
    package var asTemplateValue: TemplateValue? { .view(self) }
}

package protocol TemplateList {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
    var mustacheValue: Any { get }
}

extension Array: TemplateList where Element: TemplateElement {
    package func element(at index: Int) -> TemplateValue { self[index].asTemplateElement }
    package var mustacheValue: Any { self }
}

extension Array: TemplateValueConvertible where Element: TemplateElement {
    package var asTemplateValue: TemplateValue? { .list(self) }
}

extension String: TemplateElement {
    package var asTemplateValue: TemplateValue? { .text(self) }
    package var asTemplateElement: TemplateValue { .text(self) }
}

extension Bool: TemplateValueConvertible {
    package var asTemplateValue: TemplateValue? { .flag(self) }
}

extension Int: TemplateValueConvertible {
    package var asTemplateValue: TemplateValue? { .number(self) }
}

extension Dictionary: TemplateValueConvertible where Key == String, Value == String {
    package var asTemplateValue: TemplateValue? { .strings(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    package var asTemplateValue: TemplateValue? { self?.asTemplateValue }
}
