// The staff handbook as one ZIP file to hand around: every file stored as it is (no compression), names in
// UTF-8, entries in byte order of their names and one fixed date, so the same build gives the same bytes.

import Foundation

public enum ZipArchive {
    public struct TooLarge: Error, CustomStringConvertible, Equatable {
        public var reason: String
        public var description: String { reason }
    }

    /// What a ZIP file without the ZIP64 extension can hold. 0xFFFF and 0xFFFFFFFF are left out: readers take
    /// them for "see the ZIP64 record", which this archive does not have.
    struct Limits {
        var entries = 0xFFFE
        var bytes: UInt64 = 0xFFFF_FFFE
    }

    /// A ZIP of `files` (relative path → bytes) and the folders that hold them (and the empty `folders`), every
    /// path put under `root` (`staff/index.html`), dated `date` (`YYYY-MM-DD`; 1 January 1980, the earliest date a
    /// ZIP can hold, when nil or outside 1980–2107).
    public static func make(_ files: [String: Data], folders extra: Set<String> = [], under root: String,
                            date: String?) throws(TooLarge) -> Data {
        try make(files, folders: extra, under: root, date: date, limits: Limits())
    }

    static func make(_ files: [String: Data], folders extra: Set<String>, under root: String, date: String?,
                     limits: Limits) throws(TooLarge) -> Data {
        var folders: Set<String> = [""]
        for path in files.keys.map({ ($0 as NSString).deletingLastPathComponent }) + extra {
            var folder = path
            while !folder.isEmpty, folders.insert(folder).inserted { folder = (folder as NSString).deletingLastPathComponent }
        }
        let prefix = root.isEmpty ? "" : root + "/"
        var entries = folders.map { Entry(name: Array((prefix + ($0.isEmpty ? "" : $0 + "/")).utf8), data: nil) }
            + files.map { Entry(name: Array((prefix + $0.key).utf8), data: $0.value) }
        entries.removeAll { $0.name.isEmpty }
        // By bytes, not by Swift's string order, which would put differently written equal names in any order.
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }

        guard entries.count <= limits.entries else {
            throw TooLarge(reason: "the archive would hold \(entries.count) files and folders; a ZIP file holds at most \(limits.entries)")
        }
        let size = entries.reduce(UInt64(endRecordSize)) { total, entry in
            total + UInt64(localHeaderSize + centralHeaderSize + 2 * entry.name.count + (entry.data?.count ?? 0))
        }
        guard size <= limits.bytes else {
            throw TooLarge(reason: "the archive would take \(size) bytes; a ZIP file holds at most \(limits.bytes) (4 GiB)")
        }
        if let long = entries.first(where: { $0.name.count > 0xFFFF }) {
            throw TooLarge(reason: "the name \(String(decoding: long.name, as: UTF8.self)) is longer than a ZIP file can hold (65,535 bytes)")
        }

        let (time, day) = dosDate(date)
        var archive = Data(capacity: Int(size))
        var central = Data(capacity: entries.reduce(0) { $0 + centralHeaderSize + $1.name.count })
        for entry in entries {
            let offset = UInt32(archive.count)
            let data = entry.data ?? Data()
            let checksum = crc32(data)
            // Shared by the local header and the central directory: version needed (2.0), flags (bit 11: the
            // name is UTF-8), method (0: stored), time, date, CRC-32, stored and full size, name length.
            var common = Data()
            common.append(littleEndian: UInt16(20))
            common.append(littleEndian: UInt16(0x0800))
            common.append(littleEndian: UInt16(0))
            common.append(littleEndian: time)
            common.append(littleEndian: day)
            common.append(littleEndian: checksum)
            common.append(littleEndian: UInt32(data.count))
            common.append(littleEndian: UInt32(data.count))
            common.append(littleEndian: UInt16(entry.name.count))

            archive.append(littleEndian: UInt32(0x0403_4B50))
            archive.append(common)
            archive.append(littleEndian: UInt16(0)) // extra field length
            archive.append(contentsOf: entry.name)
            archive.append(data)

            central.append(littleEndian: UInt32(0x0201_4B50))
            // Made by Unix (3), so that the external attributes hold the files' modes.
            central.append(littleEndian: UInt16(3 << 8 | 20))
            central.append(common)
            central.append(littleEndian: UInt16(0)) // extra field length
            central.append(littleEndian: UInt16(0)) // comment length
            central.append(littleEndian: UInt16(0)) // disk number
            central.append(littleEndian: UInt16(0)) // internal attributes
            // rw-r--r-- for a file; rwxr-xr-x and the MS-DOS folder bit for a folder.
            central.append(littleEndian: entry.data == nil ? UInt32(0o040755) << 16 | 0x10 : UInt32(0o100644) << 16)
            central.append(littleEndian: offset)
            central.append(contentsOf: entry.name)
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(littleEndian: UInt32(0x0605_4B50))
        archive.append(littleEndian: UInt16(0)) // this disk
        archive.append(littleEndian: UInt16(0)) // the disk where the central directory starts
        archive.append(littleEndian: UInt16(entries.count))
        archive.append(littleEndian: UInt16(entries.count))
        archive.append(littleEndian: UInt32(central.count))
        archive.append(littleEndian: centralOffset)
        archive.append(littleEndian: UInt16(0)) // comment length
        return archive
    }

    private struct Entry {
        var name: [UInt8]
        /// Nil for a folder.
        var data: Data?
    }

    private static let localHeaderSize = 30
    private static let centralHeaderSize = 46
    private static let endRecordSize = 22

    /// The MS-DOS time and date fields for midnight of `date` (`YYYY-MM-DD`).
    static func dosDate(_ date: String?) -> (time: UInt16, date: UInt16) {
        let earliest = (time: UInt16(0), date: UInt16(1 << 5 | 1))
        let parts = (date ?? "").split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1980...2107).contains(year), (1...12).contains(month), (1...31).contains(day) else { return earliest }
        return (0, UInt16((year - 1980) << 9 | month << 5 | day))
    }

    /// The CRC-32 of ZIP (and of gzip and PNG): reflected polynomial 0xEDB88320.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}

private extension Data {
    mutating func append<Value: FixedWidthInteger>(littleEndian value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
