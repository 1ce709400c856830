// `build --pdf`: headless Chromium prints the build's posters to PDF (and photographs its signage pages), a few at a time.

import Foundation
import HarigamiModel

/// The Chromium executable `--pdf` prints with, found on PATH.
public struct Chromium: Sendable, Hashable {
    public var executable: String

    public init(executable: String) {
        self.executable = executable
    }

    /// Debian calls it `chromium`; other systems and older Ubuntu releases `chromium-browser`.
    public static let names = ["chromium", "chromium-browser"]

    /// What `build --pdf` says when there is none.
    public static let missing = "--pdf prints the posters with headless Chromium, but neither chromium nor chromium-browser is on PATH; "
        + "install the Debian package chromium (apt install chromium, or Scripts/setup --test); nothing was read or written"

    /// The first of `names` that is an executable file in a folder of `path` (a PATH value), folder by folder.
    public static func find(path: String?) -> Chromium? {
        Executables.find(names, path: path).map(Chromium.init(executable:))
    }
}

/// Programs looked up as a shell looks them up.
public enum Executables {
    /// The first of `names` that is an executable file (not a folder) in a folder of `path` (a PATH value), folder by
    /// folder, each folder for every name before the next.
    public static func find(_ names: [String], path: String?) -> String? {
        for folder in (path ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            for name in names {
                let candidate = "\(folder)/\(name)"
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate) {
                    return candidate
                }
            }
        }
        return nil
    }
}

/// A document Chromium did not print: its path in the site and what Chromium said.
public struct PrintFailure: Error, Sendable, Equatable {
    public var path: String
    public var message: String
    /// A signage page, which is photographed rather than printed.
    public var isScreen: Bool

    public init(path: String, message: String, isScreen: Bool = false) {
        self.path = path
        self.message = message
        self.isScreen = isScreen
    }
}

/// How a build prints: the documents of the built site `files` (path → bytes) to PDFs, and signage pages to PNGs, by
/// `PrintedDocument.outputPath`.
/// The build uses `chromium`; a test may pass its own.
public struct PDFPrinter: Sendable {
    public var print: @Sendable (_ documents: [PrintedDocument], _ files: [String: Data]) throws(PrintFailure) -> [String: Data]

    public init(print: @escaping @Sendable (_ documents: [PrintedDocument], _ files: [String: Data]) throws(PrintFailure) -> [String: Data]) {
        self.print = print
    }

    /// Each document printed by its own headless Chromium, `atOnce` at a time, each given `timeout` before it is
    /// stopped. The documents are self-contained (inline style sheets and QR codes), so only they are written to the
    /// temporary folder, which is removed afterwards whatever happened.
    public static func chromium(_ chromium: Chromium, timeout: Duration = .seconds(90), atOnce: Int = 2) -> PDFPrinter {
        PDFPrinter { documents, files throws(PrintFailure) in
            try ChromiumRun.printAll(documents, files: files, chromium: chromium, timeout: timeout, atOnce: atOnce)
        }
    }
}

/// Chromium dates each PDF with the moment it printed it; the build dates them all alike, so that two builds of the
/// same input give the same bytes.
enum PDFDates {
    /// `pdf` with the digits of its `/CreationDate (D:…)` and `/ModDate (D:…)` set to midnight UTC of `date`
    /// (`YYYY-MM-DD`; 1 January 1980, as the staff archive, when nil). The digits keep their number, so the PDF's
    /// table of byte offsets stays right.
    static func dated(_ pdf: Data, _ date: String?) -> Data {
        let digits = Array(((date ?? "1980-01-01").replacingOccurrences(of: "-", with: "") + "000000").utf8)
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            let marker = Array(key.utf8)
            var start = 0
            while let found = bytes[start...].firstRange(of: marker)?.lowerBound {
                let value = found + marker.count
                var end = value
                while end < bytes.count, end - value < digits.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
                // Only a full date of fourteen digits is replaced, so nothing else changes length or meaning.
                if end - value == digits.count { bytes.replaceSubrange(value..<end, with: digits) }
                start = end
            }
        }
        return Data(bytes)
    }
}

enum ChromiumRun {
    static func printAll(_ documents: [PrintedDocument], files: [String: Data], chromium: Chromium, timeout: Duration,
                         atOnce: Int) throws(PrintFailure) -> [String: Data] {
        guard !documents.isEmpty else { return [:] }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("harigami-pdf-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }  // Best effort: the PDFs are already read, or the build failed.
        do {
            for document in documents {
                guard let data = files[document.path] else {
                    throw PrintFailure(path: document.path, message: "the build made no such file to print")
                }
                let file = folder.appendingPathComponent("site/" + document.path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
        } catch let failure as PrintFailure {
            throw failure
        } catch {
            throw PrintFailure(path: documents[0].path, message: "the temporary folder to print from, \(folder.path), could not be written: \(error.localizedDescription)")
        }
        let results = Results(count: documents.count)
        let workers = max(1, min(atOnce, documents.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker its own profile folder: two Chromiums never share one.
            let profile = folder.appendingPathComponent("profile-\(worker)", isDirectory: true)
            while let index = results.next() {
                let document = documents[index]
                let html = folder.appendingPathComponent("site/" + document.path)
                let pdf = folder.appendingPathComponent("site/" + document.outputPath)
                results.set(index, printOne(html: html, to: pdf, document: document, chromium: chromium, profile: profile,
                                            log: folder.appendingPathComponent("chromium-\(index).log"), timeout: timeout))
            }
        }
        var printed: [String: Data] = [:]
        // The first failure in the documents' order, so the same failing input always names the same file.
        for (document, result) in zip(documents, results.all()) {
            switch result {
            case .success(let data): printed[document.outputPath] = data
            case .failure(let failure): throw failure
            case nil: throw PrintFailure(path: document.path, message: "not printed, because another document failed first")
            }
        }
        return printed
    }

    static func printOne(html: URL, to output: URL, document: PrintedDocument, chromium: Chromium, profile: URL, log: URL,
                         timeout: Duration) -> Result<Data, PrintFailure> {
        var arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"]
        let kind: (name: String, signature: [UInt8]), isScreen: Bool
        if case .screen(let width, let height) = document.sheets {
            arguments += ["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(output.path)"]
            (kind, isScreen) = (("PNG", [0x89, 0x50, 0x4E, 0x47]), true)
        } else {
            arguments += ["--no-pdf-header-footer", "--print-to-pdf=\(output.path)"]
            (kind, isScreen) = (("PDF", Array("%PDF".utf8)), false)
        }
        if let problem = run(chromium.executable, arguments: arguments + [html.absoluteString], log: log, timeout: timeout) {
            return .failure(PrintFailure(path: document.path, message: problem, isScreen: isScreen))
        }
        guard let data = FileManager.default.contents(atPath: output.path), data.starts(with: kind.signature) else {
            return .failure(PrintFailure(path: document.path, message: "Chromium wrote no \(kind.name): \(said(log))", isScreen: isScreen))
        }
        return .success(data)
    }

    /// Runs the executable with its output to `log`; nil when it exited with 0, else how it ended and the last lines it wrote.
    static func run(_ executable: String, arguments: [String], log: URL, timeout: Duration) -> String? {
        let output: FileHandle
        do {
            guard FileManager.default.createFile(atPath: log.path, contents: nil) else { return "its log \(log.path) could not be created" }
            output = try FileHandle(forWritingTo: log)
        } catch {
            return "its log \(log.path) could not be opened: \(error.localizedDescription)"
        }
        defer { try? output.close() }  // Closing a log only written to cannot lose anything the build needs.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return "\(executable) could not be started: \(error.localizedDescription)"
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if ended.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            // A Chromium that ignores SIGTERM is killed a few seconds later, so a build never hangs.
            if ended.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                ended.wait()
            }
            return "Chromium did not finish within \(Int(seconds)) s and was stopped; it said: \(said(log))"
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            return "Chromium \(how): \(said(log))"
        }
        return nil
    }

    /// The last few lines Chromium wrote, on one line.
    static func said(_ log: URL) -> String {
        guard let data = FileManager.default.contents(atPath: log.path) else { return "(its log could not be read)" }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.isEmpty ? "(nothing)" : lines.suffix(3).joined(separator: " / ")
    }

    /// The documents handed out one at a time, and what became of each; shared by the workers under a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<Data, PrintFailure>?]
        private var handedOut = 0
        private var failed = false

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        /// The next document to print; none after a failure, since the build will fail anyway.
        func next() -> Int? {
            lock.withLock {
                guard !failed, handedOut < slots.count else { return nil }
                handedOut += 1
                return handedOut - 1
            }
        }

        func set(_ index: Int, _ result: Result<Data, PrintFailure>) {
            lock.withLock {
                slots[index] = result
                if case .failure = result { failed = true }
            }
        }

        func all() -> [Result<Data, PrintFailure>?] { lock.withLock { slots } }
    }
}
