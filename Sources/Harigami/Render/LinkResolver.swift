// Links written in content (`/guideline.md`, `../faq.md#x`, `/images/a.png`) → links between output pages.

import Foundation

struct LinkResolver: Sendable {
    var content: Content
    var audience: Audience
    var language: String
    /// The output file the link is in, relative to the site root.
    var fromFile: String
    /// The content file the link is written in, as shown in diagnostics (`Content/pages/faq.ja.md`).
    var sourcePath: String

    /// `insideStaff`: the link is written in a `::: staff` block, which only the staff see, so it may lead to a staff page.
    func resolve(_ url: String, insideStaff: Bool = false) -> LinkResolution {
        if url.isEmpty || url.hasPrefix("#") || url.contains(":") || url.hasPrefix("//") { return .keep }
        let (path, fragment) = splitFragment(url)
        guard let contentPath = contentRelative(path) else {
            return .unresolved("the link '\(url)' leads outside the content folder")
        }
        if contentPath.hasPrefix("images/") {
            guard content.images[contentPath] != nil else {
                return .unresolved("the link '\(url)' points to \(contentPath), which does not exist in the content folder")
            }
            return .rewrite(Routes.relative(from: fromFile, to: contentPath) + fragment)
        }
        guard contentPath.hasSuffix(".md") else {
            return .unresolved("the link '\(url)' is not a page: link to a page's Markdown file, such as /guideline.md or /pages/faq.md")
        }
        var key = String(contentPath.dropLast(3))
        var targetLanguage = language
        if let dot = key.lastIndex(of: "."), content.site.languages.contains(String(key[key.index(after: dot)...])) {
            targetLanguage = String(key[key.index(after: dot)...])
            key = String(key[..<dot])
        }
        guard let target = content.document(key: key, language: targetLanguage), target.poster == nil,
              let file = Routes.file(key: key, language: targetLanguage) else {
            return .unresolved("the link '\(url)' points to a page that does not exist (no \(key).\(targetLanguage).md in the content folder)")
        }
        if target.audience == .staff, audience == .public, !insideStaff {
            return .unresolved("the link '\(url)' points to a staff-only page, which is not published; remove the link or put it in a '::: staff' block")
        }
        return .rewrite(Routes.relative(from: fromFile, to: file) + fragment)
    }

    private func splitFragment(_ url: String) -> (String, String) {
        guard let hash = url.firstIndex(of: "#") else { return (url, "") }
        return (String(url[..<hash]), String(url[hash...]))
    }

    /// The path relative to the content folder, or nil when it climbs out of it; in NFC, as the content's file names
    /// are (`FileNames`), so the address written in the page is the one the file is published under.
    private func contentRelative(_ path: String) -> String? {
        let decoded = (path.removingPercentEncoding ?? path).nfc
        var parts: [Substring]
        if decoded.hasPrefix("/") {
            parts = []
        } else {
            // Relative to the folder of the file the link is written in.
            let sourceRelative = sourceRelativePath()
            parts = sourceRelative.split(separator: "/").dropLast()
        }
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Every page's file is shown under the folder site.yml is in (`Content/pages/faq.ja.md` beside `Content/site.yml`).
    /// Worked out from the path rather than by finding the page: a site has thousands of links and pages.
    private func sourceRelativePath() -> String {
        let folder = String(content.site.location.path.dropLast("site.yml".count))
        guard content.site.location.path.hasSuffix("site.yml"), sourcePath.hasPrefix(folder) else { return "" }
        return String(sourcePath.dropFirst(folder.count))
    }
}
