// The staff build's plain-text announcements: each `::: announcement` block as the text for the phone system.

import Foundation
import HarigamiModel
import HarigamiMarkdown

extension SiteRenderer {
    /// The file of `document`'s announcement in the staff build's folder: `recording-announcement.ja.txt` for
    /// `pages/recording.ja.md`, named after the page.
    static func announcementPath(_ document: Document) -> String {
        let name = document.key.hasPrefix("pages/") ? String(document.key.dropFirst("pages/".count)) : document.key
        return "\(name.replacingOccurrences(of: "/", with: "-"))-announcement.\(document.language).txt"
    }

    /// One UTF-8 file per page and language that has an announcement: its text (the checks allow one a page) and one
    /// line end. A stand-in for a missing translation has none of its own.
    func announcementFiles(_ documents: [Document], rendering: (Document) -> RenderedMarkdown) -> [String: Data] {
        var files: [String: Data] = [:]
        for document in documents where standIns[document.path] == nil {
            guard let announcement = rendering(document).announcements.first else { continue }
            files[Self.announcementPath(document)] = Data((announcement.value + "\n").utf8)
        }
        return files
    }
}
