// CheckInJSON: what registering to a session and checking people in come to, as JSON: a
// registration request's outcome and a cancellation's (`relais register --json` and `relais
// unregister --json` print the same as the API's POST /api/v1/events/{id}/registrations and
// /api/v1/registrations/{id}/cancel), a person on a session's check-in list, that list, and a
// session of the day with its counts (the API's /api/v1/checkin and /api/v1/events/{id}/attendance).
// A session is an OccurrenceJSON wherever it appears.

import Foundation
import RelaisCore
import RelaisStore

/// What a registration request came to: confirmed, or waitlisted at `position`.
public struct RegistrationOutcomeJSON: Codable, Sendable, Equatable {
    /// The registration's id.
    public var registration: Int64
    public var occurrence: Int64
    public var resident: Int64
    /// `confirmed` or `waitlisted`.
    public var status: String
    /// Its place on the waitlist (1: next); null when confirmed.
    @Nullable public var position: Int?

    public init(_ outcome: RegistrationOutcome) {
        registration = outcome.id
        occurrence = outcome.occurrence
        resident = outcome.participant
        status = outcome.status.rawValue
        position = outcome.waitlistPosition
    }
}

/// What cancelling a registration did.
public struct RegistrationCancellationJSON: Codable, Sendable, Equatable {
    public var registration: Int64
    /// Always `cancelled`.
    public var status: String
    /// The status it had: `confirmed` (it freed a place) or `waitlisted`.
    public var was: String
    /// How many waitlisted registrations were confirmed in its place (0 or 1).
    public var promoted: Int

    public init(registration: Int64, _ cancellation: RegistrationCancellation) {
        self.registration = registration
        status = RegistrationStatus.cancelled.rawValue
        was = cancellation.previousStatus.rawValue
        promoted = cancellation.promoted.count
    }
}

/// A person on a session's check-in list: their registration, who they are, whether they came.
public struct AttendanceJSON: Codable, Sendable, Equatable {
    /// The registration's id, also the attendance's (DELETE /api/v1/attendance/{id}).
    public var registration: Int64
    public var occurrence: Int64
    /// The resident's id; null once they were forgotten.
    @Nullable public var resident: Int64?
    @Nullable public var name: String?
    /// The commune's slug.
    public var commune: String
    /// The commune's INSEE code (Code officiel géographique), as the database keys it.
    public var communeCode: String
    @Nullable public var birthYear: Int?
    /// `confirmed`, `waitlisted` or `cancelled`.
    public var status: String
    /// Who registered them; `walk-in` for a person registered at the door.
    public var source: String
    @Nullable public var attendedAt: String?
    /// Its place on the waitlist (1: next), when waitlisted.
    @Nullable public var waitlistPosition: Int?

    enum CodingKeys: String, CodingKey {
        case registration, occurrence, resident, name, commune
        case communeCode = "commune_code"
        case birthYear = "birth_year"
        case status, source
        case attendedAt = "attended_at"
        case waitlistPosition = "waitlist_position"
    }

    public init(_ entry: CheckInEntry, territory: Territory, localTime: LocalTime) {
        registration = entry.registration
        occurrence = entry.occurrence
        resident = entry.participant
        name = entry.name
        commune = territory.communeSlug(code: entry.commune)
        communeCode = entry.commune
        birthYear = entry.birthYear
        status = entry.status.rawValue
        source = entry.source
        attendedAt = entry.attendedAt.map(localTime.iso8601)
        waitlistPosition = entry.waitlistPosition
    }
}

/// A session's check-in list: the session, its confirmed and present counts, and its people.
public struct AttendanceListJSON: Codable, Sendable, Equatable {
    public var event: OccurrenceJSON
    public var registered: Int
    public var present: Int
    public var people: [AttendanceJSON]

    public init(_ occurrence: OccurrenceListing, people: [CheckInEntry], territory: Territory, localTime: LocalTime) {
        let confirmed = people.filter { $0.status == .confirmed }
        event = OccurrenceJSON(occurrence, territory: territory, localTime: localTime)
        registered = confirmed.count
        present = confirmed.filter { $0.attendedAt != nil }.count
        self.people = people.map { AttendanceJSON($0, territory: territory, localTime: localTime) }
    }
}

/// A session of the day with the people registered and present (of the asker's commune, for a CCAS).
public struct CheckInSessionJSON: Codable, Sendable, Equatable {
    public var event: OccurrenceJSON
    public var registered: Int
    public var present: Int

    public init(_ session: CheckInSession, territory: Territory, localTime: LocalTime) {
        event = OccurrenceJSON(session.occurrence, territory: territory, localTime: localTime)
        registered = session.registered
        present = session.present
    }
}
