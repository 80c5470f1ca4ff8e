// One JSON shape for sessions and registrations: a session read with `relais events list --json`
// and through the API (GET /api/v1/events, the day's check-in, a session's attendance list) is the
// same object, key for key, waitlist and places left included; what a registration request and a
// cancellation come to has the same keys with `relais register --json` / `relais unregister
// --json` as in the API.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct EventsJSONShapeCLITests {
    @Test func aSessionARegistrationAndACancellationHaveOneShapeOnTheCommandLineAndInTheAPI() throws {
        let desk = try EventDesk(standCapacity: 1)
        defer { desk.site.server.stop() }
        let coordinator = try desk.token("coordination")
        let registered = try desk.call(
            "POST", "/api/v1/events/\(desk.stand)/registrations", token: coordinator, json: #"{"resident": 1}"#)
        #expect(registered.status == 201)
        let apiOutcome = try #require(registered.body as? [String: Any])
        let cliOutcome = try #require(
            try cli(desk, "register", "--participant", "2", "--occurrence", desk.stand, "--json") as? [String: Any])
        #expect(cliOutcome["status"] as? String == "waitlisted" && cliOutcome["position"] as? Int == 1, "\(cliOutcome)")
        #expect(apiOutcome["status"] as? String == "confirmed" && apiOutcome["position"] is NSNull, "\(apiOutcome)")
        #expect(Set(apiOutcome.keys) == ["registration", "occurrence", "resident", "status", "position"])
        #expect(Set(cliOutcome.keys) == Set(apiOutcome.keys), "a registration request's outcome has one shape")

        // A session: `events list --json` (from today) and the API's sessions to come, of the day, and one's attendance.
        let listed = try #require(try cli(desk, "events", "list", "--json") as? [[String: Any]])
        var byID: [Int: [String: Any]] = [:]
        for session in listed { byID[try #require(session["id"] as? Int)] = session }
        let stand = try #require(byID[Int(desk.stand)!])
        #expect(stand["registered"] as? Int == 1 && stand["waitlisted"] as? Int == 1 && stand["places_left"] as? Int == 0, "\(stand)")
        let upcoming = try #require(try desk.call("GET", "/api/v1/events", token: coordinator).body as? [[String: Any]])
        #expect(upcoming.count == 2, "tomorrow's and the stand: today's has started")
        for session in upcoming {
            let id = try #require(session["id"] as? Int)
            #expect(try JSONShapeCLITests.same(session, try #require(byID[id])), "session \(id)")
        }
        let today = try #require(byID[Int(desk.today)!])
        let day = try #require(try desk.call("GET", "/api/v1/checkin", token: coordinator).body as? [[String: Any]])
        #expect(try JSONShapeCLITests.same(try #require(day.first?["event"]), today))
        let attendance = try #require(
            try desk.call("GET", "/api/v1/events/\(desk.today)/attendance", token: coordinator).body as? [String: Any])
        #expect(try JSONShapeCLITests.same(try #require(attendance["event"]), today))

        // A cancellation: POST /registrations/{id}/cancel (the place goes to the waitlisted) and `unregister --json`.
        let cancelled = try #require(
            try desk.call("POST", "/api/v1/registrations/\(apiOutcome["registration"]!)/cancel", token: coordinator).body
                as? [String: Any])
        #expect(cancelled["was"] as? String == "confirmed" && cancelled["promoted"] as? Int == 1, "\(cancelled)")
        let cliCancelled = try #require(
            try cli(desk, "unregister", "--participant", "2", "--occurrence", desk.stand, "--json") as? [String: Any])
        #expect(cliCancelled["was"] as? String == "confirmed" && cliCancelled["promoted"] as? Int == 0, "\(cliCancelled)")
        #expect(Set(cancelled.keys) == ["registration", "status", "was", "promoted"] && Set(cliCancelled.keys) == Set(cancelled.keys))
    }

    /// `relais arguments...`, its JSON parsed.
    func cli(_ desk: EventDesk, _ arguments: String...) throws -> Any {
        let result = try desk.workspace.relais(arguments)
        #expect(result.status == 0, "\(arguments): \(result.errors)")
        return try desk.workspace.json(result)
    }
}
