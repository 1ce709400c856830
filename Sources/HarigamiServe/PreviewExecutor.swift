// The preview runs its connections, and its watcher and builds, on queues of their own, not on the threads every task shares.

import Dispatch

/// With two cores there are two shared threads; a build (or, in the tests, many builds at once) can hold
/// both for seconds. The preview's listener, connections and answers run here instead, so it keeps answering.
final class PreviewExecutor: TaskExecutor {
    static let shared = PreviewExecutor(label: "harigami.preview.connections")
    /// The watcher and the builds it starts: a build holds its thread for as long as it runs, which must be
    /// neither a shared thread nor the connections' one.
    static let builds = PreviewExecutor(label: "harigami.preview.builds")
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
