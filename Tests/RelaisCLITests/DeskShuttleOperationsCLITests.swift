// The coordinator's shuttle pages through `relais serve` and curl: the book-by time on the runs
// list (pages and API); after the booking deadline, a seat freed late given to a waitlisted
// passenger of the coordinator's choice, who is told once; after the run, trips recorded as
// completed or no-show. A CCAS agent gets 403 on all of it, by page or API.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskShuttleOperationsCLITests {
    func rows(_ site: DeskSite, _ sql: String) throws -> String {
        try site.workspace.run("/usr/bin/sqlite3", [site.workspace.database, sql]).output
    }

    /// Stops the site's server and serves the same database at `now`.
    func serveAgain(_ site: DeskSite, at now: String, after previous: PeerProcess) throws -> PeerProcess {
        previous.stop()
        site.workspace.now = now
        return try startServe(site.workspace, port: site.port)
    }

    @Test func theRunsListSaysWhenBookingClosesOnThePagesAndInTheAPI() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let runs = try gex.get("/runs")
        // Tuesday 30 March 2027: booking closes on the previous working day at 17:00.
        #expect(runs.body.contains("<span id=\"book-by-\(site.transport.run)\">vendredi 26 mars à 17 h 00</span>"), "\(runs.body)")
        #expect(!runs.body.contains("runs-to-settle"), "only the coordinator settles runs")
        #expect(try gex.get("/runs/\(site.transport.run)").body.contains("<dd id=\"book-by\">vendredi 26 mars à 17 h 00</dd>"))
        let token = try deskToken(site, "agent-gex")
        let answer = try site.client("api").curl(
            ["-H", "Authorization: Bearer \(token)", site.client("api").url("/api/v1/runs")])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [[String: Any]])
        #expect(listed.first?["booking_closes"] as? String == "2027-03-26T17:00:00+01:00", "\(listed)")
    }

    @Test func afterTheDeadlineTheCoordinatorGivesAFreedSeatToTheWaitlistedPassengerOfItsChoice() throws {
        let site = try DeskSite(seats: 1)
        var server = site.server
        defer { server.stop() }
        for resident in [1, 2, 3] { _ = try site.transport.book(resident) }
        #expect(try rows(site, "SELECT id, status FROM shuttle_booking ORDER BY id") == "1|confirmed\n2|waitlisted\n3|waitlisted\n")
        // Saturday 27 March, after Friday's deadline: the confirmed passenger cancels; nobody moves up by themselves.
        server = try serveAgain(site, at: "2027-03-27T10:00", after: server)
        #expect(try site.transport.transport(["cancel", "--coordinator", "1"]).status == 0)
        #expect(try rows(site, "SELECT id, status FROM shuttle_booking ORDER BY id") == "1|cancelled\n2|waitlisted\n3|waitlisted\n")

        let coordinator = try site.signedIn("coordination")
        let page = try coordinator.get("/runs/\(site.transport.run)")
        #expect(
            page.body.contains("id=\"promote-note\"")
                && page.body.contains("<button id=\"promote-2\" type=\"submit\">Donner la place</button>"))
        #expect(page.body.contains("<button id=\"promote-3\" type=\"submit\">"))

        // A CCAS agent may not, by page or API, and sees no button.
        let gex = try site.signedIn("agent-gex")
        #expect(!(try gex.get("/runs/\(site.transport.run)").body.contains("promote-")))
        #expect(try gex.submit("/bookings/3/promote", from: "/runs", []).status == 403)
        let gexToken = try deskToken(site, "agent-gex")
        #expect(try deskAPI(site, "POST", "/api/v1/bookings/3/promote", token: gexToken).status == 403)
        #expect(try rows(site, "SELECT status FROM shuttle_booking WHERE id = 3") == "waitlisted\n")

        // The coordinator chooses the second in line.
        let promoted = try coordinator.submit("/bookings/3/promote", from: "/runs/\(site.transport.run)", [])
        #expect(promoted.status == 303 && promoted.headers["location"] == "/runs/\(site.transport.run)", "\(promoted.body)")
        #expect(try rows(site, "SELECT id, status FROM shuttle_booking ORDER BY id") == "1|cancelled\n2|waitlisted\n3|confirmed\n")
        // One notice, on its way: the running daemon may already have claimed or sent it.
        let notice = try rows(site, "SELECT state FROM outbox WHERE booking = 3 AND kind = 'shuttle-promoted'")
        #expect(["queued\n", "sending\n", "sent\n"].contains(notice), "\(notice)")
        #expect(
            try rows(site, "SELECT account, detail FROM audit_log WHERE action = 'booking.promote'")
                == "coordination|booking=3 run=\(site.transport.run) after_deadline=true\n")

        // No seat is left for the other: refused in words, in the API with its code, and nothing changes.
        let full = try coordinator.submit("/bookings/2/promote", from: "/runs/\(site.transport.run)", [])
        #expect(
            full.status == 422 && formProblem(full).contains("Aucune place n&#39;est libre pour cette réservation"), "\(formProblem(full))")
        let token = try deskToken(site, "coordination")
        let api = try deskAPI(site, "POST", "/api/v1/bookings/2/promote", token: token)
        #expect(api.status == 422 && api.body["error"] as? String == "no-seat-free" && api.body["field"] as? String == "booking", "\(api)")
        let twice = try deskAPI(site, "POST", "/api/v1/bookings/3/promote", token: token)
        #expect(twice.status == 422 && twice.body["error"] as? String == "booking-not-waitlisted", "\(twice)")
        #expect(try rows(site, "SELECT count(*) FROM outbox WHERE booking = 3 AND kind = 'shuttle-promoted'") == "1\n")
        #expect(try deskAPI(site, "POST", "/api/v1/bookings/999/promote", token: token).status == 404)
    }

    @Test func afterTheRunTheCoordinatorRecordsNoShowsAndCompletedTripsAndMayCorrectThem() throws {
        let site = try DeskSite(seats: 2)
        var server = site.server
        defer { server.stop() }
        // Booking 1: resident 1 of Gex; booking 2: resident 4 of Cessy.
        for resident in [1, 4] {
            _ = try site.transport.book(resident, ccas: resident == 1 ? "Gex" : "Cessy", stop: resident == 1 ? "1" : "2")
        }
        let token = try deskToken(site, "coordination")
        let early = try deskAPI(site, "POST", "/api/v1/bookings/1/no-show", token: token)
        #expect(early.status == 422 && early.body["error"] as? String == "run-not-left", "\(early)")

        server = try serveAgain(site, at: "2027-03-30T12:00", after: server)
        let coordinator = try site.signedIn("coordination")
        let runs = try coordinator.get("/runs")
        #expect(runs.body.contains("<table id=\"runs-to-settle\">") && runs.body.contains("href=\"/runs/\(site.transport.run)\""))
        let page = try coordinator.get("/runs/\(site.transport.run)")
        #expect(page.body.contains("<button id=\"complete-1\" type=\"submit\">Effectué</button>"))
        #expect(page.body.contains("<button id=\"noshow-2\" type=\"submit\">Absent</button>"))

        let gex = try site.signedIn("agent-gex")
        #expect(!(try gex.get("/runs/\(site.transport.run)").body.contains("noshow-")))
        #expect(try gex.submit("/bookings/1/no-show", from: "/runs", []).status == 403)
        let gexToken =
            try deskAPI(site, "POST", "/api/v1/session", json: #"{"login": "agent-gex", "password": "\#(DeskSite.password)"}"#)
            .body["token"] as? String
        #expect(try deskAPI(site, "POST", "/api/v1/bookings/1/completed", token: gexToken).status == 403)
        #expect(try rows(site, "SELECT status FROM shuttle_booking ORDER BY id") == "confirmed\nconfirmed\n")

        let noShow = try coordinator.submit("/bookings/2/no-show", from: "/runs/\(site.transport.run)", [])
        #expect(noShow.status == 303 && noShow.headers["location"] == "/runs/\(site.transport.run)")
        let completed = try deskAPI(site, "POST", "/api/v1/bookings/1/completed", token: try deskToken(site, "coordination"))
        #expect(completed.status == 200 && completed.body["status"] as? String == "completed" && completed.body["id"] as? Int == 1)
        // A no-show was in fact there: corrected.
        let corrected = try deskAPI(site, "POST", "/api/v1/bookings/2/completed", token: try deskToken(site, "coordination"))
        #expect(corrected.status == 200 && corrected.body["status"] as? String == "completed")
        #expect(try rows(site, "SELECT status FROM shuttle_booking ORDER BY id") == "completed\ncompleted\n")
        #expect(
            try rows(site, "SELECT account, action, detail FROM audit_log WHERE action LIKE 'booking.%' AND account = 'coordination'")
                == "coordination|booking.no_show|booking=2\ncoordination|booking.completed|booking=1\ncoordination|booking.completed|booking=2\n"
        )
        let after = try coordinator.get("/runs/\(site.transport.run)")
        #expect(after.body.contains("<span id=\"status-2\">Effectuée</span>") && after.body.contains("<button id=\"noshow-2\""))
    }
}
