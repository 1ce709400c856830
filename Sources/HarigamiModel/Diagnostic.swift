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

/// Columns (in Unicode scalars) of byte offsets in one line, counted on from the last one asked for when the next
/// lies further along, so locating many things on a long line costs one pass over it.
public struct LineColumns {
    private let bytes: [UInt8]
    /// The byte last asked for, and its column.
    package private(set) var byte = 0
    private var column = 1

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Counting on from `byte`, whose column the caller knows (`SourceLines` finds it on a long line at once).
    package init(_ bytes: [UInt8], byte: Int, column: Int) {
        self.bytes = bytes
        self.byte = byte
        self.column = column
    }

    /// The 1-based column of byte `offset`.
    public mutating func column(ofByte offset: Int) -> Int {
        let target = max(0, min(offset, bytes.count))
        if target < byte { (byte, column) = (0, 1) }
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { column += 1 }
            byte += 1
        }
        return column
    }
}

extension Int {
    /// The number with thousands separated by commas, as messages write numbers (`100,000`).
    package var grouped: String {
        let digits = String(self)
        var result = ""
        for (position, digit) in digits.reversed().enumerated() {
            if position > 0, position % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return String(result.reversed())
    }
}
