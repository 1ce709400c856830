// How a stage does one kind of its work for many pages or files: by default each made afresh, on all cores.
// The preview passes its own, which uses again what an earlier build made from the same input (HarigamiServe);
// a stage cannot tell the two apart, so it stays a function of its inputs.

/// `Shared` is what every unit of one call has in common (the site settings, the surroundings of a page), given once
/// so a runner that compares inputs compares it once; `Unit` says what one result is made from; `make` makes it.
public struct Batch<Shared: Sendable, Unit: Sendable, Output: Sendable>: Sendable {
    public typealias Make = @Sendable (Unit) -> Output

    private let run: @Sendable (Shared, [Unit], Make) -> [Output]

    /// `run` must return one output per unit, in the units' order, each equal to what `make` gives for it.
    public init(_ run: @escaping @Sendable (Shared, [Unit], Make) -> [Output]) {
        self.run = run
    }

    /// Every unit made by `make`, on all cores.
    public static var fresh: Batch {
        Batch { _, units, make in units.concurrentMap(make) }
    }

    /// One at a time, in order: for tests that compare both ways byte for byte.
    public static var serial: Batch {
        Batch { _, units, make in units.map(make) }
    }

    public func callAsFunction(_ shared: Shared, _ units: [Unit], make: Make) -> [Output] {
        run(shared, units, make)
    }
}
