// Which file of the build a request's path names, if any: the only door from a URL into the preview.

import Foundation

/// A request path turned into a key of the in-memory build (`ja/faq/index.html`), or the reason it names none.
public enum RequestPath: Equatable, Sendable {
    /// A file of the build, by its path relative to the site root.
    case file(String)
    /// Anything that is not a plain path inside the build: `..`, `.`, empty segments (`//etc`), encoded
    /// slashes or backslashes, NUL, absolute-form targets (`http://…`), broken percent-encoding.
    case outside

    /// Resolves the raw, still percent-encoded path of a request target (the part before `?`).
    ///
    /// Each segment is decoded on its own and must then be a plain name, so no decoding order or
    /// double encoding (`%2e%2e`, `..%2f`, `%252e`) can produce a step out of the build.
    public static func resolve(_ rawPath: String) -> RequestPath {
        guard rawPath.hasPrefix("/") else { return .outside }
        var segments = rawPath.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let namesFolder = segments.last == ""
        if namesFolder { segments.removeLast() }
        var names: [String] = []
        for segment in segments {
            guard let name = segment.removingPercentEncoding, isPlainName(name) else { return .outside }
            names.append(name)
        }
        let joined = names.joined(separator: "/")
        if namesFolder || names.isEmpty { return .file(joined.isEmpty ? "index.html" : joined + "/index.html") }
        return .file(joined)
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".."
            && !name.contains("/") && !name.contains("\\") && !name.contains("\0")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
