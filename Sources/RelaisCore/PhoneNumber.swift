// PhoneNumber: a telephone number in E.164 form, read from the ways people write them.
//
// Residents of Pays de Gex carry French (+33) and Swiss (+41) numbers. People type
// "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", "+41 79 123 45 67"
// or "0041791234567". A national number starting with a single 0 is read as French: a Swiss
// number must carry its +41 (or 0041), because "07x" numbers exist in both countries.

import Foundation

/// A validated E.164 telephone number, e.g. `+33612345678`.
public struct PhoneNumber: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The E.164 form: "+", country code, subscriber number, digits only.
    public let e164: String

    /// Why a typed number was refused.
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public var typed: String
        public var reason: String
        public var description: String { "phone number \"\(PhoneNumber.mask(typed))\" \(reason)" }
    }

    /// Reads a number as people type it; spaces, dots, hyphens and brackets are ignored.
    public init(parsing typed: String) throws(Invalid) {
        var digits = ""
        var plus = false
        for (index, character) in typed.trimmingCharacters(in: .whitespaces).enumerated() {
            if character == "+" && index == 0 {
                plus = true
            } else if let digit = character.wholeNumberValue, character.isASCII {
                digits += String(digit)
            } else if " .-/()\u{00A0}".contains(character) {
                continue
            } else {
                throw Invalid(typed: typed, reason: "contains \"\(character)\"; use digits, spaces and a leading +")
            }
        }
        if !plus {
            if digits.hasPrefix("00") {
                digits.removeFirst(2)
            } else if digits.hasPrefix("0") && digits.count == 10 {
                digits = "33" + digits.dropFirst()
            } else {
                throw Invalid(
                    typed: typed,
                    reason: "is not a French number of 10 digits starting with 0, nor an international number starting with + or 00")
            }
        }
        // "+33 (0)6 12..." is common: drop the trunk zero after the country code.
        for country in ["33", "41"] where digits.hasPrefix(country + "0") {
            digits = country + digits.dropFirst(3)
        }
        try Self.check(digits, typed: typed)
        self.e164 = "+" + digits
    }

    private static func check(_ digits: String, typed: String) throws(Invalid) {
        if digits.hasPrefix("33") || digits.hasPrefix("41") {
            guard digits.count == 11 else {
                let country = digits.hasPrefix("33") ? "French" : "Swiss"
                throw Invalid(typed: typed, reason: "has \(digits.count - 2) digits after the country code; a \(country) number has 9")
            }
        } else if !(8...15).contains(digits.count) || digits.hasPrefix("0") {
            throw Invalid(typed: typed, reason: "is not a valid international number (E.164: 8 to 15 digits)")
        }
    }

    /// True for numbers that can receive an SMS: French 06/07 and Swiss 075-079 mobiles, and any
    /// other country's number (Relais cannot tell there).
    public var isMobile: Bool {
        if e164.hasPrefix("+33") { return e164.hasPrefix("+336") || e164.hasPrefix("+337") }
        if e164.hasPrefix("+41") { return ["+4175", "+4176", "+4177", "+4178", "+4179"].contains { e164.hasPrefix($0) } }
        return true
    }

    public var description: String { e164 }

    /// The number with all but its last two digits hidden, for logs and messages: `+33******78`.
    public var masked: String { Self.mask(e164) }

    static func mask(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 4 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 5) + String(characters.suffix(2))
    }
}
