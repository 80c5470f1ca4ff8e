import Foundation
import Testing

@testable import RelaisCore

@Suite struct SendingWindowTests {
    let paris = LocalTime.paris
    var calendar: Calendar { paris.calendar }

    func at(_ text: String) -> Date { paris.parse(text)! }

    @Test(arguments: [
        ("2027-03-30T08:00", true), ("2027-03-30T07:59:59", false), ("2027-03-30T19:59:59", true), ("2027-03-30T20:00", false),
        ("2027-03-27T12:00", true),  // Saturday
        ("2027-03-28T12:00", false),  // Sunday (Easter, and the spring clock change)
        ("2027-03-29T12:00", false),  // Easter Monday
        ("2027-10-31T12:00", false),  // Sunday, autumn clock change
        ("2027-11-01T12:00", false),  // Toussaint
        ("2027-11-02T08:00", true),
    ])
    func smsGoesFromEightToTwentyOnWorkingDaysAndSaturdays(time: String, allowed: Bool) {
        #expect(SendingWindow.sms.allows(at(time), calendar: calendar) == allowed)
    }

    @Test(arguments: [
        ("2027-03-28T07:00", true), ("2027-03-28T06:59", false), ("2027-03-29T20:59", true), ("2027-03-29T21:00", false),
        ("2027-11-01T09:00", true),
    ])
    func emailGoesFromSevenToTwentyOneEveryDay(time: String, allowed: Bool) {
        #expect(SendingWindow.email.allows(at(time), calendar: calendar) == allowed)
    }

    @Test func anAllowedInstantIsItsOwnLatestAndEarliest() {
        let time = at("2027-03-30T10:17:42")
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: time, calendar: calendar) == time)
        #expect(SendingWindow.sms.earliestAllowed(atOrAfter: time, calendar: calendar) == time)
    }

    @Test func afterClosingTheLatestIsTheSameDaysLastMinute() {
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: at("2027-03-30T22:10"), calendar: calendar) == at("2027-03-30T19:59"))
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: at("2027-03-30T20:00"), calendar: calendar) == at("2027-03-30T19:59"))
    }

    @Test func beforeOpeningTheEarliestIsTheSameDaysOpening() {
        #expect(SendingWindow.sms.earliestAllowed(atOrAfter: at("2027-03-30T06:30"), calendar: calendar) == at("2027-03-30T08:00"))
    }

    @Test func theEasterWeekendOf2027IsSkippedInWallClockTime() {
        // Sunday 28 March (clocks go forward at 02:00) and Easter Monday 29 March carry no SMS.
        let sunday = at("2027-03-28T09:00")
        let monday = at("2027-03-29T09:00")
        // Saturday 27 March 19:59 CET is 18:59Z.
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: monday, calendar: calendar) == at("2027-03-27T18:59:00Z"))
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: sunday, calendar: calendar) == at("2027-03-27T18:59:00Z"))
        // Tuesday 30 March 08:00 CEST is 06:00Z.
        #expect(SendingWindow.sms.earliestAllowed(atOrAfter: sunday, calendar: calendar) == at("2027-03-30T06:00:00Z"))
        #expect(SendingWindow.sms.earliestAllowed(atOrAfter: at("2027-03-27T20:00"), calendar: calendar) == at("2027-03-30T06:00:00Z"))
    }

    @Test func theAutumnChangeAndToussaintOf2027AreSkipped() {
        // Saturday 30 October 19:59 CEST is 17:59Z; Tuesday 2 November 08:00 CET is 07:00Z.
        let night = at("2027-10-31T02:30:00Z")
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: night, calendar: calendar) == at("2027-10-30T17:59:00Z"))
        #expect(SendingWindow.sms.earliestAllowed(atOrAfter: night, calendar: calendar) == at("2027-11-02T07:00:00Z"))
        // E-mail on the change day itself: 07:00 CET is 06:00Z, 20:59 CET is 19:59Z.
        #expect(SendingWindow.email.earliestAllowed(atOrAfter: night, calendar: calendar) == at("2027-10-31T06:00:00Z"))
        #expect(SendingWindow.email.latestAllowed(atOrBefore: at("2027-10-31T23:00"), calendar: calendar) == at("2027-10-31T19:59:00Z"))
    }

    @Test func clockChangeDaysOf2026KeepTheirWallClockHours() {
        // 29 March 2026 (Sunday, spring) and 25 October 2026 (Sunday, autumn), by e-mail.
        #expect(SendingWindow.email.earliestAllowed(atOrAfter: at("2026-03-29T00:30"), calendar: calendar) == at("2026-03-29T05:00:00Z"))
        #expect(SendingWindow.email.latestAllowed(atOrBefore: at("2026-03-29T23:30"), calendar: calendar) == at("2026-03-29T18:59:00Z"))
        #expect(SendingWindow.email.earliestAllowed(atOrAfter: at("2026-10-25T00:30"), calendar: calendar) == at("2026-10-25T06:00:00Z"))
        #expect(SendingWindow.email.latestAllowed(atOrBefore: at("2026-10-25T23:30"), calendar: calendar) == at("2026-10-25T19:59:00Z"))
        // SMS: the Saturday before and the Monday after.
        #expect(SendingWindow.sms.earliestAllowed(atOrAfter: at("2026-10-24T21:00"), calendar: calendar) == at("2026-10-26T07:00:00Z"))
        #expect(SendingWindow.sms.latestAllowed(atOrBefore: at("2026-10-26T07:00"), calendar: calendar) == at("2026-10-24T17:59:00Z"))
    }

    @Test func aWindowThatAllowsNothingFindsNothing() {
        let closed = SendingWindow(opens: 600, closes: 600)
        #expect(!closed.allows(at("2027-03-30T10:00"), calendar: calendar))
        #expect(closed.latestAllowed(atOrBefore: at("2027-03-30T10:00"), calendar: calendar) == nil)
        #expect(closed.earliestAllowed(atOrAfter: at("2027-03-30T10:00"), calendar: calendar) == nil)
    }

    @Test func aRoundTheClockWindowEndsAtTwentyThreeFiftyNine() {
        let always = SendingWindow(opens: 0, closes: 24 * 60, sundays: true, holidays: true)
        #expect(always.allows(at("2027-03-28T23:59:59"), calendar: calendar))
        #expect(always.allows(at("2027-03-28T00:00"), calendar: calendar))
    }
}
