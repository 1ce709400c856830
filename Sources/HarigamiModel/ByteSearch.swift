// Looking for one byte in text's UTF-8 through its storage, which the generic search over a UTF-8 view is not.

extension StringProtocol {
    /// Whether the text's UTF-8 holds `byte`. The generic `utf8.contains` steps through the view's indices: asking
    /// each page body for a `|` or a `{` that way was 2 % of a check of a large site. Every stage asks it.
    package func holdsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }
}
