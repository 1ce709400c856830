// Links written in content (`/guideline.md`, `../faq.md#x`, `/images/a.png`) → links between output pages.

import Foundation

/// What a link in the content points to, as the site decides.
public enum LinkResolution: Sendable, Equatable {
    case keep
    case rewrite(String)
    case unresolved(String)
}

package struct LinkResolver: Sendable {
    var content: Content
    var audience: Audience
    var language: String
    /// The output file the link is in, relative to the site root.
    var fromFile: String
    /// The content file the link is written in, as shown in diagnostics (`Content/pages/faq.ja.md`).
    var sourcePath: String

    /// `insideStaff`: the link is written in a `::: staff` block, which only the staff see, so it may lead to a staff page.
    package func resolve(_ url: String, insideStaff: Bool = false) -> LinkResolution {
        if let sitePath = Self.sitePath(of: url, baseURL: content.site.baseURL) { return resolveSite(sitePath, url: url, insideStaff: insideStaff) }
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

    /// The picture under `images/` that `url` leads to (`images/a.png`), written as a content path or a full URL
    /// of the site; nil for any other address.
    package func imagePath(_ url: String) -> String? {
        var local = url
        if let sitePath = Self.sitePath(of: url, baseURL: content.site.baseURL) {
            local = "/" + sitePath
        } else if url.contains(":") || url.hasPrefix("//") {
            return nil
        }
        let path = splitFragment(local).0.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let contentPath = contentRelative(path), contentPath.hasPrefix("images/") else { return nil }
        return contentPath
    }

    /// An address in the site itself, written as a full URL (`https://…/ja/secret/`): kept as written when it
    /// leads to a page or file the site publishes, an error when it leads to a staff-only page or to nothing.
    private func resolveSite(_ sitePath: String, url: String, insideStaff: Bool) -> LinkResolution {
        let path = String(splitFragment(sitePath).0.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        if path.hasSuffix(".md") || path.hasPrefix("images/") {
            switch resolve("/" + path, insideStaff: insideStaff) {
            case .unresolved(let message): return .unresolved(message)
            default: return .keep
            }
        }
        // Addresses of pages are lowercase; a host that ignores case would serve `/EN/Internal/` too.
        var parts = path.lowercased().split(separator: "/").map(String.init)
        if parts.last == "index.html" { parts.removeLast() }
        guard let first = parts.first, content.site.languages.contains(first) else { return .keep }
        let folder = parts.dropFirst().joined(separator: "/")
        let key: String
        switch folder {
        case "": key = "notice"
        case "guideline", "examples", "posters", "coverage": key = folder
        default: key = folder.hasPrefix("examples/") || folder.hasPrefix("pages/") ? folder : "pages/" + folder
        }
        if key == "examples" || key == "posters" { return .keep }
        let target = content.document(key: key, language: first)
        let staffOnly = key == "coverage" || target?.audience == .staff
        if staffOnly {
            return audience == .public && !insideStaff
                ? .unresolved("the link '\(url)' points to a staff-only page, which is not published; remove the link or put it in a '::: staff' block")
                : .keep
        }
        guard let target, target.poster == nil else {
            return .unresolved("the link '\(url)' is an address in this site that leads to no page: link to the page's Markdown file instead, such as /guideline.md or /pages/faq.md")
        }
        return .keep
    }

    /// The path of `url` inside the site when it starts with the site's base URL (by either scheme, the host in
    /// any case, with or without user information, percent-encoding undone), without a leading `/`; nil for any other address.
    static func sitePath(of url: String, baseURL: String) -> String? {
        func schemeless(_ address: String) -> (host: String, path: String)? {
            let lowered = address.lowercased()
            guard let start = ["https:", "http:", "//"].first(where: lowered.hasPrefix) else { return nil }
            // A browser reads `https:/host/` and `https:///host/` as `https://host/`: any number of slashes.
            let rest = address.dropFirst(start.count).drop { $0 == "/" }
            guard start == "//" || rest.count < address.count - start.count else { return nil }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            var host = rest[..<slash].lowercased()
            // `user@host`: a browser goes to the host.
            if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
            if host.hasSuffix(":443") || host.hasSuffix(":80") { host = String(host[..<host.lastIndex(of: ":")!]) }
            if host.hasSuffix(".") { host.removeLast() }
            let path = String(rest[slash...])
            return (host, path.removingPercentEncoding ?? path)
        }
        let trimmed = trimmingSpaces(url)
        guard let base = schemeless(baseURL), let link = schemeless(trimmed), link.host == base.host else { return nil }
        let basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
        if link.path + "/" == basePath || link.path.isEmpty && basePath == "/" { return "" }
        guard link.path.hasPrefix(basePath) else { return nil }
        return String(link.path.dropFirst(basePath.count))
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

    /// `text` without the white space (`CharacterSet.whitespaces`) at its ends. Most texts have none there, and are
    /// returned without Foundation's trimming, which bridges through NSString: a noticeable cost on every heading and link.
    package static func trimmingSpaces(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        let isSpace = { (scalar: Unicode.Scalar) in CharacterSet.whitespaces.contains(scalar) }
        return isSpace(first) || isSpace(last) ? text.trimmingCharacters(in: .whitespaces) : text
    }

    package init(content: Content, audience: Audience, language: String, fromFile: String, sourcePath: String) {
        self.content = content
        self.audience = audience
        self.language = language
        self.fromFile = fromFile
        self.sourcePath = sourcePath
    }
}
