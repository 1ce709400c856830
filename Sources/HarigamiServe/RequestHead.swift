// The head of an HTTP/1.1 request (request line and header fields), read from a connection's bytes with
// fixed limits and in time linear in what arrives, however it is cut into reads.

import Foundation

/// A parsed request head. Header names are lowercased; values have their surrounding blanks removed.
public struct RequestHead: Equatable, Sendable {
    public var method: String
    /// The request target as sent, still percent-encoded (`/ja/faq/?q=1`).
    public var target: String
    /// `HTTP/1.0` or `HTTP/1.1`.
    public var version: String
    public var headers: [(name: String, value: String)]

    public init(method: String, target: String, version: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    public static func == (a: RequestHead, b: RequestHead) -> Bool {
        a.method == b.method && a.target == b.target && a.version == b.version
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// Every value of the header `name` (lowercase), in order.
    public func values(of name: String) -> [String] {
        headers.filter { $0.name == name }.map(\.value)
    }

    /// The path part of the target, before `?` or `#`.
    public var path: String {
        String(target.prefix { $0 != "?" && $0 != "#" })
    }

    /// Whether the request carries a body this server does not read (so the connection cannot be reused).
    public var hasBody: Bool {
        !values(of: "transfer-encoding").isEmpty || values(of: "content-length").contains { $0 != "0" }
    }

    /// HTTP/1.1 keeps the connection unless the client says `close`; HTTP/1.0 closes it unless told otherwise.
    public var keepsConnection: Bool {
        let tokens = values(of: "connection").flatMap { $0.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return version == "HTTP/1.1" ? !tokens.contains("close") : tokens.contains("keep-alive")
    }
}

/// Why a request head is refused; each maps to one status code.
public enum RequestHeadProblem: Error, Equatable, Sendable {
    /// 414: the request line is longer than `RequestHeadReader.requestLineLimit`.
    case requestLineTooLong
    /// 431: the header fields together are longer than `RequestHeadReader.headerLimit`.
    case headerFieldsTooLarge
    /// 505: a version other than HTTP/1.0 or HTTP/1.1.
    case versionNotSupported
    /// 400, with the reason shown to the client.
    case malformed(String)
}

/// Collects a connection's bytes until a whole request head has arrived, then hands it out; bytes after
/// it (a pipelined request) stay for the next call. Each byte is looked at once, and the buffer never holds
/// more than the limits plus one read, so neither a huge nor a slow request costs more than its size.
public struct RequestHeadReader: Sendable {
    public static let requestLineLimit = 8 * 1024
    public static let headerLimit = 32 * 1024

    /// The preview's limits are the static ones; the fuzz target uses small ones to reach the edges often.
    let requestLineLimit: Int
    let headerLimit: Int

    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already looked at.
    private var scanned = 0
    /// Where the line being scanned starts.
    private var lineStart = 0
    /// Where the request line starts (after blank lines sent before it) and where it ends (its LF). The buffer
    /// starts with the head being read, so the request line limit counts from 0, blank lines before it included.
    private var requestLineStart = 0
    private var requestLineEnd: Int?

    public init(requestLineLimit: Int = Self.requestLineLimit, headerLimit: Int = Self.headerLimit) {
        self.requestLineLimit = requestLineLimit
        self.headerLimit = headerLimit
    }

    /// Whether some bytes of a next request have arrived (a client cut off now was in the middle of one).
    public var hasPartialRequest: Bool { !buffer.isEmpty }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next whole head, nil while more bytes are needed, or the problem that ends the connection.
    public mutating func nextHead() throws(RequestHeadProblem) -> RequestHead? {
        while scanned < buffer.count {
            let byte = buffer[scanned]
            scanned += 1
            guard byte == UInt8(ascii: "\n") else { continue }
            let lineEnd = scanned - 1
            let contentEnd = lineEnd > lineStart && buffer[lineEnd - 1] == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd
            let isEmpty = contentEnd == lineStart
            defer { lineStart = scanned }
            guard let requestLineEnd else {
                // Empty lines before the request line are ignored (RFC 9112 §2.2), within the same limit.
                guard lineEnd <= requestLineLimit else { throw .requestLineTooLong }
                if isEmpty { requestLineStart = scanned } else { self.requestLineEnd = lineEnd }
                continue
            }
            guard isEmpty else { continue }
            let head = buffer[requestLineStart..<scanned]
            let fieldsStart = requestLineEnd + 1
            guard lineStart - fieldsStart <= headerLimit else { throw .headerFieldsTooLarge }
            let parsed = try Self.parse(head)
            buffer.removeFirst(scanned)
            scanned = 0
            lineStart = 0
            requestLineStart = 0
            self.requestLineEnd = nil
            // `defer` sets lineStart from `scanned`, which is now 0: the next head starts at the front.
            return parsed
        }
        // Checked on what has come so far as on a whole head, so that the answer never depends on how the bytes
        // were cut: the line end (CRLF) still to come may take the fields 2 bytes over before the empty line.
        if let requestLineEnd {
            guard scanned - (requestLineEnd + 1) <= headerLimit + 2 else { throw .headerFieldsTooLarge }
        } else {
            guard scanned <= requestLineLimit else { throw .requestLineTooLong }
        }
        return nil
    }

    /// Parses one whole head: the request line, then header fields, each line ending in LF or CRLF.
    static func parse(_ head: ArraySlice<UInt8>) throws(RequestHeadProblem) -> RequestHead {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        for index in head.indices where head[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, head[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(head[start..<end])
            start = index + 1
        }
        // The last line is the empty one that ends the head.
        lines.removeLast()
        let requestLine = lines.removeFirst()
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("the request line must be: method, target, version, separated by single spaces") }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else { throw .malformed("the method is not a token") }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed("the target must be printable ASCII without spaces (percent-encode the rest)")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.wholeMatch(of: /HTTP\/[0-9]\.[0-9]/) != nil else { throw .malformed("the request line does not end in an HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw .versionNotSupported }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw .malformed("a header line has no colon") }
            let name = line[line.startIndex..<colon]
            // A name followed by a blank, or a line starting with one (obsolete folding), is refused (RFC 9112 §5.1, §5.2).
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformed("a header name is empty or holds characters other than letters, digits and !#$%&'*+-.^_`|~") }
            var value = line[(colon + 1)...]
            while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
            while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { throw .malformed("a header value holds a control character") }
            headers.append((String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
        }
        return RequestHead(method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
                           version: version, headers: headers)
    }

    /// RFC 9110 §5.6.2 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
