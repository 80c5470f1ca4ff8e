// Participant: a resident registered to events, with the minimum the service needs to reach them.
//
// Registration to a screening event is health data: Relais keeps a display name, how to reach the
// person (phone and/or e-mail), the commune, the birth year (for age-based counts and targeting),
// the language of messages, and consent per channel with its date and source. Nothing more.

import Foundation

/// The language a person is written to in.
public enum Language: String, Sendable, Equatable, Codable, CaseIterable {
    case french = "fr"
    case english = "en"
}

/// A way of reaching a person.
public enum Channel: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    case sms
    case email

    public static func < (lhs: Channel, rhs: Channel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A person's consent to be written to on one channel: given or withdrawn, when, and on what
/// authority ("formulaire papier CCAS Gex", "SMS STOP", ...).
public struct Consent: Sendable, Equatable, Codable {
    public var channel: Channel
    public var granted: Bool
    public var recordedAt: Date
    public var source: String

    public init(channel: Channel, granted: Bool, recordedAt: Date, source: String) {
        self.channel = channel
        self.granted = granted
        self.recordedAt = recordedAt
        self.source = source
    }
}

/// A person as a CCAS agent or a planner types them in, before validation.
public struct ParticipantForm: Sendable, Equatable {
    public var name: String
    public var phone: String?
    public var email: String?
    public var commune: String
    public var birthYear: String?
    public var language: String?
    /// Channels the person agreed to be written on.
    public var consentedChannels: [String]
    /// Where the consent was collected; required when any channel is consented.
    public var consentSource: String?

    public init(
        name: String, phone: String? = nil, email: String? = nil, commune: String,
        birthYear: String? = nil, language: String? = nil, consentedChannels: [String] = [],
        consentSource: String? = nil
    ) {
        self.name = name
        self.phone = phone
        self.email = email
        self.commune = commune
        self.birthYear = birthYear
        self.language = language
        self.consentedChannels = consentedChannels
        self.consentSource = consentSource
    }
}

/// A validated person, ready to be stored.
public struct NewParticipant: Sendable, Equatable {
    public var name: String
    public var phone: PhoneNumber?
    public var email: EmailAddress?
    public var commune: Commune
    public var birthYear: Int?
    public var language: Language
    public var consents: [Consent]
}

/// A form field that was refused, with the reason. `field` is the option or column name.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

extension ParticipantForm {
    /// Checks every field and returns the person to store, or the first field that is wrong.
    public func validated(territory: Territory, now: Date, calendar: Calendar) throws(FieldError) -> NewParticipant {
        // NFC, so that "é" typed as e + accent is stored as one code point, and counted as the
        // database's CHECK counts (code points).
        let name = self.name.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw FieldError(field: "name", reason: "is empty") }
        guard name.unicodeScalars.count <= 120, !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else {
            throw FieldError(field: "name", reason: "must be one line of at most 120 characters, without control characters")
        }
        var phone: PhoneNumber?
        if let typed = self.phone.nonBlank {
            do { phone = try PhoneNumber(parsing: typed) } catch { throw FieldError(field: "phone", reason: error.description) }
        }
        var email: EmailAddress?
        if let typed = self.email.nonBlank {
            do { email = try EmailAddress(parsing: typed) } catch { throw FieldError(field: "email", reason: error.description) }
        }
        guard let commune = territory.commune(named: self.commune) else {
            throw FieldError(field: "commune", reason: "\"\(self.commune)\" is not a commune of \(territory.name)")
        }
        var birthYear: Int?
        if let typed = self.birthYear.nonBlank {
            let thisYear = calendar.component(.year, from: now)
            guard let year = Int(typed), (thisYear - 120)...thisYear ~= year else {
                throw FieldError(field: "birth-year", reason: "\"\(typed)\" is not a year between \(thisYear - 120) and \(thisYear)")
            }
            birthYear = year
        }
        var language = Language.french
        if let typed = self.language.nonBlank {
            guard let chosen = Language(rawValue: typed.lowercased()) else {
                throw FieldError(field: "language", reason: "\"\(typed)\" is not fr or en")
            }
            language = chosen
        }
        let consents = try consents(phone: phone, email: email, now: now)
        return NewParticipant(
            name: name, phone: phone, email: email, commune: commune, birthYear: birthYear,
            language: language, consents: consents)
    }

    private func consents(phone: PhoneNumber?, email: EmailAddress?, now: Date) throws(FieldError) -> [Consent] {
        var channels: Set<Channel> = []
        for typed in consentedChannels.flatMap({ $0.split(separator: ",") }) {
            let word = typed.trimmingCharacters(in: .whitespaces).lowercased()
            if word.isEmpty || word == "none" { continue }
            guard let channel = Channel(rawValue: word == "e-mail" ? "email" : word) else {
                throw FieldError(field: "consent", reason: "\"\(word)\" is not a channel (sms, email)")
            }
            channels.insert(channel)
        }
        if channels.contains(.sms) {
            guard let phone else { throw FieldError(field: "consent", reason: "sms needs a phone number") }
            guard phone.isMobile else {
                throw FieldError(field: "consent", reason: "sms needs a mobile number; \(phone.masked) is a landline")
            }
        }
        if channels.contains(.email) && email == nil {
            throw FieldError(field: "consent", reason: "email needs an e-mail address")
        }
        let source = consentSource.nonBlank
        if !channels.isEmpty && source == nil {
            throw FieldError(field: "consent-source", reason: "say where the consent was collected (e.g. \"formulaire CCAS Gex\")")
        }
        return channels.sorted().map { Consent(channel: $0, granted: true, recordedAt: now, source: source!) }
    }
}

extension Optional where Wrapped == String {
    /// The trimmed text, or nil when absent or blank.
    var nonBlank: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

/// The age bands in which counts are kept, computed from the birth year only.
public enum AgeGroup {
    /// The band a person born in `birthYear` is in during the year of `date`: "0-17", "18-25",
    /// "26-49", "50-64", "65-74" or "75+".
    public static func of(birthYear: Int, on date: Date, calendar: Calendar) -> String {
        let age = calendar.component(.year, from: date) - birthYear
        switch age {
        case ..<18: return "0-17"
        case 18...25: return "18-25"
        case 26...49: return "26-49"
        case 50...64: return "50-64"
        case 65...74: return "65-74"
        default: return "75+"
        }
    }
}
