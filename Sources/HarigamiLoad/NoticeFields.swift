// The front matter of a notice (`kind: notice`): title, lead, its statements, and optionally a QR code.

import HarigamiModel

extension ContentLoader {
    /// A notice's statements are written in the front matter as a list, one short text each, so the whole sign
    /// is in one place an editor reads from top to bottom.
    static func loadNoticeFields(_ reader: inout MappingReader, sizes: [Located<PosterPaper>], orientation: Located<PosterOrientation>?,
                                 log: inout DiagnosticLog) -> PosterFields? {
        let lead = reader.string("lead", log: &log)
        let qr = reader.string("qr", required: false, log: &log)
        let items = reader.stringList("items", required: true, log: &log)
        if let items, items.isEmpty {
            let list = reader.entries.first { $0.key == "items" }?.value.location ?? reader.location
            log.error(list, "the notice lists no statements: write them under 'items:', one '- …' line each (one to six)", rule: "load.schema")
        }
        guard let lead, let orientation, let items else { return nil }
        let none = Located("", at: lead.location)
        return PosterFields(kind: .notice, subtitle: none, tagline: none, sizes: sizes, orientation: orientation, bubbles: [], qr: qr,
                            lead: lead, items: items)
    }
}
