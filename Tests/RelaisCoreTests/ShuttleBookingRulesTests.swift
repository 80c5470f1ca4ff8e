// Booking and cancellation deadlines of the shuttle, worked out by hand around weekends, French
// public holidays and both 2027 clock changes, and the timing of passenger notices.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ShuttleBookingRulesTests {
    let paris = LocalTime.paris
    func at(_ text: String) -> Date { paris.parse(text)! }

    @Test func aRunOnTuesday30March2027ClosesOnFriday26MarchBecauseMonday29IsEasterMonday() {
        let rules = ShuttleBookingRules()
        let pickup = at("2027-03-30T07:30")
        let deadline = rules.bookingDeadline(pickup: pickup, calendar: paris.calendar)
        #expect(paris.iso8601(deadline) == "2027-03-26T17:00:00+01:00")
        // Cancelling is free until 17:00 the calendar day before: Easter Monday, after the clocks went forward.
        #expect(paris.iso8601(rules.cancellationDeadline(pickup: pickup, calendar: paris.calendar)) == "2027-03-29T17:00:00+02:00")
        #expect(paris.iso8601(rules.bookingOpens(pickup: pickup, calendar: paris.calendar)!) == "2027-02-28T00:00:00+01:00")
    }

    @Test func bookingAtFiveOClockSharpIsOnTimeAndOneSecondLaterIsNot() {
        let rules = ShuttleBookingRules()
        let pickup = at("2027-03-30T07:30")
        #expect(rules.window(at: at("2027-03-26T17:00:00"), pickup: pickup, calendar: paris.calendar) == .open)
        #expect(
            rules.window(at: at("2027-03-26T17:00:01"), pickup: pickup, calendar: paris.calendar) == .closed(closed: at("2027-03-26T17:00"))
        )
        #expect(
            rules.window(at: at("2027-02-27T23:59"), pickup: pickup, calendar: paris.calendar) == .notYetOpen(opens: at("2027-02-28T00:00"))
        )
        #expect(rules.window(at: at("2027-02-28T00:00"), pickup: pickup, calendar: paris.calendar) == .open)
    }

    @Test(arguments: [
        // A Monday run closes on the Friday before; a Tuesday run on the Monday.
        ("2027-03-15T07:30", "2027-03-12T17:00:00+01:00"),
        ("2027-03-16T07:30", "2027-03-15T17:00:00+01:00"),
        // Around the autumn clock change (Sunday 31 October) and Toussaint (Monday 1 November).
        ("2027-11-02T07:30", "2027-10-29T17:00:00+02:00"),
        ("2027-10-26T07:30", "2027-10-25T17:00:00+02:00"),
        // Ascension (Thursday 6 May 2027): a Friday run closes on the Wednesday.
        ("2027-05-07T07:30", "2027-05-05T17:00:00+02:00"),
        // Whit Monday (17 May 2027): a Tuesday run closes on Friday 14.
        ("2027-05-18T07:30", "2027-05-14T17:00:00+02:00"),
        // New Year's Day 2028 is a Saturday: a run on Monday 3 January closes on Friday 31 December.
        ("2028-01-03T07:30", "2027-12-31T17:00:00+01:00"),
    ])
    func deadlinesSkipWeekendsAndHolidays(pickup: String, deadline: String) {
        let rules = ShuttleBookingRules()
        #expect(paris.iso8601(rules.bookingDeadline(pickup: at(pickup), calendar: paris.calendar)) == deadline)
    }

    @Test func theAutumnClockChangeKeepsTheCancellationHour() {
        let rules = ShuttleBookingRules()
        // A run on Tuesday 2 November: the day before is Toussaint, the clocks already went back.
        #expect(
            paris.iso8601(rules.cancellationDeadline(pickup: at("2027-11-02T07:30"), calendar: paris.calendar))
                == "2027-11-01T17:00:00+01:00")
        // Run on Sunday 31 October (the change day): the day before is Saturday 30, summer time.
        #expect(
            paris.iso8601(rules.cancellationDeadline(pickup: at("2027-10-31T10:00"), calendar: paris.calendar))
                == "2027-10-30T17:00:00+02:00")
    }

    @Test func twoServiceDaysOfNoticeCountOnlyWorkingDays() {
        var rules = ShuttleBookingRules()
        rules.priorNoticeLastDay = 2
        rules.priorNoticeLastTime = 12 * 60
        #expect(
            paris.iso8601(rules.bookingDeadline(pickup: at("2027-03-30T07:30"), calendar: paris.calendar)) == "2027-03-25T12:00:00+01:00")
        rules.serviceDays = .all
        #expect(
            paris.iso8601(rules.bookingDeadline(pickup: at("2027-03-30T07:30"), calendar: paris.calendar)) == "2027-03-28T12:00:00+02:00")
    }

    @Test func sameDayAndRealTimeBookingCountFromThePickup() {
        var rules = ShuttleBookingRules(bookingType: .sameDay, priorNoticeDurationMinimum: 120, priorNoticeStartDay: nil)
        let pickup = at("2027-03-28T09:00")  // the spring-forward morning: 2 h of notice are 2 real hours
        #expect(paris.iso8601(rules.bookingDeadline(pickup: pickup, calendar: paris.calendar)) == "2027-03-28T07:00:00+02:00")
        #expect(rules.bookingOpens(pickup: pickup, calendar: paris.calendar) == nil)
        rules.bookingType = .realTime
        #expect(rules.bookingDeadline(pickup: pickup, calendar: paris.calendar) == pickup)
    }

    @Test func thePickupReminderBeforeEasterMondayGoesOnSaturdayEveningBySMSAndOnMondayByEmail() {
        let pickup = at("2027-03-30T07:45")
        let sms = ShuttleNoticeTiming.reminder(
            pickup: pickup, reminderMinute: 16 * 60, window: .sms, now: at("2027-03-01T10:00"), calendar: paris.calendar)
        #expect(sms.map { paris.iso8601($0.due) } == "2027-03-27T19:59:00+01:00")
        #expect(sms.map { paris.iso8601($0.nominal) } == "2027-03-29T16:00:00+02:00")
        let email = ShuttleNoticeTiming.reminder(
            pickup: pickup, reminderMinute: 16 * 60, window: .email, now: at("2027-03-01T10:00"), calendar: paris.calendar)
        #expect(email.map { paris.iso8601($0.due) } == "2027-03-29T16:00:00+02:00")
    }

    @Test func aReminderForABookingMadeAfterItsTimeGoesAtOnceOrNotAtAll() {
        let pickup = at("2027-03-16T07:45")
        let late = ShuttleNoticeTiming.reminder(
            pickup: pickup, reminderMinute: 16 * 60, window: .sms, now: at("2027-03-15T17:30"), calendar: paris.calendar)
        #expect(late.map { paris.iso8601($0.due) } == "2027-03-15T17:30:00+01:00")
        // At 21:00 the evening before, the next SMS minute (08:00) is after the pickup: nothing to send.
        #expect(
            ShuttleNoticeTiming.reminder(
                pickup: pickup, reminderMinute: 16 * 60, window: .sms, now: at("2027-03-15T21:00"), calendar: paris.calendar) == nil)
        #expect(ShuttleNoticeTiming.notice(pickup: pickup, window: .sms, now: at("2027-03-15T21:00"), calendar: paris.calendar) == nil)
        #expect(
            ShuttleNoticeTiming.notice(pickup: pickup, window: .email, now: at("2027-03-15T21:00"), calendar: paris.calendar)
                == at("2027-03-16T07:00"))
    }
}
