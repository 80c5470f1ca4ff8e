// PhoneNumber: a telephone number in E.164 form, read from the ways people write them.
//
// Residents of a border territory carry French (+33) and Swiss (+41) numbers. People type
// "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033612345678", "+41 79 123 45 67"
// or "0041791234567". A national number starting with a single 0 is read as French: a Swiss
// number must carry its +41 (or 0041), because "07x" numbers exist in both countries. Other
// territories' rules (overseas codes, border countries) are data: ``PhonePlan``.

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

    /// Reads a number as people type it; spaces, dots, hyphens and brackets are ignored. The
    /// first rules Relais had: France and Switzerland, every national form read as +33. A
    /// territory with its own rules uses ``init(parsing:plan:)``.
    public init(parsing typed: String) throws(Invalid) {
        try self.init(parsing: typed, plan: .beforeRegions)
    }

    /// A number whose E.164 form has been checked by ``init(parsing:plan:)``.
    init(checkedE164 e164: String) {
        self.e164 = e164
    }

    /// True for numbers that can receive an SMS: French 06/07 and Swiss 075-079 mobiles, the overseas
    /// départements' mobiles (+262 692/693/639, +590 690/691, +594 694, +596 696/697), and any other
    /// country's number (Relais cannot tell there).
    public var isMobile: Bool {
        if e164.hasPrefix("+33") { return e164.hasPrefix("+336") || e164.hasPrefix("+337") }
        if let overseas = PhonePlan.overseas.first(where: { e164.hasPrefix("+" + $0.callingCode) }) {
            let national = "0" + e164.dropFirst(1 + overseas.callingCode.count).prefix(3)
            return national.hasPrefix("06") && PhonePlan.overseasPrefixes[national] == overseas
        }
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
