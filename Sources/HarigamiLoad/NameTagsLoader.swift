// Content/nametags.yml → NameTags: surname-only entries, anything that would identify a person further refused.

import HarigamiModel

enum NameTagsLoader {
    static let keys = ["surname", "reading", "section", "role"]
    /// Keys someone is likely to add to "complete" a tag: each would print what the surname-only tag exists to withhold.
    static let personalKeys = ["given-name", "given", "first-name", "firstname", "full-name", "fullname", "name", "photo", "picture", "image", "face"]

    static func load(_ text: String, path: String, languages: [String], log: inout DiagnosticLog) -> NameTags? {
        let start = SourceLocation(path: path)
        let root: YAMLNode?
        switch YAMLReader.parse(text, path: path) {
        case .success(let node): root = node
        case .failure(let d): log.append(contentsOf: [d]); return nil
        }
        guard var reader = MappingReader(root, subject: path, at: start, log: &log) else { return nil }
        guard let list = reader.node("people", required: true, log: &log) else { return nil }
        reader.reportUnknownKeys(log: &log)
        guard case .sequence(let items, _) = list else {
            log.error(list.location, "'people' must be a list, each entry starting with '- surname: {ja: …, en: …}'", rule: "load.schema")
            return nil
        }
        var people: [NameTag] = []
        for item in items {
            if let person = loadPerson(item, languages: languages, log: &log) { people.append(person) }
        }
        return NameTags(people: people, path: path)
    }

    static func loadPerson(_ item: YAMLNode, languages: [String], log: inout DiagnosticLog) -> NameTag? {
        guard var reader = MappingReader(item, subject: "a name tag", at: item.location, log: &log) else { return nil }
        let before = log.all.count
        let surname = reader.localized("surname", languages: languages, log: &log)
        let reading = reader.string("reading", log: &log)
        let section = reader.localized("section", languages: languages, log: &log)
        let role = reader.localized("role", languages: languages, required: false, log: &log)
        for entry in reader.entries where !keys.contains(entry.key) {
            log.error(entry.keyLocation, unknownKeyMessage(entry.key), rule: personalKeys.contains(entry.key.lowercased()) ? "nametags.personal-data" : "nametags.unknown-key")
        }
        if let surname, let japanese = surname["ja"], japanese.contains(where: \.isWhitespace) {
            let at = surnameLocation(item, language: "ja") ?? item.location
            log.error(at, "'\(japanese)' has a space in it, as a full name has: a name tag shows the surname alone, so that no one can look a member of staff up and follow them outside work; write the surname only",
                      rule: "nametags.personal-data")
        }
        if let reading {
            if let problem = readingProblem(reading.value) {
                log.error(reading.location, problem, rule: "nametags.reading")
            }
        }
        guard log.all.count == before, let surname, let reading, let section else { return nil }
        return NameTag(surname: surname, reading: reading.value, section: section, role: role, location: item.location)
    }

    static func unknownKeyMessage(_ key: String) -> String {
        let why = "a name tag shows the surname, its reading, the section and the role, and nothing more, so that no one can look a member of staff up and follow or harass them outside work"
        if personalKeys.contains(key.lowercased()) {
            return "'\(key)' is not allowed on a name tag: \(why); remove the line (a name tag takes only 'surname', 'reading', 'section' and 'role')"
        }
        return "unknown key '\(key)' in a name tag: \(why); a name tag takes only 'surname', 'reading', 'section' and 'role'"
    }

    /// Nil when `reading` is kana only (hiragana or full-width katakana, with the long-vowel mark and the middle dot).
    static func readingProblem(_ reading: String) -> String? {
        if reading.unicodeScalars.contains(where: { (0xFF61...0xFF9F).contains($0.value) }) {
            return "the reading '\(reading)' has half-width katakana, which prints cramped and out of line: write it in hiragana or full-width katakana"
        }
        let kana = reading.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x3041...0x3096, 0x309D...0x309E, 0x30A1...0x30FA, 0x30FB...0x30FE: true
            default: false
            }
        }
        return kana ? nil : "the reading '\(reading)' must be the surname written in kana (hiragana or katakana), such as さとう; the English card takes its romaji from 'surname: {en: …}'"
    }

    private static func surnameLocation(_ item: YAMLNode, language: String) -> SourceLocation? {
        guard case .mapping(let entries, _) = item, let surname = entries.first(where: { $0.key == "surname" })?.value,
              case .mapping(let names, _) = surname else { return nil }
        return names.first { $0.key == language }?.value.location
    }
}
