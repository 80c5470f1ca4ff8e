// What the reports count from the outbox, kept by schema step 27's triggers (Migrations+ReportCounts.swift),
// on a real SQLite file: a report made after housekeeping pruned the reminders says what it said before;
// the counts follow each message through its states (sent, failed, retried by an operator, moved) exactly
// as a GROUP BY of the outbox would, and each registration (confirmed, present, reminded, cancelled,
// promoted, moved to another age group, deleted) as a GROUP BY of the registrations would, the place
// counter too; and a database made before steps 27 and 28 gets counts equal to what its registrations and
// outbox held.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct ReportCountsStoreTests {
    private static let year = ReportPeriod(start: Sample.paris.parse("2027-01-01")!, end: Sample.paris.parse("2028-01-01")!)
    private static let query = IndicatorQuery(period: year, until: Sample.paris.parse("2027-04-01")!)

    @Test func aReportMadeAfterHousekeepingPrunedTheRemindersCountsWhatItCountedBefore() throws {
        let fixture = try WaitlistFixture(capacity: nil, people: 4)
        let registrations = try (0..<4).map { try fixture.register($0).id }
        try insert(fixture, registrations[0], channel: "email", state: "sent", key: "r0")
        try insert(fixture, registrations[1], channel: "sms", state: "sent", key: "r1", segments: 2)
        try insert(fixture, registrations[2], channel: "email", state: "failed", key: "r2")
        let before = try fixture.store.indicatorData(Self.query)
        #expect(before.events.first?.people.registeredReminded == 2, "0 and 1: a failed reminder does not count")
        #expect(before.reminders == [ReminderTally(channel: .email, sent: 1, failed: 1), ReminderTally(channel: .sms, sent: 1, failed: 0)])
        #expect(before.smsSegments.map { [$0.sms, $0.segments] } == [[1, 2]])

        let summary = try fixture.store.housekeep(now: Sample.now, retentionDays: 3_650, outboxKeepDays: 1)
        #expect(summary.messagesPruned == 3, "the three settled reminders, updated at 1970")
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE key IN ('r0', 'r1', 'r2')") == 0)
        #expect(try fixture.store.indicatorData(Self.query) == before)
    }

    @Test func theCountsFollowEachMessageThroughItsStatesAsAGroupByOfTheOutboxWould() throws {
        let fixture = try WaitlistFixture(capacity: nil, people: 3)
        let registrations = try (0..<3).map { try fixture.register($0).id }
        for (index, registration) in registrations.enumerated() {
            try insert(fixture, registration, channel: index == 2 ? "sms" : "email", state: "queued", key: "m\(index)")
        }
        #expect(try counts(fixture).isEmpty, "nothing sent or failed yet")
        #expect(try remindedRegistrations(fixture).isEmpty)
        let steps = [
            "UPDATE outbox SET state = 'sending', lease_owner = 't', lease_until = 1 WHERE key IN ('m0', 'm1', 'm2')",
            "UPDATE outbox SET sms_encoding = 'gsm-7', sms_segments = 3 WHERE key = 'm2'",
            "UPDATE outbox SET state = 'sent', sent_at = 1, lease_owner = NULL, lease_until = NULL WHERE key IN ('m0', 'm2')",
            "UPDATE outbox SET state = 'failed', lease_owner = NULL, lease_until = NULL WHERE key = 'm1'",
            "UPDATE outbox SET sms_encoding = 'ucs-2', sms_segments = 4 WHERE key = 'm2'",
            "UPDATE outbox SET kind = 'confirmation' WHERE key = 'm0'",
        ]
        for step in steps {
            try fixture.store.database.execute(step)
            #expect(try counts(fixture) == grouped(fixture), "after \(step)")
        }
        #expect(try remindedRegistrations(fixture) == [registrations[0], registrations[2]], "once sent, still reminded")
        let failed = try #require(try fixture.store.outbox(state: .failed).first)
        try fixture.store.retry(failed.id, now: Sample.now)
        #expect(try counts(fixture) == grouped(fixture), "a failed message retried by an operator leaves the failed count")
        #expect(try fixture.count("SELECT count(*) AS n FROM outbox_outcome_count WHERE state = 'failed' AND messages > 0") == 0)
    }

    @Test func aDatabaseMadeBeforeTheStepsGetsTheCountsItsRowsHeld() throws {
        let file = TemporaryDatabase()
        // Schema 26 as a relais before step 27 left it: three people registered, one present; reminders
        // sent (e-mail and SMS) to the first, failed for the second, queued for the third.
        try file.makeSchema(
            Migrations.steps.firstIndex(of: Migrations.reportCountsStep)!,
            then: """
                INSERT INTO campaign (id, name, source_file, loaded_at) VALUES ('c', 'Campagne', 'c.ics', 0);
                INSERT INTO event (uid, campaign, summary, location, categories, labels, commune, neighbourhood, professionals,
                    status, time_zone, all_day)
                    VALUES ('e@relais', 'c', 'Dépistage', 'Salle', 'screening', '', '01173', NULL, 1, 'confirmed', 'Europe/Paris', 0);
                INSERT INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status)
                    VALUES (1, 'e@relais', 'k0', 1806310800, 1806318000, 'scheduled');
                INSERT INTO participant (id, name, commune, birth_year, language, created_at)
                    VALUES (1, 'A', '01173', 1950, 'fr', 0), (2, 'B', '01173', 1990, 'fr', 0), (3, 'C', '01173', NULL, 'fr', 0);
                INSERT INTO registration (id, occurrence, participant, commune, age_group, registered_at, attended_at, source)
                    VALUES (1, 1, 1, '01173', '75+', 0, NULL, 't'), (2, 1, 2, '01173', '26-49', 0, 5, 't'),
                    (3, 1, 3, '01173', NULL, 0, NULL, 't');
                INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                    not_after, created_at, updated_at, sent_at, sms_encoding, sms_segments) VALUES
                    ('a', 'reminder', 'email', 1, 1, 1, 1, 'sent', 0, 0, 0, 0, 0, NULL, NULL),
                    ('b', 'reminder', 'sms', 1, 1, 1, 1, 'sent', 0, 0, 0, 0, 0, 'gsm-7', 1),
                    ('c', 'reminder', 'email', 2, 2, 1, 1, 'failed', 0, 0, 0, 0, NULL, NULL, NULL),
                    ('d', 'reminder', 'sms', 3, 3, 1, 1, 'queued', 0, 0, 0, 0, NULL, NULL, NULL);
                """)
        let store = try file.open()
        #expect(try store.database.row("SELECT max(version) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
        #expect(try counts(store) == ["1 reminder email failed 1 0 0", "1 reminder email sent 1 0 0", "1 reminder sms sent 1 1 1"])
        #expect(try counts(store) == grouped(store))
        #expect(try remindedRegistrations(store) == [1], "a failed reminder and a queued one do not count")
        #expect(try registrationCounts(store) == ["1  0 0 1", "1 26-49 0 1 1", "1 75+ 1 0 1"], "3 has no age group")
        #expect(try registrationCounts(store) == groupedRegistrations(store))
        #expect(try store.database.row("SELECT confirmed_count AS n FROM occurrence WHERE id = 1")?.int("n") == 3)
    }

    @Test func theRegistrationCountsFollowEachRegistrationAsAGroupByOfTheRegistrationsWould() throws {
        let fixture = try WaitlistFixture(capacity: 2, people: 4)
        let registrations = try (0..<4).map { try fixture.register($0).id }
        let store = fixture.store
        #expect(try registrationCounts(store) == groupedRegistrations(store), "two confirmed, two waitlisted")
        let arrival = Sample.paris.parse("2027-03-30T09:10")!
        func arrives(_ person: Int) throws {
            _ = try store.attend(participant: fixture.people[person], occurrence: fixture.occurrence, now: arrival, calendar: Sample.paris.calendar)
        }
        let steps: [(String, () throws -> Void)] = [
            ("present", { try arrives(0) }),
            ("reminded", { try insert(fixture, registrations[1], channel: "email", state: "sent", key: "s1") }),
            ("cancelled, the first waitlisted promoted", { _ = try store.cancelRegistration(registrations[1], reason: "t", context: fixture.context()) }),
            ("the promoted cancelled, the next promoted", { _ = try store.cancelRegistration(registrations[2], reason: "t", context: fixture.context()) }),
            ("the last promoted comes", { try arrives(3) }),
            ("age group changed", { try store.database.execute("UPDATE registration SET age_group = '18-25' WHERE id = \(registrations[0])") }),
            ("presence undone", { try store.database.execute("UPDATE registration SET attended_at = NULL WHERE id = \(registrations[0])") }),
            ("deleted", { try store.database.execute("DELETE FROM outbox WHERE registration = \(registrations[3]); DELETE FROM registration WHERE id = \(registrations[3])") }),
        ]
        for (name, step) in steps {
            try step()
            #expect(try registrationCounts(store) == groupedRegistrations(store), "after: \(name)")
            #expect(
                try fixture.count("SELECT confirmed_count AS n FROM occurrence")
                    == fixture.count("SELECT count(*) AS n FROM registration WHERE status = 'confirmed'"), "place counter after: \(name)")
        }
        #expect(try registrationCounts(store) == ["\(fixture.occurrence) 18-25 0 0 1"], "0 alone is left, absent, not reminded")
    }

    // MARK: - Helpers

    /// A reminder of `registration` in `state`, last updated in 1970 (so housekeeping may prune it).
    private func insert(
        _ fixture: WaitlistFixture, _ registration: Int64, channel: String, state: String, key: String, segments: Int? = nil
    ) throws {
        let participant = try #require(try fixture.store.database.row(
            "SELECT participant FROM registration WHERE id = ?", [.integer(registration)])?.int64("participant"))
        try fixture.store.database.run(
            """
            INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                not_after, created_at, updated_at, sent_at, sms_encoding, sms_segments)
            VALUES (?, 'reminder', ?, ?, ?, ?, 1, ?, 0, 0, 0, 0, ?, ?, ?)
            """,
            [
                .text(key), .text(channel), .integer(registration), .integer(participant), .integer(fixture.occurrence), .text(state),
                state == "sent" ? .int(0) : .null, .string(segments == nil ? nil : "gsm-7"), .int(segments),
            ])
    }

    /// The kept counts, as rows of text, counts fallen to 0 left out.
    private func counts(_ fixture: WaitlistFixture) throws -> [String] { try counts(fixture.store) }

    private func counts(_ store: Store) throws -> [String] {
        try store.database.rows(
            """
            SELECT occurrence || ' ' || kind || ' ' || channel || ' ' || state || ' ' || messages || ' ' || sized || ' ' || segments AS row
            FROM outbox_outcome_count WHERE messages > 0 ORDER BY 1
            """
        ).compactMap { $0.string("row") }
    }

    /// The same counts from the outbox's rows.
    private func grouped(_ fixture: WaitlistFixture) throws -> [String] { try grouped(fixture.store) }

    private func grouped(_ store: Store) throws -> [String] {
        try store.database.rows(
            """
            SELECT occurrence || ' ' || kind || ' ' || channel || ' ' || state || ' ' || count(*) || ' ' || count(sms_segments) || ' '
                || coalesce(sum(sms_segments), 0) AS row
            FROM outbox WHERE state IN ('sent', 'failed') GROUP BY occurrence, kind, channel, state ORDER BY 1
            """
        ).compactMap { $0.string("row") }
    }

    /// The kept counts of confirmed registrations, as rows of text, counts fallen to 0 left out.
    private func registrationCounts(_ store: Store) throws -> [String] {
        try store.database.rows(
            """
            SELECT occurrence || ' ' || age_group || ' ' || reminded || ' ' || present || ' ' || registrations AS row
            FROM registration_count WHERE registrations > 0 ORDER BY 1
            """
        ).compactMap { $0.string("row") }
    }

    /// The same counts from the registrations.
    private func groupedRegistrations(_ store: Store) throws -> [String] {
        try store.database.rows(
            """
            SELECT occurrence || ' ' || coalesce(age_group, '') || ' ' || reminded || ' ' || (attended_at IS NOT NULL) || ' '
                || count(*) AS row
            FROM registration WHERE status = 'confirmed'
            GROUP BY occurrence, coalesce(age_group, ''), reminded, attended_at IS NOT NULL ORDER BY 1
            """
        ).compactMap { $0.string("row") }
    }

    private func remindedRegistrations(_ fixture: WaitlistFixture) throws -> [Int64] { try remindedRegistrations(fixture.store) }

    private func remindedRegistrations(_ store: Store) throws -> [Int64] {
        try store.database.rows("SELECT id FROM registration WHERE reminded = 1 ORDER BY id").compactMap { $0.int64("id") }
    }
}
