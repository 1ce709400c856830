// Translation structure: every translation of a page has the Japanese page's headings, lists, tables and blocks.
// A warning, like a stale translation: a Japanese edit that the translation has not caught up with yet must not
// stop the site from being published; CI's `check --strict` still refuses it. A lost `::: staff` block is an
// error: the staff-only text it held would be published in that language.

import HarigamiModel
import HarigamiMarkdown

enum TranslationStructureRules {
    /// The parts of a page a translation must keep: what a reader navigates by.
    enum Shape: Equatable {
        case heading(level: Int)
        case list(ordered: Bool, items: Int)
        case table(rows: Int, columns: Int)
        case container(String)
        case containerEnd(String)

        var description: String {
            switch self {
            case .heading(let level): "a level-\(level) heading (\(String(repeating: "#", count: level)))"
            case .list(let ordered, let items): "a \(ordered ? "numbered" : "bulleted") list of \(items) item\(items == 1 ? "" : "s")"
            case .table(let rows, let columns): "a table of \(rows) row\(rows == 1 ? "" : "s") and \(columns) column\(columns == 1 ? "" : "s")"
            case .container(let kind): "the start of a '::: \(kind)' block"
            case .containerEnd(let kind): "the end of a '::: \(kind)' block"
            }
        }
    }

    static func shapes(_ outline: [OutlineItem]) -> [(shape: Shape, location: SourceLocation)] {
        var open: [String] = []
        return outline.compactMap { item in
            switch item.kind {
            case .heading(let level, _): return (.heading(level: level), item.location)
            case .list(let ordered, let items): return (.list(ordered: ordered, items: items), item.location)
            case .table(let rows, let columns): return (.table(rows: rows, columns: columns), item.location)
            case .container(let kind):
                open.append(kind)
                return (.container(kind), item.location)
            case .containerEnd:
                return (.containerEnd(open.popLast() ?? ""), item.location)
            default: return nil
            }
        }
    }

    /// The first place the translation's structure departs from the source's; later ones usually follow from it.
    static func compare(_ translation: Document, with source: Document, context: CheckContext) -> Diagnostic? {
        let mine = shapes(context.rendered(translation).outline)
        let theirs = shapes(context.rendered(source).outline)
        if let lost = missingStaffBlock(translation, mine: mine, source: source, theirs: theirs) { return lost }
        if let emptied = emptiedStaffBlock(translation, source: source, context: context) { return emptied }
        if let announcement = AnnouncementRules.compare(translation, rendered: context.rendered(translation), source: source,
                                                        sourceRendered: context.rendered(source)) { return announcement }
        let advice = "a translation keeps the headings, lists, tables and ::: blocks of \(source.path)"
        for index in 0..<max(mine.count, theirs.count) {
            switch (index < mine.count ? mine[index] : nil, index < theirs.count ? theirs[index] : nil) {
            case let (here?, there?) where here.shape != there.shape:
                return .warning(here.location, "the structure differs from the \(source.language) page: here is \(here.shape.description) where \(there.location) has \(there.shape.description); \(advice)", rule: "translation.structure")
            case let (here?, nil):
                return .warning(here.location, "the structure differs from the \(source.language) page: here is \(here.shape.description), which \(source.path) does not have; \(advice)", rule: "translation.structure")
            case let (nil, there?):
                return .warning(ExampleSectionRules.endOfBody(translation), "the structure differs from the \(source.language) page: \(there.location) has \(there.shape.description), which this translation lacks; \(advice)", rule: "translation.structure")
            default:
                continue
            }
        }
        return nil
    }

    /// A translation of a public page that keeps a `::: staff` block but leaves it empty where the source's holds text:
    /// the text was most likely moved out of it, where it is published.
    static func emptiedStaffBlock(_ translation: Document, source: Document, context: CheckContext) -> Diagnostic? {
        guard translation.audience == .public else { return nil }
        let isEmpty = { (text: String) in text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint } }
        for (mine, theirs) in zip(context.rendered(translation).staffTexts, context.rendered(source).staffTexts) where isEmpty(mine.value) && !isEmpty(theirs.value) {
            return .error(mine.location, "this '::: staff' block is empty where the one at \(theirs.location) holds text: put the translation of that text between this line and its ':::', or it is published",
                          rule: "translation.staff-missing")
        }
        return nil
    }

    /// A translation of a public page with fewer `::: staff` blocks than its source, reported where the two
    /// structures part (where the lost block's text most likely is).
    static func missingStaffBlock(_ translation: Document, mine: [(shape: Shape, location: SourceLocation)], source: Document,
                                  theirs: [(shape: Shape, location: SourceLocation)]) -> Diagnostic? {
        guard translation.audience == .public else { return nil }
        let staff = Shape.container("staff")
        let sourceBlocks = theirs.filter { $0.shape == staff }
        let count = mine.filter { $0.shape == staff }.count
        guard count < sourceBlocks.count else { return nil }
        let lines = sourceBlocks.map { String($0.location.line) }.joined(separator: ", ")
        let parting = zip(mine, theirs).first { $0.0.shape != $0.1.shape }?.0.location ?? ExampleSectionRules.endOfBody(translation)
        return .error(parting, "this translation has \(count) '::: staff' block\(count == 1 ? "" : "s") where \(source.path) has \(sourceBlocks.count) (at line\(sourceBlocks.count == 1 ? "" : "s") \(lines)): put the translation of each between a line '::: staff' and a line ':::', or the staff-only text is published", rule: "translation.staff-missing")
    }
}
