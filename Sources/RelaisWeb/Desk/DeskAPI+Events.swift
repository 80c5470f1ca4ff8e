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

extension DeskAPI {
    /// The operations' properties whose value is an object (read whole, one level deep).
    static let objectProperties: Set<String> = ["walk_in"]

    /// The routes of this file, by their first segment after /api/v1.
    static let eventRouteHeads: Set<String> = ["events", "registrations", "attendance", "checkin"]

    func eventRoute(_ method: String, _ path: [String], agent: Agent, fields: FormFields, query: [String: String]) throws -> Response {
        let id = path.count >= 2 ? Int64(path[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        switch (method, path.first ?? "", path.count) {
        case ("GET", "events", 1):
            return Self.json(200, try desk.upcomingEvents(agent, try desk.eventFilter(query)).map(event))
        case ("POST", "events", 3) where path[2] == "registrations":
            let outcome = try desk.register(agent, occurrence: try requireID(id), fields)
            return Self.json(
                201,
                [
                    "registration": outcome.id, "occurrence": outcome.occurrence, "resident": outcome.participant,
                    "status": outcome.status.rawValue, "position": outcome.waitlistPosition.map { $0 as Any } ?? NSNull(),
                ])
        case ("POST", "registrations", 3) where path[2] == "cancel":
            let registration = try requireID(id)
            let cancellation = try desk.cancelRegistration(agent, id: registration)
            return Self.json(
                200,
                [
                    "registration": registration, "status": RegistrationStatus.cancelled.rawValue,
                    "was": cancellation.previousStatus.rawValue, "promoted": cancellation.promoted.count,
                ])
        case ("GET", "checkin", 1):
            let day = try desk.checkInDay(agent, query["day"])
            return Self.json(
                200,
                try desk.checkInSessions(agent, day: day).map { session in
                    [
                        "event": event(EventListing(occurrence: session.occurrence)), "registered": session.registered,
                        "present": session.present,
                    ]
                })
        case ("GET", "events", 3) where path[2] == "attendance":
            let (occurrence, people) = try desk.checkInList(agent, occurrence: try requireID(id))
            let confirmed = people.filter { $0.status == .confirmed }
            return Self.json(
                200,
                [
                    "event": event(EventListing(occurrence: occurrence)), "registered": confirmed.count,
                    "present": confirmed.filter { $0.attendedAt != nil }.count, "people": people.map(attendance),
                ])
        case ("POST", "events", 3) where path[2] == "attendance":
            return Self.json(201, attendance(try record(agent, occurrence: try requireID(id), fields)))
        case ("DELETE", "attendance", 2):
            return Self.json(200, attendance(try desk.undoTick(agent, registration: try requireID(id))))
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
        return try desk.walkIn(agent, occurrence: occurrence, person, prefix: "walk_in.")
    }

    private func requireID(_ id: Int64?) throws -> Int64 {
        guard let id else { throw DeskError.notFound }
        return id
    }

    // MARK: - JSON shapes

    private func event(_ listing: EventListing) -> [String: Any] {
        let occurrence = listing.occurrence
        return [
            "id": occurrence.id, "campaign": occurrence.campaign, "summary": occurrence.summary,
            "start": desk.localTime.iso8601(occurrence.start), "end": desk.localTime.iso8601(occurrence.end),
            "location": occurrence.location ?? NSNull(), "commune": occurrence.commune ?? NSNull(), "status": occurrence.status.rawValue,
            "capacity": occurrence.capacity ?? NSNull(), "registered": occurrence.registered, "waitlisted": occurrence.waitlisted,
            "places_left": listing.placesLeft ?? NSNull(),
        ]
    }

    private func attendance(_ entry: CheckInEntry) -> [String: Any] {
        [
            "registration": entry.registration, "occurrence": entry.occurrence, "resident": entry.participant ?? NSNull(),
            "name": entry.name ?? NSNull(), "commune": entry.commune, "birth_year": entry.birthYear ?? NSNull(),
            "status": entry.status.rawValue, "source": entry.source,
            "attended_at": entry.attendedAt.map(desk.localTime.iso8601) ?? NSNull(),
            "waitlist_position": entry.waitlistPosition ?? NSNull(),
        ]
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
