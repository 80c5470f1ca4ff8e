// Event capacity on real SQLite files: hand-written SQL cannot leave a session to come more
// people than its event's capacity (schema step 8), and a calendar reload that would is refused
// by the core's CapacityCheck with the counts, the database unchanged. The database judges
// "to come" by the machine's clock, so these sessions are dated from it.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// A store with one event (capacity 20 unless said) whose session starts 60 days from now on
/// the machine's clock, and `registered` people registered to it through the store.
struct SessionFixture {
    let file = TemporaryDatabase()
    let store: Store
    let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    let session: CalendarOccurrence
    let occurrence: Int64

    init(capacity: Int = 20, registered: Int = 20, startsIn seconds: TimeInterval = 60 * 86_400) throws {
        store = try file.open()
        let start = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 + seconds) / 60).rounded(.down) * 60)
        session = CalendarOccurrence(recurrenceKey: "", start: start, end: start + 3 * 3600, status: .confirmed)
        try store.load(Self.content(capacity: capacity, sessions: [session]), sourceFile: "mars.ics", now: now)
        let id = try #require(try store.occurrences(OccurrenceFilter()).first?.id)
        occurrence = id
        if registered > 0 {
            _ = try store.add(Self.people(registered, now: now), now: now, registeringTo: id)
        }
    }

    /// The campaign with its one event, as a reload would bring it.
    func content(capacity: Int?, sessions: [CalendarOccurrence]? = nil) -> CampaignCalendarContent {
        Self.content(capacity: capacity, sessions: sessions ?? [session])
    }

    static func content(capacity: Int?, sessions: [CalendarOccurrence]) -> CampaignCalendarContent {
        Sample.campaign([Sample.event("stand@test", capacity: capacity, occurrences: sessions)])
    }

    func people(_ count: Int, from first: Int = 0) -> [NewParticipant] { Self.people(count, from: first, now: now) }

    static func people(_ count: Int, from first: Int = 0, now: Date) -> [NewParticipant] {
        (first..<first + count).map { index in
            try! ParticipantForm(
                name: "Personne \(index)", phone: "06 12 34 \(String(format: "%02d", index / 100)) \(String(format: "%02d", index % 100))",
                commune: "Gex", consentedChannels: ["sms"], consentSource: "CCAS"
            ).validated(territory: .paysDeGex, now: now, calendar: Sample.paris.calendar)
        }
    }

    /// The event's capacity, the occurrence's event and status, and the registrations.
    func places() throws -> String {
        let row = try #require(
            try store.database.row(
                """
                SELECT e.uid, e.capacity, o.status, (SELECT count(*) FROM registration WHERE occurrence = o.id) AS registered
                FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = ?
                """, [.integer(occurrence)]))
        return "\(row.string("uid")!) capacity \(row.int("capacity") ?? 0) \(row.string("status")!) registered \(row.int("registered")!)"
    }

    func expectRefused(_ sql: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try places()
        let error = #expect(throws: DatabaseError.self, sourceLocation: sourceLocation) { try store.database.execute(sql) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "accepted")", sourceLocation: sourceLocation)
        #expect(try places() == before, sourceLocation: sourceLocation)
    }
}

@Suite struct SessionCapacityTriggerTests {
    @Test func anEventsCapacityBelowThePeopleRegisteredIsRefusedByUpdateUpsertAndReplace() throws {
        let fixture = try SessionFixture()
        #expect(try fixture.places() == "stand@test capacity 20 scheduled registered 20")
        try fixture.expectRefused("UPDATE event SET capacity = 5", "relais: capacity below the people registered")
        try fixture.expectRefused(
            "INSERT INTO event SELECT * FROM event WHERE true ON CONFLICT(uid) DO UPDATE SET capacity = 5",
            "relais: capacity below the people registered")
        try fixture.expectRefused(
            """
            INSERT OR REPLACE INTO event SELECT uid, campaign, summary, description, location, categories, labels, commune,
                neighbourhood, 5, professionals, audience, status, sequence, time_zone, all_day, in_calendar, truncation,
                generated_until, note, contact FROM event
            """, "relais: capacity below the people registered")
        try fixture.store.database.execute("UPDATE event SET capacity = 20")
    }

    @Test func anOccurrenceMovedToASmallerEventOrReinstatedOverItsCapacityIsRefused() throws {
        let fixture = try SessionFixture()
        try fixture.store.database.execute(
            """
            INSERT INTO event (uid, campaign, summary, categories, capacity, status, time_zone, all_day)
            VALUES ('small@test', 'mars-bleu-2027', 'Petit stand', 'screening', 2, 'confirmed', 'Europe/Paris', 0)
            """)
        try fixture.expectRefused("UPDATE occurrence SET event = 'small@test'", "relais: occurrence full")
        try fixture.expectRefused(
            "INSERT INTO occurrence SELECT * FROM occurrence WHERE true ON CONFLICT(id) DO UPDATE SET event = 'small@test'",
            "relais: occurrence full")
        try fixture.expectRefused(
            """
            INSERT OR REPLACE INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status, version)
            SELECT id, 'small@test', recurrence_key, starts_at, ends_at, status, version FROM occurrence
            """, "relais: occurrence full")
        // Cancelled, the session holds no places: its capacity may go down; reinstated, it would again.
        try fixture.store.database.execute(
            "UPDATE occurrence SET status = 'cancelled'; UPDATE event SET capacity = 5 WHERE uid = 'stand@test'")
        #expect(try fixture.places() == "stand@test capacity 5 cancelled registered 20")
        try fixture.expectRefused("UPDATE occurrence SET status = 'scheduled'", "relais: occurrence full")
    }

    @Test func aRegistrationBeyondTheCapacityIsRefusedByInsertUpsertAndReplace() throws {
        let fixture = try SessionFixture(capacity: 20, registered: 20)
        let person = try fixture.store.add(fixture.people(1, from: 50), now: fixture.now)[0]
        try fixture.expectRefused(
            """
            INSERT INTO registration (occurrence, participant, commune, registered_at, source)
            VALUES (\(fixture.occurrence), \(person), '01173', 0, 'sql')
            """, "relais: occurrence full")
        try fixture.expectRefused(
            """
            INSERT OR REPLACE INTO registration (occurrence, participant, commune, registered_at, source)
            VALUES (\(fixture.occurrence), \(person), '01173', 0, 'sql')
            """, "relais: occurrence full")
        // A second session of the same event, empty; one of its registrations moved into the full one.
        let later = CalendarOccurrence(recurrenceKey: "later", start: fixture.session.start + 86_400, end: fixture.session.end + 86_400)
        try fixture.store.load(fixture.content(capacity: 20, sessions: [fixture.session, later]), sourceFile: "mars.ics", now: fixture.now)
        let second = try #require(try fixture.store.occurrences(OccurrenceFilter()).last?.id)
        let moved = try fixture.store.register(
            participant: person, occurrence: second, source: "test", now: fixture.now, calendar: Sample.paris.calendar)
        try fixture.expectRefused(
            "UPDATE registration SET occurrence = \(fixture.occurrence) WHERE id = \(moved)", "relais: occurrence full")
        try fixture.expectRefused(
            """
            INSERT INTO registration SELECT * FROM registration WHERE id = \(moved)
            ON CONFLICT(id) DO UPDATE SET occurrence = \(fixture.occurrence)
            """, "relais: occurrence full")
    }

    @Test func anOccurrencePeopleRegisteredToCannotBeReplacedUnderAnotherIdEvenWithoutForeignKeys() throws {
        let fixture = try SessionFixture(registered: 3)
        try fixture.store.database.execute("PRAGMA foreign_keys = OFF")
        try fixture.expectRefused(
            """
            INSERT OR REPLACE INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status, version)
            SELECT 999, event, recurrence_key, starts_at, ends_at, status, version FROM occurrence
            """, "relais: an occurrence people registered to cannot be replaced")
        try fixture.expectRefused("UPDATE occurrence SET id = 999", "relais: an occurrence people registered to cannot change id")
    }

    @Test func aSessionThatHasStartedKeepsItsPeopleWhenTheCapacityIsLowered() throws {
        let fixture = try SessionFixture(capacity: 3, registered: 0, startsIn: -3600)
        for person in try fixture.store.add(fixture.people(3), now: fixture.now) {
            _ = try fixture.store.attend(
                participant: person, occurrence: fixture.occurrence, now: fixture.now, calendar: Sample.paris.calendar)
        }
        // Both the database and a reload leave a session that has started as it was.
        try fixture.store.database.execute("UPDATE event SET capacity = 2")
        try fixture.store.load(fixture.content(capacity: 1), sourceFile: "mars.ics", now: fixture.now)
        #expect(try fixture.places() == "stand@test capacity 1 scheduled registered 3")
    }
}
