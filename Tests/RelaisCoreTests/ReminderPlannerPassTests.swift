// ReminderPlanner over many people in one pass: the schedules of a session's alarms are computed
// once for everyone (issue 16: an intake of 20,000 people asked the policy the same two questions
// 80,000 times), and that changes no decision: one pass over everyone writes what planning each
// person alone writes, and `plans` splits it person by person in the same order.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ReminderPlannerPassTests {
    let paris = LocalTime.paris
    func at(_ text: String) -> Date { paris.parse(text)! }
    var planner: ReminderPlanner {
        ReminderPlanner(policy: ReminderPolicy(), cap: MessageCap(perDay: 1, perWeek: 3), now: at("2027-03-01T10:00"), calendar: paris.calendar)
    }

    func registration(_ id: Int64, _ start: String, alarms: [CalendarAlarm]) -> UpcomingRegistration {
        UpcomingRegistration(registration: id, occurrence: id, start: at(start), end: at(start) + 7200, version: 1, alarms: alarms)
    }

    /// People sharing sessions and alarms of every kind (from the start, from the end with the same
    /// offset, an absolute instant), some on one channel, one with a reminder already given.
    var people: [PersonReminders] {
        let alarms = [
            CalendarAlarm(trigger: .fromStart(seconds: -86_400)), CalendarAlarm(trigger: .fromEnd(seconds: -86_400)),
            CalendarAlarm(trigger: .absolute(at("2027-03-05T09:00"))),
        ]
        return (1...6).map { index in
            let id = Int64(index)
            var person = PersonReminders(
                participant: id,
                registrations: [
                    registration(10 * id, "2027-03-10T10:00", alarms: alarms),
                    registration(10 * id + 1, index.isMultiple(of: 2) ? "2027-03-29T10:00" : "2027-03-10T15:00", alarms: []),
                ], channels: index.isMultiple(of: 3) ? [.email] : [.sms, .email])
            if index == 4 { person.given = [.sms: [at("2027-03-09T10:00")]] }
            return person
        }
    }

    @Test func onePassOverEveryoneWritesWhatPlanningEachPersonAloneWrites() {
        let alone = people.map { planner.plan([$0]) }
        let together = planner.plan(people)
        #expect(together.writes == alone.flatMap(\.writes))
        #expect(together.queued == alone.map(\.queued).reduce(0, +))
        #expect(together.dropped == alone.map(\.dropped).reduce(0, +))
        #expect(!together.writes.isEmpty)
    }

    @Test func plansSplitsThePassPersonByPersonInTheirOrder() {
        let split = planner.plans(people)
        #expect(split == people.map { planner.plan([$0]) })
        #expect(split.flatMap(\.writes) == planner.plan(people).writes)
    }

    @Test func alarmsWithTheSameOffsetFromTheStartAndFromTheEndAreNotConfused() {
        let start = "2027-03-10T10:00"
        let person = PersonReminders(
            participant: 1,
            registrations: [
                registration(
                    1, start,
                    alarms: [CalendarAlarm(trigger: .fromStart(seconds: -3600)), CalendarAlarm(trigger: .fromEnd(seconds: -3600))])
            ], channels: [.email])
        let nominal = planner.plan([person]).writes.compactMap { write -> Date? in
            if case .insert(let row) = write { return row.nominal }
            return nil
        }
        #expect(nominal == [at("2027-03-10T09:00"), at("2027-03-10T11:00")])
    }
}
