// Arbitrary bytes made into the shapes that stress the Markdown passes: one very long line, and nesting as deep as
// the text is long. The fuzzer's target runs this beside `Exercise.page`; the saved inputs are replayed too.

import Foundation
import HarigamiModel
import HarigamiMarkdown

extension Exercise {
    /// How much text one shape may grow to: thousands of levels deep, small enough to leave the fuzzer (whose
    /// sanitizers make every pass slow) time for other inputs.
    static let shapeSize = 8_000
    /// Longer inputs are pages already, not the pattern of one: they are left to `page`.
    static let longestPattern = 512

    /// Cuts `data` (UTF-8, up to `longestPattern` bytes) into three parts, an opening, a middle and a closing,
    /// and renders as Japanese, with the prose checks on, the opening repeated then the middle then the closing
    /// repeated (nesting), and the whole input repeated on one line. Returns the number of diagnostics, so
    /// callers can see the passes ran.
    @discardableResult
    public static func markdownShapes(_ data: Data) -> Int {
        guard data.count <= longestPattern, let text = String(validating: data, as: UTF8.self), !text.isEmpty else { return 0 }
        let scalars = Array(text.unicodeScalars)
        let third = max(1, scalars.count / 3)
        func part(_ range: Range<Int>) -> String {
            String(String.UnicodeScalarView(scalars[min(range.lowerBound, scalars.count)..<min(range.upperBound, scalars.count)]))
        }
        let (opening, middle, closing) = (part(0..<third), part(third..<(2 * third)), part((2 * third)..<scalars.count))
        let depth = shapeSize / max(1, opening.utf8.count + closing.utf8.count)
        let nested = String(repeating: opening, count: depth) + middle + String(repeating: closing, count: depth)
        let line = String(repeating: text.replacingOccurrences(of: "\n", with: " "), count: shapeSize / text.utf8.count)
        var diagnostics = 0
        for shape in [nested, line] {
            var settings = MarkdownSettings(language: "ja")
            settings.prose = ProseSettings()
            let rendered = MarkdownPipeline(settings: settings).render(shape)
            diagnostics += rendered.diagnostics.count + (rendered.prose?.diagnostics.count ?? 0)
        }
        return diagnostics
    }
}
