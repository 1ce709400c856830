// Arbitrary bytes through the preview's request reading, for the fuzz target and its saved regressions.

import Foundation

public enum RequestExercise {
    /// What reading produced: each head's method and target, or the problem that ended the connection.
    public typealias Outcome = [String]

    /// Reads `bytes` as a connection's input twice, in one piece and in pieces of a size taken from the first
    /// byte, resolving each head's path and checking its Host as the server does. The two readings must agree
    /// (`consistent`); the caller decides what a disagreement means. `limits` (request line, header fields)
    /// are small by default, so that short inputs reach them.
    public static func heads(_ bytes: [UInt8], limits: (Int, Int) = (64, 256)) -> (outcome: Outcome, consistent: Bool) {
        let whole = read([bytes[...]], limits: limits)
        let size = Int(bytes.first ?? 0) % 13 + 1
        let pieces = stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
        return (whole, read(pieces, limits: limits) == whole)
    }

    static func read(_ pieces: [ArraySlice<UInt8>], limits: (Int, Int)) -> Outcome {
        let hosts = HostCheck(names: ["localhost", "127.0.0.1", "[::1]"], port: 8000)
        var reader = RequestHeadReader(requestLineLimit: limits.0, headerLimit: limits.1)
        var outcome: Outcome = []
        for piece in pieces {
            reader.append(piece)
            do {
                while let head = try reader.nextHead() {
                    let allowed = head.values(of: "host").map(hosts.allows)
                    outcome.append("\(head.method) \(head.target) \(RequestPath.resolve(head.path)) \(allowed) \(head.keepsConnection) \(head.hasBody)")
                }
            } catch {
                outcome.append("\(error)")
                return outcome
            }
        }
        return outcome
    }
}
