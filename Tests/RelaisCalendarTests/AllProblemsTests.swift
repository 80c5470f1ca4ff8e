// AllProblemsTests: a calendar with several mistakes is refused with every one of them, each at its
// line, so that a planner fixes the file in one pass; only a file whose structure cannot be read is
// refused at its first problem.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct AllProblemsTests {
    /// A line that is not a property, then three events: the first's DTSTART is no date, the second
    /// is sound, the third's RRULE has no valid FREQ.
    let text = calendar(
        ["X-COMMENT:fine", "NOT A PROPERTY LINE"] + event(uid: "bad-start@relais", ["DTSTART:20261310T090000"])
            + event(uid: "good@relais", ["DTSTART:20260610T090000Z"])
            + event(uid: "bad-rule@relais", ["DTSTART:20260611T090000Z", "RRULE:FREQ=FOO;COUNT=2"]))

    @Test func everyBrokenEventAndLineIsSaidAtItsLineAndTheSoundEventsAreStillRead() throws {
        let reading = try reader().readAll(text, fileName: "two.ics")
        #expect(reading.problems.map(\.line) == [5, 10, 23], "\(reading.problems)")
        #expect(reading.problems[0].reason.contains("no ':'"))
        #expect(reading.problems[1].reason.contains("not a valid date"))
        #expect(reading.problems[2].reason.contains("RRULE"))
        #expect(reading.document.events.map(\.uid) == ["good@relais"])

        let refusal = try #require(readError(text))
        #expect(refusal.problems.map(\.reason) == reading.problems.map(\.reason))
        #expect(
            refusal.description.split(separator: "\n").map { String($0.prefix(12)) } == ["bad.ics:5: n", "bad.ics:10: ", "bad.ics:23: "])
    }

    @Test func aUIDUsedTwiceIsSaidBesideTheOtherProblems() throws {
        let twice = calendar(
            event(uid: "same@relais", ["DTSTART:20260610T090000Z"]) + event(uid: "same@relais", ["DTSTART:20260611T090000Z"])
                + event(uid: "other@relais", ["DTSTART:20260612T090000Z", "DTEND:20260612T080000Z"]))
        let refusal = try #require(readError(twice))
        #expect(refusal.problems.map(\.line) == [10, 21], "\(refusal)")
        #expect(refusal.problems[0].reason.contains("already used by the event on line 4"))
        #expect(refusal.problems[1].reason.contains("DTEND is before DTSTART"))
    }

    @Test func aFileWhoseStructureCannotBeReadIsRefusedAtItsFirstProblemOnly() throws {
        let unclosed = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20261310T090000\r\nEND:VEVENT\r\n"
        let refusal = try #require(readError(unclosed))
        #expect(refusal.problems.count == 1)
        #expect(refusal.line == 1 && refusal.reason.contains("never closed"))
    }

    @Test func problemsAreInLineOrderOncePerLineWithTheWholeFilesFirst() {
        let problems = FileProblems([
            FileError(fileName: "f.ics", line: 12, reason: "b"), FileError(fileName: "f.ics", line: 4, reason: "a"),
            FileError(fileName: "f.ics", line: 12, reason: "again"), FileError(fileName: "f.ics", line: 0, reason: "campaign"),
            FileError(fileName: "f.ics", line: 0, reason: "sheet"), FileError(fileName: "f.ics", line: 0, reason: "campaign"),
        ])
        #expect(problems.problems.map(\.reason) == ["campaign", "sheet", "a", "b"])
        #expect(problems.description == "f.ics: campaign\nf.ics: sheet\nf.ics:4: a\nf.ics:12: b")
    }
}
