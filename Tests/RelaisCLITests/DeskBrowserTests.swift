// The CCAS desk in a real browser: Debian's chromium driven through chromedriver by
// desk_browser.py (W3C WebDriver, described at its top). The agent of Gex signs in, registers a
// resident, books the last seat of a run and sees the confirmation and the fare; the agent of
// Cessy then finds neither the booking nor the resident; a wrong password shows the form's error.
// Screenshots of every page are kept in .build/desk-screenshots/ (one folder per flow).

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskBrowserTests {
    /// Runs one flow of desk_browser.py and returns the JSON object it printed.
    func browse(_ site: DeskSite, _ mode: String, login: String, password: String = DeskSite.password, _ more: [String]) throws
        -> [String: Any]
    {
        try BrowserFlow.run("desk_browser.py", mode, workspace: site.workspace, port: site.port, login: login, password: password, more)
    }

    @Test func anAgentBooksTheLastSeatInChromiumAndAnotherCommuneCannotSeeIt() throws {
        let site = try DeskSite(seats: 1)
        defer { site.server.stop() }
        let run = site.transport.run
        let booked = try browse(
            site, "book", login: "agent-gex",
            ["--run", run, "--resident-name", "Jeanne Dupré", "--phone", "06 12 34 56 78", "--quotient", "900", "--appointment", "09:30"])
        #expect(booked["status"] as? String == "Confirmée")
        #expect(booked["fare"] as? String == "3,00 €")
        let booking = try #require(booked["booking_id"] as? Int)
        let seats = try site.workspace.run(
            "/usr/bin/sqlite3",
            [site.workspace.database, "SELECT status, booked_by, fare_cents FROM shuttle_booking WHERE id = \(booking)"])
        #expect(seats.output == "confirmed|agent-gex|300\n")
        #expect(try site.signedIn("coordination").get("/runs").body.contains("complet"), "the run is full")

        let looked = try browse(
            site, "look", login: "agent-cessy", ["--run", run, "--booking", String(booking), "--resident-name", "Jeanne Dupré"])
        #expect(looked["run_page_shows_name"] as? Bool == false)
        #expect(looked["booking_page_shows_name"] as? Bool == false)
        #expect(looked["booking_error_title"] as? String == "Page introuvable")

        let refused = try browse(site, "signin-fails", login: "agent-gex", password: "not the password", [])
        #expect(refused["form_error"] as? String == "Identifiant ou mot de passe incorrect.")
        #expect((refused["url"] as? String)?.hasSuffix("/signin") == true)
    }
}
