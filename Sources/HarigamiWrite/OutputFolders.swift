// Where a build reads and writes, resolved through symbolic links, and the refusal of an output folder that
// overlaps the content or the templates: a build replaces folders inside its output folder, so an overlap
// would move or delete the sources it builds from.

import Foundation

public enum OutputFolders {
    /// `path` made absolute with every symbolic link resolved. A part that does not exist yet cannot be a link,
    /// so whatever follows the longest existing start of the path is added to it as written (`..` removes a part).
    public static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for existing in stride(from: parts.count, through: 0, by: -1) {
            guard let real = realPath("/" + parts[..<existing].joined(separator: "/")) else { continue }
            var result = real.split(separator: "/").map(String.init)
            for part in parts[existing...] {
                switch part {
                case ".": continue
                case "..": if !result.isEmpty { result.removeLast() }
                default: result.append(part)
                }
            }
            return "/" + result.joined(separator: "/")
        }
        return absolute
    }

    /// A sentence saying how `output` overlaps one of `inputs` (role, path as given), or nil when it overlaps none.
    public static func overlap(output: String, inputs: [(role: String, path: String)]) -> String? {
        let realOutput = resolved(output)
        for (role, path) in inputs {
            let realInput = resolved(path)
            // Where a link led somewhere else, the message says where.
            let through = { (given: String, real: String) in URL(fileURLWithPath: given).standardizedFileURL.path == real ? "" : " (\(real))" }
            let outputName = "the output folder \(output)\(through(output, realOutput))"
            let inputName = "the \(role) folder \(path)\(through(path, realInput))"
            let advice = "a build replaces the folders inside its output folder, so it would move or delete the \(role) it builds from; "
                + "choose an --output folder that is neither inside the \(role) folder nor holds it (the default is Output)"
            if realOutput == realInput {
                return "\(outputName) is \(inputName): \(advice)"
            }
            if contains(realInput, realOutput) {
                return "\(outputName) is inside \(inputName): \(advice)"
            }
            if contains(realOutput, realInput) {
                return "\(inputName) is inside \(outputName): \(advice)"
            }
        }
        return nil
    }

    /// True when `folder` lies inside `container` (both resolved).
    static func contains(_ container: String, _ folder: String) -> Bool {
        container == "/" ? folder != "/" : folder.hasPrefix(container + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
