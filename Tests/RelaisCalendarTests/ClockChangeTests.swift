// ClockChangeTests: a 09:00 Europe/Paris session stays at 09:00 on the wall clock across the clock
// changes of 29 March 2026, 25 October 2026, 28 March 2027 and 31 October 2027, so its UTC instant
// moves between 08:00Z (winter, UTC+1) and 07:00Z (summer, UTC+2).

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct ClockChangeTests {
    /// A VTIMEZONE for Europe/Paris as calendar apps write it.
    static let parisTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
    ]

    @Test(arguments: [false, true])
    func weeklySessionKeepsNineOClockAcrossFourClockChanges(withTimeZoneComponent: Bool) throws {
        let lines = event([
            "DTSTART;TZID=Europe/Paris:20260302T090000", "DTEND;TZID=Europe/Paris:20260302T100000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20271130T000000Z",
        ])
        let document = try read((withTimeZoneComponent ? Self.parisTimeZone : []) + lines)
        let occurrences = try #require(document.events.first).occurrences
        #expect(document.events[0].timeZone == "Europe/Paris")
        #expect(occurrences.count == 92)
        for occurrence in occurrences {
            #expect(wallClock(occurrence.start).hasSuffix(" 09:00"), "\(stamp(occurrence.start))")
            #expect(occurrence.end.timeIntervalSince(occurrence.start) == 3600)
        }
        let starts = Set(occurrences.map { stamp($0.start) })
        for winter in ["20260323T080000Z", "20261026T080000Z", "20270322T080000Z", "20271101T080000Z"] {
            #expect(starts.contains(winter), "\(winter)")
        }
        for summer in ["20260330T070000Z", "20261019T070000Z", "20270329T070000Z", "20271025T070000Z"] {
            #expect(starts.contains(summer), "\(summer)")
        }
    }

    @Test func dailySessionAroundEachClockChange() throws {
        let cases: [(start: String, expected: [String])] = [
            ("20260328T090000", ["20260328T080000Z", "20260329T070000Z", "20260330T070000Z"]),
            ("20261024T090000", ["20261024T070000Z", "20261025T080000Z", "20261026T080000Z"]),
            ("20270327T090000", ["20270327T080000Z", "20270328T070000Z", "20270329T070000Z"]),
            ("20271030T090000", ["20271030T070000Z", "20271031T080000Z", "20271101T080000Z"]),
        ]
        for (start, expected) in cases {
            let document = try read(event(["DTSTART;TZID=Europe/Paris:\(start)", "RRULE:FREQ=DAILY;COUNT=3"]))
            let occurrences = document.events[0].occurrences
            #expect(occurrences.map { stamp($0.start) } == expected)
            #expect(occurrences.map(\.recurrenceKey) == expected)
            #expect(occurrences.allSatisfy { wallClock($0.start).hasSuffix(" 09:00") })
        }
    }

    @Test func parisWithoutTimeZoneComponentUsesLibicalsBuiltInZone() throws {
        let document = try read(event(["DTSTART;TZID=Europe/Paris:20260715T090000", "DURATION:PT2H"]))
        let occurrence = try #require(document.events.first?.occurrences.first)
        #expect(stamp(occurrence.start) == "20260715T070000Z")
        #expect(stamp(occurrence.end) == "20260715T090000Z")
        #expect(occurrence.recurrenceKey == "")
        #expect(document.events[0].timeZone == "Europe/Paris")
    }

    @Test func globallyUniqueTzidIsReportedByItsOlsonName() throws {
        let document = try read(
            event(["DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Paris:20261226T090000"])
                + event(uid: "e2", ["DTSTART;TZID=/mozilla.org/20070129_1/Europe/Paris:20261226T090000"]))
        for event in document.events {
            #expect(event.timeZone == "Europe/Paris")
            #expect(stamp(event.occurrences[0].start) == "20261226T080000Z")
        }
    }

    @Test func durationOfOneDayKeepsTheWallClockAcrossTheChange() throws {
        let document = try read(event(["DTSTART;TZID=Europe/Paris:20260328T090000", "DURATION:P1D"]))
        let occurrence = document.events[0].occurrences[0]
        #expect(wallClock(occurrence.end) == "2026-03-29 09:00")
        #expect(occurrence.end.timeIntervalSince(occurrence.start) == 23 * 3600)
    }
}
