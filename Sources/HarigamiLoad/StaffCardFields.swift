// The staff card's front matter (`kind: card`): its own texts and sizes; what it prints per category comes from the examples.

import HarigamiModel

extension ContentLoader {
    /// The title, the lead under it, the closing line and the sizes. The card has no bubbles, behaviours or QR code
    /// of its own: it prints the response examples' wording, upright, on one sheet kept at the counter.
    static func loadStaffCardFields(_ reader: inout MappingReader, log: inout DiagnosticLog) -> PosterFields? {
        let subtitle = reader.string("subtitle", log: &log)
        let tagline = reader.string("tagline", log: &log)
        let sizes = loadPosterSizes(&reader, log: &log)
        guard let subtitle, let tagline else { return nil }
        return PosterFields(kind: .card, subtitle: subtitle, tagline: tagline, sizes: sizes,
                            orientation: Located(.portrait, at: reader.location), bubbles: [], qr: nil)
    }

    /// A staff card is for staff whatever its front matter says: it never goes into the public build.
    static func staffCardAudience(_ written: Located<String>?, log: inout DiagnosticLog) -> Audience {
        if let written, written.value == Audience.public.rawValue {
            log.error(written.location, "a staff card (kind: card) is printed from the staff build only; remove 'audience: public'", rule: "load.schema")
        }
        return .staff
    }
}
