// ShuttleLinkCLITests: the link in a shuttle reminder (here the shipped SMS, whose last line is
// `{{manage_url}}`: the short path /r/<token>, kept while it fits two segments) opens the booking's page on
// `relais serve`, and its button cancels the booking under the shuttle's rules, as the desk's
// cancel does: on the Saturday before, the cancellation is in time (not late), but booking has
// closed, so the freed seat is not given to the waitlist (ShuttleBookingRules.bookingDeadline).

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct ShuttleLinkCLITests {
    @Test func theLinkInAShuttleReminderCancelsTheBookingUnderTheShuttlesDeadlines() throws {
        let fixture = try TransportWorkspace(seats: 1, wheelchairPlaces: 0, gex: 2, cessy: 0)
        let workspace = fixture.workspace
        #expect((try fixture.book(1))["status"] as? String == "confirmed")
        #expect((try fixture.book(2))["status"] as? String == "waitlisted")

        let port = LoopbackPort.random()
        workspace.configure("[web]\nport = \(port)\npublic_url = https://p.example.fr\n")

        workspace.now = "2027-03-27T19:59"  // the day before is Easter Monday: the reminder leaves on Saturday
        let sent = try workspace.relais("send", "--once")
        #expect(sent.status == 0, "\(sent.errors)")
        let folder = workspace.directory.appendingPathComponent("outbox")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).first {
                $0.hasPrefix("shuttle-reminder") && $0.hasSuffix(".json")
            },
            "\(sent.output)")
        let text = try #require(
            (try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file))) as? [String: Any])?["text"]
                as? String)
        let link = try #require(text.range(of: "https://p.example.fr/r/"), "\(text)")
        let path = "/r/" + text[link.upperBound...].prefix(16)

        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let page = HTTPAnswer.parse(try runToCompletion("/usr/bin/curl", ["-s", "-i", "http://127.0.0.1:\(port)\(path)"]).output)
        #expect(
            page.status == 200 && page.body.contains("Annuler ma réservation de navette") && page.body.contains("CH Fleyriat"),
            "\(page.body)")
        let posted = HTTPAnswer.parse(
            try runToCompletion("/usr/bin/curl", ["-s", "-i", "-d", "cancel=yes", "http://127.0.0.1:\(port)\(path)"]).output)
        #expect(posted.status == 200 && posted.body.contains("réservation de navette est annulée"), "\(posted.body)")
        let statuses = try fixture.bookings().sorted { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) }.compactMap {
            $0["status"] as? String
        }
        #expect(statuses == ["cancelled", "waitlisted"], "\(statuses)")
        #expect(!posted.body.contains("après le délai"), "\(posted.body)")
        let late = try workspace.run(
            "/usr/bin/sqlite3", [workspace.database, "SELECT cancelled_late FROM shuttle_booking WHERE status = 'cancelled'"])
        #expect(late.output == "0\n")
    }
}
