// OccurrenceJSON: a session of a campaign event as JSON (`relais events list --json`, the API's
// calendar, events list and check-in), and a registration to one.

import Foundation
import RelaisCore
import RelaisStore

/// An occurrence: its event's details, its times, how many registered, wait and came, and the places left.
public struct OccurrenceJSON: Codable, Sendable, Equatable {
    public var id: Int64
    /// The event's iCalendar UID.
    public var uid: String
    public var campaign: String
    public var summary: String
    /// `scheduled`, `moved` or `cancelled`.
    public var status: String
    public var start: String
    public var end: String
    /// The start before the occurrence was moved.
    @Nullable public var previousStart: String?
    public var allDay: Bool
    @Nullable public var location: String?
    /// The commune's slug.
    @Nullable public var commune: String?
    /// The commune's INSEE code (Code officiel géographique), as the database keys it.
    @Nullable public var communeCode: String?
    /// The priority neighbourhood's slug.
    @Nullable public var qpv: String?
    public var categories: [String]
    public var actionSheets: [Int]
    @Nullable public var capacity: Int?
    /// Confirmed registrations: the places taken.
    public var registered: Int
    /// Registrations on the waitlist.
    public var waitlisted: Int
    /// Places left; null when the session has no limit.
    @Nullable public var placesLeft: Int?
    public var attended: Int
    public var professionals: Int

    enum CodingKeys: String, CodingKey {
        case id, uid, campaign, summary, status, start, end
        case previousStart = "previous_start"
        case allDay = "all_day"
        case location, commune
        case communeCode = "commune_code"
        case qpv, categories
        case actionSheets = "action_sheets"
        case capacity, registered, waitlisted
        case placesLeft = "places_left"
        case attended, professionals
    }

    public init(_ occurrence: OccurrenceListing, territory: Territory, localTime: LocalTime) {
        id = occurrence.id
        uid = occurrence.uid
        campaign = occurrence.campaign
        summary = occurrence.summary
        status = occurrence.status.rawValue
        start = localTime.iso8601(occurrence.start)
        end = localTime.iso8601(occurrence.end)
        previousStart = occurrence.previousStart.map(localTime.iso8601)
        allDay = occurrence.allDay
        location = occurrence.location
        commune = occurrence.commune.map { territory.communeSlug(code: $0) }
        communeCode = occurrence.commune
        qpv = occurrence.neighbourhood
        categories = occurrence.categories
        actionSheets = occurrence.actionSheets
        capacity = occurrence.capacity
        registered = occurrence.registered
        waitlisted = occurrence.waitlisted
        placesLeft = occurrence.placesLeft
        attended = occurrence.attended
        professionals = occurrence.professionals
    }
}

/// A resident's registration to an occurrence.
public struct RegistrationJSON: Codable, Sendable, Equatable {
    public var id: Int64
    public var occurrence: OccurrenceJSON
    /// `confirmed`, `waitlisted` or `cancelled`.
    public var status: String
    public var registeredAt: String
    @Nullable public var attendedAt: String?
    /// Who registered them: `relais register`, `import sheet.csv`, `walk-in`...
    public var source: String

    enum CodingKeys: String, CodingKey {
        case id, occurrence, status
        case registeredAt = "registered_at"
        case attendedAt = "attended_at"
        case source
    }

    public init(_ registration: RegistrationListing, territory: Territory, localTime: LocalTime) {
        id = registration.id
        occurrence = OccurrenceJSON(registration.occurrence, territory: territory, localTime: localTime)
        status = registration.status.rawValue
        registeredAt = localTime.iso8601(registration.registeredAt)
        attendedAt = registration.attendedAt.map(localTime.iso8601)
        source = registration.source
    }
}
