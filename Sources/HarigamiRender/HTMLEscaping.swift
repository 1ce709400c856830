// How the templates escape text for HTML: with `HTMLText.escape`, the escaper every stage uses, instead of
// swift-mustache's own (see there why). Every template is read with this escaping (`TemplateSet` puts the
// pragma that selects it at the top of each, on a line of its own, which Mustache drops from the output).

import Mustache
import HarigamiModel

struct HTMLEscaping: MustacheContentType {
    /// The registry name the pragma selects. Registered under its own name, so Mustache's `HTML` is left as it is.
    static let name = "HARIGAMI_HTML"
    /// The first line of every template as it is parsed.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the escaping once, before the first template that names it is parsed.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        HTMLText.escape(text)
    }
}
