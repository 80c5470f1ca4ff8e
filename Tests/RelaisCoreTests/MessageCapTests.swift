import Foundation
import Testing

@testable import RelaisCore

@Suite struct MessageCapTests {
    let paris = LocalTime.paris
    var calendar: Calendar { paris.calendar }
    let cap = MessageCap()

    func at(_ text: String) -> Date { paris.parse(text)! }

    @Test func oneMessagePerLocalDay() {
        let planned = [at("2027-03-23T09:00")]
        #expect(!cap.allows(at("2027-03-23T19:59"), alreadyPlanned: planned, calendar: calendar))
        #expect(cap.allows(at("2027-03-24T08:00"), alreadyPlanned: planned, calendar: calendar))
        // 23:30Z on the 23rd is already the 24th in Paris.
        #expect(cap.allows(at("2027-03-23T23:30:00Z"), alreadyPlanned: planned, calendar: calendar))
    }

    @Test func threeMessagesPerISOWeekFromMondayToSunday() {
        // Monday 22 to Sunday 28 March 2027 (the clock change week).
        let planned = [at("2027-03-22T09:00"), at("2027-03-23T09:00"), at("2027-03-25T09:00")]
        #expect(!cap.allows(at("2027-03-26T09:00"), alreadyPlanned: planned, calendar: calendar))
        #expect(!cap.allows(at("2027-03-28T20:00"), alreadyPlanned: planned, calendar: calendar))  // Sunday, same week
        #expect(cap.allows(at("2027-03-29T00:30"), alreadyPlanned: planned, calendar: calendar))  // Monday, new week
        #expect(cap.allows(at("2027-03-21T12:00"), alreadyPlanned: planned, calendar: calendar))  // the Sunday before
    }

    @Test func theWeekIsISOEvenWhenTheCalendarStartsOnSunday() {
        var american = calendar
        american.firstWeekday = 1
        let planned = [at("2027-03-21T09:00"), at("2027-03-20T09:00"), at("2027-03-19T09:00")]  // Sun, Sat, Fri
        // Monday 22: a new ISO week, although a Sunday-first week would still hold all three.
        #expect(cap.allows(at("2027-03-22T09:00"), alreadyPlanned: planned, calendar: american))
        #expect(!cap.allows(at("2027-03-18T09:00"), alreadyPlanned: planned, calendar: american))
    }

    @Test func theWeekAcrossTheNewYearIsOneWeek() {
        // Monday 28 December 2026 to Sunday 3 January 2027 is ISO week 53 of 2026.
        let planned = [at("2026-12-28T10:00"), at("2026-12-30T10:00"), at("2027-01-02T10:00")]
        #expect(!cap.allows(at("2027-01-03T10:00"), alreadyPlanned: planned, calendar: calendar))
        #expect(cap.allows(at("2027-01-04T10:00"), alreadyPlanned: planned, calendar: calendar))
    }

    @Test func otherCapsAreHonoured() {
        let generous = MessageCap(perDay: 2, perWeek: 5)
        let planned = [at("2027-03-23T09:00")]
        #expect(generous.allows(at("2027-03-23T18:00"), alreadyPlanned: planned, calendar: calendar))
        #expect(!generous.allows(at("2027-03-23T18:00"), alreadyPlanned: planned + planned, calendar: calendar))
        #expect(!MessageCap(perDay: 0, perWeek: 3).allows(at("2027-03-23T18:00"), alreadyPlanned: [], calendar: calendar))
    }
}
