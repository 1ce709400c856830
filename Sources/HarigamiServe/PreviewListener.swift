// The preview's HTTP/1.1 server on a listening socket: accepts connections (and keeps accepting when the
// process runs out of descriptors), reads each request head within limits of size and time, refuses what is
// too big, too slow or addressed to another host, and writes the answers.

import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much and how long the preview waits for its clients.
public struct ConnectionLimits: Sendable {
    /// A request head must arrive whole within this time, counted from when the server starts waiting for it
    /// (for a kept connection, from the end of the previous answer).
    public var headerTimeout: Duration = .seconds(10)
    /// A client must take each answer (each event of an event stream) within this time.
    public var writeTimeout: Duration = .seconds(30)
    /// After a refusal, what the client still sends is read and dropped for at most this long before the
    /// connection closes, so the refusal reaches it instead of being lost to a reset.
    public var lingerTime: Duration = .seconds(2)
    /// The pause before accepting again when accepting fails (no descriptors left).
    public var acceptRetryDelay: Duration = .milliseconds(250)

    public init() {}
}

/// Accepting connections stopped working, or works again: reported once per episode.
public enum AcceptTrouble: Sendable, Equatable {
    case failing(reason: String)
    case recovered
}

struct PreviewListener: Sendable {
    let socket: Socket
    let pool: any AsyncSocketPool
    let limits: ConnectionLimits
    let hostCheck: HostCheck
    /// Where the preview is, for the refusal of a foreign `Host`.
    let url: String
    let handler: @Sendable (RequestHead) async -> PreviewResponse
    let report: @Sendable (AcceptTrouble) -> Void

    /// Runs until cancelled; each connection is served in its own task.
    func run() async throws {
        let listening = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            group.addTask { await acceptConnections(on: listening) }
            // Either ends only when cancelled, or when the pool fails; then the other goes too.
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func acceptConnections(on listening: AsyncSocket) async {
        await withDiscardingTaskGroup { group in
            var failing = false
            while !Task.isCancelled {
                do {
                    // The episode ends once every connection that waited meanwhile has been taken.
                    let connection = try await accept(on: listening) {
                        if failing {
                            failing = false
                            report(.recovered)
                        }
                    }
                    group.addTask { await serve(connection) }
                } catch is CancellationError {
                    return
                } catch SocketError.failed(_, let number, _) where [ECONNABORTED, EINTR, EPROTO].contains(number) {
                    // The client gave up before it was accepted: nothing is wrong here.
                    continue
                } catch {
                    // Out of descriptors (EMFILE, ENFILE) or memory: the waiting connections stay queued; try again
                    // shortly, as other connections close.
                    if !failing {
                        failing = true
                        report(.failing(reason: Self.describe(error)))
                    }
                    do { try await Task.sleep(for: limits.acceptRetryDelay) } catch { return }
                }
            }
        }
    }

    /// Accepts one connection, trying before waiting so that connections queued while accepting failed are
    /// taken; `idle` runs when none is waiting.
    private func accept(on listening: AsyncSocket, idle: () -> Void) async throws -> AsyncSocket {
        while true {
            try Task.checkCancellation()
            let file: Socket.FileDescriptor
            do {
                file = try listening.socket.accept().file
            } catch SocketError.blocked {
                idle()
                try await pool.suspendSocket(listening.socket, untilReadyFor: .connection)
                continue
            }
            let connection = Socket(file: file)
            do {
                return try AsyncSocket(socket: connection, pool: pool)
            } catch {
                try? connection.close()
                throw error
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        guard case SocketError.failed(_, let number, let message)? = error as? SocketError else { return error.localizedDescription }
        if number == EMFILE || number == ENFILE {
            return "\(message.lowercased()) (the limit is `ulimit -n`); waiting connections are answered as others close"
        }
        return message.lowercased()
    }

    // MARK: One connection

    private enum Arrival {
        case head(RequestHead)
        case refused(RequestHeadProblem)
        case timedOut
        case closed
    }

    private func serve(_ connection: AsyncSocket) async {
        // Closing can only fail for a descriptor that is already gone: nothing is left to do then.
        defer { try? connection.close() }
        var reader = RequestHeadReader()
        while !Task.isCancelled {
            switch await nextHead(&reader, from: connection) {
            case .closed:
                return
            case .timedOut:
                // A client idle between requests is simply let go; one cut off mid-request is told why.
                if reader.hasPartialRequest {
                    let seconds = limits.headerTimeout.components.seconds
                    await refuse(.refusal(.requestTimeout, "The request did not arrive whole within \(seconds) seconds."), on: connection)
                }
                return
            case .refused(let problem):
                await refuse(Self.refusal(for: problem), on: connection)
                return
            case .head(let head):
                let response = await answer(head)
                if case .events(let events) = response.body {
                    await stream(response, events: events, on: connection)
                    return
                }
                let closing = !head.keepsConnection || head.hasBody || response.header("Connection") == "close"
                guard case .bytes(let body) = response.body,
                      await write(response.head(closing: closing) + body, on: connection) else { return }
                if closing {
                    if head.hasBody { await linger(on: connection) }
                    return
                }
            }
        }
    }

    /// The answer to a complete head: refused unless it names this server in one `Host` header.
    private func answer(_ head: RequestHead) async -> PreviewResponse {
        let hosts = head.values(of: "host")
        guard hosts.count == 1 else {
            return .refusal(.badRequest, "A request must name the server in exactly one Host header.")
        }
        guard hostCheck.allows(hosts[0]) else {
            return .refusal(.misdirectedRequest, "This preview answers only requests addressed to it, such as \(url); the Host header named \(hosts[0]).")
        }
        return await handler(head)
    }

    static func refusal(for problem: RequestHeadProblem) -> PreviewResponse {
        switch problem {
        case .requestLineTooLong:
            .refusal(.uriTooLong, "The request line is longer than \(RequestHeadReader.requestLineLimit) bytes.")
        case .headerFieldsTooLarge:
            .refusal(.requestHeaderFieldsTooLarge, "The request's header fields are longer than \(RequestHeadReader.headerLimit) bytes in all.")
        case .versionNotSupported:
            .refusal(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are answered.")
        case .malformed(let reason):
            .refusal(.badRequest, "Bad request: \(reason).")
        }
    }

    private func nextHead(_ reader: inout RequestHeadReader, from connection: AsyncSocket) async -> Arrival {
        let deadline = ContinuousClock.now + limits.headerTimeout
        while true {
            do {
                if let head = try reader.nextHead() { return .head(head) }
            } catch {
                return .refused(error)
            }
            switch await Self.before(deadline, { try await connection.read(atMost: 4096) }) {
            case .finished(.success(let bytes)): reader.append(bytes)
            case .finished(.failure): return .closed
            case .late: return .timedOut
            }
        }
    }

    private func stream(_ response: PreviewResponse, events: AsyncStream<Data>, on connection: AsyncSocket) async {
        guard await write(response.head(closing: true), on: connection) else { return }
        for await event in events {
            guard await write(event, on: connection) else { return }
        }
    }

    /// Sends a refusal, stops sending, and drops what the client still sends for a little while.
    private func refuse(_ response: PreviewResponse, on connection: AsyncSocket) async {
        guard case .bytes(let body) = response.body, await write(response.head(closing: true) + body, on: connection) else { return }
        await linger(on: connection)
    }

    private func linger(on connection: AsyncSocket) async {
        _ = shutdown(connection.socket.file.rawValue, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + limits.lingerTime
        while case .finished(.success) = await Self.before(deadline, { try await connection.read(atMost: 4096) }) {}
    }

    /// Whether the client took all of `data` within the write timeout.
    private func write(_ data: Data, on connection: AsyncSocket) async -> Bool {
        if case .finished(.success) = await Self.before(.now + limits.writeTimeout, { try await connection.write(data) }) { return true }
        return false
    }

    private enum Timed<T: Sendable>: Sendable {
        case finished(Result<T, any Error>)
        case late
    }

    /// Runs `work` until `deadline`, cancelling it if it is not done by then.
    private static func before<T: Sendable>(_ deadline: ContinuousClock.Instant, _ work: @escaping @Sendable () async throws -> T) async -> Timed<T> {
        await withTaskGroup(of: Timed<T>.self) { group in
            group.addTask {
                do { return .finished(.success(try await work())) } catch { return .finished(.failure(error)) }
            }
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                    return .late
                } catch {
                    return .finished(.failure(error))
                }
            }
            defer { group.cancelAll() }
            return await group.next() ?? .late
        }
    }
}
