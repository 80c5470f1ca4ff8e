// The people the reports count, read in one pass (Store+IndicatorPeople.swift), on a real SQLite file:
// a registration reminded on two channels counts once as reminded, a failed reminder does not make it
// reminded, a cancelled registration does not count even when it was reminded, and the presences of
// the reminded are those present among them. And the set of reminded ids the pass uses.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct IndicatorPeopleStoreTests {
    @Test func aRegistrationRemindedTwiceCountsOnceAndOnlyConfirmedOnesWithASentReminderCount() throws {
        let fixture = try WaitlistFixture(capacity: nil, people: 4)
        let registrations = try (0..<4).map { try fixture.register($0).id }
        _ = try fixture.store.cancelRegistration(registrations[3], reason: "t", context: fixture.context())
        for index in 0..<2 {
            _ = try fixture.store.attend(
                participant: fixture.people[index], occurrence: fixture.occurrence, now: Sample.paris.parse("2027-03-30T09:10")!,
                calendar: Sample.paris.calendar)
        }
        // Person 0: sent by e-mail and by SMS; 1: failed; 2: sent; 3: sent, then cancelled.
        let reminders: [(registration: Int, channel: String, state: String)] = [
            (0, "email", "sent"), (0, "sms", "sent"), (1, "email", "failed"), (2, "email", "sent"), (3, "email", "sent"),
        ]
        for (number, reminder) in reminders.enumerated() {
            let sentAt = reminder.state == "sent" ? "0" : "NULL"
            try fixture.store.database.execute(
                """
                INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                    not_after, created_at, updated_at, sent_at)
                VALUES ('test:\(number)', 'reminder', '\(reminder.channel)', \(registrations[reminder.registration]),
                    \(fixture.people[reminder.registration]), \(fixture.occurrence), 1, '\(reminder.state)', 0, 0, 0, 0, \(sentAt))
                """)
        }
        let period = ReportPeriod(start: Sample.paris.parse("2027-01-01")!, end: Sample.paris.parse("2028-01-01")!)
        let data = try fixture.store.indicatorData(IndicatorQuery(period: period, until: Sample.paris.parse("2027-04-01")!))
        let people = try #require(data.events.first?.people)
        #expect(people.registered == 3)
        #expect(people.attended == 2)
        #expect(people.registeredReminded == 2, "persons 0 and 2: a failed reminder does not count, a cancelled registration neither")
        #expect(people.attendedReminded == 1, "person 0 came, person 2 did not")
        #expect(people.registeredByAgeGroup.values.reduce(0, +) <= people.registered)
        #expect(people.attendedByAgeGroup.keys.sorted() == people.registeredByAgeGroup.keys.sorted())
    }

    @Test func theSetOfRemindedIdsHoldsWhatWasInsertedAndNothingElse() {
        var set = RegistrationSet()
        for id in [0, 63, 64, 1_000_003] { set.insert(id) }
        set.insert(-1)
        #expect([0, 63, 64, 1_000_003].allSatisfy { set.contains($0) })
        #expect(![1, 62, 65, 128, 1_000_002, 1_000_004, 5_000_000, -1].contains { set.contains($0) })
    }
}
