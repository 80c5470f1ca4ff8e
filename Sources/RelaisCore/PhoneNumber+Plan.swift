// PhoneNumber+Plan: reading a typed number with a territory's numbering plan (``PhonePlan``).
//
// The steps: keep the digits (spaces, dots, hyphens, slashes and brackets are ignored); an
// international form ("+" or "00") keeps its country code, a national form "0" + 9 digits gets
// the code its prefix belongs to (+33, or an overseas code); then the plan's rule for that country
// handles a 0 after the code (dropped, kept, or refused) and checks the length. A country the plan
// does not know is held to E.164 alone (8 to 15 digits): a resident's British number is kept.

import Foundation

extension PhoneNumber {
    /// Reads a number as people type it, with the numbering rules of a territory.
    public init(parsing typed: String, plan: PhonePlan) throws(Invalid) {
        var (plus, digits) = try Self.digits(of: typed)
        if !plus {
            if digits.hasPrefix("00") {
                digits.removeFirst(2)
            } else if digits.hasPrefix("0") && digits.count == 10 {
                digits = plan.international(ofNational: digits)
            } else {
                throw Invalid(
                    typed: typed,
                    reason: "is not a French number of 10 digits starting with 0, "
                        + "nor an international number starting with + or 00")
            }
        }
        if let country = plan.country(ofInternational: digits) {
            digits = try Self.applying(country, to: digits, typed: typed)
        } else if !(8...15).contains(digits.count) || digits.hasPrefix("0") {
            throw Invalid(typed: typed, reason: "is not a valid international number (E.164: 8 to 15 digits)")
        }
        self.init(checkedE164: "+" + digits)
    }

    /// The digits of a typed number, and whether it started with "+".
    static func digits(of typed: String) throws(Invalid) -> (plus: Bool, digits: String) {
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
        return (plus, digits)
    }

    /// The digits after a known country's rule for a 0 after its code and for its length.
    private static func applying(_ country: PhoneCountry, to digits: String, typed: String) throws(Invalid) -> String {
        let code = country.callingCode
        var national = digits.dropFirst(code.count)
        if national.hasPrefix("0") {
            switch country.trunkZero {
            case .dropped:
                national.removeFirst()  // "+33 (0)6 12...": the trunk zero, written out of habit
            case .kept:
                break  // "+39 02 ...": the 0 is part of an Italian fixed number
            case .absent:
                let reason = "has a 0 after +\(code); \(country.numberName) numbers have no trunk 0, leave it out"
                throw Invalid(typed: typed, reason: reason)
            }
        }
        if let lengths = country.significantDigits, !lengths.contains(national.count) {
            let expected =
                lengths.count == 1 ? "\(lengths.lowerBound)"
                : lengths.count == 2 ? "\(lengths.lowerBound) or \(lengths.upperBound)"
                : "\(lengths.lowerBound) to \(lengths.upperBound)"
            let article = "AEIOU".contains(country.numberName.prefix(1)) ? "an" : "a"
            let reason = "has \(national.count) digits after the country code; "
                + "\(article) \(country.numberName) number has \(expected)"
            throw Invalid(typed: typed, reason: reason)
        }
        let all = code + national
        guard (8...15).contains(all.count) else {
            throw Invalid(typed: typed, reason: "is not a valid international number (E.164: 8 to 15 digits)")
        }
        return all
    }
}
