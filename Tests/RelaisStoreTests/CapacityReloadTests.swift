// A calendar reload through the store that would take places people hold is refused with the
// core's CapacityRefusal (event, counts, session or run) and leaves the file exactly as it was;
// one that keeps them is applied, capacities moving in the order the triggers accept. And a
// database of schema 7, overbooked by an older relais, upgrades and is guarded from then on.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// The whole database as SQL text (sqlite3 .dump).
private func dump(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, ".dump"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite struct SessionReloadTests {
    @Test func aReloadBelowThePeopleRegisteredIsRefusedWithTheCountsAndChangesNothing() throws {
        let fixture = try SessionFixture(capacity: 20, registered: 20)
        let before = try dump(fixture.file.path)
        #expect(
            throws: CapacityRefusal(
                uid: "stand@test", summary: "Stand Mars bleu",
                shortfall: .registrations(
                    capacity: 5, registered: 20, occurrence: fixture.occurrence, start: fixture.session.start, sessions: 1))
        ) { try fixture.store.load(fixture.content(capacity: 5), sourceFile: "mars.ics", now: fixture.now) }
        #expect(try dump(fixture.file.path) == before)
        // The same file with room for everyone loads.
        try fixture.store.load(fixture.content(capacity: 20), sourceFile: "mars.ics", now: fixture.now)
    }

    @Test func aReloadThatCancelsTheCrowdedSessionMayLowerTheCapacityAndOneThatReinstatesItMustRaiseIt() throws {
        let fixture = try SessionFixture(capacity: 20, registered: 20)
        var cancelled = fixture.session
        cancelled.status = .cancelled
        try fixture.store.load(fixture.content(capacity: 5, sessions: [cancelled]), sourceFile: "mars.ics", now: fixture.now)
        #expect(try fixture.places() == "stand@test capacity 5 cancelled registered 20")
        let before = try dump(fixture.file.path)
        #expect(throws: CapacityRefusal.self) {
            try fixture.store.load(fixture.content(capacity: 10), sourceFile: "mars.ics", now: fixture.now)
        }
        #expect(try dump(fixture.file.path) == before)
        // The capacity is raised before the session is reinstated, so the triggers accept each step.
        let summary = try fixture.store.load(fixture.content(capacity: 20), sourceFile: "mars.ics", now: fixture.now)
        #expect(summary.eventsUpdated == 1 && summary.occurrencesReinstated == 1)
        #expect(try fixture.places() == "stand@test capacity 20 scheduled registered 20")
    }

    @Test func aCapacityOnlyLoweredCountsTheEventAsUpdated() throws {
        let fixture = try SessionFixture(capacity: 20, registered: 3)
        let summary = try fixture.store.load(fixture.content(capacity: 3), sourceFile: "mars.ics", now: fixture.now)
        #expect(summary.eventsUpdated == 1 && summary.occurrencesUnchanged == 1)
        #expect(try fixture.places() == "stand@test capacity 3 scheduled registered 3")
    }

    @Test func aDatabaseOfSchemaSevenOverbookedByAnOlderRelaisUpgradesAndIsGuardedFromThen() throws {
        let file = TemporaryDatabase()
        let start = Int(Date().timeIntervalSince1970) / 60 * 60 + 60 * 86_400
        try file.makeSchema(
            7,
            then: """
                INSERT INTO commune VALUES ('gex', 'Gex');
                INSERT INTO campaign VALUES ('c', 'C', 'c.ics', 0);
                INSERT INTO event (uid, campaign, summary, categories, capacity, status, time_zone, all_day)
                    VALUES ('e', 'c', 'Stand', 'screening', 2, 'confirmed', 'Europe/Paris', 0);
                INSERT INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status) VALUES (1, 'e', '', \(start), \(start + 3600), 'scheduled');
                INSERT INTO participant (id, name, commune, language, created_at) VALUES (1, 'A', 'gex', 'fr', 0), (2, 'B', 'gex', 'fr', 0);
                INSERT INTO registration (occurrence, participant, commune, registered_at, source) VALUES (1, 1, 'gex', 0, 't'), (1, 2, 'gex', 0, 't');
                UPDATE event SET capacity = 1;
                INSERT INTO shuttle_run (id, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places,
                    seats_per_wheelchair, status, created_at) VALUES (1, 'Navette', \(start), \(start + 5400), \(start + 14400), 'CH', 2, 0, 2, 'scheduled', 0);
                INSERT INTO shuttle_stop VALUES (1, 1, 'gex', 'Parking', \(start));
                INSERT INTO shuttle_booking (run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats, fare_band,
                    fare_cents, status, booked_at, booked_by, confirmed_at)
                    VALUES (1, 1, 'gex', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 't', 0), (1, 2, 'gex', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 't', 0);
                """)
        let store = try file.open()
        #expect(try store.database.row("SELECT max(version) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
        // The upgrade judges no row: what was there stays, overbooked or not.
        let counts = """
            SELECT (SELECT capacity FROM event) || ' ' || (SELECT count(*) FROM registration) || ' ' || (SELECT seats FROM shuttle_run)
                || ' ' || (SELECT count(*) FROM shuttle_booking WHERE status = 'confirmed') AS n
            """
        #expect(try store.database.row(counts)?.string("n") == "1 2 2 2")
        for (sql, message) in [
            ("UPDATE shuttle_run SET ccas_quota = 1", "CCAS quota reached"),
            ("INSERT INTO shuttle_run SELECT * FROM shuttle_run WHERE true ON CONFLICT DO UPDATE SET seats = 1", "shuttle full"),
            (
                "INSERT OR REPLACE INTO shuttle_run (id, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places, seats_per_wheelchair, status, created_at) SELECT id, label, departs_at, arrives_at, returns_at, destination, 1, wheelchair_places, seats_per_wheelchair, status, created_at FROM shuttle_run",
                "shuttle full"
            ),
            ("UPDATE event SET capacity = 1", "capacity below the people registered"),
        ] {
            let error = #expect(throws: DatabaseError.self, "\(sql)") { try store.database.execute(sql) }
            #expect(error?.message.contains(message) == true, "\(sql): \(error?.message ?? "accepted")")
        }
        #expect(try store.database.row(counts)?.string("n") == "1 2 2 2")
        // The next reload of its calendar says so, with the counts.
        let session = CalendarOccurrence(
            recurrenceKey: "", start: Date(timeIntervalSince1970: Double(start)), end: Date(timeIntervalSince1970: Double(start + 3600)))
        let error = #expect(throws: CapacityRefusal.self) {
            try store.load(
                CampaignCalendarContent(
                    campaign: Campaign(id: "c", name: "C"), events: [Sample.event("e", capacity: 1, occurrences: [session])]),
                sourceFile: "c.ics", now: Date())
        }
        #expect(error?.shortfall == .registrations(capacity: 1, registered: 2, occurrence: 1, start: session.start, sessions: 1))
    }
}

@Suite struct ShuttleReloadTests {
    private static let departure = "2027-03-23T07:30"

    private func content(seats: Int) -> CampaignCalendarContent {
        CampaignCalendarContent(
            campaign: Campaign(id: "navettes", name: "Navettes"),
            events: [
                CampaignEvent(
                    uid: "navette@test", summary: "Navette EPS", description: nil, location: "Parking de l'agglo", categories: [.transport],
                    labels: [], commune: "01173", neighbourhood: nil, capacity: seats, professionals: 0, actionSheets: [7, 11],
                    audience: nil,
                    status: .confirmed, sequence: 0, timeZone: "Europe/Paris", allDay: false, alarms: [],
                    occurrences: [Sample.occurrence("", Self.departure, minutes: 330)])
            ])
    }

    private func line(seats: Int, wheelchairPlaces: Int = 1, quota: Int? = nil) -> [String: ShuttleLine] {
        [
            "navette@test": ShuttleLine(
                stops: [ShuttleStopPlan(commune: "01173", place: "Parking de l'agglo", offsetMinutes: 0)],
                vehicle: ShuttleVehicle(seats: seats, wheelchairPlaces: wheelchairPlaces, seatsPerWheelchair: 2), arrivalMinutes: 90,
                returnMinutes: 240, destination: "CH Fleyriat", ccasQuota: quota)
        ]
    }

    /// Loads the calendar with a line of `seats` (and the rest) in one transaction.
    @discardableResult
    private func load(_ fixture: ShuttleFixture, seats: Int, wheelchairPlaces: Int = 1, quota: Int? = nil) throws -> ShuttleSyncSummary {
        try fixture.store.load(
            content(seats: seats), lines: line(seats: seats, wheelchairPlaces: wheelchairPlaces, quota: quota), sourceFile: "n.ics",
            context: fixture.context
        ).shuttle
    }

    private func calendarRun(_ fixture: ShuttleFixture) throws -> Int64 {
        try #require(try fixture.store.database.row("SELECT id FROM shuttle_run WHERE occurrence IS NOT NULL")?.int64("id"))
    }

    private func book(_ fixture: ShuttleFixture, _ people: [Int64], run: Int64, wheelchair: Bool = false) throws -> [ShuttleBookingStatus] {
        try people.map {
            try fixture.store.bookShuttle(
                ShuttleBookingRequest(run: run, participant: $0, stop: "1", wheelchair: wheelchair), scope: .coordinator,
                context: fixture.context
            ).status
        }
    }

    @Test func aLineBelowTheSeatsOrTheQuotaHeldIsRefusedAndOneThatHoldsThemReachesTheBookedRun() throws {
        let fixture = try ShuttleFixture()
        #expect(try load(fixture, seats: 6).added == 1)
        let run = try calendarRun(fixture)
        #expect(try book(fixture, try fixture.residents(7), run: run) == Array(repeating: .confirmed, count: 6) + [.waitlisted])
        let departure = Sample.paris.parse(Self.departure)!
        let before = try dump(fixture.file.path)
        #expect(
            throws: CapacityRefusal(
                uid: "navette@test", summary: "Navette EPS",
                shortfall: .seats(seats: 5, held: 6, leg: .outbound, run: run, departure: departure))
        ) { try load(fixture, seats: 5) }
        #expect(
            throws: CapacityRefusal(
                uid: "navette@test", summary: "Navette EPS",
                shortfall: .ccasQuota(quota: 3, held: 6, commune: "01173", run: run, departure: departure))
        ) { try load(fixture, seats: 8, quota: 3) }
        #expect(try dump(fixture.file.path) == before)

        // A bigger vehicle reaches the booked run (stops and times stay) and confirms its waitlist.
        #expect(try load(fixture, seats: 7).keptForBookings == 1)
        #expect(try fixture.count("SELECT seats AS n FROM shuttle_run WHERE id = ?", [.integer(run)]) == 7)
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_booking WHERE status = 'confirmed'") == 7)
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-promoted'") == 1)
    }

    @Test func aLineWithFewerWheelchairPlacesThanWheelchairsBookedIsRefused() throws {
        let fixture = try ShuttleFixture()
        try load(fixture, seats: 8, wheelchairPlaces: 1)
        let run = try calendarRun(fixture)
        #expect(try book(fixture, try fixture.residents(1), run: run, wheelchair: true) == [.confirmed])
        let before = try dump(fixture.file.path)
        let error = #expect(throws: CapacityRefusal.self) { try load(fixture, seats: 8, wheelchairPlaces: 0) }
        #expect(error?.shortfall == .wheelchairPlaces(places: 0, held: 1, run: run, departure: Sample.paris.parse(Self.departure)!))
        #expect(try dump(fixture.file.path) == before)
    }
}
