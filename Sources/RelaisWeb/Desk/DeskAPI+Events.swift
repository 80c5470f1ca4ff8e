// DeskAPI+Events: registrations to sessions and check-in as JSON, the same Desk, scopes and audit
// as the pages (documented in openapi.json). `{id}` of events is an occurrence id, as in
// `relais events list`; an attendance's id is its registration's. The answers are RelaisJSON's
// shapes: a session is an OccurrenceJSON (the same as `relais events list --json`), a registration
// request's outcome and a cancellation's are what `relais register --json` and `relais unregister
// --json` print.
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
import RelaisJSON
import RelaisStore

extension DeskAPI {
    /// The operations' properties whose value is an object (read whole, one level deep).
    static let objectProperties: Set<String> = ["walk_in"]

    /// The routes of this file, by their first segment after /api/v1.
    static let eventRouteHeads: Set<String> = ["events", "registrations", "attendance", "checkin"]

    func eventRoute(_ method: String, _ path: [String], agent: Agent, fields: FormFields, query: [String: String]) throws -> Response {
        let id = path.count >= 2 ? Int64(path[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        let localTime = desk.localTime
        let territory = desk.territory
        switch (method, path.first ?? "", path.count) {
        case ("GET", "events", 1):
            let events = try desk.upcomingEvents(agent, try desk.eventFilter(query))
            return Self.json(200, events.map { OccurrenceJSON($0.occurrence, territory: territory, localTime: localTime) })
        case ("POST", "events", 3) where path[2] == "registrations":
            return Self.json(201, RegistrationOutcomeJSON(try desk.register(agent, occurrence: try requireID(id), fields)))
        case ("POST", "registrations", 3) where path[2] == "cancel":
            let registration = try requireID(id)
            return Self.json(
                200, RegistrationCancellationJSON(registration: registration, try desk.cancelRegistration(agent, id: registration)))
        case ("GET", "checkin", 1):
            let day = try desk.checkInDay(agent, query["day"])
            return Self.json(
                200, try desk.checkInSessions(agent, day: day).map { CheckInSessionJSON($0, territory: territory, localTime: localTime) })
        case ("GET", "events", 3) where path[2] == "attendance":
            let (occurrence, people) = try desk.checkInList(agent, occurrence: try requireID(id))
            return Self.json(200, AttendanceListJSON(occurrence, people: people, territory: territory, localTime: localTime))
        case ("POST", "events", 3) where path[2] == "attendance":
            do {
                return Self.json(
                    201,
                    AttendanceJSON(try record(agent, occurrence: try requireID(id), fields), territory: territory, localTime: localTime))
            } catch DeskError.refusal(.resident(let refusal)) {
                // Only a walk-in's fields are a resident's here: named within the object they came in.
                return refused(.resident(refusal), within: "walk_in")
            }
        case ("DELETE", "attendance", 2):
            return Self.json(
                200, AttendanceJSON(try desk.undoTick(agent, registration: try requireID(id)), territory: territory, localTime: localTime))
        default: throw APIRefusal.notFound
        }
    }

    /// A presence from `{"resident": id}` or `{"walk_in": {...}}` (one of them).
    private func record(_ agent: Agent, occurrence: Int64, _ fields: FormFields) throws -> CheckInEntry {
        let walkIn = fields.values.keys.contains { $0.hasPrefix("walk_in.") }
        if let typed = fields.text("resident") {
            guard !walkIn else { throw Refusal.registration(.residentAndWalkIn) }
            guard let resident = Int64(typed), resident > 0 else { throw Refusal.form(.missing(.resident)) }
            return try desk.tick(agent, occurrence: occurrence, resident: resident)
        }
        guard walkIn else { throw Refusal.form(.missing(.resident)) }
        var person = FormFields()
        for (name, value) in fields.values where name.hasPrefix("walk_in.") { person.values[String(name.dropFirst(8))] = value }
        return try desk.walkIn(agent, occurrence: occurrence, person)
    }

    private func requireID(_ id: Int64?) throws -> Int64 {
        guard let id else { throw APIRefusal.notFound }
        return id
    }

    /// A refusal whose field came inside the body's property `object`: ErrorJSON's `field` names
    /// it there (`walk_in.birth_year`); everything else as `refused(_:)` answers it.
    func refused(_ refusal: Refusal, within object: String) -> Response {
        var (status, body) = Self.answer(to: refusal, localTime: desk.localTime)
        body.field = body.field.map { "\(object).\($0)" }
        return Self.json(status, body)
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
            else { throw Refusal.form(.notAnObject(property: name)) }
            for (key, text) in inner.values { flattened.values["\(name).\(key)"] = text }
        }
        return flattened
    }
}
