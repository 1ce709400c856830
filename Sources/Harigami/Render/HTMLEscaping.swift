// How the templates escape text for HTML: the five characters Mustache escapes, found by scanning bytes.
//
// swift-mustache's own escaping walks the text character by character and looks each one up in a table; with a
// hundred values on each of ten thousand pages, that was a tenth of a build. It also leaves a quote or an angle
// bracket unescaped when a combining mark follows it (the pair is one Character), and an HTML parser still reads
// that quote as the end of an attribute. Every template is read with this escaping (`TemplateSet` puts the
// pragma that selects it at the top of each, on a line of its own, which Mustache drops from the output).

import Mustache

struct HTMLEscaping: MustacheContentType {
    /// The registry name the pragma selects. Registered under its own name, so Mustache's `HTML` is left as it is.
    static let name = "HARIGAMI_HTML"
    /// The first line of every template as it is parsed.
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the escaping once, before the first template that names it is parsed.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
        // Most values (names, addresses, titles) hold none of the five: they are returned as they are.
        guard text.utf8.contains(where: special) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
