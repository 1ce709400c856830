// Content/nametags.yml, typed: the people whose surname-only name tags the staff build prints.

/// One member of staff's name tag. It has no given name and no photo by design: a tag that shows only the surname,
/// the section and the role keeps the person from being looked up and followed outside work.
public struct NameTag: Sendable, Hashable {
    /// Per language: `ja` 佐藤, `en` Sato.
    public var surname: Localized<String>
    /// The surname's reading in kana, so a visitor can say it.
    public var reading: String
    public var section: Localized<String>
    public var role: Localized<String>?
    /// Where the entry starts in nametags.yml.
    public var location: SourceLocation

    package init(surname: Localized<String>, reading: String, section: Localized<String>, role: Localized<String>?, location: SourceLocation) {
        self.surname = surname
        self.reading = reading
        self.section = section
        self.role = role
        self.location = location
    }
}

/// The people of nametags.yml, in the file's order (the order their cards print in).
public struct NameTags: Sendable, Hashable {
    public static let fileName = "nametags.yml"
    public var people: [NameTag]
    public var path: String

    package init(people: [NameTag], path: String) {
        self.people = people
        self.path = path
    }
}
