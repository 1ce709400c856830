// Where each page lives in the site, and relative links between pages.

public enum Routes {
    /// Top-level folders of a language that further pages (`pages/<slug>`) may not take.
    public static let reservedPageSlugs: Set<String> = ["guideline", "examples", "posters", "assets", "images", "coverage", "accessibility", "index"]

    /// The folder of a page inside a language, without slashes at either end ("" for the home page).
    public static func folder(key: String) -> String? {
        switch key {
        case "notice": return ""
        case "guideline": return "guideline"
        case "examples": return "examples"
        case "posters": return "posters"
        case "coverage": return "coverage"
        case "accessibility": return "accessibility"
        default:
            if key.hasPrefix("examples/") { return key }
            if key.hasPrefix("pages/") { return String(key.dropFirst("pages/".count)) }
            return nil
        }
    }

    /// `ja/guideline/index.html`
    public static func file(key: String, language: String) -> String? {
        folder(key: key).map { $0.isEmpty ? "\(language)/index.html" : "\(language)/\($0)/index.html" }
    }

    /// The public address: `https://…/ja/guideline/`.
    public static func url(key: String, language: String, baseURL: String) -> String? {
        folder(key: key).map { $0.isEmpty ? "\(baseURL)\(language)/" : "\(baseURL)\(language)/\($0)/" }
    }

    /// A link from the file at `from` to the file at `to`, both relative to the site root.
    public static func relative(from: String, to: String) -> String {
        String(repeating: "../", count: depth(of: from)) + to
    }

    /// How many folders deep the file at `path` is: its non-empty parts less one, counted on the bytes (splitting
    /// the path into substrings, for every link of every page, was a twentieth of a large build).
    static func depth(of path: String) -> Int {
        var parts = 0
        var inPart = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inPart = false
            } else if !inPart {
                inPart = true
                parts += 1
            }
        }
        return max(parts - 1, 0)
    }
}
