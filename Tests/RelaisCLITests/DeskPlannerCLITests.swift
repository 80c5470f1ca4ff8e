// The planners' desk through `relais serve` and curl: a calendar uploaded from the page (multipart,
// as a browser sends it) and the API is loaded as `relais campaigns load` loads it, becomes the
// campaign's file, and a restart agrees; a refused one lists every problem with its line and
// changes nothing; a planner sees counts and never a person; reports are masked for planners and
// CONFIDENTIEL, audited, for the coordinator; CCAS and staff accounts are kept out.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskPlannerCLITests {
    /// A campaign of three sessions in March 2027 (after the site's 1 March), one in Cessy.
    let good = calendar(
        campaign: "depistage-2027",
        session(uid: "gex-1@test", start: "20270315T090000", end: "20270315T120000"),
        session(uid: "gex-2@test", start: "20270322T090000", end: "20270322T120000"),
        session(uid: "cessy@test", start: "20270329T140000", end: "20270329T170000", commune: "Cessy"))

    @Test func aRefusedUploadListsEveryProblemWithItsLineOnThePageAndInTheAPIAndChangesNothing() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let workspace = planner.workspace
        let accepted = try planner.apiUpload(workspace.write("good.ics", good), token: try planner.token("planification"))
        #expect(accepted.status == 200, "\(accepted.body)")
        let broken = calendar(
            campaign: "depistage-2027",
            session(uid: "gex-1@test", start: "20270315T090000", end: "20270315T120000", capacity: "lots"),
            session(uid: "gex-2@test", start: "20270322T090000", end: "20270322T120000"),
            session(uid: "cessy@test", start: "20271329T140000", end: "20271329T170000", commune: "Cessy"))
        let eventLine = lineNumber(of: "BEGIN:VEVENT", in: broken)
        let dateLine = lineNumber(of: "DTSTART;TZID=Europe/Paris:20271329T140000", in: broken)
        #expect(eventLine > 0 && dateLine > eventLine)
        let file = workspace.write("broken.ics", broken)
        let before = try planner.state()

        let browser = try planner.browser("planification", home: "/campaigns")
        let page = try planner.pageUpload(file, by: browser)
        #expect(page.status == 422, "\(page.body)")
        #expect(page.body.contains("<ol id=\"problems\">") && page.body.contains("« broken.ics »"))
        #expect(page.body.contains("<li id=\"problem-1\" data-line=\"\(eventLine)\"><strong>Ligne \(eventLine)</strong>"), "\(page.body)")
        #expect(page.body.contains("X-RELAIS-CAPACITY: &quot;lots&quot;"))
        #expect(page.body.contains("<li id=\"problem-2\" data-line=\"\(dateLine)\"><strong>Ligne \(dateLine)</strong> : not a valid date"))
        #expect(!page.body.contains("problem-3") && page.body.contains("id=\"calendar-upload\""))
        #expect(try planner.state() == before)

        let api = try planner.apiUpload(file, token: try planner.token("planification"))
        #expect(api.status == 422)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
        let problems = try #require(answer["problems"] as? [[String: Any]])
        #expect(answer["error"] as? String == "calendar-refused")
        #expect(problems.map { $0["line"] as? Int } == [eventLine, dateLine], "\(api.body)")
        #expect((problems.first?["message"] as? String)?.contains("X-RELAIS-CAPACITY") == true)
        #expect(try planner.state() == before)
        // No temporary file was left behind: the folder holds the one good file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: planner.calendars.path) == ["depistage-2027.ics"])
    }

    @Test func anAcceptedUploadLoadsAsCampaignsLoadDoesBecomesTheCampaignsFileAndARestartAgrees() throws {
        let planner = try PlannerSite()
        let workspace = planner.workspace
        let browser = try planner.browser("planification", home: "/campaigns")
        let page = try planner.pageUpload(workspace.write("Dépistage mars.ics", good), by: browser)
        #expect(page.status == 200, "\(page.body)")
        #expect(page.body.contains("<dd id=\"events-added\">3</dd>") && page.body.contains("<dd id=\"sessions-added\">3</dd>"))
        #expect(page.body.contains("href=\"/campaigns/depistage-2027\""))

        // The same file through relais campaigns load, in a database of its own, lists the same sessions.
        let other = Workspace()
        other.now = workspace.now
        #expect(try other.relais("campaigns", "load", other.write("depistage.ics", good)).status == 0)
        let listing = ["events", "list", "--campaign", "depistage-2027", "--json"]
        let served = try workspace.relais(listing)
        #expect(served.status == 0 && !served.output.isEmpty)
        #expect(served.output == (try other.relais(listing)).output)

        // It is the campaign's file in the calendars folder, byte for byte, and relais serve's watcher
        // has read it back: loaded, unchanged.
        let stored = planner.calendars.appendingPathComponent("depistage-2027.ics")
        #expect(try Data(contentsOf: stored) == Data(good.utf8))
        let verdict = {
            (try? workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT path, state FROM calendar_file"]).output) ?? ""
        }
        #expect(eventually(timeout: 15) { verdict() == "\(stored.path)|loaded\n" }, "\(verdict())")
        #expect(planner.site.log.contains("calendar loaded campaign=depistage-2027") && planner.site.log.contains("unchanged=true"))

        // A second version through the API moves a session and replaces the file.
        let moved = good.replacingOccurrences(of: "20270322T", with: "20270323T")
        let second = try planner.apiUpload(workspace.write("v2.ics", moved), token: try planner.token("planification"))
        #expect(second.status == 200, "\(second.body)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(second.body.utf8)) as? [String: Any])
        #expect(summary["file"] as? String == "depistage-2027.ics" && summary["unchanged"] as? Bool == false)
        #expect((summary["occurrences"] as? [String: Any])?["moved"] as? Int == 1)
        #expect(try Data(contentsOf: stored) == Data(moved.utf8))
        #expect(try planner.audit().components(separatedBy: "planification calendar.upload").count == 3)

        // relais serve started again loads the folder: the database already holds it.
        let occurrences = try workspace.relais(listing).output
        planner.site.server.stop()
        let restarted = try startServe(workspace, port: planner.site.port)
        defer { restarted.stop() }
        #expect(eventually(timeout: 15) { restarted.text.contains("calendar loaded campaign=depistage-2027") }, "\(restarted.text)")
        #expect(restarted.text.contains("unchanged=true"))
        #expect(try workspace.relais(listing).output == occurrences)
        #expect(occurrences.contains("\"status\" : \"moved\""))
    }

    @Test func aPlannerSeesCountsButNoPersonalDataOnEveryPageAndAnswerItCanReach() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let workspace = planner.workspace
        let person = try workspace.relais(
            "participants", "add", "--name", "Odile Fromentin", "--commune", "Gex", "--email", "odile.fromentin@example.org",
            "--phone", "06 98 76 54 32", "--consent", "email", "--consent-source", "test", "--json")
        #expect(person.status == 0, "\(person.errors)")
        #expect(try planner.apiUpload(workspace.write("good.ics", good), token: try planner.token("planification")).status == 200)
        let first = try workspace.relais("events", "list", "--campaign", "depistage-2027", "--json")
        let occurrence = try #require((try workspace.json(first) as? [[String: Any]])?.first?["id"] as? Int)
        for participant in ["1", "4", "6"] {
            let registered = try workspace.relais("register", "--participant", participant, "--occurrence", String(occurrence))
            #expect(registered.status == 0, "\(registered.errors)")
        }
        let attended = try workspace.relais(
            ["attend", "--participant", "1", "--occurrence", String(occurrence)], environment: ["RELAIS_NOW": "2027-03-15T10:00"])
        #expect(attended.status == 0, "\(attended.errors)")

        let browser = try planner.browser("planification", home: "/campaigns")
        let home = try browser.get("/campaigns")
        #expect(home.body.contains("id=\"nav-campaigns\"") && home.body.contains("id=\"nav-reports\""))
        #expect(!home.body.contains("id=\"nav-runs\"") && !home.body.contains("id=\"nav-residents\""))
        let sessions = try browser.get("/campaigns/depistage-2027")
        #expect(sessions.status == 200)
        #expect(sessions.body.contains("<td>3</td><td>1</td><td>20</td>"), "registered, present, capacity: \(sessions.body)")
        let token = try planner.token("planification")
        var bodies: [(String, HTTPAnswer)] = []
        for path in [
            "/campaigns", "/campaigns/depistage-2027", "/calendar", "/reports", "/reports?year=2027&campaign=depistage-2027",
            "/reports/download?year=2027&format=csv", "/reports/download?year=2027&format=json", "/reports/download?year=2027&format=html",
        ] {
            bodies.append((path, try browser.get(path)))
        }
        for path in [
            "/api/v1/calendar", "/api/v1/reports?year=2027", "/api/v1/reports?year=2027&format=csv", "/api/v1/reports?format=html",
        ] {
            bodies.append((path, try planner.api(path, token: token)))
        }
        for (path, answer) in bodies {
            #expect(answer.status == 200, "\(path): \(answer.status)")
            for personal in [
                "sident Gex", "sident Cessy", "Odile", "Fromentin", "odile.fromentin", "example.org", "98 76 54", "98765432", "611223300",
                "11 22 33",
            ] {
                #expect(!answer.body.contains(personal), "\(path) shows \(personal)")
            }
        }
        // What a planner may not open: the residents, the runs, a booking, by page or API.
        for path in ["/residents", "/residents/1", "/runs", "/runs/\(planner.site.transport.run)", "/bookings/1"] {
            #expect(try browser.get(path).status == 403, "\(path)")
        }
        for path in ["/api/v1/residents", "/api/v1/residents/1", "/api/v1/runs", "/api/v1/runs/\(planner.site.transport.run)/manifest"] {
            let answer = try planner.api(path, token: token)
            #expect(answer.status == 403 && !answer.body.contains("sident"), "\(path): \(answer.status)")
        }
    }

    @Test func thePlannersReportIsMaskedAndTheCoordinatorsUnmaskedOneSaysCONFIDENTIELAndIsAudited() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let workspace = planner.workspace
        // A session on 15 February, before the site's 1 March: three people registered, two came.
        let past = calendar(campaign: "depistage-2027", session(uid: "fevrier@test", start: "20270215T090000", end: "20270215T120000"))
        let before = ["RELAIS_NOW": "2027-02-01T10:00"]
        #expect(try workspace.relais(["campaigns", "load", workspace.write("past.ics", past)], environment: before).status == 0)
        for participant in ["1", "2", "3"] {
            #expect(try workspace.relais(["register", "--participant", participant, "--occurrence", "1"], environment: before).status == 0)
        }
        for participant in ["1", "2"] {
            let attended = try workspace.relais(
                ["attend", "--participant", participant, "--occurrence", "1"], environment: ["RELAIS_NOW": "2027-02-15T10:00"])
            #expect(attended.status == 0, "\(attended.errors)")
        }
        let query = "year=2027&campaign=depistage-2027&sheet=fa7"

        let browser = try planner.browser("planification", home: "/campaigns")
        let masked = try browser.get("/reports/download?\(query)&format=csv")
        #expect(masked.status == 200 && masked.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(masked.headers["content-disposition"] == "attachment; filename=\"cts-2027-fa7-depistage-2027.csv\"")
        #expect(masked.body.contains(";< 11;") && masked.body.contains(";masque;") && !masked.body.contains("CONFIDENTIEL"))
        let page = try browser.get("/reports?\(query)")
        #expect(page.body.contains("<div id=\"report\" class=\"report\" lang=\"fr\">") && page.body.contains("td class=\"n masked\""))
        #expect(page.body.contains("<dl class=\"legend\" id=\"legende\">") && page.body.contains("data-masked=\"primary\""))
        #expect(page.body.contains("id=\"download-csv\"") && !page.body.contains("id=\"unmasked\""))
        #expect(try browser.get("/reports?\(query)&unmasked=on").status == 403)
        #expect(try browser.get("/reports/download?\(query)&unmasked=on&format=csv").status == 403)
        #expect(try planner.api("/api/v1/reports?\(query)&unmasked=true", token: try planner.token("planification")).status == 403)
        let maskedAPI = try planner.api("/api/v1/reports?\(query)", token: try planner.token("planification"))
        let legend = (try? JSONSerialization.jsonObject(with: Data(maskedAPI.body.utf8)) as? [String: Any])?["legend"] as? [[String: Any]]
        #expect(maskedAPI.status == 200, "\(maskedAPI.body.prefix(300))")
        #expect(legend?.map { $0["masked"] as? String } == ["primary", "secondary"], "the API's masked report has the legend")

        let coordinator = try planner.browser("coordination", home: "/runs")
        #expect(try coordinator.get("/reports").body.contains("id=\"unmasked\""))
        let raw = try coordinator.get("/reports/download?\(query)&unmasked=on&format=csv")
        #expect(raw.status == 200 && raw.headers["content-disposition"]?.contains("-confidentiel.csv") == true)
        #expect(raw.body.contains("CONFIDENTIEL") && raw.body.contains(";confidentiel;") && !raw.body.contains("< 11"))
        let rawPage = try coordinator.get("/reports?\(query)&unmasked=on")
        #expect(rawPage.body.contains("<p class=\"confidential\">CONFIDENTIEL"))
        let api = try planner.api("/api/v1/reports?\(query)&unmasked=true", token: try planner.token("coordination"))
        #expect(api.status == 200 && api.body.contains("\"confidential\" : true"))
        #expect(try planner.audit().components(separatedBy: "coordination report.unmasked").count == 4)
        #expect(!(try planner.audit().contains("planification report")))
    }

    @Test func aCCASOrStaffAccountGets403OnThePlannersPagesAndAnswers() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let file = planner.workspace.write("good.ics", good)
        let before = try planner.state()
        for (login, home, formPage) in [("agent-gex", "/runs", "/runs"), ("accueil", "/checkin", "/signin")] {
            let browser = try planner.browser(login, home: home)
            for path in ["/campaigns", "/campaigns/depistage-2027", "/calendar", "/reports", "/reports/download?format=csv"] {
                #expect(try browser.get(path).status == 403, "\(login) \(path)")
            }
            #expect(try planner.pageUpload(file, by: browser, csrfFrom: formPage).status == 403, "\(login)")
            let token = try planner.token(login)
            #expect(try planner.apiUpload(file, token: token).status == 403, "\(login)")
            #expect(try planner.api("/api/v1/reports", token: token).status == 403, "\(login)")
            #expect(try planner.api("/api/v1/calendar", token: token).status == 403, "\(login)")
        }
        #expect(try planner.state() == before)
    }

    @Test func aCapacityBelowThePeopleRegisteredIsRefusedAtItsEventsLineInThePagesLanguage() throws {
        let planner = try PlannerSite()
        defer { planner.site.server.stop() }
        let workspace = planner.workspace
        let token = try planner.token("planification")
        #expect(try planner.apiUpload(workspace.write("good.ics", good), token: token).status == 200)
        for participant in ["1", "2", "3"] {
            #expect(try workspace.relais("register", "--participant", participant, "--occurrence", "1").status == 0)
        }
        let smaller = good.replacingOccurrences(of: "X-RELAIS-CAPACITY:20", with: "X-RELAIS-CAPACITY:2")
        let line = lineNumber(of: "BEGIN:VEVENT", in: smaller)
        let file = workspace.write("smaller.ics", smaller)
        let before = try planner.state()
        let browser = try planner.browser("planification", home: "/campaigns")
        let page = try planner.pageUpload(file, by: browser)
        #expect(page.status == 422)
        #expect(
            page.body.contains(
                "<li id=\"problem-1\" data-line=\"\(line)\"><strong>Ligne \(line)</strong> : « Dépistage gex-1@test » : 2 places, c&#39;est moins que les 3 personnes inscrites"
            ), "\(page.body)")
        let api = try planner.apiUpload(file, token: token)
        #expect(
            api.status == 422 && api.body.contains("\"line\":\(line)")
                && api.body.contains("X-RELAIS-CAPACITY 2 is below the 3 people registered"), "\(api.body)")
        #expect(try planner.state() == before)
    }

    @Test func aCalendarLargerThanMaxFileMBGets413AndAFolderThatCannotBeWrittenChangesNothing() throws {
        let planner = try PlannerSite(extraConfiguration: "[calendars]\nmax_file_mb = 1\n")
        defer { planner.site.server.stop() }
        let token = try planner.token("planification")
        // Over max_body_kb (64) but within max_file_mb: read, and refused for what it is.
        let padding = String(repeating: "X-COMMENT:\(String(repeating: "x", count: 70))\r\n", count: 2000)
        let big = good.replacingOccurrences(of: "END:VCALENDAR", with: "\(padding)END:VCALENDAR")
        #expect(big.utf8.count > 100_000 && big.utf8.count < 1 << 20)
        let read = try planner.apiUpload(planner.workspace.write("big.ics", big), token: token)
        #expect(read.status == 200, "\(read.body)")
        let huge = planner.workspace.write("huge.ics", String(repeating: big, count: 8))
        #expect(try planner.apiUpload(huge, token: token).status == 413)
        let browser = try planner.browser("planification", home: "/campaigns")
        #expect(try planner.pageUpload(huge, by: browser).status == 413)

        try FileManager.default.removeItem(at: planner.calendars)
        let before = try planner.state()
        let moved = good.replacingOccurrences(of: "20270322T", with: "20270323T")
        let page = try planner.pageUpload(planner.workspace.write("moved.ics", moved), by: browser)
        #expect(page.status == 503 && page.body.contains("dossier des calendriers"), "\(page.status) \(page.body)")
        #expect(try planner.apiUpload(planner.workspace.write("moved.ics", moved), token: token).status == 503)
        #expect(try planner.state() == before)
        #expect(planner.site.server.isRunning)
    }
}
