// ResidentFields: how each field of a resident's record is read from what a person typed, the same
// for registering a resident (ParticipantForm) and editing one (ResidentEditForm). Each reader
// returns the value to store or throws the ResidentRefusal that names the field; no sentence is
// built here, the fronts word the refusal (the command line with its options, the desk in French
// or English, the API with its code).

import Foundation

/// The readers of a resident's fields.
public enum ResidentFields {
    /// The longest name the database keeps, in Unicode code points (its CHECK counts them so).
    public static let nameMaximum = 120

    /// The name in NFC, trimmed: "é" typed as e + accent is stored as one code point, and counted
    /// as the database's CHECK counts.
    public static func name(_ typed: String) throws(Refusal) -> String {
        let name = typed.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .resident(.nameEmpty) }
        guard name.unicodeScalars.count <= nameMaximum,
            !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else { throw .resident(.nameMalformed(maximum: nameMaximum)) }
        return name
    }

    /// A phone number read with the territory's numbering plan, or nil when none was typed. A refused
    /// number is quoted masked.
    public static func phone(_ typed: String?, plan: PhonePlan) throws(Refusal) -> PhoneNumber? {
        guard let typed = typed.nonBlank else { return nil }
        do { return try PhoneNumber(parsing: typed, plan: plan) } catch {
            throw .resident(.phoneUnreadable(typed: PhoneNumber.mask(typed)))
        }
    }

    /// An e-mail address, or nil when none was typed.
    public static func email(_ typed: String?) throws(Refusal) -> EmailAddress? {
        guard let typed = typed.nonBlank else { return nil }
        do { return try EmailAddress(parsing: typed) } catch { throw .resident(.emailUnreadable(typed: typed)) }
    }

    /// One of the territory's communes.
    public static func commune(_ typed: String, territory: Territory) throws(Refusal) -> Commune {
        guard let commune = territory.commune(named: typed) else { throw .resident(.unknownCommune(typed: typed)) }
        return commune
    }

    /// A birth year of the last 120 years, or nil when none was typed.
    public static func birthYear(_ typed: String?, now: Date, calendar: Calendar) throws(Refusal) -> Int? {
        guard let typed = typed.nonBlank else { return nil }
        let thisYear = calendar.component(.year, from: now)
        guard let year = Int(typed), (thisYear - 120)...thisYear ~= year else {
            throw .resident(.birthYearOutOfRange(typed: typed, earliest: thisYear - 120, latest: thisYear))
        }
        return year
    }

    /// fr or en; nil when none was typed.
    public static func language(_ typed: String?) throws(Refusal) -> Language? {
        guard let typed = typed.nonBlank else { return nil }
        guard let language = Language(rawValue: typed.lowercased()) else { throw .resident(.unknownLanguage(typed: typed)) }
        return language
    }

    /// The channels named in `typed` ("sms,email", "e-mail", "none").
    public static func channels(_ typed: [String]) throws(Refusal) -> Set<Channel> {
        var channels: Set<Channel> = []
        for part in typed.flatMap({ $0.split(separator: ",") }) {
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            if word.isEmpty || word == "none" { continue }
            guard let channel = Channel(rawValue: word == "e-mail" ? "email" : word) else {
                throw .resident(.unknownChannel(typed: word))
            }
            channels.insert(channel)
        }
        return channels
    }

    /// Refuses consent to a channel the person cannot be reached on: SMS without a phone or on a
    /// landline, e-mail without an address.
    public static func checkReachable(_ channels: Set<Channel>, phone: PhoneNumber?, email: EmailAddress?) throws(Refusal) {
        if channels.contains(.sms) {
            guard let phone else { throw .resident(.smsNeedsPhone) }
            guard phone.isMobile else { throw .resident(.smsNeedsMobile(masked: phone.masked)) }
        }
        if channels.contains(.email) && email == nil { throw .resident(.emailNeedsAddress) }
    }
}

extension Optional where Wrapped == String {
    /// The trimmed text, or nil when absent or blank.
    var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
