// The address the preview listens on: an IP address from --host, loopback unless the user says otherwise.

import FlyingSocks
import Foundation

struct ListenAddress: Sendable {
    enum Family: Sendable {
        case ip4(sockaddr_in)
        case ip6(sockaddr_in6)
    }

    var host: String
    var family: Family
    var port: UInt16

    /// `localhost` is the loopback address; any other name is refused rather than resolved, so the
    /// preview never ends up on an interface the user did not name.
    init(host: String, port: UInt16) throws(ServeError) {
        var literal = host
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if literal == "localhost" { literal = "127.0.0.1" }
        self.port = port
        self.host = literal
        // inet_pton decides: an address it cannot read as IPv4 is tried as IPv6, then refused.
        do {
            family = .ip4(try sockaddr_in.inet(ip4: literal, port: port))
        } catch {
            do {
                family = .ip6(try sockaddr_in6.inet6(ip6: literal, port: port))
            } catch {
                throw .badHost(host)
            }
        }
    }

    var isIP6: Bool {
        if case .ip6 = family { return true }
        return false
    }

    var isLoopback: Bool {
        isIP6 ? host == "::1" || host == "0:0:0:0:0:0:0:1" : host.hasPrefix("127.")
    }

    var isWildcard: Bool { host == "0.0.0.0" || host == "::" }

    /// The address to open: a wildcard listens everywhere, this computer included.
    func url(port: UInt16) -> String {
        if isWildcard { return "http://127.0.0.1:\(port)/" }
        return isIP6 ? "http://[\(host)]:\(port)/" : "http://\(host):\(port)/"
    }

    /// A socket bound to this address and listening; the port chosen by the system when `port` is 0.
    func listen() throws(ServeError) -> (socket: Socket, port: UInt16) {
        do {
            let socket = try Socket(domain: isIP6 ? AF_INET6 : AF_INET)
            do {
                try socket.setValue(true, for: .localAddressReuse)
                switch family {
                case .ip4(let address): try socket.bind(to: address)
                case .ip6(let address): try socket.bind(to: address)
                }
                try socket.listen()
                switch try socket.sockname() {
                case .ip4(_, let port), .ip6(_, let port): return (socket, port)
                case .unix: throw SocketError.unsupportedAddress
                }
            } catch {
                try? socket.close()
                throw error
            }
        } catch {
            throw describe(error)
        }
    }

    /// A listening failure in words a user can act on.
    func describe(_ error: any Error) -> ServeError {
        let shown = isIP6 ? "[\(host)]" : host
        guard case SocketError.failed(_, let number, let message)? = error as? SocketError else {
            return .cannotListen(host: shown, port: port, reason: error.localizedDescription)
        }
        switch number {
        case EADDRINUSE: return .portInUse(host: shown, port: port)
        case EACCES: return .cannotListen(host: shown, port: port, reason: "permission denied (ports below 1024 need administrator rights; try --port 8000)")
        case EADDRNOTAVAIL: return .cannotListen(host: shown, port: port, reason: "this computer has no such address")
        default: return .cannotListen(host: shown, port: port, reason: message)
        }
    }
}
