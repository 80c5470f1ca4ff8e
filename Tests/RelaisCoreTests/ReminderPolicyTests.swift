import Foundation
import Testing

@testable import RelaisCore

@Suite struct ReminderPolicyTests {
    let paris = LocalTime.paris
    var calendar: Calendar { paris.calendar }
    let policy = ReminderPolicy()
    let oneDay = CalendarAlarm(trigger: .fromStart(seconds: -86_400))
    let twoHours = CalendarAlarm(trigger: .fromStart(seconds: -7_200))

    func at(_ text: String) -> Date { paris.parse(text)! }

    /// Schedules an alarm for a one-hour event starting at `start` (local), planned well before.
    func plan(_ alarm: CalendarAlarm, _ start: String, _ channel: Channel, now: String = "2027-01-01T12:00", policy: ReminderPolicy? = nil)
        -> ReminderSchedule
    {
        let start = at(start)
        return (policy ?? self.policy).schedule(
            alarm: alarm, start: start, end: start + 3600, channel: channel, now: at(now), calendar: calendar)
    }

    // MARK: - Nominal times

    @Test func wholeDaysAreWallClockDaysAndHoursAreExact() {
        let start = at("2027-03-29T09:00")  // Monday after the spring change: 07:00Z
        func nominal(_ seconds: Int) -> Date {
            ReminderPolicy.nominalTime(
                of: CalendarAlarm(trigger: .fromStart(seconds: seconds)), start: start, end: start + 3600, calendar: calendar)
        }
        #expect(nominal(-86_400) == at("2027-03-28T09:00"))  // Sunday 09:00 CEST, 07:00Z: 24 h earlier
        #expect(nominal(-2 * 86_400) == at("2027-03-27T09:00"))  // Saturday 09:00 CET, 08:00Z: 47 h earlier
        #expect(nominal(-2 * 86_400) == at("2027-03-27T08:00:00Z"))
        #expect(nominal(-7 * 86_400) == at("2027-03-22T09:00"))  // -P1W
        #expect(nominal(-7_200) == at("2027-03-29T05:00:00Z"))
        #expect(nominal(-2 * 86_400 - 7_200) == at("2027-03-27T06:00:00Z"))  // -P2DT2H: Saturday 07:00 CET
        // RELATED=END and absolute triggers.
        let end = ReminderPolicy.nominalTime(
            of: CalendarAlarm(trigger: .fromEnd(seconds: -86_400)), start: start, end: start + 3600, calendar: calendar)
        #expect(end == at("2027-03-28T10:00"))
        let fixed = at("2027-03-20T10:00")
        #expect(
            ReminderPolicy.nominalTime(of: CalendarAlarm(trigger: .absolute(fixed)), start: start, end: start, calendar: calendar) == fixed)
    }

    @Test func aDayBeforeTheAutumnChangeIsTwentyFiveHours() {
        // Sunday 31 October 2027 09:00 CET (08:00Z) minus P1D: Saturday 09:00 CEST (07:00Z).
        #expect(plan(oneDay, "2027-10-31T09:00", .sms) == .send(at: at("2027-10-30T07:00:00Z"), nominal: at("2027-10-30T07:00:00Z")))
    }

    // MARK: - The Easter weekend of 2027 and the autumn change of 2027, both channels

    @Test func eventsAroundEaster2027() {
        // Sunday 28 March 09:00 CEST = 07:00Z.
        //  -P1D  nominal Saturday 27 March 09:00 CET = 08:00Z: allowed for both.
        #expect(plan(oneDay, "2027-03-28T09:00", .sms) == .send(at: at("2027-03-27T08:00:00Z"), nominal: at("2027-03-27T08:00:00Z")))
        #expect(plan(oneDay, "2027-03-28T09:00", .email) == .send(at: at("2027-03-27T08:00:00Z"), nominal: at("2027-03-27T08:00:00Z")))
        //  -PT2H nominal Sunday 07:00 CEST = 05:00Z. SMS: Sunday; Saturday 19:59 CET (18:59Z) is 10 h 01 earlier: moved there.
        #expect(plan(twoHours, "2027-03-28T09:00", .sms) == .send(at: at("2027-03-27T18:59:00Z"), nominal: at("2027-03-28T05:00:00Z")))
        #expect(plan(twoHours, "2027-03-28T09:00", .email) == .send(at: at("2027-03-28T05:00:00Z"), nominal: at("2027-03-28T05:00:00Z")))

        // Easter Monday 29 March 09:00 CEST = 07:00Z.
        //  -P1D  nominal Sunday 09:00 CEST = 07:00Z. SMS: Saturday 18:59Z is 12 h 01 earlier, too much; the next
        //        allowed time is Tuesday 08:00, after the start: dropped.
        #expect(plan(oneDay, "2027-03-29T09:00", .sms) == .dropped(nominal: at("2027-03-28T07:00:00Z"), reason: .noAllowedTime))
        #expect(plan(oneDay, "2027-03-29T09:00", .email) == .send(at: at("2027-03-28T07:00:00Z"), nominal: at("2027-03-28T07:00:00Z")))
        //  -PT2H nominal Monday 07:00 CEST = 05:00Z: a holiday, Saturday is 34 h earlier: dropped for SMS.
        #expect(plan(twoHours, "2027-03-29T09:00", .sms) == .dropped(nominal: at("2027-03-29T05:00:00Z"), reason: .noAllowedTime))
        #expect(plan(twoHours, "2027-03-29T09:00", .email) == .send(at: at("2027-03-29T05:00:00Z"), nominal: at("2027-03-29T05:00:00Z")))

        // Tuesday 30 March 09:00 CEST = 07:00Z.
        //  -P1D  nominal Easter Monday 09:00 CEST = 07:00Z. SMS: Saturday is 36 h earlier; Tuesday 08:00 CEST
        //        (06:00Z) is before the start: sent then.
        #expect(plan(oneDay, "2027-03-30T09:00", .sms) == .send(at: at("2027-03-30T06:00:00Z"), nominal: at("2027-03-29T07:00:00Z")))
        #expect(plan(oneDay, "2027-03-30T09:00", .email) == .send(at: at("2027-03-29T07:00:00Z"), nominal: at("2027-03-29T07:00:00Z")))
        //  -PT2H nominal Tuesday 07:00 CEST = 05:00Z: before 08:00; the previous allowed evening is Saturday: 08:00 Tuesday.
        #expect(plan(twoHours, "2027-03-30T09:00", .sms) == .send(at: at("2027-03-30T06:00:00Z"), nominal: at("2027-03-30T05:00:00Z")))
        #expect(plan(twoHours, "2027-03-30T09:00", .email) == .send(at: at("2027-03-30T05:00:00Z"), nominal: at("2027-03-30T05:00:00Z")))
    }

    @Test func eventsAroundTheAutumnChangeAndToussaint2027() {
        // Sunday 31 October 09:00 CET = 08:00Z.
        //  -PT2H nominal Sunday 07:00 CET = 06:00Z. SMS: Saturday 19:59 CEST (17:59Z) is 12 h 01 earlier in real
        //        time (11 h 01 on the wall clock): too much; Monday is Toussaint: dropped.
        #expect(plan(twoHours, "2027-10-31T09:00", .sms) == .dropped(nominal: at("2027-10-31T06:00:00Z"), reason: .noAllowedTime))
        #expect(plan(twoHours, "2027-10-31T09:00", .email) == .send(at: at("2027-10-31T06:00:00Z"), nominal: at("2027-10-31T06:00:00Z")))
        #expect(plan(oneDay, "2027-10-31T09:00", .email) == .send(at: at("2027-10-30T07:00:00Z"), nominal: at("2027-10-30T07:00:00Z")))

        // Toussaint, Monday 1 November 09:00 CET = 08:00Z.
        //  -P1D  nominal Sunday 09:00 CET = 08:00Z: Saturday 17:59Z is 14 h 01 earlier: dropped for SMS.
        #expect(plan(oneDay, "2027-11-01T09:00", .sms) == .dropped(nominal: at("2027-10-31T08:00:00Z"), reason: .noAllowedTime))
        #expect(plan(oneDay, "2027-11-01T09:00", .email) == .send(at: at("2027-10-31T08:00:00Z"), nominal: at("2027-10-31T08:00:00Z")))
        #expect(plan(twoHours, "2027-11-01T09:00", .sms) == .dropped(nominal: at("2027-11-01T06:00:00Z"), reason: .noAllowedTime))
        #expect(plan(twoHours, "2027-11-01T09:00", .email) == .send(at: at("2027-11-01T06:00:00Z"), nominal: at("2027-11-01T06:00:00Z")))

        // Tuesday 2 November 14:00 CET = 13:00Z, -P1D: nominal Toussaint 14:00 (13:00Z); Saturday 17:59Z is far:
        // Tuesday 08:00 CET (07:00Z).
        #expect(plan(oneDay, "2027-11-02T14:00", .sms) == .send(at: at("2027-11-02T07:00:00Z"), nominal: at("2027-11-01T13:00:00Z")))
    }

    // MARK: - Quiet time

    @Test func anEarlyReminderMovesToThePreviousEveningWithinTwelveHours() {
        // Wednesday 31 March 2027 08:30 CEST (06:30Z), -PT2H: nominal 06:30 CEST (04:30Z), quiet.
        // Tuesday 19:59 CEST (17:59Z) is 10 h 31 earlier: moved there.
        #expect(plan(twoHours, "2027-03-31T08:30", .sms) == .send(at: at("2027-03-30T17:59:00Z"), nominal: at("2027-03-31T04:30:00Z")))
        // With at most 6 h of advance, it goes at 08:00 instead, still before the start.
        let strict = ReminderPolicy(maximumAdvance: 6 * 3600)
        #expect(
            plan(twoHours, "2027-03-31T08:30", .sms, policy: strict)
                == .send(at: at("2027-03-31T06:00:00Z"), nominal: at("2027-03-31T04:30:00Z")))
        // An 08:00 event leaves no time after 08:00 before its start.
        #expect(
            plan(twoHours, "2027-03-31T08:00", .sms, policy: strict)
                == .dropped(nominal: at("2027-03-31T04:00:00Z"), reason: .noAllowedTime))
    }

    @Test func theMoveEarlierCountsRealHoursAcrossTheAutumnChange() {
        // Monday 26 October 2026 08:30 CET (07:30Z), -PT2H: nominal 06:30 CET (05:30Z).
        // E-mail: Sunday 25 October 20:59 CET (19:59Z) is 9 h 31 earlier: moved there.
        #expect(
            plan(twoHours, "2026-10-26T08:30", .email, now: "2026-10-01T12:00")
                == .send(at: at("2026-10-25T19:59:00Z"), nominal: at("2026-10-26T05:30:00Z")))
        // SMS: no Sunday; Saturday is 35 h earlier; Monday 08:00 CET (07:00Z).
        #expect(
            plan(twoHours, "2026-10-26T08:30", .sms, now: "2026-10-01T12:00")
                == .send(at: at("2026-10-26T07:00:00Z"), nominal: at("2026-10-26T05:30:00Z")))
    }

    @Test func aReminderIsNeverMovedIntoThePast() {
        // Planned at Tuesday 21:00 for Wednesday 08:30 with -PT2H: the evening is gone; 08:00 Wednesday.
        #expect(
            plan(twoHours, "2027-03-31T08:30", .sms, now: "2027-03-30T21:00")
                == .send(at: at("2027-03-31T08:00"), nominal: at("2027-03-31T06:30")))
    }

    // MARK: - Late registrations and the start

    @Test func aLateRegistrationIsRemindedAsSoonAsAllowed() {
        // Registered Tuesday 30 March 2027 at 10:00 for 14:00 the same day: -P1D is past, send now.
        #expect(
            plan(oneDay, "2027-03-30T14:00", .sms, now: "2027-03-30T10:00")
                == .send(at: at("2027-03-30T10:00"), nominal: at("2027-03-29T14:00")))
        // At 06:00 it waits for 08:00.
        #expect(
            plan(oneDay, "2027-03-30T14:00", .sms, now: "2027-03-30T06:00")
                == .send(at: at("2027-03-30T08:00"), nominal: at("2027-03-29T14:00")))
        // Registered on Sunday 21 March at 21:00 for Monday 22 March 09:00: Monday 08:00.
        #expect(
            plan(oneDay, "2027-03-22T09:00", .sms, now: "2027-03-21T21:00")
                == .send(at: at("2027-03-22T08:00"), nominal: at("2027-03-21T09:00")))
    }

    @Test func nothingIsSentOnceTheStartIsReachable() {
        // Registered on Monday at 20:30 for Tuesday 08:00: the next SMS time is the start itself.
        #expect(
            plan(oneDay, "2027-03-23T08:00", .sms, now: "2027-03-22T20:30") == .dropped(nominal: at("2027-03-22T08:00"), reason: .inThePast)
        )
        // The event has started.
        #expect(
            plan(oneDay, "2027-03-23T10:00", .email, now: "2027-03-23T10:30")
                == .dropped(nominal: at("2027-03-22T10:00"), reason: .inThePast))
    }

    @Test func anAlarmAtOrAfterTheStartIsDropped() {
        #expect(
            plan(CalendarAlarm(trigger: .fromStart(seconds: 0)), "2027-03-23T10:00", .email)
                == .dropped(nominal: at("2027-03-23T10:00"), reason: .afterStart))
        #expect(plan(CalendarAlarm(trigger: .fromStart(seconds: 900)), "2027-03-23T10:00", .email).sendingTime == nil)
        #expect(
            plan(CalendarAlarm(trigger: .fromEnd(seconds: -1800)), "2027-03-23T10:00", .email)
                == .dropped(nominal: at("2027-03-23T10:30"), reason: .afterStart))
    }

    @Test func eventsWithoutAlarmsUseTheDefault() {
        #expect(policy.alarms(for: []) == [ReminderPolicy.oneDayBefore])
        #expect(policy.alarms(for: [twoHours]) == [twoHours])
    }

    // MARK: - Invariants over two seasons

    @Test func noSMSOnSundaysHolidaysOrQuietHoursAndNothingAfterTheStart() {
        let sms = SendingWindow.sms
        let alarms = [
            oneDay, twoHours, CalendarAlarm(trigger: .fromStart(seconds: -2 * 86_400 - 3_600)),
            CalendarAlarm(trigger: .fromStart(seconds: -1_800)),
        ]
        let now = at("2026-01-01T00:00")
        var sent = 0
        var dropped = 0
        var day = at("2026-01-05T00:00")
        while day < at("2027-12-31T00:00") {
            for (hour, minute) in [(8, 0), (8, 30), (9, 0), (14, 30), (19, 0), (21, 0)] {
                let parts = calendar.dateComponents([.year, .month, .day], from: day)
                let start = calendar.date(
                    from: DateComponents(year: parts.year, month: parts.month, day: parts.day, hour: hour, minute: minute))!
                for alarm in alarms {
                    for channel in Channel.allCases {
                        let schedule = policy.schedule(
                            alarm: alarm, start: start, end: start + 3600, channel: channel, now: now, calendar: calendar)
                        guard let time = schedule.sendingTime else {
                            dropped += 1
                            continue
                        }
                        sent += 1
                        #expect(time < start)
                        #expect(time >= now)
                        #expect(time >= schedule.nominal || schedule.nominal.timeIntervalSince(time) <= 12 * 3600)
                        if channel == .sms {
                            #expect(sms.allows(time, calendar: calendar))
                            let local = calendar.dateComponents([.hour, .weekday], from: time)
                            #expect(local.weekday != 1 && !FrenchHolidays.isHoliday(time, calendar: calendar))
                            #expect((8..<20).contains(local.hour!))
                        } else {
                            #expect(SendingWindow.email.allows(time, calendar: calendar))
                        }
                    }
                }
            }
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        #expect(sent > 10 * dropped)
    }
}
