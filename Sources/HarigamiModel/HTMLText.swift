// Text as HTML and XML write it: the one escaper every stage uses (templates, ruby, sitemap, the preview's overlay).

public enum HTMLText {
    /// `text` with `<`, `>`, `&`, `"` and `'` written as references, safe in element content and in quoted
    /// attributes of HTML and XML alike. Found by scanning bytes: swift-mustache's escaping, by Character, left a quote
    /// unescaped when a combining mark followed it (the pair is one Character) and was a tenth of a large build.
    public static func escape(_ text: String) -> String {
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
