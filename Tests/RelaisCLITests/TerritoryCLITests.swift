// TerritoryCLITests: the territory as data, through the built binary: a territory file written in
// the test (Alsace-Moselle, La Réunion) changes whose holidays and which clock the SMS windows
// follow, and how a typed number is read, with no code change; a missing or wrong territory file is
// refused naming its path and line.

import Foundation
import RelaisTestPeers
import Testing

/// A workspace whose configuration names a territory file written in it.
func territoryWorkspace(_ territory: String, now: String = "2026-11-22T10:00", configuration: String = "") -> Workspace {
    let workspace = Workspace()
    let file = workspace.write("territory.conf", territory)
    workspace.configure("[territory]\nfile = \(file)\n" + configuration, confirmations: false)
    workspace.now = now
    return workspace
}

/// A VEVENT body in `zone` in `commune`, with one display alarm.
func localEvent(uid: String, zone: String, start: String, end: String, commune: String, alarm: String) -> String {
    """
    UID:\(uid)
    DTSTAMP:20261101T000000Z
    DTSTART;TZID=\(zone):\(start)
    DTEND;TZID=\(zone):\(end)
    SUMMARY:Dépistage
    LOCATION:Mairie\\, \(commune)
    CATEGORIES:screening
    X-RELAIS-COMMUNE:\(commune)
    BEGIN:VALARM
    ACTION:DISPLAY
    DESCRIPTION:Rappel
    TRIGGER:\(alarm)
    END:VALARM
    """
}

@Suite struct TerritoryCLITests {
    static let strasbourg = "[territory]\nname = Eurométropole de Strasbourg\ndepartement = 67\n[communes]\n67482 = Strasbourg\n"
    static let paysDeGexLike = "[territory]\nname = Gex\ndepartement = 01\n[communes]\n01173 = Gex\n"
    static let reunion = """
        [territory]
        name = CINOR
        departement = 974
        holiday_region = reunion
        time_zone = Indian/Reunion
        [communes]
        97411 = Saint-Denis
        """

    /// One resident with an SMS consent, registered to a session at `start` whose reminder is due at
    /// `alarm` before it (ending at 23:59 that day); then `send --once` at `at`. Returns the send's output.
    func sendOnce(territory: String, commune: String, start: String, alarm: String, at: String) throws -> (String, Workspace) {
        let workspace = territoryWorkspace(territory)
        let end = String(start.prefix(9)) + "235900"
        let ics = calendar(localEvent(uid: "a@test", zone: "Europe/Paris", start: start, end: end, commune: commune, alarm: alarm))
        let loaded = try workspace.relais("campaigns", "load", workspace.write("a.ics", ics))
        #expect(loaded.status == 0, "\(loaded.errors)")
        let added = try workspace.relais(
            "participants", "add", "--name", "Résidente", "--commune", commune, "--phone", "06 12 34 56 78", "--consent", "sms",
            "--consent-source", "test")
        #expect(added.status == 0, "\(added.errors)")
        let registered = try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["a@test"]!)
        #expect(registered.status == 0, "\(registered.errors)")
        workspace.now = at
        let sent = try workspace.relais("send", "--once")
        #expect(sent.status == 0, "\(sent.errors)")
        return (sent.output, workspace)
    }

    @Test func noSMSIsClaimedOnGoodFridayInAlsaceMoselleButOneIsInPaysDeGex() throws {
        // A session on Saturday 27 March 2027 at 10:00; its reminder, due on Thursday 25 at 18:00, is
        // found by a sender on Good Friday at 09:00.
        let (alsace, workspace) = try sendOnce(
            territory: Self.strasbourg, commune: "Strasbourg", start: "20270327T100000", alarm: "-PT40H", at: "2027-03-26T09:00")
        #expect(alsace.hasPrefix("0 sent"), "\(alsace)")
        let waiting = try #require(try outbox(workspace).first)
        #expect((waiting["due"] as? String)?.hasPrefix("2027-03-27T08:00") == true, "\(waiting)")
        let (gex, _) = try sendOnce(
            territory: Self.paysDeGexLike, commune: "Gex", start: "20270327T100000", alarm: "-PT40H", at: "2027-03-26T09:00")
        #expect(gex.hasPrefix("1 sent"), "\(gex)")
    }

    @Test func noSMSIsClaimedOnSaintStephensDayInAlsaceMoselle() throws {
        // Saturday 26 December 2026, a session at 15:00; the reminder was due on Thursday 24 at 17:00.
        // Found at 10:00 on the 26th: in Alsace-Moselle no SMS time remains before the session.
        let (alsace, workspace) = try sendOnce(
            territory: Self.strasbourg, commune: "Strasbourg", start: "20261226T150000", alarm: "-PT46H", at: "2026-12-26T10:00")
        #expect(alsace.hasPrefix("0 sent"), "\(alsace)")
        let dropped = try outbox(workspace, "--state", "dropped")
        #expect(dropped.count == 1, "\(dropped)")
        let (gex, _) = try sendOnce(
            territory: Self.paysDeGexLike, commune: "Gex", start: "20261226T150000", alarm: "-PT46H", at: "2026-12-26T10:00")
        #expect(gex.hasPrefix("1 sent"), "\(gex)")
    }

    @Test func laReunionPlansInItsOwnTimeSendsNothingOnTheTwentiethOfDecemberAndReadsItsMobiles() throws {
        let workspace = territoryWorkspace(Self.reunion, now: "2027-12-01T10:00")
        // Tuesday 21 December 2027 at 10:00, Réunion time; the reminder a day before falls on
        // Monday 20, the abolition-of-slavery day there.
        let ics = calendar(
            localEvent(
                uid: "r@test", zone: "Indian/Reunion", start: "20271221T100000", end: "20271221T120000", commune: "Saint-Denis",
                alarm: "-P1D"))
        #expect(try workspace.relais("campaigns", "load", workspace.write("r.ics", ics)).status == 0)
        let added = try workspace.relais(
            "participants", "add", "--name", "Marie", "--commune", "Saint-Denis", "--phone", "0692 12 34 56", "--consent", "sms",
            "--consent-source", "test")
        #expect(added.status == 0, "\(added.errors)")
        let person = try #require(try workspace.json(workspace.relais("participants", "show", "1", "--json")) as? [String: Any])
        #expect(person["phone"] as? String == "+262692123456", "\(person)")
        #expect(try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["r@test"]!).status == 0)
        let reminder = try #require(try outbox(workspace).first)
        // Not on Monday 20 (holiday), nor Sunday 19; Tuesday at 08:00, Réunion time, before the session.
        #expect((reminder["due"] as? String)?.hasPrefix("2027-12-21T08:00") == true, "\(reminder)")
        workspace.now = "2027-12-20T10:00"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("0 sent"))
        workspace.now = "2027-12-21T08:00"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("1 sent"))
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.directory.appendingPathComponent("outbox").path)
        let sms = try files.map { try String(contentsOf: workspace.directory.appendingPathComponent("outbox/\($0)"), encoding: .utf8) }
        #expect(sms.count == 1 && sms[0].contains("+262692123456"), "\(sms)")
    }

    @Test func aCSVImportReadsNumbersWithTheTerritorysPlan() throws {
        let workspace = territoryWorkspace(Self.reunion)
        let csv = workspace.write(
            "people.csv",
            "name,commune,phone,consent,consent_source\nMarie,Saint-Denis,0692 12 34 56,sms,test\nLuc,St Denis,0262 41 00 00,,\n")
        let imported = try workspace.relais("participants", "import", csv)
        #expect(imported.status == 0, "\(imported.errors)")
        let people = try #require(try workspace.json(workspace.relais("participants", "list", "--json")) as? [[String: Any]])
        #expect(Set(people.compactMap { $0["phone"] as? String }) == ["+262692123456", "+262262410000"], "\(people)")
    }

    @Test func theDesksAPIReadsANumberWithTheTerritorysPlan() throws {
        let port = LoopbackPort.random()
        // An empty calendars folder of its own: relais serve would otherwise load Campaigns/, Pays de Gex's.
        let calendars = FileManager.default.temporaryDirectory.appendingPathComponent("relais-reunion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: calendars) }
        let workspace = territoryWorkspace(
            Self.reunion, configuration: "[calendars]\ndirectory = \(calendars.path)\n[web]\nport = \(port)\n")
        let added = try workspace.relais(
            stdin: DeskSite.password + "\n", "users", "add", "agent", "--role", "ccas", "--commune", "Saint-Denis")
        #expect(added.status == 0, "\(added.errors)")
        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let client = DeskClient(port: port, workspace: workspace, name: "api")
        func call(_ path: String, token: String? = nil, json: String) throws -> Any? {
            let headers = ["-H", "Content-Type: application/json"] + (token.map { ["-H", "Authorization: Bearer \($0)"] } ?? [])
            let answer = try client.curl(["-X", "POST"] + headers + ["--data-binary", json, client.url(path)])
            return try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))
        }
        let session = try call("/api/v1/session", json: #"{"login": "agent", "password": "\#(DeskSite.password)"}"#)
        let token = try #require((session as? [String: Any])?["token"] as? String, "\(String(describing: session))")
        let created = try call(
            "/api/v1/residents", token: token, json: #"{"name": "Marie", "phone": "0692 12 34 56", "consent_sms": true}"#)
        #expect((created as? [String: Any])?["phone"] as? String == "+262692123456", "\(String(describing: created))")
    }

    @Test func doctorSaysWhichTerritoryItServes() throws {
        let workspace = territoryWorkspace(Self.reunion)
        let doctor = try workspace.relais("doctor")
        let file = workspace.directory.appendingPathComponent("territory.conf").path
        #expect(
            doctor.output.contains("ok   territory \(file): CINOR, 1 communes, 0 QPV, holidays of La Réunion, Indian/Reunion"),
            "\(doctor.output)")
        let gex = try Workspace().relais("doctor")
        #expect(
            gex.output.contains("default.conf: Pays de Gex agglo, 27 communes, 2 QPV, holidays of France métropolitaine"),
            "\(gex.output)")
    }

    @Test func theConfigurationsFileWinsOverRelaisTerritoryWhichWinsOverTheDefault() throws {
        let hautChablais = Workspace.repository.appendingPathComponent("Config/territories/haut-chablais.conf").path
        let workspace = Workspace()
        func accepts(_ commune: String, _ environment: [String: String] = [:]) throws -> Bool {
            try workspace.relais("participants", "list", "--commune", commune, environment: environment).status == 0
        }
        // The default: Config/territories/default.conf (a link to pays-de-gex.conf) in the directory relais runs in.
        #expect(try accepts("Gex") && !accepts("Evian"))
        #expect(try accepts("Evian", ["RELAIS_TERRITORY": hautChablais]) && !accepts("Gex", ["RELAIS_TERRITORY": hautChablais]))
        let reunion = workspace.write("reunion.conf", Self.reunion)
        workspace.configure("[territory]\nfile = \(reunion)\n")
        #expect(try accepts("Saint-Denis", ["RELAIS_TERRITORY": hautChablais]) && !accepts("Evian", ["RELAIS_TERRITORY": hautChablais]))
    }

    @Test func aMissingOrWrongTerritoryFileIsRefusedNamingItsPathAndLine() throws {
        let workspace = Workspace()
        workspace.configure("[territory]\nfile = nowhere/territory.conf\n")
        let missing = try workspace.relais("participants", "list")
        #expect(missing.status != 0)
        #expect(missing.errors.contains("nowhere/territory.conf") && missing.errors.contains("[territory] file"), "\(missing.errors)")

        let wrong = territoryWorkspace("[territory]\nname = X\ndepartement = 74\n[communes]\n74119 = Évian\n01173 = Gex\n")
        let refused = try wrong.relais("participants", "list")
        #expect(refused.status == 65, "\(refused.errors)")
        #expect(refused.errors.contains("territory.conf:6: commune 01173 (Gex) is in département 01, not in 74"), "\(refused.errors)")
    }
}
