// `harigami init`: a new project folder holding the starter content and the default templates (both built into
// the binary), with the organisation's own details written into site.yml.

import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiCheck
import HarigamiRender

/// A detail of site.yml that `init` asks for, and where it is written.
public enum StarterField: String, CaseIterable, Sendable {
    case organisationJa = "organisation-ja", organisationEn = "organisation-en"
    case selfJa = "self-ja", selfEn = "self-en"
    case departmentJa = "department-ja", departmentEn = "department-en"
    case phone, email
    case hoursJa = "hours-ja", hoursEn = "hours-en"
    case baseURL = "base-url"

    /// The keys leading to the value in site.yml.
    var keys: [String] {
        switch self {
        case .organisationJa: ["organisation", "ja"]
        case .organisationEn: ["organisation", "en"]
        case .selfJa: ["self", "ja"]
        case .selfEn: ["self", "en"]
        case .departmentJa: ["contact", "department", "ja"]
        case .departmentEn: ["contact", "department", "en"]
        case .phone: ["contact", "phone"]
        case .email: ["contact", "email"]
        case .hoursJa: ["contact", "hours", "ja"]
        case .hoursEn: ["contact", "hours", "en"]
        case .baseURL: ["base-url"]
        }
    }

    /// What to ask for, with an example answer.
    public var question: String {
        switch self {
        case .organisationJa: "Organisation's name in Japanese (例: 北区, 株式会社〇〇)"
        case .organisationEn: "Organisation's name in English (e.g. Kita Ward)"
        case .selfJa: "How the Japanese text refers to the organisation (本区, 本市, 当社)"
        case .selfEn: "How the English text refers to it (the Ward, the City, the Company)"
        case .departmentJa: "Department that takes enquiries, in Japanese (例: 総務課)"
        case .departmentEn: "That department in English (e.g. General Affairs Division)"
        case .phone: "Its telephone number (e.g. 03-1234-5678)"
        case .email: "Its email address"
        case .hoursJa: "Its opening hours in Japanese (例: 平日 午前8時30分から午後5時15分まで)"
        case .hoursEn: "Its opening hours in English (e.g. Monday to Friday, 8:30 am to 5:15 pm)"
        case .baseURL: "The address the site will be published at (e.g. https://www.city.example.lg.jp/kasuhara/)"
        }
    }

    /// Why `answer` cannot be written, or nil when it can.
    public func problem(with answer: String) -> String? {
        if answer.contains(where: \.isNewline) { return "write it on one line" }
        switch self {
        case .baseURL where !(answer.hasPrefix("https://") || answer.hasPrefix("http://")):
            return "the address must start with https:// (or http://)"
        case .email where !answer.contains("@"):
            return "an email address has an @"
        default:
            return nil
        }
    }
}

public enum ProjectInit {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The folder holds files already; nothing was written.
        case notEmpty(folder: String, names: [String])
        case badAnswer(StarterField, String)
        case io(String)

        public var description: String {
            switch self {
            case .notEmpty(let folder, let names):
                let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
                return "\(folder) already holds files (\(shown)); harigami init writes only into a new or empty folder, so nothing was written"
            case .badAnswer(let field, let reason):
                return "--\(field.rawValue): \(reason); nothing was written"
            case .io(let message):
                return message
            }
        }
    }

    /// What was made, and what the organisation still has to adapt.
    public struct Report: Sendable {
        public var folder: String
        public var files: Int
        /// Markers and sample values left, by file as shown in diagnostics (`Content/guideline.ja.md`), sorted.
        public var toAdapt: [(path: String, markers: Int, sampleValues: Int)]
    }

    /// The starter's files, path → bytes.
    static func starterFiles() -> [(path: String, data: Data)] {
        StarterFiles.files.map { ($0.path, Data(base64Encoded: $0.base64) ?? Data()) }
    }

    /// The UI strings of `language` in the default templates built into harigami (`Templates/i18n/LANG.yml`), for
    /// Markdown rendered outside a project (`harigami render`); nil when they have none for that language.
    public static func builtInStrings(language: String) -> [String: String]? {
        let path = "Templates/i18n/\(language).yml"
        guard let file = starterFiles().first(where: { $0.path == path }) else { return nil }
        var log = DiagnosticLog()
        let strings = TemplateSet.loadStrings(String(decoding: file.data, as: UTF8.self), path: path, log: &log)
        // The built-in files are checked when they are generated (Scripts/generate-starter): a problem here is a bug.
        precondition(log.all.isEmpty, "the built-in \(path) does not read: \(log.all)")
        return strings
    }

    /// Creates `folder` (or fills it when empty) with `Content/` and `Templates/`, site.yml carrying `details`.
    /// Everything is written into a staging folder first and moved into place, so a failure leaves nothing half-made.
    /// Every page's `updated:` date becomes `today` (`YYYY-MM-DD`): the starter's date is not the organisation's.
    public static func create(at folder: String, details: [StarterField: String], today: String = ProjectInit.today()) throws(Failure) -> Report {
        for (field, answer) in details {
            if let problem = field.problem(with: answer) { throw .badAnswer(field, problem) }
        }
        let manager = FileManager.default
        let target = URL(fileURLWithPath: folder)
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: target.path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else { throw .notEmpty(folder: folder, names: [target.lastPathComponent]) }
            let names: [String]
            do { names = try manager.contentsOfDirectory(atPath: target.path).sorted() } catch {
                throw .io("cannot read the folder \(folder): \(error.localizedDescription)")
            }
            guard names.isEmpty else { throw .notEmpty(folder: folder, names: names) }
        }
        var files = starterFiles()
        guard let siteIndex = files.firstIndex(where: { $0.path == "Content/site.yml" }) else { throw .io("the starter built into harigami has no Content/site.yml") }
        let site = filledIn(String(decoding: files[siteIndex].data, as: UTF8.self), with: details)
        files[siteIndex].data = Data(datedPolicy(site, today: today).utf8)
        for index in files.indices where files[index].path.hasPrefix("Content/") && files[index].path.hasSuffix(".md") {
            files[index].data = Data(dated(String(decoding: files[index].data, as: UTF8.self), today: today).utf8)
        }

        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).harigami-init-\(getpid())")
        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
            }
            if exists {
                for top in ["Content", "Templates"] {
                    try manager.moveItem(at: staging.appendingPathComponent(top), to: target.appendingPathComponent(top))
                }
                try manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
        } catch {
            let leftover: String
            do {
                if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
                leftover = "nothing was left behind"
            } catch let removal {
                leftover = "the partly written \(staging.path) could not be removed (\(removal.localizedDescription)); delete it"
            }
            throw .io("cannot create \(folder): \(error.localizedDescription); \(leftover)")
        }
        return Report(folder: folder, files: files.count, toAdapt: toAdapt(in: target.appendingPathComponent("Content").path))
    }

    /// site.yml of the starter with each given detail written over the sample's value, quoted for YAML; every other
    /// byte stays as it was.
    static func filledIn(_ site: String, with details: [StarterField: String]) -> String {
        guard !details.isEmpty, case .success(let root?) = YAMLReader.parse(site, path: "site.yml") else { return site }
        var lines = site.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (field, answer) in details {
            var node: YAMLNode? = root
            for key in field.keys {
                guard case .mapping(let entries, _)? = node else { node = nil; break }
                node = entries.first { $0.key == key }?.value
            }
            guard case .scalar(_, let location)? = node, lines.indices.contains(location.line - 1) else { continue }
            let line = lines[location.line - 1]
            let prefix = String(line.unicodeScalars.prefix(location.column - 1))
            let escaped = answer.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines[location.line - 1] = prefix + "\"" + escaped + "\""
        }
        return lines.joined(separator: "\n")
    }

    /// Today in the local time zone, as `updated:` writes dates.
    public static func today(_ now: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: now)
    }

    /// `page` with the `updated:` line of its front matter set to `today`; the body is left as it is.
    static func dated(_ page: String, today: String) -> String {
        guard case .success(let fences) = FrontMatterFences.find(in: page[...]) else { return page }
        var lines = fences.lines.map(String.init)
        for index in 1..<fences.closingFence where lines[index].hasPrefix("updated:") {
            let line = fences.lines[index]
            lines[index] = "updated: \(today)" + line[FrontMatterFences.withoutLineEnd(line).endIndex...]
        }
        return lines.joined() + fences.body
    }

    /// `site` with its `accessibility-policy-date:` set to `today`: the organisation adopts the policy the day it
    /// starts its site, not the day the starter was written. The comment after the value stays.
    static func datedPolicy(_ site: String, today: String) -> String {
        let key = "accessibility-policy-date:"
        var lines = site.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where lines[index].hasPrefix(key) {
            let value = lines[index].dropFirst(key.count).drop { $0 == " " }
            let rest = value.drop { $0 != " " && $0 != "#" }
            lines[index] = "\(key) \(today)" + rest
        }
        return lines.joined(separator: "\n")
    }

    /// The markers and sample values `check` reports in the content folder, counted by file.
    static func toAdapt(in content: String) -> [(path: String, markers: Int, sampleValues: Int)] {
        let loaded = ContentLoader.load(.directory(content))
        var found = loaded.diagnostics
        if let loadedContent = loaded.content {
            found += ContentChecker.check(loadedContent, loadProblems: loaded.diagnostics)
        }
        var counts: [String: (Int, Int)] = [:]
        for diagnostic in Set(found) {
            switch diagnostic.rule {
            case "adapt.marker": counts[diagnostic.location.path, default: (0, 0)].0 += 1
            case "adapt.sample-value": counts[diagnostic.location.path, default: (0, 0)].1 += 1
            default: break
            }
        }
        // Shown as the project's own paths (`Content/guideline.ja.md`), as `harigami check` shows them from inside it.
        let projectPrefix = URL(fileURLWithPath: content).deletingLastPathComponent().path + "/"
        return counts.map { (path: $0.key.hasPrefix(projectPrefix) ? String($0.key.dropFirst(projectPrefix.count)) : $0.key,
                             markers: $0.value.0, sampleValues: $0.value.1) }.sorted { $0.path < $1.path }
    }
}
