// EmailAddress+ASCII: the address check on bytes for the common case, an address of printable
// ASCII (every one a sender reads before handing a message over, issue 16). On such text a
// Character is one byte, so the same rules as `init(parsingCharacters:)` read as byte tests; any
// other text, and any address they refuse, goes through the Character rules, which give the reason
// (EmailAddressASCIITests holds the two paths equal).

extension EmailAddress {
    /// The address as `init(parsingCharacters:)` would keep it, when `typed` is printable ASCII
    /// (spaces and tabs around it aside) and valid; nil otherwise, to be read by the Character rules.
    static func printableASCIIAddress(_ typed: String) -> String? {
        var bytes = Array(typed.utf8)[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        guard bytes.count <= 254, bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, !domain.isEmpty,
            local.count <= 64, local.allSatisfy({ localAllowedBytes[Int($0)] }),
            local.first != dot, local.last != dot, !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot })
        else { return nil }
        let lowered = domain.map(\.asciiLowercased)
        let labels = lowered.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.first != hyphen && label.last != hyphen
                    && label.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == hyphen }
            })
        else { return nil }
        return String(decoding: local, as: UTF8.self) + "@" + String(decoding: lowered, as: UTF8.self)
    }

    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")

    /// The bytes allowed before the @, as a table: the ASCII of the Character rules' set.
    private static let localAllowedBytes: [Bool] = (0...255).map { byte in
        byte < 0x80 && "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-".utf8.contains(UInt8(byte))
    }
}
