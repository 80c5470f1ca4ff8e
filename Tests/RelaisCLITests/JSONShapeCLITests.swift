// One JSON shape per resource: the same booking, resident, run, manifest and occurrence read with the
// command line's --json and through the desk's API are the same JSON object, key for key; an absent
// value is an explicit null in both; the waitlist and a booking request's outcome add one key each.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct JSONShapeCLITests {
    /// A served site with a campaign event and two bookings of Gex residents, one without a quotient.
    struct Seeded {
        let site: DeskSite
        let token: String

        init() throws {
            site = try DeskSite(seats: 2)
            let file = site.workspace.write(
                "screening.ics", calendar(event(uid: "screening@test", start: "20270320T090000", end: "20270320T120000")))
            #expect(try site.workspace.relais("campaigns", "load", file).status == 0)
            let signedIn = try site.client("api").curl(
                [
                    "-H", "Content-Type: application/json", "--data-binary",
                    #"{"login": "coordination", "password": "\#(DeskSite.password)"}"#, site.client("api").url("/api/v1/session"),
                ])
            token = try #require(try JSONShapeCLITests.object(signedIn.body)["token"] as? String)
        }

        /// GET `path` on the API as the coordinator, parsed.
        func api(_ path: String, method: String = "GET", json: String? = nil) throws -> (status: Int, body: Any) {
            var arguments = ["-X", method, "-H", "Authorization: Bearer \(token)"]
            if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
            let answer = try site.client("api").curl(arguments + [site.client("api").url(path)])
            return (answer.status, try JSONSerialization.jsonObject(with: Data(answer.body.utf8)))
        }

        /// `relais arguments... --json`, parsed.
        func cli(_ arguments: String...) throws -> Any {
            let result = try site.workspace.relais(arguments)
            #expect(result.status == 0, "\(arguments): \(result.errors)")
            return try site.workspace.json(result)
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    /// The same JSON value, compared as canonical text.
    static func same(_ left: Any, _ right: Any) throws -> Bool {
        let options: JSONSerialization.WritingOptions = [.sortedKeys]
        return try JSONSerialization.data(withJSONObject: left, options: options)
            == JSONSerialization.data(withJSONObject: right, options: options)
    }

    @Test func aBookingAResidentARunAndAnOccurrenceHaveOneShapeOnTheCommandLineAndInTheAPI() throws {
        let seeded = try Seeded()
        defer { seeded.site.server.stop() }
        let run = seeded.site.transport.run
        let booked = try seeded.api("/api/v1/runs/\(run)/bookings", method: "POST", json: #"{"resident": 1, "stop": "Gex"}"#)
        #expect(booked.status == 201)
        let outcome = try #require(booked.body as? [String: Any])
        #expect(outcome["waitlist_position"] is NSNull && outcome["quotient"] is NSNull && outcome["appointment"] is NSNull)
        let cliBooked = try #require(
            try seeded.cli("transport", "book", "--ccas", "Gex", "--run", run, "--participant", "2", "--stop", "1", "--companion", "--json")
                as? [String: Any])
        #expect(cliBooked["status"] as? String == "waitlisted" && cliBooked["waitlist_position"] as? Int == 1)
        #expect(Set(cliBooked.keys) == Set(outcome.keys), "a booking request's outcome has one shape")

        // A booking: `transport bookings --json` and GET /bookings/{id}.
        let bookings = try #require(try seeded.cli("transport", "bookings", "--coordinator", "--json") as? [[String: Any]])
        #expect(bookings.count == 2)
        for booking in bookings {
            let id = try #require(booking["id"] as? Int)
            #expect(try Self.same(booking, try seeded.api("/api/v1/bookings/\(id)").body), "booking \(id)")
        }
        var outcomeAsBooking = outcome
        outcomeAsBooking["waitlist_position"] = nil
        #expect(try Self.same(outcomeAsBooking, bookings[0]))

        // A resident: `participants list --json` and GET /residents/{id}.
        let residents = try #require(try seeded.cli("participants", "list", "--json") as? [[String: Any]])
        #expect(residents.count == 5)
        for resident in residents {
            let id = try #require(resident["id"] as? Int)
            #expect(try Self.same(resident, try seeded.api("/api/v1/residents/\(id)").body), "resident \(id)")
            #expect(resident["email"] is NSNull && resident["birth_year"] is NSNull, "absent values are null: \(resident)")
        }

        // A run: `transport runs list --json` and GET /runs; its manifest and waitlist too.
        let runs = try #require(try seeded.cli("transport", "runs", "list", "--coordinator", "--json") as? [Any])
        #expect(try Self.same(runs, try seeded.api("/api/v1/runs").body))
        let manifest = try seeded.cli("transport", "manifest", "--coordinator", run, "--format", "json")
        #expect(try Self.same(manifest, try seeded.api("/api/v1/runs/\(run)/manifest").body))
        let waitlist = try #require(try seeded.cli("transport", "waitlist", "--coordinator", run, "--json") as? [Any])
        let detail = try #require(try seeded.api("/api/v1/runs/\(run)").body as? [String: Any])
        #expect(try Self.same(waitlist, try #require(detail["waitlist"])))
        #expect((waitlist.first as? [String: Any])?["position"] as? Int == 1)

        // An occurrence: `events list --json` and GET /calendar.
        let occurrences = try seeded.cli("events", "list", "--json")
        #expect(try Self.same(occurrences, try seeded.api("/api/v1/calendar").body))
        let first = try #require((occurrences as? [[String: Any]])?.first)
        #expect(first["previous_start"] is NSNull && first["qpv"] is NSNull && first["uid"] as? String == "screening@test")

        // A cancellation: `transport cancel --json` and POST /bookings/{id}/cancel.
        let cancelled = try #require(try seeded.api("/api/v1/bookings/\(bookings[0]["id"]!)/cancel", method: "POST").body as? [String: Any])
        let cliCancelled = try #require(
            try seeded.cli("transport", "cancel", "--coordinator", String(bookings[1]["id"] as! Int), "--json") as? [String: Any])
        #expect(Set(cancelled.keys) == ["booking", "late", "deadline", "promoted"] && Set(cliCancelled.keys) == Set(cancelled.keys))
    }

    @Test func accountsAndMessagesOfTheOutboxNameEveryKeyWithNullForWhatIsAbsent() throws {
        let seeded = try Seeded()
        defer { seeded.site.server.stop() }
        let accounts = try #require(try seeded.cli("users", "list", "--json") as? [[String: Any]])
        let coordinator = try #require(accounts.first { $0["login"] as? String == "coordination" })
        #expect(
            coordinator["commune"] is NSNull && coordinator["commune_code"] is NSNull && coordinator["disabled_at"] is NSNull
                && coordinator["disabled"] as? Bool == false)
        #expect(Set(accounts.flatMap(\.keys)) == ["id", "login", "role", "commune", "commune_code", "created", "disabled", "disabled_at"])
        _ = try seeded.api("/api/v1/runs/\(seeded.site.transport.run)/bookings", method: "POST", json: #"{"resident": 1}"#)
        let messages = try #require(try seeded.cli("outbox", "list", "--json") as? [[String: Any]])
        let message = try #require(messages.first)
        #expect(message["sent_at"] is NSNull && message["delivery"] is NSNull && message["reply"] is NSNull, "\(message)")
    }
}
