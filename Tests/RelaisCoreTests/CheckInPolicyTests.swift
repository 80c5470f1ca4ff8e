// When a presence may be recorded or undone: from the session's start, until the end of its local
// day (a day of 23 hours when the clocks go forward), later only with late check-in.

import Foundation
import RelaisCore
import Testing

@Suite struct CheckInPolicyTests {
    let paris = LocalTime.paris

    @Test func aPresenceIsOpenFromTheStartToTheEndOfTheLocalDay() {
        let start = paris.parse("2027-03-30T09:00")!
        let verdict = { (now: String, late: Bool) in
            CheckInPolicy.verdict(start: start, now: self.paris.parse(now)!, late: late, calendar: self.paris.calendar)
        }
        #expect(verdict("2027-03-30T08:59", false) == .notStarted(start: start))
        #expect(verdict("2027-03-30T08:59", true) == .notStarted(start: start), "late check-in is never early")
        #expect(verdict("2027-03-30T09:00", false) == .open)
        #expect(verdict("2027-03-30T23:59", false) == .open)
        #expect(verdict("2027-03-31T00:00", false) == .dayOver(day: paris.parse("2027-03-30")!))
        #expect(verdict("2027-04-15T10:00", true) == .open)
    }

    @Test func theDayTheClocksGoForwardEndsAtLocalMidnight() {
        // Sunday 28 March 2027: 23 hours long in Paris.
        let start = paris.parse("2027-03-28T10:00")!
        let beforeMidnight = paris.parse("2027-03-28T23:30")!
        let afterMidnight = paris.parse("2027-03-29T00:30")!
        #expect(
            CheckInPolicy.endOfDay(paris.parse("2027-03-28")!, calendar: paris.calendar).timeIntervalSince(paris.parse("2027-03-28")!) == 23
                * 3600)
        #expect(CheckInPolicy.verdict(start: start, now: beforeMidnight, late: false, calendar: paris.calendar) == .open)
        #expect(
            CheckInPolicy.verdict(start: start, now: afterMidnight, late: false, calendar: paris.calendar)
                == .dayOver(day: paris.parse("2027-03-28")!))
    }

    @Test func aVerdictBecomesTheRefusalOfItsRegistrationOrSession() {
        let start = paris.parse("2027-03-30T09:00")!
        #expect(CheckInPolicy.refusal(.open, occurrence: 4, registration: 7) == nil)
        #expect(
            CheckInPolicy.refusal(.notStarted(start: start), occurrence: 4, registration: 7)
                == .sessionNotStarted(occurrence: 4, start: start))
        #expect(
            CheckInPolicy.refusal(.dayOver(day: start), occurrence: 4, registration: 7) == .attendanceClosed(registration: 7, day: start))
    }
}
