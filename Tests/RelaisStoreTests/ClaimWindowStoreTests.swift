// Claim-time sending windows: every kind of message, found due outside its channel's hours, waits
// for the next allowed time (its due time moved, said in its reason) or is dropped when none comes
// before its deadline; inside them it is claimed as before (ClaimTiming.swift, Store+Outbox.swift).
//
// Dates of 2027: Saturday 20 March, Sunday 21, Monday 22; Easter Sunday 28 March, Easter Monday 29
// (a public holiday), the shuttle fixture's run on Tuesday 30 with its Cessy pickup at 07:45.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct ClaimWindowStoreTests {
    /// The built-in windows: SMS 08:00-20:00, not on Sundays or holidays; e-mail 07:00-21:00 every day.
    static let policy = ReminderPolicy()

    func claim(_ store: Store, at local: String, owner: String = "test:1") throws -> [ClaimedMessage] {
        try store.claimDue(
            now: Sample.paris.parse(local)!, limit: 50, owner: owner, lease: 60, policy: Self.policy, calendar: Sample.paris.calendar)
    }

    func row(_ store: Store, _ id: Int64) throws -> (state: String, due: String, reason: String?) {
        let row = try #require(try store.database.row("SELECT state, due_at, reason FROM outbox WHERE id = ?", [.integer(id)]))
        return (row.string("state")!, Sample.paris.short(row.date("due_at")!), row.string("reason"))
    }

    /// A store with the shuttle fixture's run of one seat, one booking on it (its shuttle reminder
    /// queued) and one waitlisted (its two waitlist notices queued), and a session of one place on
    /// Friday 26 March at 14:00 with one registration confirmed (its reminder) and one waitlisted (its
    /// two waitlist notices).
    func storeWithEveryKindQueued() throws -> ShuttleFixture {
        let fixture = try ShuttleFixture(seats: 1)
        for passenger in try fixture.residents(2, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        try fixture.store.load(
            Sample.campaign([Sample.event("a@relais", capacity: 1, occurrences: [Sample.occurrence("", "2027-03-26T14:00")])]),
            sourceFile: "m.ics", now: Sample.now)
        let occurrence = try #require(try fixture.store.occurrences(OccurrenceFilter()).first?.id)
        for person in try fixture.store.add([Sample.person(), Sample.person("B")], now: Sample.now) {
            _ = try fixture.store.register(
                participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        }
        // The other kinds, about the same registration and booking (their causes are tested elsewhere).
        for (kind, like) in [
            ("moved", "reminder"), ("cancelled", "reminder"), ("registration-promoted", "reminder"),
            ("shuttle-promoted", "shuttle-reminder"), ("shuttle-cancelled", "shuttle-reminder"), ("registration-cancelled", "reminder"),
            ("shuttle-pickup", "shuttle-reminder"), ("shuttle-pickup-changed", "shuttle-reminder"),
        ] {
            try fixture.store.database.run(
                """
                INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                    not_after, created_at, updated_at, booking)
                SELECT ?1 || ':' || key, ?1, channel, registration, participant, occurrence, occurrence_version, 'queued', due_at,
                    not_after, created_at, updated_at, booking
                FROM outbox WHERE kind = ?2
                """, [.text(kind), .text(like)])
        }
        for kind in MessageKind.allCases {
            #expect(try fixture.count("SELECT count(*) AS n FROM outbox WHERE kind = ?", [.text(kind.rawValue)]) == 1, "\(kind)")
        }
        return fixture
    }

    @Test func everyKindFoundOutsideSMSHoursWaitsForTheNextAllowedTimeThenGoes() throws {
        let fixture = try storeWithEveryKindQueued()
        let store = fixture.store
        // Everything due on Saturday evening, found at 20:30 (the daemon was stopped over the day).
        try store.database.run("UPDATE outbox SET due_at = ?", [.date(Sample.paris.parse("2027-03-20T19:00")!)])
        #expect(try claim(store, at: "2027-03-20T20:30").isEmpty)
        let ids = try store.database.rows("SELECT id FROM outbox ORDER BY id").map { $0.int64("id")! }
        #expect(ids.count == MessageKind.allCases.count)
        for id in ids {
            let waiting = try row(store, id)
            #expect(waiting.state == "queued" && waiting.due == "2027-03-22 08:00", "\(waiting)")
            #expect(
                waiting.reason == "outside sms hours 08:00-20:00, not on Sundays or public holidays: waits until 2027-03-22 08:00",
                "\(waiting)")
        }
        // Sunday noon: still nothing is due.
        #expect(try claim(store, at: "2027-03-21T12:00").isEmpty)
        let claimed = try claim(store, at: "2027-03-22T08:00")
        #expect(Set(claimed.map(\.kind)) == Set(MessageKind.allCases))
        #expect(try store.database.row("SELECT count(*) AS n FROM outbox WHERE state = 'sending'")?.int("n") == ids.count)
    }

    @Test func aShuttleReminderDueOnSaturdayAt1959GoesThenAndNotOnSunday() throws {
        let fixture = try ShuttleFixture()
        let people = try fixture.residents(2, of: "Cessy")
        for person in people { _ = try fixture.book(person, stop: "Cessy") }
        let reminders = try fixture.store.database.rows("SELECT id, due_at FROM outbox WHERE kind = 'shuttle-reminder' ORDER BY id")
        // The day before Tuesday's pickup is Easter Monday: the reminder is planned on Saturday at 19:59.
        #expect(reminders.map { Sample.paris.short($0.date("due_at")!) } == ["2027-03-27 19:59", "2027-03-27 19:59"])
        let first = reminders[0].int64("id")!
        let second = reminders[1].int64("id")!
        // Claimed at Saturday 19:59, one goes at once (the other is given back, as a sender that
        // stops between messages would).
        let saturday = try claim(fixture.store, at: "2027-03-27T19:59")
        #expect(saturday.map(\.id) == [first, second])
        #expect(try fixture.store.returnUnsent(owner: "test:1", now: Sample.paris.parse("2027-03-27T19:59")!) == 2)
        try fixture.store.database.run("UPDATE outbox SET state = 'sent', sent_at = due_at WHERE id = ?", [.integer(first)])
        // Found on Easter Sunday at noon (the daemon was down): the next SMS time is Tuesday 08:00,
        // after the 07:45 pickup: it is not sent, and says why.
        #expect(try claim(fixture.store, at: "2027-03-28T12:00").isEmpty)
        let dropped = try row(fixture.store, second)
        #expect(dropped.state == "dropped", "\(dropped)")
        #expect(dropped.reason == "no allowed time before its deadline (sms hours 08:00-20:00, not on Sundays or public holidays)")
    }

    @Test func aRetryAfterAGatewayOutageThatEndsAt2200WaitsForTheMorning() throws {
        let fixture = try storeWithEveryKindQueued()
        let store = fixture.store
        let reminder = try #require(try store.database.row("SELECT id FROM outbox WHERE kind = 'reminder'")?.int64("id"))
        try store.database.run("DELETE FROM outbox WHERE id <> ?", [.integer(reminder)])
        try store.database.run("UPDATE outbox SET due_at = ?", [.date(Sample.paris.parse("2027-03-25T14:00")!)])
        // Thursday 14:00: the gateway is down; the backoff brings the retries to 22:00.
        let claimed = try #require(try claim(store, at: "2027-03-25T14:00").first)
        #expect(claimed.kind == .reminder && claimed.attempts == 1)
        let outage = Sample.paris.parse("2027-03-25T14:01")!
        let deferral = OutboxOutcome.Result.deferred(reason: "connection refused", retryAt: Sample.paris.parse("2027-03-25T22:00")!)
        #expect(try store.recordOutcomes([OutboxOutcome(id: reminder, result: deferral, at: outage)], owner: "test:1") == 1)
        #expect(try claim(store, at: "2027-03-25T22:00").isEmpty)
        let waiting = try row(store, reminder)
        #expect(waiting.state == "deferred" && waiting.due == "2027-03-26 08:00", "\(waiting)")
        #expect(waiting.reason?.hasSuffix("waits until 2027-03-26 08:00") == true)
        #expect(waiting.reason?.hasPrefix("connection refused; then outside sms hours") == true, "the gateway's error is kept")
        let morning = try claim(store, at: "2027-03-26T08:00")
        #expect(morning.map(\.id) == [reminder] && morning.first?.attempts == 2)
    }

    @Test func anEmailKeepsItsOwnHoursSundaysAndHolidaysIncluded() throws {
        let fixture = try storeWithEveryKindQueued()
        let store = fixture.store
        try store.database.run("UPDATE outbox SET channel = 'email', key = key || ':e'")
        try store.database.run("UPDATE participant SET email = 'p' || id || '@example.fr'")
        try store.database.run(
            "INSERT INTO consent (participant, channel, granted, recorded_at, source) SELECT id, 'email', 1, 0, 't' FROM participant")
        try store.database.run("UPDATE outbox SET due_at = ?", [.date(Sample.paris.parse("2027-03-21T06:30")!)])
        // Sunday 06:30: before the e-mail window opens at 07:00, which Sundays keep.
        #expect(try claim(store, at: "2027-03-21T06:30").isEmpty)
        let ids = try store.database.rows("SELECT id FROM outbox ORDER BY id").map { $0.int64("id")! }
        #expect(try ids.allSatisfy { try row(store, $0).due == "2027-03-21 07:00" })
        #expect(try claim(store, at: "2027-03-21T07:00").count == ids.count)
    }

    @Test func anOperatorsRetryAtNightIsHeldToTheWindowToo() throws {
        let fixture = try storeWithEveryKindQueued()
        let store = fixture.store
        let cancelled = try #require(try store.database.row("SELECT id FROM outbox WHERE kind = 'cancelled'")?.int64("id"))
        try store.cancel(cancelled, now: Sample.paris.parse("2027-03-19T10:00")!)
        try store.retry(cancelled, now: Sample.paris.parse("2027-03-19T23:10")!)
        #expect(try claim(store, at: "2027-03-19T23:10").allSatisfy { $0.id != cancelled })
        #expect(try row(store, cancelled).due == "2027-03-20 08:00")
    }
}
