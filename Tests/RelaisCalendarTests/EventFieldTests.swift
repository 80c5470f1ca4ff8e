// EventFieldTests: what CalendarReader reads from an event besides its dates: all-day and UTC and
// floating times, lengths, alarms, X-RELAIS-* extensions, categories, escaped and accented text,
// and the same result whatever the line ends and folding.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct EventFieldTests {
    @Test func allDayEventsRunFromLocalMidnightToLocalMidnight() throws {
        let document = try read(
            event(["DTSTART;VALUE=DATE:20260329", "DTEND;VALUE=DATE:20260331"])
                + event(uid: "e2", ["DTSTART;VALUE=DATE:20261025"]))
        let twoDays = document.events[0]
        #expect(twoDays.allDay)
        #expect(twoDays.timeZone == "Europe/Paris")
        #expect(stamp(twoDays.occurrences[0].start) == "20260328T230000Z")
        #expect(stamp(twoDays.occurrences[0].end) == "20260330T220000Z")
        let oneDay = document.events[1].occurrences[0]
        #expect(stamp(oneDay.start) == "20261024T220000Z")
        #expect(stamp(oneDay.end) == "20261025T230000Z", "no DTEND: one day, 25 hours on the day clocks go back")
    }

    @Test func utcFloatingAndDurationTimes() throws {
        let document = try read(
            event(["DTSTART:20260610T073000Z", "DURATION:PT1H30M"])
                + event(uid: "e2", ["DTSTART:20260610T093000", "DTEND:20260610T100000"]))
        #expect(document.events[0].timeZone == "UTC")
        #expect(stamp(document.events[0].occurrences[0].end) == "20260610T090000Z")
        #expect(document.events[1].timeZone == "Europe/Paris", "floating times are read in the default zone")
        #expect(stamp(document.events[1].occurrences[0].start) == "20260610T073000Z")
        let geneva = try CalendarReader(defaultTimeZone: "Europe/Zurich", now: testNow)
            .read(calendar(event(["DTSTART:20260110T093000"])), fileName: "zurich.ics")
        #expect(stamp(geneva.events[0].occurrences[0].start) == "20260110T083000Z")
        #expect(geneva.events[0].timeZone == "Europe/Zurich")
    }

    @Test func alarmTriggers() throws {
        let document = try read(
            event([
                "DTSTART;TZID=Europe/Paris:20260610T090000",
                "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:-P1D", "END:VALARM",
                "BEGIN:VALARM", "ACTION:EMAIL", "SUMMARY:Rappel", "DESCRIPTION:Rappel", "ATTENDEE:mailto:a@example.org",
                "TRIGGER;RELATED=START:-PT2H", "END:VALARM",
                "BEGIN:VALARM", "ACTION:AUDIO", "TRIGGER;RELATED=END:-PT15M", "END:VALARM",
                "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER;VALUE=DATE-TIME:20260609T160000Z", "END:VALARM",
            ]))
        #expect(
            document.events[0].alarms == [
                CalendarAlarm(trigger: .fromStart(seconds: -86_400), action: "DISPLAY"),
                CalendarAlarm(trigger: .fromStart(seconds: -7200), action: "EMAIL"),
                CalendarAlarm(trigger: .fromEnd(seconds: -900), action: "AUDIO"),
                CalendarAlarm(trigger: .absolute(utc("20260609T160000Z")), action: "DISPLAY"),
            ])
    }

    @Test func relaisExtensionsAndCalendarProperties() throws {
        let text = calendar(
            ["X-WR-CALNAME:Dépistage Pays de Gex", "X-RELAIS-CAMPAIGN:depistage-2026", "X-OTHER:ignored"]
                + event([
                    "DTSTART:20260610T073000Z", "X-RELAIS-SEATS:12", "x-relais-channel:sms\\, email",
                    "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
                ]))
        let document = try reader().read(text, fileName: "x.ics")
        #expect(document.properties == ["X-WR-CALNAME": "Dépistage Pays de Gex", "X-RELAIS-CAMPAIGN": "depistage-2026"])
        #expect(document.events[0].extensions == ["X-RELAIS-SEATS": "12", "X-RELAIS-CHANNEL": "sms, email"])
    }

    @Test func categoriesSplitOnUnescapedCommas() throws {
        let document = try read(
            event([
                "DTSTART:20260610T073000Z", "CATEGORIES:Santé,Prévention\\, dépistage , Vaccin", "CATEGORIES:Gex",
            ]))
        #expect(document.events[0].categories == ["Santé", "Prévention, dépistage", "Vaccin", "Gex"])
    }

    @Test func escapedAndAccentedText() throws {
        let document = try read(
            event(
                summary: "Journée de dépistage à Ferney-Voltaire – ÉÈÊ ✓",
                [
                    "DTSTART:20260610T073000Z", "DESCRIPTION:Apportez\\, svp\\; votre carte\\nVitale \\\\ ordonnance",
                    "LOCATION:Salle des fêtes\\, Gex", "STATUS:TENTATIVE", "SEQUENCE:3",
                ]))
        let event = document.events[0]
        #expect(event.summary == "Journée de dépistage à Ferney-Voltaire – ÉÈÊ ✓")
        #expect(event.description == "Apportez, svp; votre carte\nVitale \\ ordonnance")
        #expect(event.location == "Salle des fêtes, Gex")
        #expect(event.status == .tentative)
        #expect(event.sequence == 3)
        #expect(event.line == 4)
    }

    @Test func lineEndsAndFoldingDoNotChangeTheResult() throws {
        let lines = event([
            "DTSTART;TZID=Europe/Paris:20260610T090000", "RRULE:FREQ=WEEKLY;COUNT=3",
            "DESCRIPTION:Une description assez longue pour être pliée\r\n  sur plusieurs lignes physiques\r\n\t, avec accents é.",
        ])
        let crlf = try reader().read(calendar(lines), fileName: "crlf.ics")
        let lf = try reader().read(calendar(lines).replacingOccurrences(of: "\r\n", with: "\n"), fileName: "lf.ics")
        #expect(crlf == lf)
        #expect(
            crlf.events[0].description == "Une description assez longue pour être pliée sur plusieurs lignes physiques, avec accents é.")
        #expect(crlf.events[0].occurrences.count == 3)
        // Lines are physical: after a folded line, the next error is reported where an editor shows it.
        let folded = calendar(event(["DESCRIPTION:a\r\n b\r\n c", "DTSTART;TZID=Nowhere/Atlantis:20260610T090000"]))
        #expect(readError(folded)?.line == 11)
        #expect(readError(folded.replacingOccurrences(of: "\r\n", with: "\n"))?.line == 11)
    }

    @Test func aCalendarWithoutEventsIsEmpty() throws {
        let document = try reader().read(calendar(["X-WR-CALNAME:Vide"]), fileName: "vide.ics")
        #expect(document.events.isEmpty)
        #expect(document.properties["X-WR-CALNAME"] == "Vide")
    }
}
