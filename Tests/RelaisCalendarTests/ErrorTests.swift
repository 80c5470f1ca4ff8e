// ErrorTests: a file Relais cannot trust is refused whole, with the file and the physical line a
// planner must fix in the message.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct ErrorTests {
    /// The error for `text`, which must exist.
    func refusal(_ text: String) throws -> CalendarReadError {
        try #require(readError(text))
    }

    @Test func missingRequiredProperties() throws {
        let noUID = try refusal(calendar(["BEGIN:VEVENT", "DTSTART:20260610T073000Z", "SUMMARY:x", "END:VEVENT"]))
        #expect(noUID.line == 4)
        #expect(noUID.reason.contains("UID"))
        #expect(noUID.description.hasPrefix("bad.ics:4: "))
        let noStart = try refusal(calendar(event(["DTEND:20260610T073000Z"])))
        #expect(noStart.line == 4)
        #expect(noStart.reason.contains("DTSTART"))
        let noSummary = try refusal(calendar(["BEGIN:VEVENT", "UID:u", "DTSTART:20260610T073000Z", "END:VEVENT"]))
        #expect(noSummary.line == 4)
        #expect(noSummary.reason.contains("SUMMARY"))
    }

    @Test func unknownTimeZone() throws {
        let error = try refusal(calendar(event(["DTSTART;TZID=Mars/Olympus_Mons:20260610T090000"])))
        #expect(error.line == 8)
        #expect(error.reason.contains("Mars/Olympus_Mons"))
        let inExdate = try refusal(
            calendar(
                event([
                    "DTSTART:20260610T090000Z", "RRULE:FREQ=DAILY;COUNT=2", "EXDATE;TZID=Mars/Olympus_Mons:20260611T090000",
                ])))
        #expect(inExdate.line == 10)
    }

    @Test func invalidRules() throws {
        let unknownFrequency = try refusal(calendar(event(["DTSTART:20260610T090000Z", "RRULE:FREQ=FOO;COUNT=2"])))
        #expect(unknownFrequency.line == 9)
        #expect(unknownFrequency.reason.contains("RRULE"))
        let outOfRange = try refusal(calendar(event(["DTSTART:20260610T090000Z", "RRULE:FREQ=DAILY;BYHOUR=25"])))
        #expect(outOfRange.line == 9)
        let everySecond = try refusal(calendar(event(["DTSTART:20260610T090000Z", "RRULE:FREQ=SECONDLY"])))
        #expect(everySecond.line == 9)
    }

    @Test func garbageAndEmptyFiles() throws {
        let garbage = try refusal("Bonjour,\nvoici le planning en pièce jointe.\n")
        #expect(garbage.line == 1)
        let empty = try refusal("")
        #expect(empty.line == 0)
        #expect(empty.description == "bad.ics: the file is empty")
        #expect(try refusal("\r\n\r\n").line == 0)
    }

    @Test func brokenStructure() throws {
        let unclosed = try refusal("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VEVENT\r\n")
        #expect(unclosed.line == 1)
        let twoCalendars = try refusal(calendar(event(["DTSTART:20260610T090000Z"])) + calendar([]))
        #expect(twoCalendars.line == 11)
        let mismatched = try refusal(calendar(["BEGIN:VEVENT", "UID:u", "END:VTODO"]))
        #expect(mismatched.line == 6)
        let trailing = try refusal(calendar([]) + "X-COMMENT:after the end\r\n")
        #expect(trailing.line == 5)
        let noColon = try refusal(calendar(event(["DTSTART:20260610T090000Z", "LOCATION Gex"])))
        #expect(noColon.line == 9)
        let emptyParameter = try refusal(calendar(event(["DTSTART;;VALUE=DATE-TIME:20260610T090000"])))
        #expect(emptyParameter.line == 8)
    }

    @Test func invalidValues() throws {
        let badStart = try refusal(calendar(event(["DTSTART:20261310T090000"])))
        #expect(badStart.line == 8)
        let endBeforeStart = try refusal(calendar(event(["DTSTART:20260610T090000Z", "DTEND:20260610T080000Z"])))
        #expect(endBeforeStart.line == 9)
        #expect(endBeforeStart.reason.contains("DTEND"))
        let badTrigger = try refusal(
            calendar(
                event([
                    "DTSTART:20260610T090000Z", "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PXYZ", "END:VALARM",
                ])))
        #expect(badTrigger.line == 11)
        let noTrigger = try refusal(calendar(event(["DTSTART:20260610T090000Z", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM"])))
        #expect(noTrigger.line == 9)
        let badStatus = try refusal(calendar(event(["DTSTART:20260610T090000Z", "STATUS:NEEDS-ACTION"])))
        #expect(badStatus.line == 9)
    }

    @Test func duplicateUID() throws {
        let error = try refusal(calendar(event(["DTSTART:20260610T090000Z"]) + event(["DTSTART:20260611T090000Z"])))
        #expect(error.line == 10)
        #expect(error.reason.contains("line 4"))
    }

    @Test func newerPropertiesLibicalDoesNotKnowAreIgnored() throws {
        let document = try read(
            event([
                "DTSTART:20260610T090000Z", "LINK;LINKREL=SOURCE;LABEL=Venue;VALUE=URI:https://example.org/venue",
                "RELATED-TO;VALUE=UID:other@relais", "IMAGE;VALUE=TEXT:nope",
            ]))
        #expect(document.events.count == 1)
    }

    @Test func anEmptyRelaisPropertyIsSaidAtItsLineNotReadAsAbsent() throws {
        let capacity = try refusal(calendar(event(["DTSTART:20260610T073000Z", "X-RELAIS-CAPACITY:"])))
        #expect(capacity.line == 9 && capacity.reason.contains("X-RELAIS-CAPACITY"), "\(capacity)")
        let sheets = try refusal(calendar(["X-RELAIS-FA:"] + event(["DTSTART:20260610T073000Z"])))
        #expect(sheets.line == 4 && sheets.reason.contains("X-RELAIS-FA"), "\(sheets)")
    }
}
