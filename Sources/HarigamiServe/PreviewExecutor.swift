// The preview's connections run on a queue of their own, not on the threads every task shares.

import Dispatch

/// With two cores there are two shared threads; a build (or, in the tests, many builds at once) can hold
/// both for seconds. The preview's listener, connections and answers run here instead, so it keeps answering.
final class PreviewExecutor: TaskExecutor {
    static let shared = PreviewExecutor(label: "harigami.preview.connections")
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
