// Registrations and check-in through the JSON API (`relais serve` and curl): the events list and
// its filters, registering (201 confirmed, then waitlisted with its position), cancelling (the
// waitlist moves up), a session's attendance list, ticks by resident or walk-in, 409 before the
// start or twice, undo, and refusals naming their field.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskEventsAPICLITests {
    @Test func anAgentListsSessionsRegistersToTheWaitlistAndCancels() throws {
        let desk = try EventDesk(standCapacity: 1)
        defer { desk.site.server.stop() }
        let gex = try desk.token("agent-gex")
        let all = try #require(try desk.call("GET", "/api/v1/events", token: gex).body as? [[String: Any]])
        #expect(all.compactMap { $0["id"] as? Int } == [Int(desk.tomorrow)!, Int(desk.stand)!], "sessions to come, by start")
        #expect(all.last?["places_left"] as? Int == 1 && all.last?["start"] as? String == "2027-03-20T09:00:00+01:00")
        let filtered = try #require(
            try desk.call("GET", "/api/v1/events?from=2027-03-10&to=2027-03-20&campaign=mars-bleu-2027&commune=Gex", token: gex).body
                as? [[String: Any]])
        #expect(filtered.compactMap { $0["id"] as? Int } == [Int(desk.stand)!])
        #expect(try desk.call("GET", "/api/v1/events?to=2027-03-19", token: gex).body.map { ($0 as? [Any])?.count } == 1)
        #expect(try desk.call("GET", "/api/v1/events?commune=Cessy", token: gex).body.map { ($0 as? [Any])?.count } == 0)
        // The commune's INSEE code filters as its name does, and each event says both.
        let byCode = try #require(try desk.call("GET", "/api/v1/events?commune=01173", token: gex).body as? [[String: Any]])
        let byName = try #require(try desk.call("GET", "/api/v1/events?commune=Gex", token: gex).body as? [[String: Any]])
        #expect(!byCode.isEmpty && byCode.compactMap { $0["id"] as? Int } == byName.compactMap { $0["id"] as? Int })
        #expect(byCode.allSatisfy { $0["commune"] as? String == "gex" && $0["commune_code"] as? String == "01173" })
        let badDate = try desk.call("GET", "/api/v1/events?from=30/03/2027", token: gex)
        #expect(badDate.status == 422 && (badDate.body as? [String: Any])?["field"] as? String == "from")
        let badCommune = try desk.call("GET", "/api/v1/events?commune=Gen%C3%A8ve", token: gex)
        #expect(badCommune.status == 422 && (badCommune.body as? [String: Any])?["field"] as? String == "commune")

        let path = "/api/v1/events/\(desk.stand)/registrations"
        let first = try desk.call("POST", path, token: gex, json: #"{"resident": 1}"#)
        #expect(first.status == 201)
        let confirmed = try #require(first.body as? [String: Any])
        #expect(confirmed["status"] as? String == "confirmed" && confirmed["position"] is NSNull && confirmed["resident"] as? Int == 1)
        let second = try #require(try desk.call("POST", path, token: gex, json: #"{"resident": 2}"#).body as? [String: Any])
        #expect(second["status"] as? String == "waitlisted" && second["position"] as? Int == 1)
        let again = try desk.call("POST", path, token: gex, json: #"{"resident": 1}"#)
        #expect(again.status == 409 && (again.body as? [String: Any])?["error"] as? String == "already-registered", "\(again)")
        #expect(try desk.call("POST", path, token: gex, json: #"{"resident": "x"}"#).status == 422)
        #expect(
            try desk.call("POST", "/api/v1/events/\(desk.today)/registrations", token: gex, json: #"{"resident": 3}"#).body
                .map { ($0 as? [String: Any])?["error"] as? String } == "occurrence-started")
        #expect(try desk.call("POST", "/api/v1/events/999999/registrations", token: gex, json: #"{"resident": 3}"#).status == 404)

        let cancel = try desk.call("POST", "/api/v1/registrations/\(confirmed["registration"]!)/cancel", token: gex)
        let cancelled = try #require(cancel.body as? [String: Any])
        #expect(cancel.status == 200 && cancelled["was"] as? String == "confirmed" && cancelled["promoted"] as? Int == 1)
        let twice = try desk.call("POST", "/api/v1/registrations/\(confirmed["registration"]!)/cancel", token: gex)
        #expect(twice.status == 422 && (twice.body as? [String: Any])?["error"] as? String == "registration-cancelled")
        let now = try #require(try desk.call("GET", "/api/v1/events?commune=gex&from=2027-03-20", token: gex).body as? [[String: Any]])
        #expect(now.first?["registered"] as? Int == 1 && now.first?["waitlisted"] as? Int == 0 && now.first?["places_left"] as? Int == 0)
    }

    @Test func theDoorTicksResidentsAndWalkInsRefusesBeforeTheStartAndUndoes() throws {
        let desk = try EventDesk()
        defer { desk.site.server.stop() }
        try desk.registerEarly([2, 1], to: desk.today)
        try desk.registerEarly([1], to: desk.stand)
        let staff = try desk.token("accueil")
        let path = "/api/v1/events/\(desk.today)/attendance"
        let list = try #require(try desk.call("GET", path, token: staff).body as? [String: Any])
        let people = try #require(list["people"] as? [[String: Any]])
        #expect(people.compactMap { $0["name"] as? String } == ["Résident Gex 0", "Résident Gex 1"])
        #expect(list["registered"] as? Int == 2 && list["present"] as? Int == 0)

        let ticked = try desk.call("POST", path, token: staff, json: #"{"resident": 1}"#)
        let entry = try #require(ticked.body as? [String: Any])
        #expect(ticked.status == 201 && (entry["attended_at"] as? String)?.hasPrefix("2027-03-01T10:0") == true, "\(ticked)")
        #expect(entry["status"] as? String == "confirmed" && entry["source"] as? String == "relais register")
        let twice = try desk.call("POST", path, token: staff, json: #"{"resident": 1}"#)
        #expect(twice.status == 409 && (twice.body as? [String: Any])?["error"] as? String == "already-present")
        // Staff tick registered people only: a resident who did not register is not found.
        #expect(try desk.call("POST", path, token: staff, json: #"{"resident": 3}"#).status == 404)
        // A CCAS agent may tick its resident who came without registering: a walk-in.
        let known = try #require(
            try desk.call("POST", path, token: try desk.token("agent-gex"), json: #"{"resident": 3}"#).body as? [String: Any])
        #expect(known["source"] as? String == "walk-in" && known["resident"] as? Int == 3)

        let walkIn = try desk.call(
            "POST", path, token: staff, json: #"{"walk_in": {"name": "Paul Passant", "commune": "Cessy", "birth_year": 2001}}"#)
        let walkInEntry = try #require(walkIn.body as? [String: Any])
        #expect(walkIn.status == 201 && walkInEntry["source"] as? String == "walk-in" && walkInEntry["commune"] as? String == "cessy")
        let badYear = try desk.call(
            "POST", path, token: staff, json: #"{"walk_in": {"name": "Paul", "commune": "Cessy", "birth_year": 1850}}"#)
        let badYearBody = badYear.body as? [String: Any]
        #expect(badYear.status == 422 && badYearBody?["field"] as? String == "walk_in.birth_year", "\(badYear)")
        #expect(badYearBody?["error"] as? String == "birth-year-out-of-range", "a resident's refusal, named within walk_in")
        let nested = try desk.call("POST", path, token: staff, json: #"{"walk_in": {"name": ["Paul"], "commune": "Cessy"}}"#)
        #expect(nested.status == 422 && (nested.body as? [String: Any])?["field"] as? String == "walk_in")
        let both = try desk.call("POST", path, token: staff, json: #"{"resident": 2, "walk_in": {"name": "Paul", "commune": "Gex"}}"#)
        #expect(both.status == 422 && (both.body as? [String: Any])?["field"] as? String == "walk_in")
        #expect(try desk.call("POST", path, token: staff, json: "{}").status == 422)

        let early = try desk.call(
            "POST", "/api/v1/events/\(desk.stand)/attendance", token: try desk.token("coordination"), json: #"{"resident": 1}"#)
        let refusal = try #require(early.body as? [String: Any])
        #expect(early.status == 409 && refusal["error"] as? String == "session-not-started" && refusal["field"] as? String == "occurrence")
        #expect((refusal["message"] as? String)?.contains("starts on Saturday 20 March") == true, "\(refusal)")

        let registration = try #require(entry["registration"] as? Int)
        let undone = try desk.call("DELETE", "/api/v1/attendance/\(registration)", token: staff)
        #expect(undone.status == 200 && (undone.body as? [String: Any])?["attended_at"] is NSNull)
        #expect(try desk.call("DELETE", "/api/v1/attendance/\(registration)", token: staff).status == 404)
        let after = try #require(try desk.call("GET", path, token: staff).body as? [String: Any])
        #expect(after["registered"] as? Int == 4 && after["present"] as? Int == 2, "\(after)")
        #expect(
            try desk.sql("SELECT account || ' ' || action FROM audit_log WHERE action LIKE 'attendance.%' ORDER BY id")
                == "accueil attendance.add\nagent-gex attendance.walk-in\naccueil attendance.walk-in\naccueil attendance.undo\n")
    }
}
