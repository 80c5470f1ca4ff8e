// RecurrenceTests: the RRULE parts, RDATE, EXDATE and RECURRENCE-ID overrides a campaign calendar
// uses, the status of cancelled series, and the bounds that keep expansion finite.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct RecurrenceTests {
    /// The occurrence starts of the only event of `lines`, as UTC stamps.
    func starts(_ lines: [String], reader: CalendarReader = reader()) throws -> [String] {
        try read(event(lines), reader: reader).events[0].occurrences.map { stamp($0.start) }
    }

    @Test func intervalAndCount() throws {
        #expect(
            try starts(["DTSTART;TZID=Europe/Paris:20260105T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3"])
                == ["20260105T080000Z", "20260119T080000Z", "20260202T080000Z"])
    }

    @Test func untilIsInclusive() throws {
        #expect(
            try starts(["DTSTART:20260105T090000Z", "RRULE:FREQ=DAILY;UNTIL=20260107T090000Z"])
                == ["20260105T090000Z", "20260106T090000Z", "20260107T090000Z"])
    }

    @Test func secondTuesdayAndLastSundayOfTheMonth() throws {
        #expect(
            try starts(["DTSTART;TZID=Europe/Paris:20260113T140000", "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3"])
                == ["20260113T130000Z", "20260210T130000Z", "20260310T130000Z"])
        #expect(
            try starts(["DTSTART;TZID=Europe/Paris:20260125T100000", "RRULE:FREQ=MONTHLY;BYDAY=-1SU;COUNT=3"])
                == ["20260125T090000Z", "20260222T090000Z", "20260329T080000Z"])
    }

    @Test func monthDayAndMonth() throws {
        #expect(
            try starts(["DTSTART:20260115T080000Z", "RRULE:FREQ=MONTHLY;BYMONTHDAY=15,-1;COUNT=4"])
                == ["20260115T080000Z", "20260131T080000Z", "20260215T080000Z", "20260228T080000Z"])
        #expect(
            try starts(["DTSTART:20260301T080000Z", "RRULE:FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1;COUNT=3"])
                == ["20260301T080000Z", "20260901T080000Z", "20270301T080000Z"])
    }

    @Test func lastWorkingDayOfTheMonthWithBySetPos() throws {
        #expect(
            try starts(["DTSTART:20260130T160000Z", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"])
                == ["20260130T160000Z", "20260227T160000Z", "20260331T160000Z"])
    }

    /// RFC 5545 §3.3.10: the example where WKST changes the result.
    @Test func weekStartChangesBiweeklyRules() throws {
        let monday = try starts(["DTSTART:19970805T090000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"])
        let sunday = try starts(["DTSTART:19970805T090000Z", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"])
        #expect(monday == ["19970805T090000Z", "19970810T090000Z", "19970819T090000Z", "19970824T090000Z"])
        #expect(sunday == ["19970805T090000Z", "19970817T090000Z", "19970819T090000Z", "19970831T090000Z"])
    }

    @Test func exceptionDatesOnSeveralLinesAndSeveralPerLine() throws {
        let result = try starts([
            "DTSTART;TZID=Europe/Paris:20260105T090000", "RRULE:FREQ=DAILY;COUNT=6",
            "EXDATE;TZID=Europe/Paris:20260106T090000,20260108T090000", "EXDATE:20260109T080000Z",
        ])
        #expect(result == ["20260105T080000Z", "20260107T080000Z", "20260110T080000Z"])
    }

    @Test func extraDatesInEveryForm() throws {
        let document = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260105T090000", "DTEND;TZID=Europe/Paris:20260105T100000",
                "RDATE;TZID=Europe/Paris:20260110T140000", "RDATE;VALUE=PERIOD:20260112T080000Z/PT3H,20260113T080000Z/20260113T083000Z",
            ]))
        let occurrences = document.events[0].occurrences
        #expect(occurrences.map { stamp($0.start) } == ["20260105T080000Z", "20260110T130000Z", "20260112T080000Z", "20260113T080000Z"])
        #expect(occurrences.map { stamp($0.end) } == ["20260105T090000Z", "20260110T140000Z", "20260112T110000Z", "20260113T083000Z"])
        #expect(occurrences.map(\.recurrenceKey) == occurrences.map { stamp($0.start) })

        let allDay = try read(event(["DTSTART;VALUE=DATE:20260601", "RDATE;VALUE=DATE:20260615,20260701"]))
        #expect(allDay.events[0].occurrences.map { wallClock($0.start) } == ["2026-06-01 00:00", "2026-06-15 00:00", "2026-07-01 00:00"])
    }

    @Test func overridesMoveCancelAndAddInstances() throws {
        let document = try read(
            event(
                summary: "Vaccination",
                [
                    "DTSTART;TZID=Europe/Paris:20260105T090000", "DTEND;TZID=Europe/Paris:20260105T110000",
                    "LOCATION:Mairie de Gex", "RRULE:FREQ=WEEKLY;COUNT=4",
                ])
                + [
                    "BEGIN:VEVENT", "UID:e1@relais", "RECURRENCE-ID;TZID=Europe/Paris:20260112T090000",
                    "DTSTART;TZID=Europe/Paris:20260113T140000", "DTEND;TZID=Europe/Paris:20260113T150000",
                    "SUMMARY:Vaccination (reportée)", "LOCATION:Salle des fêtes de Ferney-Voltaire", "END:VEVENT",
                    "BEGIN:VEVENT", "UID:e1@relais", "RECURRENCE-ID;TZID=Europe/Paris:20260119T090000",
                    "DTSTART;TZID=Europe/Paris:20260119T090000", "STATUS:CANCELLED", "END:VEVENT",
                    "BEGIN:VEVENT", "UID:e1@relais", "RECURRENCE-ID;TZID=Europe/Paris:20260301T090000",
                    "DTSTART;TZID=Europe/Paris:20260301T090000", "SUMMARY:Vaccination", "END:VEVENT",
                ])
        #expect(document.events.count == 1)
        let occurrences = document.events[0].occurrences
        #expect(occurrences.count == 5)
        let moved = try #require(occurrences.first { $0.recurrenceKey == "20260112T080000Z" })
        #expect(stamp(moved.start) == "20260113T130000Z")
        #expect(stamp(moved.end) == "20260113T140000Z")
        #expect(moved.summary == "Vaccination (reportée)")
        #expect(moved.location == "Salle des fêtes de Ferney-Voltaire")
        let cancelled = try #require(occurrences.first { $0.recurrenceKey == "20260119T080000Z" })
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.end.timeIntervalSince(cancelled.start) == 7200, "an override without DTEND keeps the master's length")
        #expect(cancelled.summary == nil)
        let added = try #require(occurrences.last)
        #expect(added.recurrenceKey == "20260301T080000Z")
        #expect(added.summary == nil)
        #expect(occurrences.filter { $0.status == .confirmed }.count == 4)
    }

    @Test func cancelledMasterCancelsEveryOccurrence() throws {
        let document = try read(event(["DTSTART:20260105T090000Z", "RRULE:FREQ=DAILY;COUNT=3", "STATUS:CANCELLED"]))
        #expect(document.events[0].status == .cancelled)
        #expect(document.events[0].occurrences.map(\.status) == [.cancelled, .cancelled, .cancelled])
    }

    @Test func unboundedRuleStopsAtTheHorizon() throws {
        let result = try starts(
            ["DTSTART:20260105T090000Z", "RRULE:FREQ=WEEKLY"], reader: reader(horizon: 30 * 86_400))
        // max(now, DTSTART) + 30 days = 4 February 2026.
        #expect(result == ["20260105T090000Z", "20260112T090000Z", "20260119T090000Z", "20260126T090000Z", "20260202T090000Z"])
        // The horizon counts from DTSTART when the series starts after now.
        let later = try starts(["DTSTART:20300101T090000Z", "RRULE:FREQ=DAILY"], reader: reader(horizon: 2 * 86_400))
        #expect(later == ["20300101T090000Z", "20300102T090000Z", "20300103T090000Z"])
        // A long COUNT is bounded by the horizon too.
        let counted = try starts(["DTSTART:20260105T090000Z", "RRULE:FREQ=DAILY;COUNT=5000"])
        #expect(counted.count == 2 * 365 + 1)
        #expect(counted.last == "20280105T090000Z")
    }

    @Test func maximumOccurrencesKeepsTheEarliest() throws {
        let result = try starts(["DTSTART:20260105T090000Z", "RRULE:FREQ=HOURLY"], reader: reader(maximum: 5))
        #expect(result == ["20260105T090000Z", "20260105T100000Z", "20260105T110000Z", "20260105T120000Z", "20260105T130000Z"])
    }

    @Test func rulesThatNeverMatchTerminate() throws {
        // libical refuses this one outright: the file is refused at the RRULE line.
        let error = readError(calendar(event(["DTSTART:20260105T090000Z", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"])))
        #expect(error?.line == 9)
        // This one libical would search for centuries; the horizon bounds it.
        let started = Date()
        let result = try starts(["DTSTART:20260105T090000Z", "RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30"])
        #expect(result == ["20260105T090000Z"])
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func singleEventHasAnEmptyRecurrenceKey() throws {
        let document = try read(event(["DTSTART:20260105T090000Z"]))
        #expect(document.events[0].occurrences.map(\.recurrenceKey) == [""])
        #expect(document.events[0].occurrences[0].start == document.events[0].occurrences[0].end)
    }
}
