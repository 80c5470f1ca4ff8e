// A confirmed seat is a seat, as a planner and an administrator meet it: a second version of a
// calendar that lowers X-RELAIS-CAPACITY, a vehicle or a CCAS quota below the people registered
// or booked is refused (exit 65) naming the file, the event's line, the event and the counts, and
// the database stays exactly as it was; hand-written SQL through sqlite3 that would do the same
// is refused by the database itself.

import Foundation
import Testing

@Suite struct CapacityCLITests {
    /// Next year's 30 March: a session to come by every clock, including the machine's, by which
    /// the database judges what is to come.
    static let year = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1

    func stand(capacity: Int) -> String {
        calendar(
            campaign: "mars-bleu",
            event(uid: "stand@test", start: "\(Self.year)0330T090000", end: "\(Self.year)0330T120000")
                .replacingOccurrences(of: "X-RELAIS-CAPACITY:2", with: "X-RELAIS-CAPACITY:\(capacity)"))
    }

    @Test func aReloadBelowThePeopleRegisteredIsRefusedWithTheFileLineEventAndCounts() throws {
        let workspace = Workspace()
        let file = workspace.write("mars.ics", stand(capacity: 3))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        var csv = "name,commune,phone,consent,consent_source\n"
        for index in 0..<3 { csv += "Personne \(index),Gex,06 11 22 33 0\(index),sms,test\n" }
        #expect(try workspace.relais("participants", "import", workspace.write("people.csv", csv)).status == 0)
        for participant in 1...3 {
            let registered = try workspace.relais("register", "--participant", "\(participant)", "--occurrence", "1")
            #expect(registered.status == 0, "\(registered.errors)")
        }
        let before = try workspace.dump()

        workspace.write("mars.ics", stand(capacity: 2))
        let refused = try workspace.relais("campaigns", "load", file)
        #expect(refused.status == 65)
        #expect(
            refused.errors.contains(
                "\(file):6: event stand@test \"Dépistage Mars bleu\": X-RELAIS-CAPACITY 2 is below the 3 people registered on "
                    + "\(Self.year)-03-30 09:00 (occurrence 1); raise it to 3 or more; nothing loaded from this file"),
            "\(refused.errors)")
        #expect(try workspace.dump() == before)
        let listed = try #require(try workspace.json(workspace.relais("events", "list", "--json")) as? [[String: Any]])
        #expect(listed.map { "\($0["registered"] ?? "") of \($0["capacity"] ?? "")" } == ["3 of 3"])

        // The database refuses the same by hand.
        let sql = try workspace.run("/usr/bin/sqlite3", [workspace.database, "UPDATE event SET capacity = 2"])
        #expect(sql.status != 0 && sql.errors.contains("relais: capacity below the people registered"), "\(sql.errors)")
        #expect(try workspace.dump() == before)

        // Room for everyone: the file loads.
        workspace.write("mars.ics", stand(capacity: 4))
        #expect(try workspace.relais("campaigns", "load", file).output.contains("1 events updated"))
    }

    func shuttle(capacity: Int, quota: Int? = nil) -> String {
        calendar(
            campaign: "navettes-2027", fa: "7,11",
            """
            UID:navette@test
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Paris:20270309T073000
            DTEND;TZID=Europe/Paris:20270309T130000
            SUMMARY:Navette EPS
            CATEGORIES:transport
            X-RELAIS-COMMUNE:Gex
            LOCATION:Parking de l'agglo
            X-RELAIS-CAPACITY:\(capacity)
            """ + (quota.map { "\nX-RELAIS-CCAS-QUOTA:\($0)" } ?? ""))
    }

    @Test func aTransportReloadBelowTheSeatsOrQuotaBookedIsRefusedAndOneThatHoldsThemReachesTheRun() throws {
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure("")
        let file = workspace.write("navettes.ics", shuttle(capacity: 6))
        let loaded = try workspace.relais("transport", "runs", "load", "--coordinator", file)
        #expect(loaded.status == 0 && loaded.output.contains("1 runs added"), "\(loaded.output)\(loaded.errors)")
        var csv = "name,commune,phone,consent,consent_source\n"
        for index in 0..<5 { csv += "Résident \(index),Gex,06 11 22 33 0\(index),sms,test\n" }
        #expect(try workspace.relais("participants", "import", workspace.write("people.csv", csv)).status == 0)
        for participant in 1...5 {
            let booked = try workspace.relais(
                "transport", "book", "--ccas", "Gex", "--run", "1", "--participant", "\(participant)", "--stop", "1")
            #expect(booked.status == 0, "\(booked.errors)")
        }
        let before = try workspace.dump()

        for (text, message) in [
            (shuttle(capacity: 4), "X-RELAIS-CAPACITY 4 is below the 5 seats confirmed on the outbound leg of run 1 on 2027-03-09 07:30"),
            (
                shuttle(capacity: 6, quota: 3),
                "X-RELAIS-CCAS-QUOTA 3 is below the 5 seats the CCAS of Gex holds on run 1 on 2027-03-09 07:30"
            ),
        ] {
            workspace.write("navettes.ics", text)
            for command in [["transport", "runs", "load", "--coordinator", file], ["campaigns", "load", file]] {
                let refused = try workspace.run(
                    Workspace.binary.path, workspace.globalArguments + command, environment: ["RELAIS_NOW": workspace.now])
                #expect(refused.status == 65, "\(command): \(refused.output)")
                #expect(
                    refused.errors.contains(
                        "\(file):6: event navette@test \"Navette EPS\": \(message); cancel bookings first (relais transport cancel)"),
                    "\(refused.errors)")
                #expect(try workspace.dump() == before)
            }
        }

        // The statements of the issue, through sqlite3 (foreign keys off, as it runs by default).
        for (sql, message) in [
            (
                """
                INSERT OR REPLACE INTO shuttle_run SELECT id, occurrence, occurrence_version, label, departs_at, arrives_at, returns_at,
                destination, 1 AS seats, wheelchair_places, seats_per_wheelchair, ccas_quota, status, version, created_at, cancelled_at,
                cancel_reason FROM shuttle_run WHERE id = 1
                """, "relais: shuttle full"
            ),
            ("UPDATE shuttle_run SET ccas_quota = 1", "relais: CCAS quota reached"),
            (
                "INSERT OR REPLACE INTO shuttle_run (id, occurrence, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places, seats_per_wheelchair, status, created_at) SELECT 99, occurrence, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places, seats_per_wheelchair, status, created_at FROM shuttle_run WHERE id = 1",
                "relais: a booked shuttle run cannot be replaced"
            ),
        ] {
            let result = try workspace.run("/usr/bin/sqlite3", [workspace.database, sql])
            #expect(result.status != 0 && result.errors.contains(message), "\(sql): \(result.errors)")
            #expect(try workspace.dump() == before)
        }

        // A bigger vehicle loads and reaches the booked run, whose stops and times stay.
        workspace.write("navettes.ics", shuttle(capacity: 7, quota: 5))
        let bigger = try workspace.relais("transport", "runs", "load", "--coordinator", file)
        #expect(bigger.status == 0 && bigger.output.contains("1 runs already booked keep their stops and times"), "\(bigger.errors)")
        let runs = try #require(
            try workspace.json(workspace.relais("transport", "runs", "list", "--coordinator", "--json")) as? [[String: Any]])
        #expect(runs.map { "\($0["seats"] ?? "") \($0["ccas_quota"] ?? "") \($0["departure"] ?? "")" } == ["7 5 2027-03-09T07:30:00+01:00"])
    }
}
