// How the site writes a date (site.yml `dates`): Western, in the Japanese era (和暦), or both.

/// site.yml `dates`: how Japanese pages write the dates they show. Pages in other languages always write them the
/// Western way, and `<time datetime>` is always the ISO date.
public enum DateStyle: String, Sendable, Hashable, CaseIterable {
    /// As written in the content: `2026-10-01`.
    case western
    /// `令和8年10月1日`.
    case japaneseEra = "japanese-era"
    /// `令和8年（2026年）10月1日`.
    case both

    /// `isoDate` (`YYYY-MM-DD`) as a page in `language` shows it. A date the era table cannot place (before the
    /// Gregorian calendar came to Japan, or not a day of the calendar) is shown as written rather than guessed.
    public func display(_ isoDate: String, language: String) -> String {
        guard self != .western, language == "ja", let date = CalendarDate(iso: isoDate),
              let era = JapaneseEra.containing(date) else { return isoDate }
        let year = era.yearName(of: date)
        switch self {
        case .western: return isoDate
        case .japaneseEra: return "\(year)\(date.month)月\(date.day)日"
        case .both: return "\(year)（\(date.year)年）\(date.month)月\(date.day)日"
        }
    }
}

/// A day of the Gregorian calendar.
public struct CalendarDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// `2026-10-01`; nil for anything else, or a day the calendar does not have (`2026-02-30`).
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// The Japanese eras since the Gregorian calendar, written out here rather than taken from Foundation's Japanese
/// calendar: its era data and its first year (元年 or 1年) depend on the ICU the system was built with.
public struct JapaneseEra: Sendable, Hashable {
    public var name: String
    /// The first day of the era.
    public var start: CalendarDate
    /// Each era from its first day. Meiji starts here on 1873-01-01 (明治6年), when Japan took the Gregorian calendar:
    /// an earlier Gregorian date was a different day of the old calendar, so it has no 明治 date to write. An era begins
    /// on the day of the accession (大正 on 1912-07-30, 昭和 on 1926-12-25), except 平成 (1989-01-08, the day after)
    /// and 令和 (2019-05-01).
    public static let table: [JapaneseEra] = [
        JapaneseEra(name: "明治", start: CalendarDate(year: 1873, month: 1, day: 1)!, firstYearOfEra: 1868),
        JapaneseEra(name: "大正", start: CalendarDate(year: 1912, month: 7, day: 30)!),
        JapaneseEra(name: "昭和", start: CalendarDate(year: 1926, month: 12, day: 25)!),
        JapaneseEra(name: "平成", start: CalendarDate(year: 1989, month: 1, day: 8)!),
        JapaneseEra(name: "令和", start: CalendarDate(year: 2019, month: 5, day: 1)!),
    ]

    /// The Western year that is the era's first (元年): 1868 for 明治, whose first days the table leaves out.
    private var countedFrom: Int

    init(name: String, start: CalendarDate, firstYearOfEra: Int? = nil) {
        self.name = name
        self.start = start
        countedFrom = firstYearOfEra ?? start.year
    }

    /// The era `date` falls in; nil before the table's first day.
    public static func containing(_ date: CalendarDate) -> JapaneseEra? {
        table.last { $0.start <= date }
    }

    /// `令和8年`, and `令和元年` for the era's first year.
    public func yearName(of date: CalendarDate) -> String {
        let year = date.year - countedFrom + 1
        return year == 1 ? "\(name)元年" : "\(name)\(year)年"
    }
}
