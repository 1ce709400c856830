// One answer of the preview, and its bytes on the wire (HTTP/1.1).

import Foundation
import HarigamiModel

public struct PreviewResponse: Sendable {
    public enum Status: Int, Sendable {
        case ok = 200
        case found = 302
        case badRequest = 400
        case notFound = 404
        case methodNotAllowed = 405
        case requestTimeout = 408
        case uriTooLong = 414
        case misdirectedRequest = 421
        case requestHeaderFieldsTooLarge = 431
        case internalServerError = 500
        case httpVersionNotSupported = 505

        var reason: String {
            switch self {
            case .ok: "OK"
            case .found: "Found"
            case .badRequest: "Bad Request"
            case .notFound: "Not Found"
            case .methodNotAllowed: "Method Not Allowed"
            case .requestTimeout: "Request Timeout"
            case .uriTooLong: "URI Too Long"
            case .misdirectedRequest: "Misdirected Request"
            case .requestHeaderFieldsTooLarge: "Request Header Fields Too Large"
            case .internalServerError: "Internal Server Error"
            case .httpVersionNotSupported: "HTTP Version Not Supported"
            }
        }
    }

    public enum Body: Sendable {
        /// The whole body; empty for HEAD (whose `Content-Length` is still the GET body's).
        case bytes(Data)
        /// An event stream: sent as it comes, until it ends or the client goes; the connection closes after it.
        case events(AsyncStream<Data>)
    }

    public var status: Status
    /// In the order sent; names as written.
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Status, headers: [(name: String, value: String)], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// A short plain-text answer that ends the connection: for requests the preview refuses.
    static func refusal(_ status: Status, _ text: String) -> PreviewResponse {
        let body = Data((text + "\n").utf8)
        return PreviewResponse(status: status, headers: [
            ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", String(body.count)),
            ("Cache-Control", "no-store"), ("Connection", "close"),
        ], body: .bytes(body))
    }

    /// The status line and headers; `closing` adds `Connection: close` when the response does not already say it.
    func head(closing: Bool) -> Data {
        var text = "HTTP/1.1 \(status.rawValue) \(status.reason)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if closing, header("Connection") == nil { text += "Connection: close\r\n" }
        return Data((text + "\r\n").utf8)
    }
}
