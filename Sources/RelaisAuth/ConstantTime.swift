// ConstantTime: comparing secrets without telling, by the time taken, where they first differ.

/// Comparisons of secrets (passwords' hashes, tokens, the gateway's callback secret).
public enum ConstantTime {
    /// True when the two byte strings are equal, in a time that depends on the longer length only,
    /// never on where they first differ.
    public static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }

    /// The same for two strings, compared as UTF-8.
    public static func equal(_ left: String, _ right: String) -> Bool { equal(Array(left.utf8), Array(right.utf8)) }
}
