// The people the reports count, read in one pass (Store+IndicatorPeople.swift), on a real SQLite file:
// a registration reminded on two channels counts once as reminded, a failed reminder does not make it
// reminded, a cancelled registration does not count even when it was reminded, and the presences of
// the reminded are those present among them. Per age group, each group's registrations and presences
// exactly (a group with nobody present included, a person without a birth year in none).

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct IndicatorPeopleStoreTests {
    @Test func aRegistrationRemindedTwiceCountsOnceAndOnlyConfirmedOnesWithASentReminderCountInTheirAgeGroup() throws {
        // Persons 0-3 born in 1952 (75+ in 2027); 4 and 5 in 1990 (26-49); 6 in 2005 (18-25); 7 unknown.
        let fixture = try WaitlistFixture(capacity: nil, people: 4)
        let births: [(name: String, year: String?)] = [
            ("Personne 4", "1990"), ("Personne 5", "1990"), ("Personne 6", "2005"), ("Personne 7", nil),
        ]
        let others = try fixture.store.add(births.map { Self.person($0.name, birthYear: $0.year) }, now: Sample.now)
        let people = fixture.people + others
        let registrations = try people.map {
            try fixture.store.register(participant: $0, occurrence: fixture.occurrence, source: "desk", context: fixture.context()).id
        }
        for cancelled in [3, 5] {
            _ = try fixture.store.cancelRegistration(registrations[cancelled], reason: "t", context: fixture.context())
        }
        for present in [0, 1, 4, 7] {
            _ = try fixture.store.attend(
                participant: people[present], occurrence: fixture.occurrence, now: Sample.paris.parse("2027-03-30T09:10")!,
                calendar: Sample.paris.calendar)
        }
        // 0: sent by e-mail and by SMS; 1: failed; 2, 4, 6: sent; 3: sent, then cancelled; 5 and 7: none.
        let reminders: [(registration: Int, channel: String, state: String)] = [
            (0, "email", "sent"), (0, "sms", "sent"), (1, "email", "failed"), (2, "email", "sent"), (3, "email", "sent"),
            (4, "sms", "sent"), (6, "email", "sent"),
        ]
        for (number, reminder) in reminders.enumerated() {
            let sentAt = reminder.state == "sent" ? "0" : "NULL"
            try fixture.store.database.execute(
                """
                INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                    not_after, created_at, updated_at, sent_at)
                VALUES ('test:\(number)', 'reminder', '\(reminder.channel)', \(registrations[reminder.registration]),
                    \(people[reminder.registration]), \(fixture.occurrence), 1, '\(reminder.state)', 0, 0, 0, 0, \(sentAt))
                """)
        }
        let period = ReportPeriod(start: Sample.paris.parse("2027-01-01")!, end: Sample.paris.parse("2028-01-01")!)
        let data = try fixture.store.indicatorData(IndicatorQuery(period: period, until: Sample.paris.parse("2027-04-01")!))
        let tally = try #require(data.events.first?.people)
        #expect(tally.registered == 6, "0, 1, 2, 4, 6 and 7: the cancelled 3 and 5 not")
        #expect(tally.attended == 4)
        #expect(tally.registeredReminded == 4, "0, 2, 4 and 6: a failed reminder does not count, a cancelled registration neither")
        #expect(tally.attendedReminded == 2, "0 and 4 came, 2 and 6 did not")
        #expect(tally.registeredByAgeGroup == ["75+": 3, "26-49": 1, "18-25": 1], "7, without a birth year, in none")
        #expect(tally.attendedByAgeGroup == ["75+": 2, "26-49": 1, "18-25": 0])
    }

    /// A resident of Gex named `name`, born in `birthYear` (nil: not given), reachable by SMS.
    static func person(_ name: String, birthYear: String?) -> NewParticipant {
        try! ParticipantForm(
            name: name, phone: Sample.phone(of: name), commune: "Gex", birthYear: birthYear, consentedChannels: ["sms"],
            consentSource: "CCAS de Gex"
        ).validated(territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
    }
}
