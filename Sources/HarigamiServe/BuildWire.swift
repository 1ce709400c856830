// The build process's side of the preview: one reply per request line, framed on a pipe.
//
// A request is the line `build`. A reply is, with every number an unsigned 64-bit little-endian integer:
//
//     length, header (JSON: diagnostics, pages per language, which files follow, removed paths)
//     then for each file: path length, path (UTF-8), byte count, bytes
//
// File bytes travel raw, one file after another, and are read straight into their own buffers: a site of
// ten thousand pages is never copied whole, encoded or held twice on either side. After the first reply
// with files, a reply carries only the files that changed since the previous one and the paths that went.

import Foundation
import Harigami
import HarigamiModel

/// What precedes the files of a reply.
struct BuildReplyHeader: Codable, Equatable {
    enum Files: String, Codable {
        /// The build has errors: no files, and the next files are changes to the previous ones.
        case none
        /// Every file of the build.
        case all
        /// The files that differ from the previous reply's, and `removed`.
        case changes
    }

    var files: Files
    var count: Int
    var removed: [String]
    /// Nil: the same as the previous reply's. A large site's warnings are thousands, and encoding and decoding them
    /// again on every save, mostly unchanged, was a twentieth of the preview's time from a save to the page.
    var diagnostics: [Diagnostic]?
    var pagesPerLanguage: [String: Int]
}

enum WireError: Error, Equatable, CustomStringConvertible {
    /// The other side closed the pipe (at a reply's start, `midReply` false).
    case ended(midReply: Bool)
    case system(String, Int32)
    case malformed(String)

    var description: String {
        switch self {
        case .ended(let midReply): midReply ? "the reply broke off" : "the pipe was closed"
        case .system(let call, let number): "\(call) failed: \(String(cString: strerror(number)))"
        case .malformed(let detail): detail
        }
    }
}

/// Collects small pieces (lengths, paths, small files) into one write; large files go out directly.
struct FrameWriter {
    let descriptor: Int32
    private var pending: [UInt8] = []
    private static let capacity = 64 * 1024

    init(descriptor: Int32) {
        self.descriptor = descriptor
        pending.reserveCapacity(Self.capacity)
    }

    mutating func append(_ number: Int) throws(WireError) {
        withUnsafeBytes(of: UInt64(number).littleEndian) { pending.append(contentsOf: $0) }
        if pending.count >= Self.capacity { try flush() }
    }

    mutating func append(_ bytes: Data) throws(WireError) {
        if bytes.count > Self.capacity / 4 {
            try flush()
            if let error = bytes.withUnsafeBytes({ Self.write($0, to: descriptor) }) { throw error }
        } else {
            pending.append(contentsOf: bytes)
            if pending.count >= Self.capacity { try flush() }
        }
    }

    mutating func flush() throws(WireError) {
        guard !pending.isEmpty else { return }
        if let error = pending.withUnsafeBytes({ Self.write($0, to: descriptor) }) { throw error }
        pending.removeAll(keepingCapacity: true)
    }

    /// Nil once every byte is written.
    private static func write(_ raw: UnsafeRawBufferPointer, to descriptor: Int32) -> WireError? {
        var offset = 0
        while offset < raw.count {
            let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno == EPIPE ? .ended(midReply: offset > 0) : .system("write", errno)
            }
            offset += written
        }
        return nil
    }
}

/// Reads lengths and paths from a buffer, and each file's bytes into a buffer of its own.
struct FrameReader {
    let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var start = 0
    private var end = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A length, refused above `limit`: a garbled reply must not make this side allocate without bound.
    mutating func length(limit: Int, midReply: Bool = true) throws(WireError) -> Int {
        let bytes = try read(8, midReply: midReply)
        let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard value <= UInt64(limit) else { throw .malformed("a length of \(value) bytes is more than the \(limit) allowed") }
        return Int(value)
    }

    mutating func read(_ count: Int, midReply: Bool = true) throws(WireError) -> Data {
        var data = Data(count: count)
        var filled = min(end - start, count)
        data.withUnsafeMutableBytes { target in
            buffer.withUnsafeBytes { source in
                if filled > 0 { target.baseAddress!.copyMemory(from: source.baseAddress! + start, byteCount: filled) }
            }
        }
        start += filled
        while filled < count {
            let midReply = midReply || filled > 0
            if count - filled >= buffer.count {
                // A large remainder goes straight into the file's own buffer.
                let offset = filled
                let got = data.withUnsafeMutableBytes { Self.read(descriptor, into: $0.baseAddress! + offset, count: count - offset, midReply: midReply) }
                filled += try got.get()
            } else {
                try refill(midReply: midReply)
                let taken = min(end - start, count - filled)
                let offset = filled
                data.withUnsafeMutableBytes { target in
                    buffer.withUnsafeBytes { source in
                        (target.baseAddress! + offset).copyMemory(from: source.baseAddress! + start, byteCount: taken)
                    }
                }
                start += taken
                filled += taken
            }
        }
        return data
    }

    private mutating func refill(midReply: Bool) throws(WireError) {
        let descriptor = descriptor
        let got = buffer.withUnsafeMutableBytes { Self.read(descriptor, into: $0.baseAddress!, count: $0.count, midReply: midReply) }
        start = 0
        end = try got.get()
    }

    private static func read(_ descriptor: Int32, into target: UnsafeMutableRawPointer, count: Int, midReply: Bool) -> Result<Int, WireError> {
        while true {
            let got = Foundation.read(descriptor, target, count)
            if got > 0 { return .success(got) }
            if got == 0 { return .failure(.ended(midReply: midReply)) }
            if errno == EINTR { continue }
            return .failure(.system("read", errno))
        }
    }
}

/// The build process's loop: a `BuildMemory` kept from request to request, and the files last sent, so
/// each reply after the first carries only what changed.
public struct PreviewWorker {
    private let builder: PreviewBuilder
    private var sent: [String: Data]?
    private var sentDiagnostics: [Diagnostic]?

    public init(options: BuildOptions) {
        builder = PreviewBuilder(options: options)
    }

    /// Answers each `build` line read from `requests` until it ends, or until `replies` is closed.
    public mutating func run(requests: Int32, replies: Int32) throws {
        var writer = FrameWriter(descriptor: replies)
        while let request = try Self.readLine(from: requests) {
            guard request == "build" else { throw WireError.malformed("unknown request \(request.debugDescription)") }
            do {
                try reply(to: builder.build(), writer: &writer)
            } catch .ended {
                return
            }
        }
    }

    mutating func reply(to build: PreviewBuild, writer: inout FrameWriter) throws(WireError) {
        let diagnostics = build.diagnostics == sentDiagnostics ? nil : build.diagnostics
        var header = BuildReplyHeader(files: .none, count: 0, removed: [], diagnostics: diagnostics, pagesPerLanguage: build.pagesPerLanguage)
        var paths: [String] = []
        if let files = build.files {
            if let sent {
                paths = files.compactMap { path, bytes in sent[path].map { PreviewSite.sameBytes($0, bytes) } == true ? nil : path }
                header.removed = sent.keys.filter { files[$0] == nil }.sorted()
                header.files = .changes
            } else {
                paths = Array(files.keys)
                header.files = .all
            }
            header.count = paths.count
        }
        let encoded: Data
        do {
            encoded = try JSONEncoder().encode(header)
        } catch {
            throw .malformed("the reply's header could not be encoded: \(error)")
        }
        try writer.append(encoded.count)
        try writer.append(encoded)
        if let files = build.files {
            for path in paths {
                let name = Data(path.utf8)
                try writer.append(name.count)
                try writer.append(name)
                try writer.append(files[path]!.count)
                try writer.append(files[path]!)
            }
            sent = files
        }
        sentDiagnostics = build.diagnostics
        try writer.flush()
    }

    /// One line without its newline; nil at the end of input.
    static func readLine(from descriptor: Int32) throws(WireError) -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let got = Foundation.read(descriptor, &byte, 1)
            if got == 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .system("read", errno)
            }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            guard line.count < 1024 else { throw .malformed("a request line longer than 1 KiB") }
            line.append(byte)
        }
    }
}

/// The serving side of one build process's pipe: turns replies back into builds.
struct BuildReplyReader {
    private var reader: FrameReader
    /// The files of this process's previous reply with files: what its `changes` apply to.
    private var files: [String: Data]?
    /// The diagnostics of this process's previous reply: what a reply without them repeats.
    private var diagnostics: [Diagnostic]?

    init(descriptor: Int32) {
        reader = FrameReader(descriptor: descriptor)
    }

    /// The next reply; `.ended(midReply: false)` when the pipe closed before it began.
    mutating func next() throws(WireError) -> (files: [String: Data]?, diagnostics: [Diagnostic], pagesPerLanguage: [String: Int]) {
        let size = try reader.length(limit: 1 << 30, midReply: false)
        let header: BuildReplyHeader
        do {
            header = try JSONDecoder().decode(BuildReplyHeader.self, from: reader.read(size))
        } catch let error as WireError {
            throw error
        } catch {
            throw .malformed("the reply's header is not what was expected: \(error)")
        }
        guard let diagnostics = header.diagnostics ?? diagnostics else { throw .malformed("a reply without diagnostics came before any with them") }
        self.diagnostics = diagnostics
        guard header.files != .none else { return (nil, diagnostics, header.pagesPerLanguage) }
        var next: [String: Data]
        switch header.files {
        case .none, .all:
            next = [:]
            next.reserveCapacity(header.count)
        case .changes:
            guard let files else { throw .malformed("a reply of changes came before any files") }
            next = files
            for path in header.removed { next[path] = nil }
        }
        for _ in 0..<header.count {
            let pathLength = try reader.length(limit: 64 * 1024)
            let path = String(decoding: try reader.read(pathLength), as: UTF8.self)
            let byteCount = try reader.length(limit: 1 << 34)
            next[path] = try reader.read(byteCount)
        }
        files = next
        return (next, diagnostics, header.pagesPerLanguage)
    }
}
