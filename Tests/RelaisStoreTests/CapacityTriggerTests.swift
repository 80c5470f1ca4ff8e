// Schema step 8 on real SQLite files: after real bookings and registrations made through the
// store, hand-written SQL that would leave people more than the places there are (UPDATE, INSERT
// OR REPLACE, UPSERT, on runs, bookings, events, occurrences and registrations) is refused by the
// database, and the counts stay as they were.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// The brief's statement: the run put back with one seat, by INSERT OR REPLACE.
private let replaceRunWithOneSeat = """
    INSERT OR REPLACE INTO shuttle_run SELECT id, occurrence, occurrence_version, label, departs_at, arrives_at, returns_at,
        destination, 1 AS seats, wheelchair_places, seats_per_wheelchair, ccas_quota, status, version, created_at, cancelled_at,
        cancel_reason FROM shuttle_run WHERE id = ?
    """

/// An 8-seat run with seven residents of Gex and one of Cessy confirmed on it.
private func fullRun(wheelchair: Bool = false) throws -> ShuttleFixture {
    let fixture = try ShuttleFixture(seats: 8, wheelchairPlaces: 1)
    let gex = try fixture.residents(wheelchair ? 5 : 7)
    for person in gex { #expect(try fixture.book(person).status == .confirmed) }
    if wheelchair { #expect(try fixture.book(try fixture.residents(1, of: "Gex")[0], wheelchair: true).status == .confirmed) }
    #expect(try fixture.book(try fixture.residents(1, of: "Cessy")[0], stop: "Cessy").status == .confirmed)
    return fixture
}

extension ShuttleFixture {
    /// Seats of the run, its quota, and the seats confirmed on it.
    func places() throws -> String {
        let row = try #require(
            try store.database.row(
                """
                SELECT seats, wheelchair_places, coalesce(ccas_quota, 0) AS quota,
                    (SELECT sum(seats) FROM shuttle_booking WHERE run = r.id AND status = 'confirmed') AS held
                FROM shuttle_run r WHERE id = ?
                """, [.integer(run)]))
        return "seats \(row.int("seats")!) wheelchairs \(row.int("wheelchair_places")!) quota \(row.int("quota")!) held \(row.int("held")!)"
    }

    /// Expects `sql` to be refused with `message` and the run's places to stay as they were.
    func expectRefused(_ sql: String, _ arguments: [SQLValue] = [], _ message: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let before = try places()
        let error = #expect(throws: DatabaseError.self, sourceLocation: sourceLocation) { try store.database.run(sql, arguments) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "accepted")", sourceLocation: sourceLocation)
        #expect(try places() == before, sourceLocation: sourceLocation)
    }
}

@Suite struct RunCapacityTriggerTests {
    @Test func aRunReplacedWithOneSeatUnderEightConfirmedIsRefused() throws {
        let fixture = try fullRun()
        #expect(try fixture.places() == "seats 8 wheelchairs 1 quota 0 held 8")
        try fixture.expectRefused(replaceRunWithOneSeat, [.integer(fixture.run)], "relais: shuttle full")
    }

    @Test func aQuotaBelowTheSeatsACommuneHoldsIsRefusedByUpdateReplaceAndUpsert() throws {
        let fixture = try fullRun()
        try fixture.expectRefused("UPDATE shuttle_run SET ccas_quota = 1", [], "relais: CCAS quota reached")
        try fixture.expectRefused(
            replaceRunWithOneSeat.replacingOccurrences(of: "1 AS seats", with: "seats").replacingOccurrences(of: "ccas_quota,", with: "6,"),
            [.integer(fixture.run)], "relais: CCAS quota reached")
        try fixture.expectRefused(
            "INSERT INTO shuttle_run SELECT * FROM shuttle_run WHERE id = ? ON CONFLICT(id) DO UPDATE SET ccas_quota = 6",
            [.integer(fixture.run)], "relais: CCAS quota reached")
        // A quota every commune fits in is accepted.
        try fixture.store.database.run("UPDATE shuttle_run SET ccas_quota = 7")
        #expect(try fixture.places() == "seats 8 wheelchairs 1 quota 7 held 8")
    }

    @Test func seatsAndWheelchairPlacesBelowTheBookingsAreRefusedByUpdateAndUpsert() throws {
        let fixture = try fullRun(wheelchair: true)
        try fixture.expectRefused("UPDATE shuttle_run SET seats = 7", [], "relais: shuttle full")
        try fixture.expectRefused("UPDATE shuttle_run SET wheelchair_places = 0", [], "relais: no wheelchair place left")
        try fixture.expectRefused(
            "INSERT INTO shuttle_run SELECT * FROM shuttle_run WHERE id = ? ON CONFLICT(id) DO UPDATE SET seats = 4",
            [.integer(fixture.run)], "relais: shuttle full")
        try fixture.expectRefused(
            "INSERT INTO shuttle_run SELECT * FROM shuttle_run WHERE id = ? ON CONFLICT(id) DO UPDATE SET wheelchair_places = 0",
            [.integer(fixture.run)], "relais: no wheelchair place left")
        try fixture.expectRefused(
            replaceRunWithOneSeat.replacingOccurrences(of: "1 AS seats, wheelchair_places", with: "seats, 0"), [.integer(fixture.run)],
            "relais: no wheelchair place left")
        try fixture.expectRefused(
            replaceRunWithOneSeat.replacingOccurrences(of: "1 AS seats, wheelchair_places, seats_per_wheelchair", with: "seats, 1, 3"),
            [.integer(fixture.run)], "relais: booking seats do not match the vehicle")
    }

    @Test func aBookingsSeatsOrStatusChangedBeyondTheRunAreRefused() throws {
        let fixture = try fullRun()
        let waiting = try fixture.book(try fixture.residents(1, of: "Cessy")[0], stop: "Cessy")
        #expect(waiting.status == .waitlisted)
        let first = try #require(try fixture.store.database.row("SELECT min(id) AS id FROM shuttle_booking")?.int64("id"))
        try fixture.expectRefused(
            "UPDATE shuttle_booking SET companion = 1, seats = 2 WHERE id = ?", [.integer(first)], "relais: shuttle full")
        try fixture.expectRefused(
            "UPDATE shuttle_booking SET status = 'confirmed', confirmed_at = 0 WHERE id = ?", [.integer(waiting.id)], "relais: shuttle full"
        )
        try fixture.expectRefused(
            "INSERT INTO shuttle_booking SELECT * FROM shuttle_booking WHERE id = ?1 ON CONFLICT(id) DO UPDATE SET status = 'confirmed', confirmed_at = 0",
            [.integer(waiting.id)], "relais: shuttle full")
        try fixture.expectRefused(
            """
            INSERT OR REPLACE INTO shuttle_booking (id, run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                fare_band, fare_cents, status, booked_at, booked_by, confirmed_at)
            SELECT id, run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats, fare_band, fare_cents,
                'confirmed', booked_at, booked_by, 0 FROM shuttle_booking WHERE id = ?
            """, [.integer(waiting.id)], "relais: shuttle full")
        let person = try fixture.residents(1, of: "Gex")[0]
        try fixture.expectRefused(
            """
            INSERT INTO shuttle_booking (run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                fare_band, fare_cents, status, booked_at, booked_by, confirmed_at)
            VALUES (?, ?, '01173', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 'sql', 0)
            """, [.integer(fixture.run), .integer(person)], "relais: shuttle full")
    }

    @Test func aBookedCalendarRunCannotBeReplacedUnderAnotherIdEvenWithoutForeignKeys() throws {
        let fixture = try ShuttleFixture()
        try fixture.store.load(
            CampaignCalendarContent(
                campaign: Campaign(id: "navettes", name: "Navettes"),
                events: [transportEvent([Sample.occurrence("a", "2027-03-23T07:30", minutes: 330)])]),
            sourceFile: "n.ics", now: fixture.context.now)
        try fixture.store.syncShuttleRuns(context: fixture.context)
        let run = try #require(try fixture.store.database.row("SELECT id FROM shuttle_run WHERE occurrence IS NOT NULL")?.int64("id"))
        _ = try fixture.store.bookShuttle(
            ShuttleBookingRequest(run: run, participant: try fixture.residents(1)[0], stop: "1"), scope: .coordinator,
            context: fixture.context)
        // As in the sqlite3 shell, which leaves foreign keys off.
        try fixture.store.database.execute("PRAGMA foreign_keys = OFF")
        let error = #expect(throws: DatabaseError.self) {
            try fixture.store.database.run(
                "INSERT OR REPLACE INTO shuttle_run SELECT 999, occurrence, occurrence_version, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places, seats_per_wheelchair, ccas_quota, status, version, created_at, cancelled_at, cancel_reason FROM shuttle_run WHERE id = ?",
                [.integer(run)])
        }
        #expect(error?.message.contains("relais: a booked shuttle run cannot be replaced") == true, "\(String(describing: error))")
        let error2 = #expect(throws: DatabaseError.self) {
            try fixture.store.database.run("UPDATE shuttle_run SET id = 999 WHERE id = ?", [.integer(run)])
        }
        #expect(error2?.message.contains("relais: a booked shuttle run cannot change id") == true)
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run") == 1)
    }

    private func transportEvent(_ occurrences: [CalendarOccurrence]) -> CampaignEvent {
        CampaignEvent(
            uid: "navette@test", summary: "Navette EPS", description: nil, location: "Parking", categories: [.transport], labels: [],
            commune: "01173", neighbourhood: nil, capacity: 8, professionals: 0, actionSheets: [7, 11], audience: nil, status: .confirmed,
            sequence: 0, timeZone: "Europe/Paris", allDay: false, alarms: [], occurrences: occurrences)
    }
}
