// relais transport through the built binary, as CCAS agents and the coordinator use it: deadlines,
// fares, scoping between communes, bad input, manifests, and the passengers' notices.

import Foundation
import Testing

@Suite struct TransportCLITests {
    @Test func theEasterRunClosesOnFridayAtFiveAndAfterThatBookingIsRefused() throws {
        let fixture = try TransportWorkspace()
        let runs = try fixture.workspace.json(fixture.transport(["runs", "list", "--ccas", "Gex", "--json"])) as! [[String: Any]]
        #expect(runs.first?["booking_closes"] as? String == "2027-03-26T17:00:00+01:00")
        #expect(runs.first?["cancel_by"] as? String == "2027-03-29T17:00:00+02:00")
        #expect(try fixture.book(1, now: "2027-03-26T17:00")["status"] as? String == "confirmed")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "2", "--stop", "1"],
            mentioning: "--run: booking for this run closed on 2027-03-26 17:00 (book by 17:00 on the previous working day",
            now: "2027-03-26T17:01")
        // Monday 29 is Easter Monday: still closed, and so is the weekend.
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "2", "--stop", "1"], mentioning: "closed",
            now: "2027-03-29T09:00")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "2", "--stop", "1"], mentioning: "opens on 2027-02-28 00:00",
            now: "2027-02-27T12:00")
    }

    @Test func faresFollowTheQuotientBandAtEachBoundary() throws {
        let fixture = try TransportWorkspace(gex: 5)
        let cases: [(String?, String, Int)] = [
            ("0", "0-700", 0), ("700", "0-700", 0), ("701", "701-1200", 300), ("1201", "1201+", 600), (nil, "no quotient", 600),
        ]
        for (index, (quotient, band, cents)) in cases.enumerated() {
            let answer = try fixture.book(index + 1, quotient.map { ["--quotient", $0] } ?? [])
            #expect(answer["fare_band"] as? String == band && answer["fare_cents"] as? Int == cents, "\(String(describing: quotient))")
        }
        let oneWay = try fixture.book(6, ccas: "Cessy", stop: "Cessy", ["--legs", "outbound", "--quotient", "1200"])
        #expect(oneWay["fare_band"] as? String == "701-1200" && oneWay["fare_cents"] as? Int == 150)
        let recorded = try fixture.bookings().map { ($0["fare_band"] as? String ?? "", $0["quotient"] as? Int) }
        #expect(recorded.map(\.0) == ["0-700", "0-700", "701-1200", "1201+", "no quotient", "701-1200"])
        #expect(recorded.map(\.1) == [0, 700, 701, 1201, nil, 1200])
    }

    @Test func badInputIsRefusedWithTheOptionNamedAndTheDatabaseUnchanged() throws {
        let fixture = try TransportWorkspace()
        _ = try fixture.book(1)
        let book = ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "2", "--stop", "1"]
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", "999", "--participant", "2", "--stop", "1"], mentioning: "--run: no run 999")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "2", "--stop", "Thoiry"],
            mentioning: "--stop: the run has no stop \"Thoiry\" (stops: 1 07:30 Gex, Parking de l'agglo; 2 07:45 Cessy, Mairie)")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "2", "--stop", "7"], mentioning: "--stop")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "77", "--stop", "1"],
            mentioning: "--participant: no participant 77")
        try fixture.expectRefused(book + ["--appointment", "09:10"], mentioning: "--appointment: must be at 09:15 or later")
        try fixture.expectRefused(
            book + ["--appointment", "12:00"], mentioning: "--appointment: must be before the return departure at 11:30")
        try fixture.expectRefused(book + ["--quotient", "-5"], mentioning: "--quotient: \"-5\" is not a whole number of euros, 0 or more")
        try fixture.expectRefused(book + ["--quotient", "mille"], mentioning: "--quotient")
        try fixture.expectRefused(book + ["--legs", "both-ways"], mentioning: "--legs")
        try fixture.expectRefused(book + ["--appointment", "tomorrow"], mentioning: "--appointment")
        try fixture.expectRefused(["book", "--run", fixture.run, "--participant", "2", "--stop", "1"], mentioning: "--ccas COMMUNE")
        try fixture.expectRefused(
            ["book", "--ccas", "Genève", "--run", fixture.run, "--participant", "2", "--stop", "1"],
            mentioning: "--ccas: \"Genève\" is not a commune")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--coordinator", "--run", fixture.run, "--participant", "2", "--stop", "1"],
            mentioning: "exclude each other")
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "1", "--stop", "1"],
            mentioning: "--participant: already booked on this run (booking 1)")
        try fixture.expectRefused(["cancel", "--ccas", "Gex", "42"], mentioning: "no booking 42")
        try fixture.expectRefused(["noshow", "--ccas", "Gex", "1"], mentioning: "has not left yet")
        try fixture.expectRefused(
            ["runs", "add", "--coordinator", "--date", "2027-04-13", "--stop", "07:30 Lyon, Gare", "--return", "11:30"],
            mentioning: "--stop: \"Lyon\" is not a commune")
        try fixture.expectRefused(
            ["runs", "add", "--coordinator", "--date", "2027-04-13", "--stop", "07:30 Gex, Mairie", "--return", "07:00"],
            mentioning: "--return")
        try fixture.expectRefused(
            ["runs", "add", "--coordinator", "--date", "2027-02-13", "--stop", "07:30 Gex, Mairie", "--return", "11:30"],
            mentioning: "which is past")
        try fixture.expectRefused(
            ["runs", "add", "--coordinator", "--date", "2027-04-13", "--stop", "07:30 Gex, Mairie", "--return", "11:30", "--seats", "0"],
            mentioning: "--seats")
        try fixture.expectRefused(["frobnicate", "--coordinator"], mentioning: "unknown transport subcommand")
    }

    @Test func aCCASCannotSeeCancelOrChangeAnotherCommunesBookings() throws {
        let fixture = try TransportWorkspace(seats: 1)
        let gexBooking = String(try fixture.book(1)["id"] as! Int)
        let waiting = String(try fixture.book(4, ccas: "Cessy", stop: "Cessy")["id"] as! Int)
        #expect(try fixture.bookings(["--ccas", "Cessy"]).map { $0["id"] as? Int } == [Int(waiting)])
        #expect(try fixture.bookings(["--ccas", "Gex"]).map { $0["id"] as? Int } == [Int(gexBooking)])
        #expect(try fixture.bookings().count == 2)
        try fixture.expectRefused(
            ["cancel", "--ccas", "Cessy", gexBooking], mentioning: "no booking \(gexBooking) (relais transport bookings lists them)")
        try fixture.expectRefused(
            ["noshow", "--ccas", "Cessy", gexBooking], mentioning: "no booking \(gexBooking) (relais transport bookings lists them)",
            now: "2027-03-30T12:00"
        )
        try fixture.expectRefused(
            ["complete", "--ccas", "Cessy", gexBooking], mentioning: "no booking \(gexBooking) (relais transport bookings lists them)",
            now: "2027-03-30T12:00")
        try fixture.expectRefused(
            ["book", "--ccas", "Cessy", "--run", fixture.run, "--participant", "2", "--stop", "1"],
            mentioning: "--participant: no participant 2 (relais participants list shows them)")
        try fixture.expectRefused(["runs", "cancel", "--ccas", "Cessy", fixture.run], mentioning: "only the coordinator")
        let manifest = try fixture.transport(["manifest", "--ccas", "Cessy", fixture.run, "--format", "csv"])
        #expect(manifest.status == 0 && !manifest.output.contains("Résident Gex"))
        let waitlist = try fixture.transport(["waitlist", "--ccas", "Gex", fixture.run])
        #expect(waitlist.output.contains("Nobody is waiting") && !waitlist.output.contains("Résident Cessy"))
        let everyone = try fixture.transport(["manifest", "--coordinator", fixture.run, "--format", "csv"])
        #expect(everyone.output.contains("Résident Gex 0"))
        // The CCAS of Gex cancels its own: Cessy's waiting resident gets the seat and an SMS.
        let cancelled = try fixture.transport(["cancel", "--ccas", "Gex", gexBooking])
        #expect(cancelled.output.contains("1 waitlisted booking confirmed in its place"), "\(cancelled.errors)")
        #expect(try fixture.bookings(["--ccas", "Cessy"]).first?["status"] as? String == "confirmed")
        let sent = try fixture.workspace.relais("send", "--once")
        #expect(sent.status == 0, "\(sent.errors)")
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.workspace.directory.appendingPathComponent("outbox").path)
        let promoted = try #require(files.first { $0.hasPrefix("shuttle-promoted") })
        let text = try String(contentsOf: fixture.workspace.directory.appendingPathComponent("outbox/\(promoted)"), encoding: .utf8)
        #expect(text.contains("une place s'est libérée") && text.contains("mardi 30 mars à 7 h 45, Mairie, Cessy"), "\(text)")
    }

    @Test func theManifestListsPassengersByStopInPickupOrderAsCSVAndEscapedHTML() throws {
        let fixture = try TransportWorkspace(gex: 1, cessy: 0)
        #expect(
            try fixture.workspace.relais(
                "participants", "add", "--name", "<b>Léa & \"Jo\"</b>, Ségny", "--commune", "Gex", "--phone", "0611223399"
            ).status == 0)
        _ = try fixture.book(2, stop: "Cessy", ["--wheelchair", "--appointment", "09:30"])
        _ = try fixture.book(1, stop: "Gex", ["--companion"])
        let csv = try fixture.transport(["manifest", "--coordinator", fixture.run, "--format", "csv"])
        let lines = csv.output.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("stop,pickup,commune,place,booking,name,phone,legs,wheelchair,companion,seats,appointment"))
        #expect(lines[1].hasPrefix("1,07:30,Gex,Parking de l'agglo,2,Résident Gex 0,+33611223300,both,no,yes,2,"))
        // The communes by name, and by INSEE code in the last two columns (the stop's, the resident's).
        #expect(lines[0].hasSuffix(",resident_of,fare,status,code_insee,resident_of_code_insee"))
        #expect(lines[1].hasSuffix(",01173,01173"), "\(lines[1])")
        #expect(lines[2].hasSuffix(",01071,01173"), "\(lines[2])")
        #expect(
            lines[2].hasPrefix("2,07:45,Cessy,Mairie,1,\"<b>Léa & \"\"Jo\"\"</b>, Ségny\",+33611223399,both,yes,no,2,09:30"), "\(lines[2])")
        let output = fixture.workspace.directory.appendingPathComponent("run.html").path
        let written = try fixture.transport(["manifest", "--coordinator", fixture.run, "--format", "html", "--output", output])
        #expect(written.status == 0 && written.output.contains("2 passengers"))
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("&lt;b&gt;Léa &amp; &quot;Jo&quot;&lt;/b&gt;, Ségny"))
        #expect(!html.contains("<b>Léa"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.range(of: "Résident Gex 0")!.lowerBound < html.range(of: "Ségny")!.lowerBound)
        #expect(html.contains("fauteuil roulant") && html.contains("@media print"))
        // A name a spreadsheet would run as a formula is written as text.
        #expect(try fixture.workspace.relais("participants", "add", "--name", "=HYPERLINK(\"x\")", "--commune", "Gex").status == 0)
        _ = try fixture.book(3, stop: "Gex")
        let again = try fixture.transport(["manifest", "--coordinator", fixture.run, "--format", "csv"])
        #expect(again.output.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "\(again.output)")
    }

    @Test func aCancelledRunTellsEachPassengerOnce() throws {
        let fixture = try TransportWorkspace(seats: 1)
        _ = try fixture.book(1)
        _ = try fixture.book(2)
        let cancelled = try fixture.transport(["runs", "cancel", "--coordinator", fixture.run, "--reason", "vehicle broken down"])
        #expect(cancelled.output.contains("2 bookings cancelled"), "\(cancelled.errors)")
        try fixture.expectRefused(["runs", "cancel", "--coordinator", fixture.run], mentioning: "--run: the run is cancelled")
        let rows = try outbox(fixture.workspace).filter { $0["kind"] as? String == "shuttle-cancelled" }
        #expect(rows.count == 2 && rows.allSatisfy { $0["state"] as? String == "queued" })
        #expect(try fixture.workspace.relais("send", "--once").output.hasPrefix("2 sent"))
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.workspace.directory.appendingPathComponent("outbox").path)
        #expect(files.filter { $0.hasPrefix("shuttle-cancelled") }.count == 2)
        #expect(try fixture.workspace.relais("send", "--once").output.hasPrefix("0 sent"))
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "3", "--stop", "1"], mentioning: "is cancelled")
    }

    @Test func tripsAreRecordedAsCompletedOrNoShowOnceTheRunHasLeft() throws {
        let fixture = try TransportWorkspace()
        let first = String(try fixture.book(1)["id"] as! Int)
        _ = try fixture.book(2)
        #expect(
            try fixture.transport(["noshow", "--ccas", "Gex", first], now: "2027-03-30T12:00").output.contains(
                "1 booking recorded as no-show"))
        let completed = try fixture.transport(["complete", "--coordinator", "--run", fixture.run], now: "2027-03-30T12:00")
        #expect(completed.output.contains("1 booking recorded as completed"), "\(completed.errors)")
        #expect(try fixture.bookings().map { $0["status"] as? String } == ["no_show", "completed"])
    }

    @Test func aTransportCalendarMakesRunsWithItsStopsAndABadStopIsRefusedWithItsLine() throws {
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        let shuttle = """
            UID:navette@test
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Paris:20270309T073000
            DTEND;TZID=Europe/Paris:20270309T130000
            RRULE:FREQ=MONTHLY;BYDAY=2TU,4TU;COUNT=4
            SUMMARY:Navette EPS
            CATEGORIES:transport
            X-RELAIS-COMMUNE:Gex
            X-RELAIS-CAPACITY:8
            X-RELAIS-STOPS:07:30 Gex\\, Parking de l'agglo\\; 07:50 St Genis\\, Place Jacques Prévert
            X-RELAIS-VEHICLE:wheelchair-places=2 seats-per-wheelchair=2
            X-RELAIS-ARRIVAL:09:20
            X-RELAIS-CCAS-QUOTA:3
            """
        let file = workspace.write("navettes.ics", calendar(campaign: "navettes-2027", fa: "7,11", shuttle))
        let loaded = try workspace.relais("transport", "runs", "load", "--coordinator", file)
        #expect(loaded.status == 0 && loaded.output.contains("1 transport events, 4 runs added"), "\(loaded.output)\(loaded.errors)")
        let runs = try workspace.json(workspace.relais("transport", "runs", "list", "--ccas", "St Genis", "--json")) as! [[String: Any]]
        #expect(runs.count == 4)
        let stops = try #require(runs.first?["stops"] as? [[String: Any]])
        #expect(stops.map { $0["pickup"] as? String } == ["2027-03-09T07:30:00+01:00", "2027-03-09T07:50:00+01:00"])
        #expect(
            runs.first?["arrival"] as? String == "2027-03-09T09:20:00+01:00"
                && runs.first?["return_departure"] as? String == "2027-03-09T11:30:00+01:00")
        #expect(
            runs.first?["wheelchair_places"] as? Int == 2 && runs.first?["ccas_quota"] as? Int == 3
                && runs.first?["my_commune_seats"] as? Int == 0)
        #expect(try workspace.relais("transport", "runs", "load", "--coordinator", file).output.contains("0 runs added"))

        let before = try workspace.dump()
        workspace.write(
            "navettes.ics", calendar(campaign: "navettes-2027", fa: "7,11", shuttle.replacingOccurrences(of: "St Genis", with: "Lyon")))
        let refused = try workspace.relais("campaigns", "load", file)
        #expect(refused.status != 0 && refused.errors.contains("navettes.ics:6: event navette@test: X-RELAIS-STOPS"), "\(refused.errors)")
        #expect(try workspace.dump() == before)
    }

    @Test func theSeasonsShuttleCalendarMakesOneRunPerUpcomingOccurrence() throws {
        let workspace = Workspace()
        let file = Workspace.repository.appendingPathComponent("Campaigns/navettes-eps-2026-2027.ics").path
        let loaded = try workspace.relais("transport", "runs", "load", "--coordinator", file)
        #expect(loaded.status == 0 && loaded.output.contains("1 transport events, 26 runs added"), "\(loaded.output)\(loaded.errors)")
        let runs = try workspace.json(workspace.relais("transport", "runs", "list", "--ccas", "Gex", "--json")) as! [[String: Any]]
        #expect(runs.count == 26)
        #expect(runs.first?["departure"] as? String == "2026-12-08T07:30:00+01:00")
        #expect(runs.first?["arrival"] as? String == "2026-12-08T09:00:00+01:00")
        #expect(runs.first?["return_departure"] as? String == "2026-12-08T11:30:00+01:00")
        #expect(runs.first?["seats"] as? Int == 8 && (runs.first?["stops"] as? [[String: Any]])?.count == 1)
    }

    @Test func theHelpExplainsEverySubcommandWithExamples() throws {
        let workspace = Workspace()
        let help = try workspace.relais("transport", "--help")
        #expect(help.status == 0)
        for word in [
            "runs list", "runs add", "runs cancel", "book", "cancel", "noshow", "complete", "waitlist", "manifest", "--ccas",
            "--coordinator", "Examples:",
        ] {
            #expect(help.output.contains(word), "\(word)")
        }
        #expect(try workspace.relais("help").output.contains("transport"))
        #expect(try workspace.relais("transport").status == 64)
    }
}
