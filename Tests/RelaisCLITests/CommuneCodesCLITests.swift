// Upgrading a database of main 59efc24 (communes keyed by slug, schema 16): the fixture
// Tests/Fixtures/main-59efc24 is the dump of a database that main's relais wrote (make.sh) and what
// it listed and counted. Today's relais opens it, re-keys its communes to INSEE codes, and lists
// the same residents, bookings and accounts (JSON `commune` still the slug, `commune_code` added),
// reports the same counts, and a CCAS account of Gex still sees Gex's residents only.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct CommuneCodesCLITests {
    static let fixture = Workspace.repository.appendingPathComponent("Tests/Fixtures/main-59efc24")

    /// A workspace whose database is the fixture's, at the fixture's "now".
    func upgraded() throws -> Workspace {
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure("")
        let loaded = try workspace.run(
            "/usr/bin/sqlite3", [workspace.database, ".read \(Self.fixture.appendingPathComponent("database.sql").path)"])
        #expect(loaded.status == 0, "\(loaded.errors)")
        return workspace
    }

    /// The fixture's JSON file.
    func recorded(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture.appendingPathComponent(name)))
    }

    /// The keys a booking gained after the fixture was recorded (issue 17, on-demand runs), with
    /// the value every booking of a fixed-stop run has: checked, then left out of the comparison.
    static var keysAddedSince: [String: Any] { ["run_kind": "fixed-stops", "pickup_place": NSNull()] }

    /// `value` without its `commune_code` keys, at any depth, and the codes found.
    func withoutCodes(_ value: Any, codes: inout [String]) -> Any {
        if let object = value as? [String: Any] {
            var kept: [String: Any] = [:]
            for (key, inner) in object {
                if key == "commune_code" {
                    if let code = inner as? String { codes.append(code) }
                } else if let added = Self.keysAddedSince[key] {
                    #expect(NSDictionary(dictionary: ["v": inner]).isEqual(to: ["v": added]), "\(key): \(inner)")
                } else {
                    kept[key] = withoutCodes(inner, codes: &codes)
                }
            }
            return kept
        }
        if let array = value as? [Any] { return array.map { withoutCodes($0, codes: &codes) } }
        return value
    }

    /// Runs a listing on the upgraded database and expects what main's relais printed, plus codes.
    func expectSameListing(_ workspace: Workspace, _ arguments: [String], as file: String, codes expected: Set<String>) throws {
        let result = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + arguments, environment: ["RELAIS_NOW": workspace.now])
        #expect(result.status == 0, "\(result.errors)")
        var codes: [String] = []
        let now = withoutCodes(try workspace.json(result), codes: &codes)
        #expect(
            NSDictionary(dictionary: ["v": now]).isEqual(to: ["v": try recorded(file)]),
            "\(arguments) differs from \(file): \(result.output)")
        #expect(Set(codes) == expected, "\(arguments)")
    }

    /// Every count of a JSON report: "section/table/row/column=value", titles and wording aside.
    func counts(_ report: Any) -> [String] {
        guard let sections = (report as? [String: Any])?["sections"] as? [[String: Any]] else { return [] }
        var found: [String] = []
        for section in sections {
            for table in section["tables"] as? [[String: Any]] ?? [] {
                for row in table["rows"] as? [[String: Any]] ?? [] {
                    for (column, value) in row["values"] as? [String: Any] ?? [:] {
                        found.append("\(section["id"] ?? "")/\(table["id"] ?? "")/\(row["id"] ?? "")/\(column)=\(value)")
                    }
                }
            }
        }
        return found.sorted()
    }

    @Test func aDatabaseOfMainKeepsItsResidentsBookingsAccountsAndCountsNowKeyedByINSEECode() throws {
        let workspace = try upgraded()
        try expectSameListing(
            workspace, ["participants", "list", "--json"], as: "participants.json", codes: ["01071", "01160", "01173", "01354"])
        try expectSameListing(
            workspace, ["transport", "bookings", "--coordinator", "--json"], as: "bookings.json", codes: ["01071", "01173"])
        try expectSameListing(workspace, ["users", "list", "--json"], as: "users.json", codes: ["01173"])

        let report = try workspace.relais(
            "report", "all", "--year", "2027", "--unmasked", "--format", "json", environment: ["RELAIS_NOW": "2028-01-10T10:00"])
        #expect(report.status == 0, "\(report.errors)")
        let before = counts(try recorded("report-all.json"))
        #expect(before.count > 50 && before.contains("fa7/fa7-par-commune/gex/total=1"))
        #expect(counts(try workspace.json(report)) == before)

        // The database itself now keys every commune by its five-character INSEE code.
        let keys = try workspace.run(
            "/usr/bin/sqlite3",
            [
                workspace.database,
                """
                SELECT DISTINCT commune FROM participant UNION SELECT commune FROM registration UNION SELECT commune FROM shuttle_booking
                UNION SELECT commune FROM shuttle_stop UNION SELECT commune FROM account WHERE commune IS NOT NULL
                UNION SELECT commune FROM event WHERE commune IS NOT NULL UNION SELECT commune FROM neighbourhood ORDER BY 1
                """,
            ])
        #expect(keys.output.split(separator: "\n") == ["01071", "01160", "01173", "01354"])
        #expect(try workspace.run("/usr/bin/sqlite3", [workspace.database, "PRAGMA foreign_key_check"]).output.isEmpty)

        // Listings show names.
        let table = try workspace.relais("participants", "list", "--commune", "St Genis")
        #expect(table.status == 0 && table.output.contains("Saint-Genis-Pouilly") && !table.output.contains("01354"), "\(table.output)")
    }

    @Test func aCCASAccountOfMainStillSeesItsOwnCommunesResidentsOnly() throws {
        let workspace = try upgraded()
        let port = LoopbackPort.random()
        let calendars = workspace.directory.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        workspace.configure("[calendars]\ndirectory = \(calendars.path)\n[web]\nport = \(port)\n")
        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        let client = DeskClient(port: port, workspace: workspace, name: "api")
        let signedIn = try client.curl([
            "-X", "POST", "-H", "Content-Type: application/json", "-d", #"{"login": "ccas-gex", "password": "fixture-password-1234"}"#,
            client.url("/api/v1/session"),
        ])
        #expect(signedIn.status == 201, "\(signedIn.body)")
        let session = try #require(try JSONSerialization.jsonObject(with: Data(signedIn.body.utf8)) as? [String: Any])
        #expect(session["commune"] as? String == "gex" && session["commune_code"] as? String == "01173")
        let token = try #require(session["token"] as? String)
        let listed = try client.curl(["-H", "Authorization: Bearer \(token)", client.url("/api/v1/residents")])
        #expect(listed.status == 200, "\(listed.body)")
        let residents = try #require(try JSONSerialization.jsonObject(with: Data(listed.body.utf8)) as? [[String: Any]])
        #expect(residents.count == 13)
        #expect(residents.allSatisfy { $0["commune"] as? String == "gex" && $0["commune_code"] as? String == "01173" })
    }

    @Test func aCommuneTheTerritoryNoLongerListsIsShownByItsLastKnownName() throws {
        let workspace = try upgraded()
        // Cessy merged away: its row stays under another code than the territory's, with its people and bookings.
        #expect(try workspace.relais("participants", "list").status == 0, "the upgrade itself")
        let merged = try workspace.run(
            "/usr/bin/sqlite3",
            [
                workspace.database,
                """
                PRAGMA foreign_keys = ON; BEGIN;
                INSERT INTO commune (code, name) VALUES ('01999', 'Ancienne-Commune');
                UPDATE participant SET commune = '01999' WHERE id = 37;
                UPDATE shuttle_booking SET commune = '01999' WHERE participant = 37;
                COMMIT;
                """,
            ])
        #expect(merged.status == 0, "\(merged.errors)")
        let listed = try workspace.relais("participants", "list", "--commune", "Cessy")
        #expect(listed.status == 0 && !listed.output.contains("Personne 37"), "\(listed.output)")
        let shown = try workspace.relais("participants", "show", "37")
        #expect(shown.output.contains("commune     Ancienne-Commune"), "\(shown.output)")
        let manifest = try workspace.relais("transport", "manifest", "--coordinator", "1", "--format", "csv")
        // The passenger of Cessy's stop, resident of the merged commune: by name, then both codes.
        #expect(manifest.output.contains(",Ancienne-Commune,") && manifest.output.contains(",01071,01999\r\n"), "\(manifest.output)")
        let report = try workspace.relais(
            "report", "fa11", "--year", "2027", "--unmasked", "--format", "json", environment: ["RELAIS_NOW": "2028-01-10T10:00"])
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.contains("CCAS de Ancienne-Commune") && report.output.contains("\"ancienne-commune\""), "\(report.output)")
    }
}
