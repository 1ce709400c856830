// Site settings from site.yml: languages, base URL, names, contact, required example sections.

/// A value given once per language, e.g. the site title in `ja` and `en`.
public struct Localized<Value: Sendable & Hashable>: Sendable, Hashable {
    public var values: [String: Value]

    public init(_ values: [String: Value]) { self.values = values }

    public subscript(language: String) -> Value? { values[language] }
}

public struct Contact: Sendable, Hashable {
    public var department: Localized<String>
    public var phone: String
    public var email: String
    public var hours: Localized<String>

    package init(department: Localized<String>, phone: String, email: String, hours: Localized<String>) {
        self.department = department
        self.phone = phone
        self.email = email
        self.hours = hours
    }
}

/// One required `##` section of a response example, e.g. the sample wording.
public struct ExampleSection: Sendable, Hashable {
    public var id: String
    public var headings: Localized<String>
    /// The section must quote what staff say, as block quotes.
    public var requiresWording: Bool
    public var location: SourceLocation

    package init(id: String, headings: Localized<String>, requiresWording: Bool, location: SourceLocation) {
        self.id = id
        self.headings = headings
        self.requiresWording = requiresWording
        self.location = location
    }
}

public struct Site: Sendable, Hashable {
    /// Language codes in order; the first is the default.
    public var languages: [String]
    /// Absolute, ends with `/`.
    public var baseURL: String
    public var allowHTML: Bool
    public var title: Localized<String>
    public var organisation: Localized<String>
    /// How the text refers to the organisation (`self`: 本区 / the Ward); the organisation's name when not given.
    public var selfName: Localized<String>
    public var description: Localized<String>
    public var contact: Contact
    public var exampleSections: [ExampleSection]
    public var location: SourceLocation
    public var prose = ProseSettings()
    /// How Japanese pages write dates (`dates`).
    public var dates = DateStyle.western
    /// The day the accessibility policy was adopted (`accessibility-policy-date`, `YYYY-MM-DD`), shown on its page.
    public var accessibilityPolicyDate: String?

    public var defaultLanguage: String { languages[0] }

    package init(languages: [String], baseURL: String, allowHTML: Bool, title: Localized<String>, organisation: Localized<String>, selfName: Localized<String>, description: Localized<String>, contact: Contact, exampleSections: [ExampleSection], location: SourceLocation, prose: ProseSettings = ProseSettings()) {
        self.prose = prose
        self.languages = languages
        self.baseURL = baseURL
        self.allowHTML = allowHTML
        self.title = title
        self.organisation = organisation
        self.selfName = selfName
        self.description = description
        self.contact = contact
        self.exampleSections = exampleSections
        self.location = location
    }
}

/// How strict the prose checks are (site.yml `prose`).
public struct ProseSettings: Sendable, Hashable {
    /// A Japanese sentence longer than this many characters is reported.
    public var maxSentenceLength: Int

    public init(maxSentenceLength: Int = 100) {
        self.maxSentenceLength = maxSentenceLength
    }
}

public struct CategoryText: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var posterLabel: String
    /// Typical signs and what to do, for the categories table (`{{categories.table}}`); empty when not given.
    public var signs = ""
    public var response = ""
    /// A translation's `source-hash`: the version of the default language's wording it was made from.
    public var sourceHash: Located<String>?

    package init(name: String, summary: String, posterLabel: String, signs: String = "", response: String = "", sourceHash: Located<String>?) {
        self.signs = signs
        self.response = response
        self.name = name
        self.summary = summary
        self.posterLabel = posterLabel
        self.sourceHash = sourceHash
    }
}

/// One category of customer harassment, e.g. `time-binding` (時間拘束型).
public struct Category: Sendable, Hashable {
    public var id: String
    /// Per language; a language may be missing (the check reports it).
    public var texts: [String: CategoryText]
    public var location: SourceLocation

    package init(id: String, texts: [String: CategoryText], location: SourceLocation) {
        self.id = id
        self.texts = texts
        self.location = location
    }
}
