// Work spread over the processor's cores, with results in the order of the input: output never depends on timing.

import Dispatch

extension Array where Element: Sendable {
    /// `transform` applied to every element on all cores; element `i` of the result is `transform(self[i])`.
    /// `transform` must not share mutable state between elements.
    func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, so no two threads touch the same memory.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = transform(self[index])
            }
        }
        return results.map { $0! }
    }
}
