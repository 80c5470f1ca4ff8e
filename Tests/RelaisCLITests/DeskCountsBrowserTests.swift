// The desk for everyone who feeds the counts, in a real Chromium (issue 12's acceptance): a CCAS
// agent registers a resident to a screening day and sees the places fall; on the day, staff tick
// that resident and add a walk-in on a tablet-sized window; the coordinator uploads a calendar with
// two broken events and sees both problems; a planner downloads the CSV report. Screenshots of
// every page are kept in .build/desk-screenshots/<flow>/.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskCountsBrowserTests {
    static let password = "Chamois-de-Gex-2027"

    /// A screening day in Gex on Tuesday 30 March 2027, 20 places, FA 7.
    static let screening = calendar(
        campaign: "mars-bleu-test",
        """
        UID:stand@gex
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=Europe/Paris:20270330T090000
        DTEND;TZID=Europe/Paris:20270330T120000
        SUMMARY:Dépistage Mars bleu
        LOCATION:Salle des fêtes\\, Gex
        CATEGORIES:screening
        X-RELAIS-COMMUNE:Gex
        X-RELAIS-CAPACITY:20
        """)

    /// A calendar whose second and third events are broken (an unknown commune, a capacity that is not a number).
    static let broken = calendar(
        campaign: "octobre-rose-test",
        event(uid: "ok@rose", start: "20271005T090000", end: "20271005T120000"),
        event(uid: "bad1@rose", start: "20271006T090000", end: "20271006T120000").replacingOccurrences(
            of: "X-RELAIS-COMMUNE:Gex", with: "X-RELAIS-COMMUNE:Atlantis"),
        event(uid: "bad2@rose", start: "20271007T090000", end: "20271007T120000").replacingOccurrences(
            of: "X-RELAIS-CAPACITY:2", with: "X-RELAIS-CAPACITY:beaucoup"))

    @Test func anAgentRegistersStaffCheckInTheCoordinatorUploadsAndAPlannerDownloads() throws {
        let workspace = Workspace()
        let port = LoopbackPort.random()
        let folder = workspace.directory.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.screening.write(to: folder.appendingPathComponent("mars-bleu-test.ics"), atomically: true, encoding: .utf8)
        workspace.configure("[calendars]\ndirectory = \(folder.path)\n[web]\nport = \(port)\n")
        workspace.now = "2027-03-20T10:00"
        #expect(try workspace.relais("campaigns", "load", folder.path).status == 0)
        for (login, role) in [("agent-gex", ["--role", "ccas", "--commune", "Gex"]), ("accueil", ["--role", "staff"]),
            ("planif", ["--role", "planner"]), ("coordination", ["--role", "coordinator"])] {
            #expect(try workspace.relais(stdin: Self.password + "\n", ["users", "add", login] + role).status == 0)
        }
        let added = try workspace.relais(
            "participants", "add", "--name", "Jeanne Dupré", "--commune", "Gex", "--phone", "06 12 34 56 78", "--consent", "sms",
            "--consent-source", "CCAS de Gex")
        #expect(added.status == 0, "\(added.errors)")
        let occurrence = try #require(try occurrenceIDs(workspace)["stand@gex"])

        // Ten days before: register, upload, report.
        var server = try startServe(workspace, port: port)
        let registered = try flow("register", workspace, port, "agent-gex", ["--occurrence", occurrence, "--resident-name", "Jeanne Dupré"])
        #expect(registered["places_before"] as? String != registered["places_after"] as? String, "\(registered)")
        #expect((registered["places_before"] as? String)?.hasPrefix("20") == true && (registered["places_after"] as? String)?.hasPrefix("19") == true, "\(registered)")
        let brokenFile = workspace.write("octobre-rose-test.ics", Self.broken)
        let calendarTables = ["/usr/bin/sqlite3", workspace.database, ".dump campaign event occurrence registration"]
        let before = try workspace.run(calendarTables[0], Array(calendarTables.dropFirst())).output
        let uploaded = try flow("upload", workspace, port, "coordination", ["--file", brokenFile])
        let problems = uploaded["problems"] as? [[String: Any]] ?? []
        #expect(problems.count == 2, "\(uploaded)")
        // The two broken events' BEGIN:VEVENT lines.
        #expect(problems.compactMap { $0["line"] as? String } == ["17", "28"], "\(problems)")
        #expect(try workspace.run(calendarTables[0], Array(calendarTables.dropFirst())).output == before, "a refused upload changes nothing")
        let downloads = workspace.directory.appendingPathComponent("downloads")
        let report = try flow("report", workspace, port, "planif", ["--downloads", downloads.path])
        let csv = report["csv"] as? String ?? ""
        #expect(csv.hasPrefix("fiche;tableau;ligne;colonne;valeur"), "\(csv.prefix(200))")
        #expect(!csv.contains("Jeanne") && !csv.contains("CONFIDENTIEL"), "masked, no name")
        server.stop()

        // On the day, after the start: staff tick the resident and add a walk-in.
        workspace.now = "2027-03-30T09:20"
        server = try startServe(workspace, port: port)
        defer { server.stop() }
        let checked = try flow(
            "checkin", workspace, port, "accueil",
            ["--occurrence", occurrence, "--resident-name", "Jeanne Dupré", "--walk-in", "Marcel Vuillet", "--commune", "Gex"])
        #expect(checked["walk_in_listed"] as? Bool == true, "\(checked)")
        let presences = try workspace.run(
            "/usr/bin/sqlite3",
            [workspace.database, "SELECT source, attended_at IS NOT NULL FROM registration WHERE occurrence = \(occurrence) ORDER BY id"])
        #expect(presences.output == "desk (agent-gex)|1\nwalk-in|1\n", "\(presences.output)")
    }

    func flow(_ mode: String, _ workspace: Workspace, _ port: UInt16, _ login: String, _ more: [String]) throws -> [String: Any] {
        try BrowserFlow.run("desk_counts_browser.py", mode, workspace: workspace, port: port, login: login, password: Self.password, more)
    }
}
