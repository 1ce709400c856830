// libFuzzer: arbitrary bytes as what a client sends the preview, read in one piece and in small pieces.

import Foundation
import HarigamiServe

/// `HARIGAMI_FUZZ_ONLY=requests` leaves out the content pipeline, which is far slower per input.
let fuzzingRequestsOnly = ProcessInfo.processInfo.environment["HARIGAMI_FUZZ_ONLY"] == "requests"

/// A disagreement between the two readings is a bug of the reader: make libFuzzer keep the input.
func fuzzRequestHead(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
    let (outcome, consistent) = RequestExercise.heads(Array(UnsafeBufferPointer(start: bytes, count: count)))
    if !consistent { fatalError("the request heads read differently when cut into pieces: \(outcome)") }
}
