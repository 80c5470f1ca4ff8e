// EmailAddress: an e-mail address checked well enough to send to (RFC 5321 lengths, a domain with
// a dot, no spaces), without pretending to implement the whole of RFC 5322's grammar.

import Foundation

/// A validated e-mail address; the domain is kept in lower case.
public struct EmailAddress: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public let address: String

    /// Why a typed address was refused.
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public var reason: String
        public var description: String { "e-mail address \(reason)" }
    }

    public init(parsing typed: String) throws(Invalid) {
        if let address = Self.printableASCIIAddress(typed) {
            self.init(checked: address)
        } else {
            try self.init(parsingCharacters: typed)
        }
    }

    /// An address already checked (EmailAddress+ASCII).
    private init(checked address: String) {
        self.address = address
    }

    /// The rules on Characters, for any text: what `printableASCIIAddress` must agree with.
    init(parsingCharacters typed: String) throws(Invalid) {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw Invalid(reason: "must have the form name@domain")
        }
        let local = parts[0]
        let domain = parts[1].lowercased()
        guard text.utf8.count <= 254, local.utf8.count <= 64 else {
            throw Invalid(reason: "is too long")
        }
        guard local.allSatisfy({ Self.localAllowed.contains($0) || !$0.isASCII }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else {
            throw Invalid(reason: "has a character that is not allowed before the @")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }),
            labels.last!.count >= 2
        else {
            throw Invalid(reason: "has no valid domain after the @ (e.g. example.fr)")
        }
        self.address = local + "@" + domain
    }

    /// The ASCII characters allowed before the @ (built once: every message sent reads its address).
    private static let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")

    public var description: String { address }
}
