// Which `Host` headers the preview answers: only names of the address it listens on, so a web page whose
// own name was pointed at this computer (DNS rebinding) cannot read the preview, staff pages included.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct HostCheck: Sendable {
    /// Lowercased names and addresses, IPv6 in brackets (`[::1]`), without the port.
    public var names: Set<String>
    public var port: UInt16
    /// Listening on every address (0.0.0.0 or ::): this computer's addresses at the time of the request count too.
    public var includesInterfaceAddresses: Bool

    public init(names: Set<String>, port: UInt16, includesInterfaceAddresses: Bool = false) {
        self.names = Set(names.map { $0.lowercased() })
        self.port = port
        self.includesInterfaceAddresses = includesInterfaceAddresses
    }

    /// The names of `address`: on loopback, `localhost`, `127.0.0.1` and `[::1]`; on a wildcard, those and this
    /// computer's name (`name` and `name.local`) and addresses; on any other address, it and this computer's name.
    init(listening address: ListenAddress, port: UInt16) {
        var names: Set<String> = [address.isIP6 ? "[\(Self.canonicalIP6(address.host) ?? address.host)]" : address.host]
        if address.isLoopback || address.isWildcard { names.formUnion(["localhost", "127.0.0.1", "[::1]"]) }
        if !address.isLoopback, let computer = Self.computerName() { names.formUnion([computer, computer + ".local"]) }
        self.init(names: names, port: port, includesInterfaceAddresses: address.isWildcard)
    }

    /// Whether `host`, a `Host` header's value (`name:port`, `[v6]:port`, or a name alone for port 80), names this server.
    public func allows(_ host: String) -> Bool {
        guard let (name, port) = Self.split(host.lowercased()), port == self.port else { return false }
        if names.contains(name) { return true }
        return includesInterfaceAddresses && Self.interfaceAddresses().contains(name)
    }

    /// Host and port, the port 80 when absent; nil when it is not of that form.
    static func split(_ host: String) -> (name: String, port: UInt16)? {
        var name = Substring(host), portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            name = host[...close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
            guard let canonical = canonicalIP6(String(name.dropFirst().dropLast())) else { return nil }
            name = Substring("[\(canonical)]")
        } else if let colon = host.lastIndex(of: ":") {
            name = host[..<colon]
            portText = host[host.index(after: colon)...]
            guard !name.contains(":") else { return nil }
        }
        guard !name.isEmpty else { return nil }
        guard let portText else { return (String(name), 80) }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let port = UInt16(portText) else { return nil }
        return (String(name), port)
    }

    /// `0:0:0:0:0:0:0:1` and `::1` are one address: compare the form inet_ntop writes.
    static func canonicalIP6(_ text: String) -> String? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).lowercased()
    }

    /// This computer's host name, lowercased.
    static func computerName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).lowercased()
        return name.isEmpty ? nil : name
    }

    /// Every IPv4 and IPv6 address of this computer's interfaces now, as a `Host` header writes them.
    static func interfaceAddresses() -> Set<String> {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var addresses: Set<String> = []
        var entry = list
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let socketAddress = current.pointee.ifa_addr else { continue }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            switch Int32(socketAddress.pointee.sa_family) {
            case AF_INET:
                var ip4 = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                guard inet_ntop(AF_INET, &ip4, &buffer, socklen_t(buffer.count)) != nil else { continue }
                addresses.insert(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            case AF_INET6:
                var ip6 = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                guard inet_ntop(AF_INET6, &ip6, &buffer, socklen_t(buffer.count)) != nil else { continue }
                addresses.insert("[\(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).lowercased())]")
            default:
                continue
            }
        }
        return addresses
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
