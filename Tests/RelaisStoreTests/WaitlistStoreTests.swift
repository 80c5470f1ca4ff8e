// Registrations with a waitlist on real SQLite files: a full session waitlists, a cancellation
// confirms the first waitlisted in its own transaction with one notice, only confirmed
// registrations count (listings, reports, reminders, the database's triggers by hand-written SQL
// too), and the places freed by forgetting a person or raising a capacity go to the waitlist.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// A store with one session on 30 March 2027 at 09:00 (capacity 2 unless said) and `people` Gex
/// residents with SMS consent, at Sample.now (1 March 2027).
struct WaitlistFixture {
    let file = TemporaryDatabase()
    let store: Store
    let occurrence: Int64
    let people: [Int64]

    init(capacity: Int? = 2, people count: Int = 4) throws {
        store = try file.open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", capacity: capacity, occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]),
            sourceFile: "m.ics", now: Sample.now)
        occurrence = try #require(try store.occurrences(OccurrenceFilter()).first?.id)
        people = try store.add((0..<count).map { Sample.person("Personne \($0)") }, now: Sample.now)
    }

    func context(_ now: Date = Sample.now, actor: String = "agent-gex", commune: String? = nil) -> RegistrationContext {
        RegistrationContext(actor: actor, commune: commune, now: now, calendar: Sample.paris.calendar)
    }

    @discardableResult
    func register(_ index: Int) throws -> RegistrationOutcome {
        try store.register(participant: people[index], occurrence: occurrence, source: "desk", context: context())
    }

    func count(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try store.database.row(sql, arguments)?.int("n") ?? -1
    }

    func status(_ registration: Int64) throws -> String? {
        try store.database.row("SELECT status FROM registration WHERE id = ?", [.integer(registration)])?.string("status")
    }
}

@Suite struct WaitlistStoreTests {
    @Test func aFullSessionWaitlistsInOrderAndACancellationConfirmsTheFirstWithItsNoticeAndRemindersOnce() throws {
        let fixture = try WaitlistFixture()
        let outcomes = try (0..<4).map { try fixture.register($0) }
        #expect(outcomes.map(\.status) == [.confirmed, .confirmed, .waitlisted, .waitlisted])
        #expect(outcomes.map(\.waitlistPosition) == [nil, nil, 1, 2])
        #expect(
            try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'reminder' AND registration = ?", [.integer(outcomes[2].id)])
                == 0)

        let cancelled = try fixture.store.cancelRegistration(outcomes[1].id, reason: "t", context: fixture.context())
        #expect(cancelled == RegistrationCancellation(previousStatus: .confirmed, promoted: [outcomes[2].id]))
        #expect(try fixture.status(outcomes[1].id) == "cancelled" && fixture.status(outcomes[2].id) == "confirmed")
        #expect(try fixture.store.registrationEntry(outcomes[3].id, commune: nil)?.waitlistPosition == 1)
        let notice = "SELECT count(*) AS n FROM outbox WHERE kind = 'registration-promoted' AND registration = ? AND state = 'queued'"
        #expect(try fixture.count(notice, [.integer(outcomes[2].id)]) == 1)
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'registration-promoted'") == 1)
        let reminders = "SELECT count(*) AS n FROM outbox WHERE kind = 'reminder' AND registration = ? AND state = 'queued'"
        #expect(try fixture.count(reminders, [.integer(outcomes[2].id)]) == 1, "the promoted registration is reminded")
        #expect(try fixture.count(reminders, [.integer(outcomes[1].id)]) == 0, "the cancelled one's reminder is cancelled")
        // A second pass queues no second notice (the outbox key is unique).
        try fixture.store.database.write { database in
            try fixture.store.queuePromotionNotice(
                registration: outcomes[2].id, planning: fixture.context().planning, in: database)
        }
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'registration-promoted'") == 1)
        #expect(
            try fixture.count("SELECT count(*) AS n FROM audit_log WHERE account = 'agent-gex' AND action LIKE 'registration.%'") == 5)
    }

    @Test func thePromotionIsPartOfTheCancellationsTransaction() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 2)
        let first = try fixture.register(0)
        let second = try fixture.register(1)
        // An outbox that refuses the notice makes the whole cancellation fail: nothing half done.
        try fixture.store.database.execute(
            """
            CREATE TEMP TRIGGER no_notice BEFORE INSERT ON main.outbox WHEN NEW.kind = 'registration-promoted'
            BEGIN SELECT RAISE(ABORT, 'test: no notice'); END
            """)
        #expect(throws: DatabaseError.self) { try fixture.store.cancelRegistration(first.id, reason: "t", context: fixture.context()) }
        #expect(try fixture.status(first.id) == "confirmed" && fixture.status(second.id) == "waitlisted")
        #expect(try fixture.count("SELECT count(*) AS n FROM audit_log WHERE action = 'registration.cancel'") == 0)
        try fixture.store.database.execute("DROP TRIGGER temp.no_notice")
        _ = try fixture.store.cancelRegistration(first.id, reason: "t", context: fixture.context())
        #expect(try fixture.status(second.id) == "confirmed")
    }

    @Test func aCancelledPlaceIsFreeForAnyoneAndARegistrationIsCancelledOnceAndNotAfterTheStart() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 2)
        let first = try fixture.register(0)
        _ = try fixture.store.cancelRegistration(first.id, reason: "t", context: fixture.context())
        #expect(try fixture.store.occurrence(id: fixture.occurrence)?.registered == 0)
        #expect(throws: Refusal.registration(.registrationCancelled(registration: first.id))) {
            try fixture.store.cancelRegistration(first.id, reason: "t", context: fixture.context())
        }
        // Registering again is a new registration; the cancelled one stays as history.
        let again = try fixture.register(0)
        #expect(again.status == .confirmed && again.id != first.id)
        #expect(try fixture.register(1).status == .waitlisted)
        let started = Sample.paris.parse("2027-03-30T09:05")!
        #expect(throws: Refusal.registration(.notCancellable(registration: again.id, start: Sample.paris.parse("2027-03-30T09:00")!))) {
            try fixture.store.cancelRegistration(again.id, reason: "t", context: fixture.context(started))
        }
        // Another commune's agent finds no such registration.
        #expect(throws: Refusal.notFound(.registration, id: String(again.id))) {
            try fixture.store.cancelRegistration(again.id, reason: "t", context: fixture.context(commune: "01071"))
        }
    }

    @Test func onlyConfirmedRegistrationsCountInListingsReportsAndReminders() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 3)
        let confirmed = try fixture.register(0)
        let waitlisted = try fixture.register(1)
        let cancelled = try fixture.register(2)
        _ = try fixture.store.cancelRegistration(cancelled.id, reason: "t", context: fixture.context())
        let listing = try #require(try fixture.store.occurrence(id: fixture.occurrence))
        #expect((listing.registered, listing.waitlisted) == (1, 1))
        #expect(try fixture.store.planReminders(rules: OutreachRules(), now: Sample.now, calendar: Sample.paris.calendar).queued == 0)
        #expect(
            try fixture.count(
                "SELECT count(*) AS n FROM outbox WHERE kind = 'reminder' AND registration IN (?, ?)",
                [.integer(waitlisted.id), .integer(cancelled.id)]) == 0)
        _ = try fixture.store.attend(
            participant: fixture.people[0], occurrence: fixture.occurrence, now: Sample.paris.parse("2027-03-30T09:10")!,
            calendar: Sample.paris.calendar)
        let period = ReportPeriod(start: Sample.paris.parse("2027-01-01")!, end: Sample.paris.parse("2028-01-01")!)
        let data = try fixture.store.indicatorData(IndicatorQuery(period: period, until: Sample.paris.parse("2027-04-01")!))
        #expect(data.events.map { ($0.people.registered, $0.people.attended) }.first.map { $0 == (1, 1) } == true, "\(data.events)")
        #expect(try fixture.status(confirmed.id) == "confirmed")
    }

    @Test func forgettingAConfirmedPersonOrRaisingTheCapacityConfirmsTheWaitlist() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 3)
        let first = try fixture.register(0)
        let second = try fixture.register(1)
        let third = try fixture.register(2)
        #expect(try fixture.store.forget(participant: fixture.people[0], now: Sample.now))
        #expect(try fixture.store.registrationEntry(first.id, commune: nil) == nil, "an upcoming registration of the forgotten goes")
        #expect(try fixture.status(second.id) == "confirmed" && fixture.status(third.id) == "waitlisted")
        try fixture.store.load(
            Sample.campaign([Sample.event("a@relais", capacity: 5, occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]),
            sourceFile: "m.ics", now: Sample.now)
        #expect(try fixture.status(third.id) == "confirmed")
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = 'registration-promoted'") == 2)
    }
}

/// The database itself, by hand-written SQL, counts confirmed registrations only (schema step 12).
@Suite struct WaitlistTriggerTests {
    @Test func theTriggersCountConfirmedRegistrationsOnlyAndKeepCancelledOnesCancelled() throws {
        let fixture = try SessionFixture(capacity: 2, registered: 2)
        let extra = try fixture.store.add(fixture.people(2, from: 50), now: fixture.now)
        let insert =
            "INSERT INTO registration (occurrence, participant, commune, registered_at, source, status) VALUES (?, ?, '01173', 0, 'sql', ?)"
        try fixture.store.database.run(insert, [.integer(fixture.occurrence), .integer(extra[0]), .text("waitlisted")])
        let waiting = fixture.store.database.lastInsertedRowID
        try fixture.expectRefused(
            "INSERT INTO registration (occurrence, participant, commune, registered_at, source) VALUES (\(fixture.occurrence), \(extra[1]), '01173', 0, 'sql')",
            "relais: occurrence full")
        try fixture.expectRefused("UPDATE registration SET status = 'confirmed' WHERE id = \(waiting)", "relais: occurrence full")
        // A capacity of 2 holds the 2 confirmed, whatever waits; 1 does not.
        try fixture.store.database.execute("UPDATE event SET capacity = 2")
        try fixture.expectRefused("UPDATE event SET capacity = 1", "relais: capacity below the people registered")
        // One confirmed cancelled: the capacity may go down to 1, and the waiting one fits.
        try fixture.store.database.execute(
            "UPDATE registration SET status = 'cancelled', cancelled_at = 0 WHERE id = (SELECT min(id) FROM registration)")
        try fixture.store.database.execute("UPDATE event SET capacity = 1")
        try fixture.expectRefused("UPDATE registration SET status = 'confirmed' WHERE id = \(waiting)", "relais: occurrence full")
        let present = #expect(throws: DatabaseError.self) {
            try fixture.store.database.execute("UPDATE registration SET attended_at = 1 WHERE id = \(waiting)")
        }
        #expect(present?.message.contains("CHECK") == true, "only a confirmed registration can be present")
        try fixture.store.database.execute("UPDATE event SET capacity = 2")
        try fixture.expectRefused(
            "UPDATE registration SET status = 'confirmed', cancelled_at = NULL WHERE id = (SELECT min(id) FROM registration)",
            "relais: a cancelled registration stays cancelled")
        try fixture.store.database.execute("UPDATE registration SET status = 'confirmed' WHERE id = \(waiting)")
        #expect(try fixture.store.occurrence(id: fixture.occurrence).map { [$0.registered, $0.waitlisted] } == [2, 0])
    }

    /// Schema 10 is a database of the relais before residents' duplicates and registrations' status;
    /// schema 11 one that main's relais (with residents' duplicates) wrote: both come up to step 12.
    @Test(arguments: [10, 11])
    func aDatabaseBeforeTheRegistrationStepUpgradesWithItsRegistrationsConfirmedAndItsMessagesKept(schema: Int) throws {
        let file = TemporaryDatabase()
        try file.makeSchema(
            schema,
            then: """
                INSERT INTO commune (slug, name) VALUES ('gex', 'Gex');
                INSERT INTO campaign VALUES ('mars-bleu-2027', 'Mars bleu', 'm.ics', 0);
                INSERT INTO event (uid, campaign, summary, categories, capacity, status, time_zone, all_day)
                    VALUES ('a@relais', 'mars-bleu-2027', 'Stand', 'screening', 1, 'confirmed', 'Europe/Paris', 0);
                INSERT INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status) VALUES (7, 'a@relais', '', 4102444800, 4102448400, 'scheduled');
                INSERT INTO participant (id, name, commune, language, created_at) VALUES (3, 'Jeanne', 'gex', 'fr', 0);
                INSERT INTO registration (id, occurrence, participant, commune, registered_at, source) VALUES (11, 7, 3, 'gex', 0, 'cli');
                INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                    not_after, created_at, updated_at) VALUES ('reminder:r11:a0:sms:v1', 'reminder', 'sms', 11, 3, 7, 1, 'queued', 0, 1, 0, 0);
                """)
        let store = try file.open()
        #expect(try store.database.row("SELECT status FROM registration WHERE id = 11")?.string("status") == "confirmed")
        #expect(try store.outbox().map(\.key) == ["reminder:r11:a0:sms:v1"])
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try store.database.row("SELECT max(version) AS v FROM schema_migration")?.int("v") == Migrations.steps.count)
        #expect(Migrations.steps.firstIndex(of: Migrations.registrationsStep) == 11, "the registration rebuild is step 12")
        #expect(Migrations.foreignKeysOffSteps.contains(12))
        let indexes = try store.database.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('participant_by_lower_email', 'registration_once')")
        #expect(indexes.count == 2, "both steps 11 and 12 are there")
        let refused = #expect(throws: DatabaseError.self) {
            try store.database.run(
                "INSERT INTO registration (occurrence, participant, commune, registered_at, source) VALUES (7, NULL, '01173', 0, 'sql')")
        }
        #expect(refused?.message.contains("relais: occurrence full") == true)
    }
}
