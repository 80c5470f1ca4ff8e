// ResidentJSON: a resident (the command line's "participant") as JSON, and one with their
// registrations (`relais participants show --json`).

import Foundation
import RelaisCore
import RelaisStore

/// A resident: who, how to reach them, and the channels they agreed to.
public struct ResidentJSON: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    @Nullable public var phone: String?
    @Nullable public var email: String?
    /// The commune's slug.
    public var commune: String
    /// The commune's INSEE code (Code officiel géographique), as the database keys it.
    public var communeCode: String
    @Nullable public var birthYear: Int?
    /// `fr` or `en`.
    public var language: String
    /// The channels the resident agrees to be written to now (`sms`, `email`).
    public var consents: [String]
    /// Each channel's consent as recorded: given or withdrawn, when and on what authority.
    public var consentRecords: [ConsentJSON]

    enum CodingKeys: String, CodingKey {
        case id, name, phone, email, commune
        case communeCode = "commune_code"
        case birthYear = "birth_year"
        case language, consents
        case consentRecords = "consent_records"
    }

    public init(_ person: ParticipantRecord, territory: Territory, localTime: LocalTime) {
        id = person.id
        name = person.name
        phone = person.phone
        email = person.email
        commune = territory.communeSlug(code: person.commune)
        communeCode = person.commune
        birthYear = person.birthYear
        language = person.language.rawValue
        consents = person.consents.filter(\.granted).map(\.channel.rawValue)
        consentRecords = person.consents.map { ConsentJSON($0, localTime: localTime) }
    }
}

/// One channel's consent as recorded.
public struct ConsentJSON: Codable, Sendable, Equatable {
    /// `sms` or `email`.
    public var channel: String
    public var granted: Bool
    public var source: String
    public var recordedAt: String

    enum CodingKeys: String, CodingKey {
        case channel, granted, source
        case recordedAt = "recorded_at"
    }

    public init(_ consent: Consent, localTime: LocalTime) {
        channel = consent.channel.rawValue
        granted = consent.granted
        source = consent.source
        recordedAt = localTime.iso8601(consent.recordedAt)
    }
}

/// A resident with their registrations: ResidentJSON's keys and `registrations`.
public struct ResidentRecordJSON: Encodable, Sendable {
    public var resident: ResidentJSON
    public var registrations: [RegistrationJSON]

    public init(_ person: ParticipantRecord, registrations: [RegistrationListing], territory: Territory, localTime: LocalTime) {
        resident = ResidentJSON(person, territory: territory, localTime: localTime)
        self.registrations = registrations.map { RegistrationJSON($0, territory: territory, localTime: localTime) }
    }

    enum CodingKeys: String, CodingKey { case registrations }

    public func encode(to encoder: Encoder) throws {
        try resident.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(registrations, forKey: .registrations)
    }
}
