// Work spread over the processor's cores, with results in the order of the input: output never depends on timing.

import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `transform` applied to every element on all cores; element `i` of the result is `transform(self[i])`.
    /// `transform` must not share mutable state between elements.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        // Elements go out in runs, a few per core and turn: handing out ten thousand elements one by one
        // costs more than a page whose results are remembered takes to look up.
        let runs = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 8)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slots, so no two threads touch the same memory.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                for index in (count * run / runs)..<(count * (run + 1) / runs) {
                    slots[index] = transform(self[index])
                }
            }
        }
        return results.map { $0! }
    }
}
