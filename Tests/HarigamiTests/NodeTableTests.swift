// The tables the Markdown passes keep per node and per source run: they answer as a Dictionary would.

import Testing
@testable import Harigami
@testable import HarigamiMarkdown

@Suite("Markdown passes' tables")
struct NodeTableTests {
    @Test("a quick table answers as a Dictionary does, through growth and removals") func quickTableMatchesDictionary() {
        var table = QuickTable<Int, Int>()
        var expected: [Int: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<20_000 {
            // Keys spaced like node addresses, and some small ones, so that many land near each other.
            let key = Bool.random(using: &generator) ? Int.random(in: 0..<3_000, using: &generator) * 16 : Int.random(in: 0..<500, using: &generator)
            let value: Int? = step % 5 == 0 ? nil : step
            table[key] = value
            expected[key] = value
        }
        for key in Set(expected.keys).union(0..<500) {
            #expect(table[key] == expected[key], "key \(key)")
        }
    }

    @Test("two node tables on one tree each find their own value for every node") func twoNodeTables() {
        let tree = CmarkTree((1...200).map { "これは**重要。**です \($0)" }.joined(separator: "\n"))
        let nodes = tree.nodes()
        var first = NodeTable<Int>()
        var second = NodeTable<String>()
        for (index, node) in nodes.enumerated() {
            // The first table numbers every other node; the second finds those already numbered.
            if index.isMultiple(of: 2) { first[node] = index }
            second[node] = "node \(index)"
        }
        for (index, node) in nodes.enumerated() {
            #expect(first[node] == (index.isMultiple(of: 2) ? index : nil))
            #expect(second[node] == "node \(index)")
        }
        first[nodes[0]] = nil
        second[nodes[0]] = nil
        #expect(first[nodes[0]] == nil)
        #expect(second[nodes[0]] == nil)
        #expect(second[nodes[2]] == "node 2")
    }
}
