// The results of an automated accessibility test run (`build --accessibility-results FILE`), and how they meet the site.

/// What the acceptance run (`Scripts/acceptance/site.py --results`) found on each page of the public site.
public struct AccessibilityResults: Sendable, Hashable {
    /// The `format` every results file names, and the one `version` of it this Harigami reads.
    public static let format = "harigami-accessibility-results"
    public static let version = 1

    public struct Tool: Sendable, Hashable {
        public var name: String
        public var version: String

        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    /// One page of the site as tested: `path` relative to the site's folder (`ja/guideline/index.html`).
    public struct Page: Sendable, Hashable {
        public var path: String
        public var passed: Bool
        /// The tools' findings on the page (0 when it passed).
        public var findings: Int
        /// The WCAG success criteria the tools checked on this page (`1.1.1`), and those of them they found failed.
        public var criteria: [String]
        public var failedCriteria: [String]
        /// Where the page's entry is written in the results file.
        public var location: SourceLocation

        public init(path: String, passed: Bool, findings: Int, criteria: [String], failedCriteria: [String], location: SourceLocation) {
            self.path = path
            self.passed = passed
            self.findings = findings
            self.criteria = criteria
            self.failedCriteria = failedCriteria
            self.location = location
        }
    }

    /// The results file, as the person building named it.
    public var file: String
    /// The day of the test run.
    public var date: String
    public var tools: [Tool]
    public var pages: [Page]
    /// Where the list of pages starts, for problems about pages the list lacks.
    public var pagesLocation: SourceLocation

    public init(file: String, date: String, tools: [Tool], pages: [Page], pagesLocation: SourceLocation) {
        self.file = file
        self.date = date
        self.tools = tools
        self.pages = pages
        self.pagesLocation = pagesLocation
    }

    /// One row of the results table: a page the site has, with what the run found on it (nil: not tested).
    public struct Row: Sendable, Hashable {
        public var path: String
        public var result: Page?
    }

    /// The site's pages (`sitePages`, paths relative to the site's folder) against the results, in the site's order.
    /// A careful publisher lists only pages the site has, so a page the results name that the site no longer has is
    /// left out, and a page of the site the run did not see is listed as not tested; each of both is a warning, so
    /// that the test run is repeated. `warn: false` (the staff build, whose extra pages the public results cannot
    /// cover) lists only the tested pages it has, without warnings.
    public func rows(for sitePages: [String], warn: Bool = true) -> (rows: [Row], problems: [Diagnostic]) {
        var byPath: [String: Page] = [:]
        for page in pages where byPath[page.path] == nil { byPath[page.path] = page }
        let site = Set(sitePages)
        var problems: [Diagnostic] = []
        var rows: [Row] = []
        for path in sitePages {
            if let page = byPath[path] {
                rows.append(Row(path: path, result: page))
            } else if warn {
                rows.append(Row(path: path, result: nil))
                problems.append(.warning(pagesLocation, "the site's page \(path) is not in these results (it is new since the test run, or the run left it out): "
                                         + "the accessibility page lists it as not tested; run the acceptance test again to test it", rule: "accessibility.not-tested"))
            }
        }
        if warn {
            for page in pages where !site.contains(page.path) {
                problems.append(.warning(page.location, "the results name \(page.path), which the site no longer has: the accessibility page leaves it out; "
                                         + "run the acceptance test again for results of the site as it is", rule: "accessibility.stale-page"))
            }
        }
        return (rows, problems)
    }

    public enum Level: String, Sendable, Hashable {
        case a = "A"
        case aa = "AA"
    }

    /// The success criteria of JIS X 8341-3:2016 (identical to WCAG 2.0) at levels A and AA, in order: the policy's
    /// target, so the page says of each whether the automated tools checked it.
    public static let targetCriteria: [(number: String, level: Level)] = [
        ("1.1.1", .a), ("1.2.1", .a), ("1.2.2", .a), ("1.2.3", .a), ("1.2.4", .aa), ("1.2.5", .aa),
        ("1.3.1", .a), ("1.3.2", .a), ("1.3.3", .a), ("1.4.1", .a), ("1.4.2", .a), ("1.4.3", .aa), ("1.4.4", .aa), ("1.4.5", .aa),
        ("2.1.1", .a), ("2.1.2", .a), ("2.2.1", .a), ("2.2.2", .a), ("2.3.1", .a),
        ("2.4.1", .a), ("2.4.2", .a), ("2.4.3", .a), ("2.4.4", .a), ("2.4.5", .aa), ("2.4.6", .aa), ("2.4.7", .aa),
        ("3.1.1", .a), ("3.1.2", .aa), ("3.2.1", .a), ("3.2.2", .a), ("3.2.3", .aa), ("3.2.4", .aa),
        ("3.3.1", .a), ("3.3.2", .a), ("3.3.3", .aa), ("3.3.4", .aa),
        ("4.1.1", .a), ("4.1.2", .a),
    ]

    /// `1.4.10` before `1.4.3` would be text order; criteria sort by their numbers.
    public static func criterionOrder(_ a: String, _ b: String) -> Bool {
        let numbers = { (text: String) in text.split(separator: ".").map { Int($0) ?? 0 } }
        return numbers(a).lexicographicallyPrecedes(numbers(b))
    }
}
