// Options every command shares, and how problems reach the terminal.

import ArgumentParser
import Foundation
import Harigami
import HarigamiModel

struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    @Option(name: .long, help: "The templates folder.")
    var templates: String = "Templates"
}

enum Exit {
    static let contentErrors = ExitCode(ExitStatus.contentErrors.rawValue)
    static let io = ExitCode(ExitStatus.io.rawValue)
}

enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes each piece to its stream, in order, then ends with the output's exit status.
    static func finish(_ output: CommandOutput) throws {
        for piece in output.pieces {
            let handle = piece.stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
            handle.write(Data(piece.text.utf8))
        }
        if output.status != .success { throw ExitCode(output.status.rawValue) }
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sortedForReport() { printError(diagnostic.description) }
    }
}
