// A hash table for the Markdown passes' many small keys: tree nodes and places in the source. Swift's Dictionary
// hashes every key with a seeded SipHash; on a paragraph of a quarter of a million nodes that hashing was the
// largest single cost of the Japanese passes. These keys are told apart well enough by one multiplication.


/// A key of a `QuickTable`.
protocol QuickHashable: Equatable {
    /// Bits that tell keys apart; the table mixes them.
    var quickHash: UInt64 { get }
}

/// A map from keys to values, with open addressing and linear probing. Setting a key's value to nil makes it absent
/// (its slot is kept, so other keys are still found).
struct QuickTable<Key: QuickHashable, Value> {
    private var keys: [Key?]
    private var values: [Value?]
    /// Slots holding a key.
    private var used = 0
    /// The table has 2^(64 - shift) slots; a key's first slot is the top bits of its mixed hash.
    private var shift: UInt64

    init() {
        keys = Array(repeating: nil, count: 16)
        values = Array(repeating: nil, count: 16)
        shift = 60
    }

    subscript(key: Key) -> Value? {
        get {
            let (index, found) = slot(of: key)
            return found ? values[index] : nil
        }
        set {
            var (index, found) = slot(of: key)
            if !found {
                guard newValue != nil else { return }
                // At most half full, so runs of occupied slots stay short.
                if (used + 1) * 2 > keys.count {
                    grow()
                    index = slot(of: key).index
                }
                keys[index] = key
                used += 1
            }
            values[index] = newValue
        }
    }

    /// Where `key` is, or the empty slot where it would go.
    private func slot(of key: Key) -> (index: Int, found: Bool) {
        let mask = keys.count - 1
        // Fibonacci hashing: the top bits of the product depend on every bit of the key.
        var index = Int(truncatingIfNeeded: (key.quickHash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while let candidate = keys[index] {
            if candidate == key { return (index, true) }
            index = (index + 1) & mask
        }
        return (index, false)
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        used = 0
        for (key, value) in zip(oldKeys, oldValues) {
            guard let key, let value else { continue }
            let index = slot(of: key).index
            keys[index] = key
            values[index] = value
            used += 1
        }
    }
}

extension MarkdownNode: QuickHashable {
    var quickHash: UInt64 { address }
}

extension SourceRun: QuickHashable {
    var quickHash: UInt64 {
        let prime: UInt64 = 0x100_0000_01B3
        var hash = UInt64(truncatingIfNeeded: line)
        hash = hash &* prime ^ UInt64(truncatingIfNeeded: start)
        hash = hash &* prime ^ UInt64(truncatingIfNeeded: length)
        return hash &* prime ^ UInt64(character)
    }
}

extension Int: QuickHashable {
    var quickHash: UInt64 { UInt64(truncatingIfNeeded: self) }
}

/// Values for the nodes of a tree, found through a number the table writes into each node it numbers first, so a
/// lookup reads the node it is given rather than hashing it into a large table. A node already numbered by another
/// table goes into a `QuickTable` instead.
struct NodeTable<Value> {
    private var nodes: [MarkdownNode] = []
    private var values: [Value?] = []
    private var others = QuickTable<MarkdownNode, Value>()

    subscript(node: MarkdownNode) -> Value? {
        get {
            if let index = index(of: node) { return values[index] }
            return others[node]
        }
        set {
            if let index = index(of: node) {
                values[index] = newValue
            } else if node.tableNumber == 0 {
                guard newValue != nil else { return }
                nodes.append(node)
                values.append(newValue)
                node.tableNumber = nodes.count
            } else {
                others[node] = newValue
            }
        }
    }

    /// Where this table keeps `node`, if it numbered it.
    private func index(of node: MarkdownNode) -> Int? {
        let number = node.tableNumber
        guard number > 0, number <= nodes.count, nodes[number - 1] == node else { return nil }
        return number - 1
    }
}
