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
/// authority ("formulaire papier du CCAS", "SMS STOP", ...).
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
    /// Checks every field and returns the person to store, or refuses the first field that is
    /// wrong (`Refusal.resident`, naming the field).
    public func validated(territory: Territory, now: Date, calendar: Calendar) throws(Refusal) -> NewParticipant {
        let name = try ResidentFields.name(self.name)
        let phone = try ResidentFields.phone(self.phone, plan: territory.phonePlan)
        let email = try ResidentFields.email(self.email)
        let commune = try ResidentFields.commune(self.commune, territory: territory)
        let birthYear = try ResidentFields.birthYear(self.birthYear, now: now, calendar: calendar)
        let language = try ResidentFields.language(self.language) ?? .french
        let channels = try ResidentFields.channels(consentedChannels)
        try ResidentFields.checkReachable(channels, phone: phone, email: email)
        guard channels.isEmpty || consentSource.nonBlank != nil else { throw .resident(.consentSourceMissing) }
        let consents = channels.sorted().map {
            Consent(channel: $0, granted: true, recordedAt: now, source: consentSource.nonBlank ?? "")
        }
        return NewParticipant(
            name: name, phone: phone, email: email, commune: commune, birthYear: birthYear, language: language, consents: consents)
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
