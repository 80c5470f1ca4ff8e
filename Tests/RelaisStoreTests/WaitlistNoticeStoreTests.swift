// What a waitlisted person is told (Store+WaitlistNotices.swift, Store+ShuttleNotices.swift): their
// place at once, a place that comes up (registration-promoted, shuttle-promoted), and at the deadline
// that none did; a deadline notice whose person got a place meanwhile is cancelled, not sent.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct WaitlistNoticeStoreTests {
    func claim(_ store: Store, at local: String) throws -> [ClaimedMessage] {
        try store.claimDue(
            now: Sample.paris.parse(local)!, limit: 50, owner: "test:1", lease: 60, policy: ReminderPolicy(), calendar: Sample.paris.calendar)
    }

    func rows(_ store: Store, kind: String) throws -> [(state: String, due: String, reason: String?)] {
        try store.database.rows("SELECT state, due_at, reason FROM outbox WHERE kind = ? ORDER BY id", [.text(kind)]).map {
            ($0.string("state")!, Sample.paris.short($0.date("due_at")!), $0.string("reason"))
        }
    }

    /// A session of one place on Tuesday 30 March 2027 at 09:00, and three residents registered to it
    /// on 1 March: the first confirmed, the other two waitlisted (positions 1 and 2).
    func fullSession() throws -> (Store, [Int64]) {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", capacity: 1, occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]),
            sourceFile: "m.ics", now: Sample.now)
        let occurrence = try #require(try store.occurrences(OccurrenceFilter()).first?.id)
        let people = try store.add([Sample.person("A"), Sample.person("B"), Sample.person("C")], now: Sample.now)
        let registrations = try people.map {
            try store.register(participant: $0, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        }
        return (store, registrations)
    }

    @Test func aWaitlistedPersonIsToldTheirPlaceAndAtTheDeadlineThatNoneCameUp() throws {
        let (store, registrations) = try fullSession()
        #expect(try rows(store, kind: "waitlisted").map(\.due) == ["2027-03-01 10:00", "2027-03-01 10:00"])
        // 24 hours before Tuesday 09:00 is Easter Monday 09:00, a holiday: the last SMS time before it,
        // Saturday 19:59, is more than 12 hours earlier, so the notice goes on Tuesday at 08:00.
        #expect(try rows(store, kind: "waitlist-deadline").map(\.due) == ["2027-03-30 08:00", "2027-03-30 08:00"])
        let told = try claim(store, at: "2027-03-01T10:00")
        #expect(told.map(\.kind) == [.confirmation, .waitlisted, .waitlisted])  // A's place is confirmed
        #expect(told.filter { $0.kind == .waitlisted }.map(\.position) == [1, 2])
        try store.database.run(
            "UPDATE outbox SET state = 'sent', sent_at = due_at, lease_owner = NULL, lease_until = NULL, in_flight = 0 WHERE state = 'sending'")

        // The confirmed person cancels: the first waitlisted gets the place and its notice; at the
        // deadline only the second is told that no place came up, the first one's notice is cancelled.
        _ = try store.cancelRegistration(
            registrations[0], reason: "t", context: RegistrationContext(now: Sample.now, calendar: Sample.paris.calendar))
        let deadline = try claim(store, at: "2027-03-30T08:00").filter { $0.kind == .waitlistDeadline }
        #expect(deadline.count == 1)
        let states = try rows(store, kind: "waitlist-deadline")
        #expect(states.map(\.state) == ["cancelled", "sending"])
        #expect(states[0].reason == "registration confirmed")
    }

    @Test func theWaitlistClosesAtItsDeadlineSoThatNoOneToldNoPlaceGetsOneLater() throws {
        let (store, registrations) = try fullSession()
        // Monday 29 March 10:00, after the deadline (24 hours before Tuesday 09:00): the freed place
        // is not given to the waitlist; the check-in desk confirms whoever comes.
        let late = try #require(Sample.paris.parse("2027-03-29T10:00"))
        _ = try store.cancelRegistration(
            registrations[0], reason: "t", context: RegistrationContext(now: late, calendar: Sample.paris.calendar))
        let statuses = try store.database.rows("SELECT status FROM registration ORDER BY id").map { $0.string("status")! }
        #expect(statuses == ["cancelled", "waitlisted", "waitlisted"])
        #expect(try rows(store, kind: "registration-promoted").isEmpty)
        // The same cancellation before the deadline gives the place to the first in line.
        let (early, ids) = try fullSession()
        let before = try #require(Sample.paris.parse("2027-03-29T08:00"))
        _ = try early.cancelRegistration(ids[0], reason: "t", context: RegistrationContext(now: before, calendar: Sample.paris.calendar))
        let promoted = try early.database.rows("SELECT status FROM registration ORDER BY id").map { $0.string("status")! }
        #expect(promoted == ["cancelled", "confirmed", "waitlisted"])
    }

    @Test func aWaitlistedPersonWhoCancelsHasTheirWaitlistNoticesCancelledAtOnce() throws {
        let (store, registrations) = try fullSession()
        _ = try store.cancelRegistration(
            registrations[2], reason: "t", context: RegistrationContext(now: Sample.now, calendar: Sample.paris.calendar))
        let cancelled = try store.database.rows(
            "SELECT kind, state, reason FROM outbox WHERE registration = ? ORDER BY id", [.integer(registrations[2])]
        ).map { "\($0.string("kind")!) \($0.string("state")!) \($0.string("reason") ?? "")" }
        #expect(cancelled == ["waitlisted cancelled registration cancelled", "waitlist-deadline cancelled registration cancelled"])
        #expect(try rows(store, kind: "waitlist-deadline").map(\.state) == ["queued", "cancelled"])
    }

    @Test func aWaitlistedShuttlePassengerIsToldTheirPlaceAndAtTheBookingDeadline() throws {
        let fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        #expect(try fixture.book(people[0]).status == .confirmed)
        #expect(try fixture.book(people[1]).status == .waitlisted)
        let told = try claim(fixture.store, at: "2027-03-01T10:00")
        let waitlisted = try #require(told.first { $0.kind == .shuttleWaitlisted })
        #expect(waitlisted.position == 1 && waitlisted.location == "Parking de l'agglo, Gex")
        // The run on Tuesday 30 March: booking closes at 17:00 on the previous working day, Friday 26
        // (Monday 29 is Easter Monday).
        #expect(try rows(fixture.store, kind: "shuttle-waitlist-deadline").map(\.due) == ["2027-03-26 17:00"])
        #expect(try claim(fixture.store, at: "2027-03-26T17:00").map(\.kind) == [.shuttleWaitlistDeadline])
    }

    @Test func aRunMovedInTheCalendarMovesAWaitlistedPassengersDeadlineNotice() throws {
        let fixture = try ShuttleFixture()
        let content = { (start: String) in
            CampaignCalendarContent(
                campaign: Campaign(id: "navettes", name: "Navettes"),
                events: [ShuttleCalendarSyncTests().transportEvent(capacity: 1, occurrences: [Sample.occurrence("a", start, minutes: 330)])])
        }
        try fixture.store.load(content("2027-03-23T07:30"), sourceFile: "n.ics", now: fixture.context.now)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).added == 1)
        let run = try #require(
            try fixture.store.shuttleRuns(from: nil, to: nil, scope: .coordinator, context: fixture.context).first { $0.occurrence != nil })
        var statuses: [ShuttleBookingStatus] = []
        for person in try fixture.residents(2) {
            statuses.append(
                try fixture.store.bookShuttle(
                    ShuttleBookingRequest(run: run.id, participant: person, stop: "1"), scope: .coordinator, context: fixture.context
                ).status)
        }
        #expect(statuses == [.confirmed, .waitlisted])
        // Tuesday 23 March: booking closes on Monday 22 at 17:00; moved to Wednesday 24, on Tuesday 23.
        #expect(try rows(fixture.store, kind: "shuttle-waitlist-deadline").map(\.due) == ["2027-03-22 17:00"])
        try fixture.store.load(content("2027-03-24T07:30"), sourceFile: "n.ics", now: fixture.context.now)
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).moved == 1)
        let deadlines = try rows(fixture.store, kind: "shuttle-waitlist-deadline")
        #expect(deadlines.map(\.state) == ["cancelled", "queued"] && deadlines.map(\.due).last == "2027-03-23 17:00", "\(deadlines)")
    }
}
