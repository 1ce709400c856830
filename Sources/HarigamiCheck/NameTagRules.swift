// nametags.yml: every text of every card fits its 91 mm width, in each language the sheets are printed in.

import Foundation
import HarigamiModel
import HarigamiPosterLayout

enum NameTagRules {
    static func check(_ content: Content) -> [Diagnostic] {
        guard let nameTags = content.nameTags else { return [] }
        var diagnostics: [Diagnostic] = []
        var organisationReported: Set<String> = []
        for tag in nameTags.people {
            // One problem per text, however many sheets print it: (part, language) → the sheets and the worst overflow.
            var overflows: [(part: String, language: String, sheets: [String], millimetres: Double)] = []
            for languages in NameTagSheet.editions(content.site.languages) {
                let organisation = content.site.organisation[languages[0]] ?? ""
                let card = NameTagCard(tag, languages: languages, organisation: organisation)
                for overflow in card.overflows {
                    if overflow.part == "organisation" {
                        // The organisation's name comes from site.yml and is the same on every card: said once.
                        guard organisationReported.insert(overflow.language).inserted else { continue }
                        let by = String(format: "%.1f", overflow.millimetres)
                        diagnostics.append(.error(SourceLocation(path: nameTags.path),
                                                  "the organisation's name in site.yml ('\(organisation)') is \(by) mm too wide for the foot of a name tag even at the smallest type; give a shorter 'organisation' for \(overflow.language)",
                                                  rule: "nametags.fit"))
                        continue
                    }
                    let sheet = languages.joined(separator: "-")
                    if let index = overflows.firstIndex(where: { $0.part == overflow.part && $0.language == overflow.language }) {
                        overflows[index].sheets.append(sheet)
                        overflows[index].millimetres = max(overflows[index].millimetres, overflow.millimetres)
                    } else {
                        overflows.append((overflow.part, overflow.language, [sheet], overflow.millimetres))
                    }
                }
            }
            let surname = tag.surname[content.site.defaultLanguage] ?? tag.reading
            for overflow in overflows {
                let by = String(format: "%.1f", overflow.millimetres)
                let sheets = overflow.sheets.joined(separator: " and ") + (overflow.sheets.count > 1 ? " sheets" : " sheet")
                diagnostics.append(.error(tag.location,
                                          "the name tag of '\(surname)': the \(overflow.part) (\(overflow.language)) is \(by) mm too wide for the \(Int(NameTagSheet.textWidth)) mm a card has for text, even at the smallest type, on the \(sheets); shorten it",
                                          rule: "nametags.fit"))
            }
        }
        return diagnostics
    }
}
