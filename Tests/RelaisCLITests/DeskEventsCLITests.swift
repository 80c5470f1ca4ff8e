// Registrations to sessions and check-in on the day through `relais serve` and curl, as a browser
// uses them: a CCAS agent registers its residents and sees the places fall, then the waitlist;
// another commune's agent can neither register nor see them by any id; staff at the door see only
// today's sessions and nothing else; ticks, search, walk-ins and undo; the sign-in sheet.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskEventsCLITests {
    @Test func aCCASAgentRegistersItsResidentsSeesThePlacesFallThenTheWaitlistAndCancels() throws {
        let desk = try EventDesk(standCapacity: 2)
        defer { desk.site.server.stop() }
        let gex = try desk.signedIn("agent-gex")
        let list = try gex.get("/events")
        #expect(list.status == 200 && list.body.contains("id=\"event-link-\(desk.stand)\"") && list.body.contains("<td>2 / 2</td>"))
        #expect(!list.body.contains("id=\"event-link-\(desk.today)\""), "a session that started is not offered")
        #expect(try gex.get("/residents/1").body.contains("href=\"/events?resident=1\""), "the resident's page leads to the events")
        #expect(try gex.get("/events?resident=1").body.contains("href=\"/events/\(desk.stand)?resident=1\""))
        #expect(try gex.get("/events/\(desk.stand)?resident=1").body.contains("<option value=\"1\" selected>"))

        let page = "/events/\(desk.stand)"
        let first = try gex.submit("\(page)/register", from: page, [("resident", "1")])
        #expect(first.status == 303, "\(first.body)")
        let confirmation = try gex.get("/registrations/\(try registrationID(first))")
        #expect(confirmation.body.contains("<p id=\"registration-status\" class=\"status-confirmed\">Inscription confirmée</p>"))
        #expect(try gex.get("/events").body.contains("<td>1 / 2</td>"))
        #expect(try gex.get(page).body.contains("<dd id=\"places-left\">1 / 2</dd>"))
        _ = try gex.submit("\(page)/register", from: page, [("resident", "2")])
        #expect(try gex.get("/events").body.contains("<td>complet</td>"))
        let third = try gex.submit("\(page)/register", from: page, [("resident", "3")])
        let waitlisted = try registrationID(third)
        #expect(
            try gex.get("/registrations/\(waitlisted)").body.contains("class=\"status-waitlisted\">En liste d&#39;attente (rang 1)</p>"))
        #expect(try gex.get(page).body.contains("<dd id=\"waitlist-count\">1</dd>"))

        // Registering the same resident again is refused above the form, the choice kept.
        let again = try gex.submit("\(page)/register", from: page, [("resident", "1")])
        #expect(again.status == 409 && again.body.contains("id=\"form-error\"") && again.body.contains("déjà inscrite"))
        #expect(again.body.contains("<option value=\"1\" selected>"))

        // Cancelling the first registration gives its place to the waitlisted one.
        let cancelled = try gex.submit("/registrations/\(try registrationID(first))/cancel", from: page, [])
        #expect(cancelled.status == 303)
        #expect(try gex.get("/registrations/\(try registrationID(first))").body.contains("Inscription annulée"))
        #expect(try gex.get("/registrations/\(waitlisted)").body.contains("class=\"status-confirmed\">Inscription confirmée</p>"))
        #expect(try desk.sql("SELECT count(*) FROM outbox WHERE kind = 'registration-promoted'") == "1\n")
        #expect(try gex.get("/residents/3").body.contains("id=\"resident-registrations\""))
        _ = try gex.get("/lang/en")
        #expect(try gex.get("/registrations/\(waitlisted)").body.contains(">Registration confirmed</p>"))
        let audit = try desk.sql("SELECT action FROM audit_log WHERE account = 'agent-gex' AND action LIKE 'registration.%' ORDER BY id")
        #expect(audit == "registration.add\nregistration.add\nregistration.add\nregistration.cancel\n")
    }

    @Test func anotherCommunesAgentCanNeitherRegisterNorSeeTheResidentByAnyID() throws {
        let desk = try EventDesk()
        defer { desk.site.server.stop() }
        let gex = try desk.signedIn("agent-gex")
        let page = "/events/\(desk.stand)"
        let registration = try registrationID(try gex.submit("\(page)/register", from: page, [("resident", "1")]))
        try desk.registerEarly([1, 4], to: desk.today)
        let before = try desk.registrationRows()

        let cessy = try desk.signedIn("agent-cessy")
        #expect(try cessy.submit("\(page)/register", from: page, [("resident", "1")]).status == 404)
        #expect(try cessy.get("/registrations/\(registration)").status == 404)
        #expect(try cessy.submit("/registrations/\(registration)/cancel", from: page, []).status == 404)
        #expect(!(try cessy.get(page).body.contains("Résident Gex 0")))
        let door = try cessy.get("/checkin/\(desk.today)")
        #expect(door.status == 200 && door.body.contains("Résident Cessy 0") && !door.body.contains("Résident Gex 0"))
        let gexRegistration = try desk.sql(
            "SELECT id FROM registration WHERE participant = 1 AND occurrence = \(desk.today)"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try cessy.submit("/checkin/\(desk.today)/tick", from: "/checkin/\(desk.today)", [("registration", gexRegistration)]).status
                == 404)
        let token = try desk.token("agent-cessy")
        #expect(try desk.call("POST", "/api/v1/events/\(desk.stand)/registrations", token: token, json: #"{"resident": 1}"#).status == 404)
        #expect(try desk.call("POST", "/api/v1/registrations/\(registration)/cancel", token: token).status == 404)
        #expect(try desk.call("POST", "/api/v1/events/\(desk.today)/attendance", token: token, json: #"{"resident": 1}"#).status == 404)
        #expect(try desk.call("DELETE", "/api/v1/attendance/\(gexRegistration)", token: token).status == 404)
        let people = try desk.call("GET", "/api/v1/events/\(desk.today)/attendance", token: token).body as? [String: Any]
        #expect((people?["people"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Résident Cessy 0"])
        #expect(try desk.registrationRows() == before)
    }

    @Test func staffSeeTodaysSessionsOnlyAndNothingElse() throws {
        let desk = try EventDesk()
        defer { desk.site.server.stop() }
        try desk.registerEarly([1, 4], to: desk.today)
        try desk.registerEarly([2], to: desk.tomorrow)
        let staff = try desk.signedIn("accueil", landing: "/checkin")
        let sessions = try staff.get("/checkin")
        #expect(sessions.status == 200 && sessions.body.contains("id=\"checkin-session-\(desk.today)\""), "\(sessions.body)")
        #expect(!sessions.body.contains("checkin-session-\(desk.tomorrow)") && !sessions.body.contains("checkin-session-\(desk.stand)"))
        #expect(sessions.body.contains("id=\"nav-checkin\""))
        for link in ["nav-runs", "nav-residents", "nav-events", "nav-campaigns", "nav-calendar", "nav-reports"] {
            #expect(!sessions.body.contains("id=\"\(link)\""), "\(link)")
        }
        let door = try staff.get("/checkin/\(desk.today)")
        #expect(door.body.contains("Résident Gex 0") && door.body.contains("Résident Cessy 0"), "every commune at the door")
        #expect(try staff.get("/checkin/\(desk.tomorrow)").status == 404)
        #expect(try staff.get("/checkin/\(desk.tomorrow)/sheet").status == 404)
        #expect(try staff.get("/checkin?day=2027-03-02").status == 403)
        for path in ["/residents", "/residents/1", "/events", "/events/\(desk.stand)", "/runs", "/calendar", "/campaigns", "/reports"] {
            let refused = try staff.get(path)
            #expect(refused.status == 403, "\(path)")
            // The error page leads home, which is the check-in desk for staff, never to the runs.
            #expect(refused.body.contains("<a id=\"home-link\" href=\"/\">") && !refused.body.contains("href=\"/runs\""), "\(path)")
        }
        #expect(try staff.get("/").headers["location"] == "/checkin")
        let token = try desk.token("accueil")
        for path in ["/api/v1/events", "/api/v1/residents", "/api/v1/runs", "/api/v1/residents/1"] {
            #expect(try desk.call("GET", path, token: token).status == 403, "\(path)")
        }
        let today = try #require(try desk.call("GET", "/api/v1/checkin", token: token).body as? [[String: Any]])
        #expect(today.compactMap { ($0["event"] as? [String: Any])?["id"] as? Int } == [Int(desk.today)!])
        #expect(try desk.call("GET", "/api/v1/events/\(desk.tomorrow)/attendance", token: token).status == 404)
        #expect(try desk.call("GET", "/api/v1/checkin?day=2027-03-02", token: token).status == 403)
        // The coordinator may look at another day, to enter a paper sheet.
        let coordinator = try desk.signedIn("coordination")
        #expect(try coordinator.get("/checkin?day=2027-03-02").body.contains("checkin-session-\(desk.tomorrow)"))
    }

    @Test func ticksSearchWalkInsAndUndoAtTheDoorAreAuditedWithTheLogin() throws {
        let desk = try EventDesk()
        defer { desk.site.server.stop() }
        try desk.registerEarly([3, 1, 4], to: desk.today)
        let staff = try desk.signedIn("accueil", landing: "/checkin")
        let page = "/checkin/\(desk.today)"
        let list = try staff.get(page)
        let order = ["Résident Cessy 0", "Résident Gex 0", "Résident Gex 2"].compactMap { list.body.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "alphabetical order")
        #expect(list.body.contains("<span id=\"present-count\">0</span> / <span id=\"registered-count\">3</span>"))
        let registration = try desk.sql("SELECT id FROM registration WHERE participant = 1 AND occurrence = \(desk.today)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            list.body.contains(
                "id=\"checkin-\(registration)\" class=\"tick\" type=\"submit\" aria-label=\"Présent : Résident Gex 0\""))

        // Searching keeps one name; ticking from the search comes back to it, on the person's row.
        let found = try staff.get("\(page)?q=gex%200")
        #expect(found.body.contains("Résident Gex 0") && !found.body.contains("Résident Gex 2") && !found.body.contains("Résident Cessy 0"))
        let ticked = try staff.submit("\(page)/tick", from: page, [("registration", registration), ("q", "gex 0")])
        #expect(ticked.status == 303 && ticked.headers["location"] == "\(page)?q=gex%200#row-\(registration)", "\(ticked.headers)")
        let after = try staff.get(page)
        #expect(after.body.contains("id=\"undo-\(registration)\"") && after.body.contains("<span id=\"present-count\">1</span>"))
        let twice = try staff.submit("\(page)/tick", from: page, [("registration", registration)])
        #expect(twice.status == 409 && twice.body.contains("déjà enregistrée"))

        // A walk-in: registered and present at once; a bad birth year keeps what was typed.
        let refused = try staff.submit(
            "\(page)/walk-in", from: page, [("name", "Paul Passant"), ("commune", "Cessy"), ("birth_year", "1850")])
        #expect(refused.status == 422 && refused.body.contains("value=\"Paul Passant\"") && refused.body.contains("value=\"1850\""))
        #expect(refused.body.contains("Année de naissance : « 1850 » n&#39;est pas une année entre"), "\(refused.body)")
        let walkIn = try staff.submit(
            "\(page)/walk-in", from: page, [("name", "Paul Passant"), ("commune", "Cessy"), ("birth_year", "2001")])
        #expect(walkIn.status == 303, "\(walkIn.body)")
        let withWalkIn = try staff.get(page)
        #expect(withWalkIn.body.contains("Paul Passant") && withWalkIn.body.contains("sans inscription"))
        #expect(withWalkIn.body.contains("<span id=\"present-count\">2</span> / <span id=\"registered-count\">4</span>"))
        #expect(
            try desk.sql("SELECT source, commune, status, attended_at IS NOT NULL FROM registration WHERE source = 'walk-in'")
                == "walk-in|01071|confirmed|1\n")

        // Undo within the day.
        let undone = try staff.submit("\(page)/undo", from: page, [("registration", registration)])
        #expect(undone.status == 303)
        #expect(try staff.get(page).body.contains("id=\"checkin-\(registration)\""))
        let audit = try desk.sql(
            "SELECT account || ' ' || action FROM audit_log WHERE action LIKE 'attendance.%' OR action = 'participant.add' ORDER BY id")
        #expect(audit == "accueil attendance.add\naccueil participant.add\naccueil attendance.walk-in\naccueil attendance.undo\n")
    }

    @Test func aTickIsUndoneOnTheDayOnlyExceptByTheCoordinatorFromAPaperSheet() throws {
        let desk = try EventDesk()
        defer { desk.site.server.stop() }
        // Yesterday's session: Sunday 28 February, residents 1 (ticked then) and 2.
        let file = desk.workspace.write(
            "yesterday.ics", calendar(campaign: "hier-2027", event(uid: "yesterday@test", start: "20270228T090000", end: "20270228T120000"))
        )
        try desk.relais(at: "2027-02-20T10:00", ["campaigns", "load", file])
        let yesterday = try #require(try occurrenceIDs(desk.workspace)["yesterday@test"])
        try desk.registerEarly([1, 2], to: yesterday)
        try desk.relais(at: "2027-02-28T09:30", ["attend", "--participant", "1", "--occurrence", yesterday])
        let ticked = try desk.sql("SELECT id FROM registration WHERE participant = 1 AND occurrence = \(yesterday)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let gex = try desk.token("agent-gex")
        let closed = try desk.call("DELETE", "/api/v1/attendance/\(ticked)", token: gex)
        #expect(closed.status == 422 && (closed.body as? [String: Any])?["error"] as? String == "attendance-closed", "\(closed)")
        let late = try desk.call("POST", "/api/v1/events/\(yesterday)/attendance", token: gex, json: #"{"resident": 2}"#)
        #expect(late.status == 422 && (late.body as? [String: Any])?["error"] as? String == "attendance-closed", "\(late)")
        let coordinator = try desk.signedIn("coordination")
        let sheet = "/checkin/\(yesterday)"
        #expect(try coordinator.get("/checkin?day=2027-02-28").body.contains("checkin-session-\(yesterday)"))
        let second = try desk.sql("SELECT id FROM registration WHERE participant = 2 AND occurrence = \(yesterday)")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try coordinator.submit("\(sheet)/tick", from: sheet, [("registration", second)]).status == 303)
        #expect(try desk.call("DELETE", "/api/v1/attendance/\(ticked)", token: try desk.token("coordination")).status == 200)
        #expect(
            try desk.sql(
                "SELECT participant, attended_at IS NOT NULL FROM registration WHERE occurrence = \(yesterday) ORDER BY participant")
                == "1|0\n2|1\n")
    }

    @Test func theSignInSheetHasTwentyFiveNamesAPageAndBlankLinesForWalkIns() throws {
        let desk = try EventDesk()
        defer { desk.site.server.stop() }
        var csv = "name,commune\n"
        for index in 0..<27 { csv += "Personne \(String(format: "%02d", 26 - index)),Gex\n" }
        try desk.relais(at: "2027-02-20T10:00", ["participants", "import", desk.workspace.write("many.csv", csv)])
        try desk.registerEarly(Array(6...32), to: desk.today)
        let staff = try desk.signedIn("accueil", landing: "/checkin")
        let sheet = try staff.get("/checkin/\(desk.today)/sheet")
        #expect(sheet.status == 200)
        let pages = sheet.body.components(separatedBy: "<section id=\"sheet-page-").dropFirst()
        #expect(pages.count == 2)
        #expect(pages.map { $0.components(separatedBy: "<tr class=\"named\">").count - 1 } == [25, 2])
        #expect(pages.map { $0.components(separatedBy: "<tr class=\"blank\">").count - 1 } == [0, 23])
        #expect(pages.first?.contains("<th scope=\"col\">Signature</th>") == true && pages.first?.contains("page 1 sur 2") == true)
        #expect(pages.first?.contains("<td>1</td><td>Personne 00</td>") == true, "alphabetical: 00 first")
        #expect(pages.last?.contains("<td>27</td><td>Personne 26</td>") == true && pages.first?.contains("Personne 26") == false)
        let css = try staff.get("/static/desk.css").body
        #expect(css.contains("@page { size: A4 portrait") && css.contains("break-after: page"))
    }
}
