// Where a problem is, how bad it is, and which rule found it.

/// A position in a content file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case warning
    case error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// One problem found in the content, phrased for the person who edits that file.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var rule: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, rule: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.rule = rule
    }

    public static func error(_ location: SourceLocation, _ message: String, rule: String) -> Diagnostic {
        Diagnostic(.error, location, message, rule: rule)
    }

    public static func warning(_ location: SourceLocation, _ message: String, rule: String) -> Diagnostic {
        Diagnostic(.warning, location, message, rule: rule)
    }

    /// `path:line:col: error: message [rule]`
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(rule)]"
    }
}

extension Array where Element == Diagnostic {
    /// Stable report order: path, line, column, then rule and message.
    public func sortedForReport() -> [Diagnostic] {
        sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.message < b.message
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// Collects diagnostics as the stages run, so one run reports every problem.
public struct DiagnosticLog: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func error(_ location: SourceLocation, _ message: String, rule: String) {
        all.append(.error(location, message, rule: rule))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String, rule: String) {
        all.append(.warning(location, message, rule: rule))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        all.append(contentsOf: other)
    }

    public var hasErrors: Bool { all.hasErrors }
}
