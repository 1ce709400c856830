// `translations stamp`: record in a translation that it matches the current Japanese page.

import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiCheck

public enum TranslationStamp {
    public struct Stamped: Sendable, Hashable {
        /// The translation, as diagnostics show it (`Content/notice.en.md`).
        public var path: String
        public var source: String
        public var hash: String
        /// False when the file already carried this hash and was left untouched.
        public var changed: Bool
        /// For categories.yml: how many categories' translations were stamped, each with its own hash.
        public var categories: Int?
    }

    public enum Failure: Error, Sendable, Hashable {
        /// The path cannot be stamped as given (not a translation in the content folder): exit 2.
        case usage(String)
        /// The content must be fixed first: exit 1.
        case content(Diagnostic)
        /// Reading or writing failed: exit 2.
        case io(String)
    }

    /// Stamps each of `paths` (as typed: relative to the working folder, or absolute) with the source-hash
    /// of its Japanese page, rewriting only the `source-hash:` line. Each file is written atomically.
    public static func stamp(_ paths: [String], contentDirectory: String) -> [Result<Stamped, Failure>] {
        let tree = ContentTree.directory(contentDirectory)
        let loaded = ContentLoader.load(tree)
        guard let content = loaded.content else {
            let reason = loaded.diagnostics.first ?? .error(SourceLocation(path: tree.displayPath("site.yml")), "site.yml cannot be read", rule: "load.io")
            return paths.map { _ in .failure(.content(reason)) }
        }
        return paths.map { stamp($0, tree: tree, content: content) }
    }

    private static func stamp(_ typed: String, tree: ContentTree, content: Content) -> Result<Stamped, Failure> {
        let site = content.site
        guard let relative = relativePath(typed, contentDirectory: tree.displayRoot) else {
            return .failure(.usage("\(typed) is not a file in the content folder \(tree.displayRoot) (name another folder with --content)"))
        }
        let shown = tree.displayPath(relative)
        if relative == "categories.yml" { return stampCategories(tree: tree, content: content, shown: shown) }
        let folder = relative.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fileName = relative.split(separator: "/").last.map(String.init) ?? relative
        let stem = fileName.hasSuffix(".md") ? fileName.dropLast(3).split(separator: ".").map(String.init) : []
        guard stem.count == 2, site.languages.contains(stem[1]) else {
            return .failure(.usage("\(shown) is not a page of the site (NAME.LANG.md, with LANG one of \(site.languages.joined(separator: ", ")))"))
        }
        guard stem[1] != site.defaultLanguage else {
            return .failure(.usage("\(shown) is the \(site.defaultLanguage) page that translations are made from; stamp its translations instead"))
        }
        let sourceRelative = (folder.isEmpty ? "" : folder + "/") + "\(stem[0]).\(site.defaultLanguage).md"
        let sourcePath = tree.displayPath(sourceRelative)
        guard let source = content.documents.first(where: { $0.path == sourcePath }) else {
            let exists = FileManager.default.fileExists(atPath: URL(fileURLWithPath: tree.displayRoot).appendingPathComponent(sourceRelative).path)
            let message = exists
                ? "\(sourcePath) has problems that stop it from loading; fix them first (`harigami check` lists them), then stamp \(shown)"
                : "\(shown) has no \(site.defaultLanguage) page to be a translation of: \(sourcePath) does not exist"
            return .failure(.content(.error(SourceLocation(path: exists ? sourcePath : shown), message, rule: "translation.no-source")))
        }
        let url = URL(fileURLWithPath: tree.displayRoot).appendingPathComponent(relative)
        let original: Data
        do { original = try Data(contentsOf: url) } catch {
            return .failure(.io("cannot read \(shown): \(error.localizedDescription)"))
        }
        let hash = SourceHash.of(document: source)
        let updated: Data
        switch SourceHash.stamped(original, hash: hash, path: shown) {
        case .success(let data): updated = data
        case .failure(let diagnostic): return .failure(.content(diagnostic))
        }
        if updated == original {
            return .success(Stamped(path: shown, source: sourcePath, hash: hash, changed: false))
        }
        do { try updated.write(to: url, options: .atomic) } catch {
            return .failure(.io("cannot write \(shown): \(error.localizedDescription); the file is unchanged"))
        }
        return .success(Stamped(path: shown, source: sourcePath, hash: hash, changed: true))
    }

    /// Every translation's wording in categories.yml, each with the hash of its category's default-language wording.
    private static func stampCategories(tree: ContentTree, content: Content, shown: String) -> Result<Stamped, Failure> {
        let url = URL(fileURLWithPath: tree.displayRoot).appendingPathComponent("categories.yml")
        let original: String
        do { original = try String(contentsOf: url, encoding: .utf8) } catch {
            return .failure(.io("cannot read \(shown): \(error.localizedDescription)"))
        }
        let updated: String
        switch CategoryStamp.stamped(original, content: content, path: shown) {
        case .success(let text): updated = text
        case .failure(let diagnostic): return .failure(.content(diagnostic))
        }
        let stamped = Stamped(path: shown, source: "the \(content.site.defaultLanguage) wording of each category", hash: "",
                              changed: updated != original, categories: content.categories.count)
        guard stamped.changed else { return .success(stamped) }
        do { try Data(updated.utf8).write(to: url, options: .atomic) } catch {
            return .failure(.io("cannot write \(shown): \(error.localizedDescription); the file is unchanged"))
        }
        return .success(stamped)
    }

    /// `typed` relative to the content folder, or nil when it lies outside it.
    static func relativePath(_ typed: String, contentDirectory: String) -> String? {
        let root = URL(fileURLWithPath: contentDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        let file = URL(fileURLWithPath: typed).standardizedFileURL
        // Resolve the folder, not the file: a translation that is itself a link is still named by its own path.
        let folder = file.deletingLastPathComponent().resolvingSymlinksInPath().path
        let full = (folder.hasSuffix("/") ? folder : folder + "/") + file.lastPathComponent
        guard full.hasPrefix(root + "/") else { return nil }
        return String(full.dropFirst(root.count + 1))
    }
}
