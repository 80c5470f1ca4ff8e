// ConstantTime: comparing secrets without telling, by the time taken, where they first differ.

enum ConstantTime {
    /// Compares two byte strings in a time that depends on their lengths only.
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
