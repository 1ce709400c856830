// The output folder held open and locked for one build: its entries looked at without following links, and
// the renames that swap a new folder in, in one step where the system can.

import Foundation

/// A system call that failed: what was attempted, and the system's reason.
struct SystemCallError: Error, CustomStringConvertible {
    var action: String
    var code: Int32
    var description: String { "\(action): \(String(cString: strerror(code)))" }
}

/// What is at a name inside the output folder, seen without following a link.
enum OutputEntry: Equatable {
    case missing
    case folder(FolderIdentity)
    case link(destination: String)
    case other
}

/// A folder's device and inode: the same numbers mean the same folder, whatever its name now.
struct FolderIdentity: Codable, Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
}

/// The output folder, open for the length of one build's writing and locked against every other build.
final class OutputFolder {
    let path: String
    let descriptor: Int32
    /// False where the system can swap folders in one step but the tests want what other systems do.
    var swapsInOneStep = true

    /// Opens `path` (created when missing; a link to a folder is followed) and takes its lock, calling
    /// `waiting` first when another build holds it.
    init(path: String, waiting: () -> Void) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let real = OutputFolders.resolved(path)
        descriptor = try Self.openLocked(real, waiting: waiting)
        self.path = real
    }

    private static func openLocked(_ path: String, waiting: () -> Void) throws -> Int32 {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemCallError(action: "cannot open \(path)", code: errno) }
        var waited = false
        while flock(descriptor, LOCK_EX | (waited ? 0 : LOCK_NB)) != 0 {
            let code = errno
            if code == EWOULDBLOCK, !waited {
                waiting()
                waited = true
            } else if code != EINTR {
                close(descriptor)
                throw SystemCallError(action: "cannot lock \(path)", code: code)
            }
        }
        return descriptor
    }

    deinit { close(descriptor) } // closing releases the lock

    func entry(_ name: String) throws -> OutputEntry {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return .missing }
            throw SystemCallError(action: "cannot look at \(path)/\(name)", code: errno)
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder(FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)))
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlinkat(descriptor, name, &buffer, buffer.count - 1)
            guard count >= 0 else { throw SystemCallError(action: "cannot read the link \(path)/\(name)", code: errno) }
            return .link(destination: String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        default: return .other
        }
    }

    /// The device and inode of the regular file `name`; nil when there is none (nothing, a folder, a link).
    func fileIdentity(_ name: String) throws -> FolderIdentity? {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw SystemCallError(action: "cannot look at \(path)/\(name)", code: errno)
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        return FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// The generation number the file system gave the inode of the folder (or regular file) `name` (Linux's
    /// FS_IOC_GETVERSION); nil where it keeps none (tmpfs, other systems), where `name` is a link, or where it
    /// cannot be opened: then the folder is known by device and inode alone.
    func generation(_ name: String) -> UInt32? {
        #if os(Linux)
        // Without blocking: opening a named pipe someone put there would otherwise wait for a writer.
        let folder = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        defer { close(folder) }
        var value: UInt64 = 0
        // _IOR('v', 1, long): the kernel writes an int.
        let getVersion: UInt = 0x8008_7601
        guard ioctl(folder, getVersion, &value) == 0 else { return nil }
        return UInt32(truncatingIfNeeded: value)
        #else
        return nil
        #endif
    }

    /// The names in the folder, `.` and `..` left out.
    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path)
    }

    /// Removes `name`: a folder with everything in it, links inside it removed, never followed; a link itself.
    func remove(_ name: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + name)
    }

    func makeLink(_ name: String, to destination: String) throws {
        guard symlinkat(destination, descriptor, name) == 0 else {
            throw SystemCallError(action: "cannot create the link \(path)/\(name)", code: errno)
        }
    }

    /// Renames `from` to `to`, replacing what `to` names (a file or a link; an empty folder).
    func rename(_ from: String, to: String) throws {
        guard renameat(descriptor, from, descriptor, to) == 0 else {
            throw SystemCallError(action: "cannot rename \(path)/\(from) to \(to)", code: errno)
        }
    }

    /// Swaps `first` and `second` in one step: false when the system or the file system cannot.
    func exchange(_ first: String, _ second: String) throws -> Bool {
        try renameAtomically(first, second, flags: Self.renameExchange)
    }

    /// Renames `from` to `to` only if `to` does not exist, in one step: false when the system cannot.
    func renameIfAbsent(_ from: String, to: String) throws -> Bool {
        try renameAtomically(from, to, flags: Self.renameNoReplace)
    }

    /// Makes the renames done in the folder last across a power cut.
    func sync() throws {
        guard fsync(descriptor) == 0 else { throw SystemCallError(action: "cannot sync \(path)", code: errno) }
    }

    /// Writes `data` to `name` whole or not at all: a temporary file (`temporary`, else `name.tmp`), synced, then
    /// renamed over `name`. `beforeRename` is given the temporary file's name, to record it before it takes `name`.
    func writeAtomically(_ data: Data, to name: String, through temporary: String? = nil,
                         beforeRename: (String) throws -> Void = { _ in }) throws {
        let temporary = temporary ?? name + ".tmp"
        try writeStaged(data, as: temporary)
        do {
            try beforeRename(temporary)
            try rename(temporary, to: name)
        } catch {
            unlinkat(descriptor, temporary, 0)
            throw error
        }
        try sync()
    }

    // Linux's renameat2 flags; the C library declares the function only for GNU sources, so it is looked up.
    static let renameNoReplace: UInt32 = 1
    static let renameExchange: UInt32 = 2

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    private static let renameat2Function: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// Writes `data` to a new file `temporary`, on the disk when this returns (a file that could not be written
    /// whole is deleted): the first half of `writeAtomically`, for a file renamed into place later.
    func writeStaged(_ data: Data, as temporary: String) throws {
        let file = openat(descriptor, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard file >= 0 else { throw SystemCallError(action: "cannot create \(path)/\(temporary)", code: errno) }
        // In pieces: one call writes at most about 2 GiB, and a signal can end it early.
        let writeError: Int32 = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(file, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return written < 0 ? errno : EIO }
                offset += written
            }
            return 0
        }
        let syncError = writeError == 0 && fsync(file) != 0 ? errno : 0
        close(file)
        if writeError != 0 || syncError != 0 {
            unlinkat(descriptor, temporary, 0)
            throw SystemCallError(action: "cannot write \(path)/\(temporary)", code: writeError != 0 ? writeError : syncError)
        }
    }

    private func renameAtomically(_ from: String, _ to: String, flags: UInt32) throws -> Bool {
        guard swapsInOneStep, let function = Self.renameat2Function else { return false }
        if function(descriptor, from, descriptor, to, flags) == 0 { return true }
        // EINVAL: a file system without the flag (some network and FUSE file systems); ENOSYS: an older kernel.
        if errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP { return false }
        throw SystemCallError(action: "cannot rename \(path)/\(from) to \(to)", code: errno)
    }
}
