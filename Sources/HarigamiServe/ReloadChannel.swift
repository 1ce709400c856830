// The Server-Sent Events stream that tells open pages a new build is ready.

import Foundation

/// One message on the stream, in the `text/event-stream` format.
public struct ReloadEvent: Sendable, Equatable {
    public var name: String
    public var data: String

    /// Sent on connecting: a page served by an older build reloads at once.
    public static func build(_ id: String) -> ReloadEvent { ReloadEvent(name: "build", data: id) }

    /// A new build: `paths` are the files that differ from the previous one; `all` when the problems changed.
    public static func reload(build id: String, paths: [String], all: Bool) -> ReloadEvent {
        let list = paths.map(jsonString).joined(separator: ",")
        return ReloadEvent(name: "reload", data: "{\"all\":\(all),\"build\":\(jsonString(id)),\"paths\":[\(list)]}")
    }

    /// A JSON string literal; control characters are escaped, so the event stays on one line.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `data` never holds a line break here (ids and compact JSON), so one `data:` line carries it.
    public var wireFormat: Data { Data("event: \(name)\ndata: \(data)\n\n".utf8) }

    /// A comment line: keeps proxies from closing an idle stream and finds clients that went away.
    static let keepAlive = Data(": keep-alive\n\n".utf8)
}

/// Every open event stream. The preview server owns it, so a page that subscribes while a build is
/// being announced gets either that announcement or the new build id, never neither.
public struct ReloadChannel: Sendable {
    private var listeners: [UUID: AsyncStream<Data>.Continuation] = [:]
    private var isClosed = false

    public init() {}

    /// A new listener's stream, starting with the current build id. `ended` runs when the page goes away.
    public mutating func subscribe(currentBuild: String, ended: @escaping @Sendable (UUID) -> Void) -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(64))
        guard !isClosed else {
            continuation.finish()
            return stream
        }
        let id = UUID()
        continuation.onTermination = { _ in ended(id) }
        continuation.yield(ReloadEvent.build(currentBuild).wireFormat)
        listeners[id] = continuation
        return stream
    }

    public mutating func send(_ event: ReloadEvent) {
        broadcast(event.wireFormat)
    }

    public mutating func sendKeepAlive() {
        broadcast(ReloadEvent.keepAlive)
    }

    public mutating func remove(_ id: UUID) {
        listeners[id] = nil
    }

    /// Ends every stream, so the server can stop without waiting for open pages.
    public mutating func close() {
        isClosed = true
        let ending = listeners.values
        listeners = [:]
        for continuation in ending { continuation.finish() }
    }

    private mutating func broadcast(_ data: Data) {
        for (id, continuation) in listeners {
            if case .terminated = continuation.yield(data) { listeners[id] = nil }
        }
    }
}
