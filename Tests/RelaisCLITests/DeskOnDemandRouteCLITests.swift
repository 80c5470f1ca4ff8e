// The desk and on-demand routes, through `relais serve` and curl: the desk plans with the territory's
// route data as the command line does, so a cancellation at the desk plans the route again: the
// cancelled passenger leaves it, and a passenger waiting as too far moves up only because the route
// now carries them, with their place in it (before, the desk left the route stale and promoted on seats).

import Foundation
import Testing

@Suite struct DeskOnDemandRouteCLITests {
    @Test func aDeskCancellationPlansTheOnDemandRouteAgain() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let workspace = site.workspace
        let added = try workspace.relais(
            "transport", "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "07:00-08:30",
            "--arrival", "09:00", "--return", "11:30", "--depot", "01173", "--destination-commune", "01053", "--destination",
            "CH Fleyriat", "--json")
        #expect(added.status == 0, "\(added.errors)")
        let run = String(try #require((try workspace.json(added) as? [String: Any])?["run"] as? Int))
        var bookings: [Int] = []
        for (participant, ccas) in [(1, "Gex"), (2, "Gex"), (3, "Gex")] {
            let booked = try workspace.relais("transport", "book", "--ccas", ccas, "--run", run, "--participant", String(participant), "--json")
            #expect(booked.status == 0, "\(booked.errors)")
            bookings.append(try #require((try workspace.json(booked) as? [String: Any])?["id"] as? Int))
        }
        let orders = {
            try workspace.run(
                "/usr/bin/sqlite3",
                [workspace.database, "SELECT booking || ':' || ifnull(pickup_order, '-') FROM shuttle_pickup ORDER BY booking"]
            ).output.split(separator: "\n").map(String.init)
        }
        let before = try orders()
        // Two from Gex fit the window; the third waits as too far, outside the route.
        #expect(before == ["\(bookings[0]):1", "\(bookings[1]):2", "\(bookings[2]):-"], "\(before)")
        let gex = try site.signedIn("agent-gex")
        let cancel = try gex.submit("/bookings/\(bookings[0])/cancel", from: "/runs", [])
        #expect(cancel.status == 303, "\(cancel.status) \(cancel.body)")
        let after = try orders()
        #expect(after.first == "\(bookings[0]):-", "the cancelled passenger left the route: \(after)")
        // The freed place goes to the third, whom the route now carries: confirmed, with its place in it.
        #expect(Set(after.dropFirst().compactMap { $0.split(separator: ":").last.flatMap { Int($0) } }) == [1, 2], "\(after)")
        let status = try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT status FROM shuttle_booking WHERE id = \(bookings[2])"])
        #expect(status.output.trimmingCharacters(in: .whitespacesAndNewlines) == "confirmed")
    }

    @Test func theAPIBooksAnOnDemandRunAtACheckedPickupPointOrADoor() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let added = try site.workspace.relais(
            "transport", "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "07:00-08:30",
            "--arrival", "09:00", "--return", "11:30", "--depot", "01173", "--destination-commune", "01053", "--destination",
            "CH Fleyriat", "--json")
        let run = try #require((try site.workspace.json(added) as? [String: Any])?["run"] as? Int)
        let api = DeskAPICLITests()
        let gex = try api.token(site, "agent-gex")
        let before = try site.bookingRows()
        let unknown = try api.call(
            site, "POST", "/api/v1/runs/\(run)/bookings", token: gex, json: #"{"resident": 1, "pickup_point": "Gare"}"#)
        let refusal = unknown.body as? [String: Any]
        #expect(unknown.status == 422 && refusal?["error"] as? String == "pickup-point-unknown", "\(unknown)")
        #expect(refusal?["field"] as? String == "pickup_point" && (refusal?["message"] as? String ?? "").contains("Mairie"), "\(unknown)")
        #expect(try site.bookingRows() == before)
        let point = try api.call(site, "POST", "/api/v1/runs/\(run)/bookings", token: gex, json: #"{"resident": 1, "pickup_point": "mairie"}"#)
        #expect(point.status == 201, "\(point)")
        let place = (point.body as? [String: Any])?["pickup_place"] as? [String: Any]
        #expect(place?["kind"] as? String == "point" && place?["place"] as? String == "Mairie", "\(point)")
        let door = try api.call(
            site, "POST", "/api/v1/runs/\(run)/bookings", token: gex, json: #"{"resident": 2, "door": "3 rue du Jura"}"#)
        #expect(door.status == 201, "\(door)")
    }

    @Test func theDeskFormBooksAnOnDemandRunAtAPickupPointKeepingWhatWasTyped() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let added = try site.workspace.relais(
            "transport", "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "07:00-08:30",
            "--arrival", "09:00", "--return", "11:30", "--depot", "01173", "--destination-commune", "01053", "--destination",
            "CH Fleyriat", "--json")
        let run = try #require((try site.workspace.json(added) as? [String: Any])?["run"] as? Int)
        let gex = try site.signedIn("agent-gex")
        let page = try gex.get("/runs/\(run)")
        #expect(page.body.contains("name=\"pickup_point\"") && page.body.contains("name=\"door\""), "\(page.body)")
        let before = try site.bookingRows()
        let refused = try gex.submit("/runs/\(run)/book", from: "/runs/\(run)", [("resident", "1"), ("pickup_point", "Gare routière")])
        #expect(refused.status == 422 && refused.body.contains("Gare routière") && refused.body.contains("Mairie"), "\(refused.status)")
        #expect(try site.bookingRows() == before)
        let booked = try gex.submit("/runs/\(run)/book", from: "/runs/\(run)", [("resident", "1"), ("pickup_point", ""), ("door", "")])
        #expect(booked.status == 303, "\(booked.status) \(booked.body)")
        let place = try site.workspace.run("/usr/bin/sqlite3", [site.workspace.database, "SELECT point FROM shuttle_pickup"])
        #expect(place.output.trimmingCharacters(in: .whitespacesAndNewlines) == "Mairie")
    }
}
