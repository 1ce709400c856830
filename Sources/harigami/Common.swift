// Options every command shares, and how problems reach the terminal.

import ArgumentParser
import Foundation
import Harigami
import HarigamiModel
import HarigamiLoad
import HarigamiCheck
import HarigamiRender
import HarigamiWrite
import HarigamiAuthoring

struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "Content"

    @Option(name: .long, help: "The templates folder.")
    var templates: String = "Templates"
}

/// Exit codes: 0 ok, 1 content errors (nothing written), 2 usage or I/O.
enum Exit {
    static let contentErrors = ExitCode(1)
    static let io = ExitCode(2)
}

enum Terminal {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sortedForReport() { printError(diagnostic.description) }
    }
}
