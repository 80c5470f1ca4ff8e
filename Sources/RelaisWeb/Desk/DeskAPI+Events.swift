// DeskAPI+Events: registrations to sessions and check-in as JSON, the same Desk, scopes and audit
// as the pages (documented in openapi.json). `{id}` of events is an occurrence id, as in
// `relais events list`; an attendance's id is its registration's.
//
//   GET  /api/v1/events?from=&to=&campaign=&commune=     sessions to come, with places left
//   POST /api/v1/events/{id}/registrations {"resident"}  201: confirmed, or waitlisted with its position
//   POST /api/v1/registrations/{id}/cancel               the place goes to the waitlist
//   GET  /api/v1/checkin?day=                            the sessions of the day, with counts
//   GET  /api/v1/events/{id}/attendance                  a session's people, alphabetical
//   POST /api/v1/events/{id}/attendance {"resident"} or {"walk_in": {"name", "commune", "birth_year"}}
//   DELETE /api/v1/attendance/{id}                       undo a tick (the same day)

import Foundation
import RelaisCore
import RelaisStore

// MARK: - The JSON of these routes (openapi.json's schemas); a nil is written as null.

/// EventSession.
struct EventJSON: Encodable {
    var id: Int64
    var campaign, summary, start, end: String
    var location, commune: String?
    var status: String
    var capacity: Int?
    var registered, waitlisted: Int
    var placesLeft: Int?

    enum CodingKeys: String, CodingKey {
        case id, campaign, summary, start, end, location, commune, status, capacity, registered, waitlisted
        case placesLeft = "places_left"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(campaign, forKey: .campaign)
        try container.encode(summary, forKey: .summary)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(location, forKey: .location)
        try container.encode(commune, forKey: .commune)
        try container.encode(status, forKey: .status)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(registered, forKey: .registered)
        try container.encode(waitlisted, forKey: .waitlisted)
        try container.encode(placesLeft, forKey: .placesLeft)
    }
}

/// Attendance: one person of a check-in list.
struct AttendanceJSON: Encodable {
    var registration, occurrence: Int64
    var resident: Int64?
    var name: String?
    var commune: String
    var birthYear: Int?
    var status, source: String
    var attendedAt: String?
    var waitlistPosition: Int?

    enum CodingKeys: String, CodingKey {
        case registration, occurrence, resident, name, commune, status, source
        case birthYear = "birth_year"
        case attendedAt = "attended_at"
        case waitlistPosition = "waitlist_position"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(registration, forKey: .registration)
        try container.encode(occurrence, forKey: .occurrence)
        try container.encode(resident, forKey: .resident)
        try container.encode(name, forKey: .name)
        try container.encode(commune, forKey: .commune)
        try container.encode(birthYear, forKey: .birthYear)
        try container.encode(status, forKey: .status)
        try container.encode(source, forKey: .source)
        try container.encode(attendedAt, forKey: .attendedAt)
        try container.encode(waitlistPosition, forKey: .waitlistPosition)
    }
}

/// A session's check-in list.
struct AttendanceListJSON: Encodable {
    var event: EventJSON
    var registered, present: Int
    var people: [AttendanceJSON]
}

/// A session of the day with its counts.
struct SessionJSON: Encodable {
    var event: EventJSON
    var registered, present: Int
}

/// RegistrationOutcome.
struct RegistrationJSON: Encodable {
    var registration, occurrence, resident: Int64
    var status: String
    var position: Int?

    enum CodingKeys: String, CodingKey { case registration, occurrence, resident, status, position }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(registration, forKey: .registration)
        try container.encode(occurrence, forKey: .occurrence)
        try container.encode(resident, forKey: .resident)
        try container.encode(status, forKey: .status)
        try container.encode(position, forKey: .position)
    }
}

/// A cancellation's answer.
struct CancellationJSON: Encodable {
    var registration: Int64
    var status, was: String
    var promoted: Int
}

extension DeskAPI {
    /// The operations' properties whose value is an object (read whole, one level deep).
    static let objectProperties: Set<String> = ["walk_in"]

    /// The routes of this file, by their first segment after /api/v1.
    static let eventRouteHeads: Set<String> = ["events", "registrations", "attendance", "checkin"]

    func eventRoute(_ method: String, _ path: [String], agent: Agent, fields: FormFields, query: [String: String]) throws -> Response {
        let id = path.count >= 2 ? Int64(path[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        switch (method, path.first ?? "", path.count) {
        case ("GET", "events", 1):
            return try Self.encoded(200, try desk.upcomingEvents(agent, try desk.eventFilter(query)).map(event))
        case ("POST", "events", 3) where path[2] == "registrations":
            let outcome = try desk.register(agent, occurrence: try requireID(id), fields)
            return try Self.encoded(
                201,
                RegistrationJSON(
                    registration: outcome.id, occurrence: outcome.occurrence, resident: outcome.participant,
                    status: outcome.status.rawValue,
                    position: outcome.waitlistPosition))
        case ("POST", "registrations", 3) where path[2] == "cancel":
            let registration = try requireID(id)
            let cancellation = try desk.cancelRegistration(agent, id: registration)
            return try Self.encoded(
                200,
                CancellationJSON(
                    registration: registration, status: RegistrationStatus.cancelled.rawValue, was: cancellation.previousStatus.rawValue,
                    promoted: cancellation.promoted.count))
        case ("GET", "checkin", 1):
            let day = try desk.checkInDay(agent, query["day"])
            return try Self.encoded(
                200,
                try desk.checkInSessions(agent, day: day).map { session in
                    SessionJSON(
                        event: event(EventListing(occurrence: session.occurrence)), registered: session.registered, present: session.present
                    )
                })
        case ("GET", "events", 3) where path[2] == "attendance":
            let (occurrence, people) = try desk.checkInList(agent, occurrence: try requireID(id))
            let confirmed = people.filter { $0.status == .confirmed }
            return try Self.encoded(
                200,
                AttendanceListJSON(
                    event: event(EventListing(occurrence: occurrence)), registered: confirmed.count,
                    present: confirmed.filter { $0.attendedAt != nil }.count, people: people.map(attendance)))
        case ("POST", "events", 3) where path[2] == "attendance":
            do {
                return try Self.encoded(201, attendance(try record(agent, occurrence: try requireID(id), fields)))
            } catch DeskError.refusal(.resident(let refusal)) {
                // Only a walk-in's fields are a resident's here: named within the object they came in.
                return refused(.resident(refusal), within: "walk_in")
            }
        case ("DELETE", "attendance", 2):
            return try Self.encoded(200, attendance(try desk.undoTick(agent, registration: try requireID(id))))
        default: throw DeskError.notFound
        }
    }

    /// A presence from `{"resident": id}` or `{"walk_in": {...}}` (one of them).
    private func record(_ agent: Agent, occurrence: Int64, _ fields: FormFields) throws -> CheckInEntry {
        let walkIn = fields.values.keys.contains { $0.hasPrefix("walk_in.") }
        if let typed = fields.text("resident") {
            guard !walkIn else { throw DeskError.invalid(field: "walk_in", reason: "send resident or walk_in, not both") }
            guard let resident = Int64(typed), resident > 0 else {
                throw DeskError.invalid(field: "resident", reason: "\"\(typed)\" is not a resident id")
            }
            return try desk.tick(agent, occurrence: occurrence, resident: resident)
        }
        guard walkIn else {
            throw DeskError.invalid(field: "resident", reason: "send resident (an id) or walk_in (name, commune, birth_year)")
        }
        var person = FormFields()
        for (name, value) in fields.values where name.hasPrefix("walk_in.") { person.values[String(name.dropFirst(8))] = value }
        return try desk.walkIn(agent, occurrence: occurrence, person)
    }

    private func requireID(_ id: Int64?) throws -> Int64 {
        guard let id else { throw DeskError.notFound }
        return id
    }

    // MARK: - JSON shapes

    private func event(_ listing: EventListing) -> EventJSON {
        let occurrence = listing.occurrence
        return EventJSON(
            id: occurrence.id, campaign: occurrence.campaign, summary: occurrence.summary, start: desk.localTime.iso8601(occurrence.start),
            end: desk.localTime.iso8601(occurrence.end), location: occurrence.location, commune: occurrence.commune,
            status: occurrence.status.rawValue, capacity: occurrence.capacity, registered: occurrence.registered,
            waitlisted: occurrence.waitlisted, placesLeft: listing.placesLeft)
    }

    private func attendance(_ entry: CheckInEntry) -> AttendanceJSON {
        AttendanceJSON(
            registration: entry.registration, occurrence: entry.occurrence, resident: entry.participant, name: entry.name,
            commune: entry.commune, birthYear: entry.birthYear, status: entry.status.rawValue, source: entry.source,
            attendedAt: entry.attendedAt.map(desk.localTime.iso8601), waitlistPosition: entry.waitlistPosition)
    }

    /// `value` as JSON with sorted keys. JSONEncoder, not JSONSerialization: a check-in list of 300
    /// people takes about 4 ms instead of 75 (swift-corelibs-foundation boxes every value of a
    /// `[String: Any]`).
    static func encoded(_ status: Int, _ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: status, contentType: "application/json", text: String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    // MARK: - Object properties

    /// `fields` with the properties of `objectProperties` a JSON body holds, flattened one level
    /// (`walk_in.name`); such a property that is not an object of plain values is refused (422).
    static func withObjects(_ fields: FormFields, operation: String, of request: Request) throws -> FormFields {
        guard let read = bodyProperties[operation], !read.isDisjoint(with: objectProperties) else { return fields }
        guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else { return fields }
        var flattened = fields
        for name in read.intersection(objectProperties) {
            guard let value = body[name], !(value is NSNull) else { continue }
            guard let object = value as? [String: Any],
                let inner = FormFields.json(Array(try JSONSerialization.data(withJSONObject: object))),
                inner.nested.isEmpty
            else { throw DeskError.invalid(field: name, reason: "\(name) must be an object of strings, numbers or booleans") }
            for (key, text) in inner.values { flattened.values["\(name).\(key)"] = text }
        }
        return flattened
    }
}
