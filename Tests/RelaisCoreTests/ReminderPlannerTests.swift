// ReminderPlanner on plain values: the decisions Store+ReminderAllocation made row by row (one
// reminder per alarm and channel, the cap choosing so that every registration gets one per consented
// channel, given reminders fixed, a `:last` retired when an alarm goes), and planning twice writing nothing.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ReminderPlannerTests {
    let paris = LocalTime.paris
    func at(_ text: String) -> Date { paris.parse(text)! }
    var planner: ReminderPlanner {
        ReminderPlanner(policy: ReminderPolicy(), cap: MessageCap(perDay: 1, perWeek: 3), now: at("2027-03-01T10:00"), calendar: paris.calendar)
    }
    let dayBefore = CalendarAlarm(trigger: .fromStart(seconds: -86_400))

    func registration(_ id: Int64, _ start: String, alarms: [CalendarAlarm]) -> UpcomingRegistration {
        UpcomingRegistration(registration: id, occurrence: 7, start: at(start), end: at(start) + 7200, version: 1, alarms: alarms)
    }

    func inserts(_ plan: ReminderPlan) -> [NewReminder] {
        plan.writes.compactMap { if case .insert(let row) = $0 { return row } else { return nil } }
    }

    /// The rows a plan inserted, as the store would hold them afterwards (ids from 1).
    func stored(_ plan: ReminderPlan) -> [String: StoredReminder] {
        Dictionary(
            uniqueKeysWithValues: inserts(plan).enumerated().map { index, row in
                (row.key, StoredReminder(id: Int64(index + 1), state: row.state, due: row.due, reason: row.reason))
            })
    }

    @Test func eachAlarmOfARegistrationGoesOnEachChannelTheEventsDefaultWhenItHasNone() {
        let person = PersonReminders(
            participant: 3, registrations: [registration(1, "2027-03-10T10:00", alarms: [])], channels: [.sms, .email])
        let plan = planner.plan([person])
        #expect(inserts(plan).map(\.key) == ["reminder:r1:a0:sms:v1", "reminder:r1:a0:email:v1"])
        #expect(inserts(plan).allSatisfy { $0.state == .queued && $0.due == at("2027-03-09T10:00") && $0.notAfter == at("2027-03-10T10:00") })
        #expect((plan.queued, plan.dropped) == (2, 0))
    }

    @Test func theCapGivesEveryRegistrationOneReminderOnEachChannelBeforeAnyGetsASecond() {
        // Two sessions on Wednesday 10 March, both reminded the day before: the cap (one a day) lets
        // one alarm through on Tuesday; the other registration gets one at the latest allowed time,
        // Wednesday's opening, and its alarm is dropped by the cap.
        let person = PersonReminders(
            participant: 3,
            registrations: [
                registration(1, "2027-03-10T10:00", alarms: [dayBefore]), registration(2, "2027-03-10T15:00", alarms: [dayBefore]),
            ], channels: [.sms, .email])
        let plan = planner.plan([person])
        let rows = inserts(plan)
        for channel in [Channel.sms, .email] {
            for id in [Int64(1), 2] {
                #expect(rows.filter { $0.channel == channel && $0.registration == id && $0.state == .queued }.count == 1)
            }
        }
        let sms = Dictionary(uniqueKeysWithValues: rows.filter { $0.channel == .sms }.map { ($0.key, $0) })
        #expect(sms["reminder:r1:a0:sms:v1"]?.due == at("2027-03-09T10:00"))
        #expect(sms["reminder:r2:last:sms:v1"]?.due == at("2027-03-10T08:00"))
        #expect(sms["reminder:r2:a0:sms:v1"]?.state == .dropped)
        #expect(sms["reminder:r2:a0:sms:v1"]?.reason == "per-person cap (1 a day, 3 a week)")
        #expect(rows.first { $0.key == "reminder:r2:last:email:v1" }?.due == at("2027-03-10T07:00"))
        #expect((plan.queued, plan.dropped) == (4, 2))
    }

    @Test func planningTwiceWritesNothing() {
        var person = PersonReminders(
            participant: 3,
            registrations: [
                registration(1, "2027-03-10T10:00", alarms: [dayBefore]), registration(2, "2027-03-10T15:00", alarms: [dayBefore]),
            ], channels: [.sms])
        person.stored = stored(planner.plan([person]))
        let again = planner.plan([person])
        #expect(again.writes.isEmpty)
        #expect((again.queued, again.dropped) == (0, 0))
    }

    @Test func aReminderAlreadySentIsKeptAndCountsAgainstTheCap() {
        // Registration 1's reminder left on Tuesday 10:00: registration 2 cannot have Tuesday too.
        let person = PersonReminders(
            participant: 3,
            registrations: [
                registration(1, "2027-03-10T10:00", alarms: [dayBefore]), registration(2, "2027-03-10T15:00", alarms: [dayBefore]),
            ], channels: [.sms],
            stored: ["reminder:r1:a0:sms:v1": StoredReminder(id: 9, state: .sent, due: at("2027-03-09T10:00"), reason: nil)],
            given: [.sms: [at("2027-03-09T10:00")]])
        let rows = inserts(planner.plan([person]))
        #expect(rows.map(\.key) == ["reminder:r2:a0:sms:v1", "reminder:r2:last:sms:v1"])
        #expect(rows.map(\.state) == [.dropped, .queued])
    }

    @Test func aQueuedLastReminderIsRetiredWhenAnAlarmNowGoesAndADroppedOneComesBack() {
        let person = PersonReminders(
            participant: 3, registrations: [registration(1, "2027-03-10T10:00", alarms: [dayBefore])], channels: [.sms],
            stored: [
                "reminder:r1:last:sms:v1": StoredReminder(id: 4, state: .queued, due: at("2027-03-09T19:59"), reason: nil),
                "reminder:r1:a0:sms:v1": StoredReminder(id: 5, state: .dropped, due: at("2027-03-09T10:00"), reason: "per-person cap"),
            ])
        let plan = planner.plan([person])
        #expect(
            plan.writes == [
                .update(id: 5, state: .queued, due: at("2027-03-09T10:00"), nominal: at("2027-03-09T10:00"), reason: nil),
                .retire(id: 4, reason: ReminderPlanner.notNeeded),
            ])
        #expect((plan.queued, plan.dropped) == (1, 0))
    }

    @Test func aPersonWithNoChannelGetsNothing() {
        let person = PersonReminders(participant: 3, registrations: [registration(1, "2027-03-10T10:00", alarms: [])], channels: [])
        #expect(planner.plan([person]) == ReminderPlan())
    }
}
