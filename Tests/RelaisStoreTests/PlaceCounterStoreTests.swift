// The counter of each session's confirmed registrations (schema step 21) on real SQLite files: it
// equals a COUNT of the confirmed registrations after every way relais and hand-written SQL change
// them (imports that fill the session and waitlist, cancellations that promote, a person forgotten,
// rows deleted or cancelled by SQL), and the capacity triggers that read it still refuse a place
// past the capacity.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct PlaceCounterStoreTests {
    /// Each occurrence's counter and its confirmed registrations counted, as `id:counter/count`.
    func counters(_ fixture: SessionFixture) throws -> [String] {
        try fixture.store.database.rows(
            """
            SELECT o.id, o.confirmed_count,
                (SELECT count(*) FROM registration r WHERE r.occurrence = o.id AND r.status = 'confirmed') AS counted
            FROM occurrence o ORDER BY o.id
            """
        ).map { "\($0.int64("id")!):\($0.int("confirmed_count")!)/\($0.int("counted")!)" }
    }

    func expectCounted(_ fixture: SessionFixture, _ confirmed: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try counters(fixture) == ["\(fixture.occurrence):\(confirmed)/\(confirmed)"], sourceLocation: sourceLocation)
    }

    func registrations(_ fixture: SessionFixture, _ status: RegistrationStatus) throws -> [Int64] {
        try fixture.store.database.rows(
            "SELECT id FROM registration WHERE status = ? ORDER BY id", [.text(status.rawValue)]
        ).map { $0.int64("id")! }
    }

    @Test func theCounterEqualsTheConfirmedRegistrationsAfterImportsCancellationsPromotionsAndDeletes() throws {
        let fixture = try SessionFixture(capacity: 5, registered: 3)
        try expectCounted(fixture, 3)
        // An import past the capacity: two confirmed, two waitlisted.
        _ = try fixture.store.add(fixture.people(4, from: 10), now: fixture.now, registeringTo: fixture.occurrence)
        try expectCounted(fixture, 5)
        #expect(try registrations(fixture, .waitlisted).count == 2)
        // A confirmed one cancelled: the first waitlisted is promoted in its place.
        let context = RegistrationContext(now: fixture.now, calendar: Sample.paris.calendar)
        let cancelled = try fixture.store.cancelRegistration(try registrations(fixture, .confirmed)[0], reason: "test", context: context)
        #expect(cancelled.promoted.count == 1)
        try expectCounted(fixture, 5)
        // A waitlisted one cancelled holds no place.
        _ = try fixture.store.cancelRegistration(try registrations(fixture, .waitlisted)[0], reason: "test", context: context)
        try expectCounted(fixture, 5)
        // A person forgotten: their upcoming registration is deleted.
        let person = try #require(
            try fixture.store.database.row("SELECT participant FROM registration WHERE status = 'confirmed' ORDER BY id")?.int64("participant"))
        #expect(try fixture.store.forget(participant: person, now: fixture.now))
        try expectCounted(fixture, 4)
        // Hand-written SQL: a confirmed registration cancelled, another deleted.
        let confirmed = try registrations(fixture, .confirmed)
        try fixture.store.database.run(
            "UPDATE registration SET status = 'cancelled', cancelled_at = 0 WHERE id = ?", [.integer(confirmed[0])])
        try expectCounted(fixture, 3)
        try fixture.store.database.run("UPDATE outbox SET registration = NULL WHERE registration = ?", [.integer(confirmed[1])])
        try fixture.store.database.run("DELETE FROM registration WHERE id = ?", [.integer(confirmed[1])])
        try expectCounted(fixture, 2)
    }

    @Test func theCounterFollowsARegistrationMovedToAnotherSessionAndStillRefusesPastTheCapacity() throws {
        let fixture = try SessionFixture(capacity: 2, registered: 2)
        let later = CalendarOccurrence(recurrenceKey: "later", start: fixture.session.start + 86_400, end: fixture.session.end + 86_400)
        try fixture.store.load(fixture.content(capacity: 2, sessions: [fixture.session, later]), sourceFile: "mars.ics", now: fixture.now)
        let second = try #require(try fixture.store.occurrences(OccurrenceFilter()).last?.id)
        let moved = try registrations(fixture, .confirmed)[0]
        try fixture.store.database.run("UPDATE registration SET occurrence = ? WHERE id = ?", [.integer(second), .integer(moved)])
        #expect(try counters(fixture) == ["\(fixture.occurrence):1/1", "\(second):1/1"])
        let person = try fixture.store.add(fixture.people(2, from: 50), now: fixture.now)
        try fixture.store.database.run(
            "INSERT INTO registration (occurrence, participant, commune, registered_at, source) VALUES (?, ?, '01173', 0, 'sql')",
            [.integer(second), .integer(person[0])])
        let error = #expect(throws: DatabaseError.self) {
            try fixture.store.database.run(
                "INSERT INTO registration (occurrence, participant, commune, registered_at, source) VALUES (?, ?, '01173', 0, 'sql')",
                [.integer(second), .integer(person[1])])
        }
        #expect(error?.message.contains("relais: occurrence full") == true)
        #expect(try counters(fixture) == ["\(fixture.occurrence):1/1", "\(second):2/2"])
    }
}
