// The site's categories in one shared box: every page's variables hold the same one.

/// Two pages of one build compare their variables at once (the same box), and the preview compares a new build's
/// list with the last one once per build, not once per page (which cost seconds at 10,000 pages of 500 categories).
public final class CategoryList: Sendable, Hashable {
    public let categories: [Category]
    /// Where each id first appears in `categories`: every example page looks its category up, and a search through
    /// the list for each grew with the site twice over.
    private let positions: [String: Int]

    public init(_ categories: [Category]) {
        self.categories = categories
        positions = Dictionary(categories.enumerated().map { ($1.id, $0) }) { first, _ in first }
    }

    /// The first category with `id`, as `categories.first { $0.id == id }` finds it.
    public func category(id: some StringProtocol) -> Category? {
        positions[String(id)].map { categories[$0] }
    }

    public static func == (lhs: CategoryList, rhs: CategoryList) -> Bool {
        lhs === rhs || lhs.categories == rhs.categories
    }

    /// The count alone: lists that are equal have the same, and hashing every category of every page cost more.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(categories.count)
    }
}
