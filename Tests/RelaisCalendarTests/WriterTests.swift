// WriterTests: the feed Relais publishes is valid iCalendar that Relais itself reads back unchanged,
// with libical's VTIMEZONE for each zone it uses.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct WriterTests {
    static let events = [
        FeedEvent(
            uid: "session-1@relais", summary: "Dépistage – Gex", description: "Apportez votre carte Vitale;\nà jeun, svp",
            location: "Mairie de Gex, salle 2", categories: ["Santé", "Prévention, dépistage", "a;b\\c"],
            start: utc("20260330T070000Z"), end: utc("20260330T090000Z"), sequence: 2, lastModified: utc("20260101T120000Z")),
        FeedEvent(
            uid: "session-2@relais", summary: "Vaccination", start: utc("20261026T080000Z"), end: utc("20261026T083000Z"),
            status: .tentative, lastModified: utc("20260101T120000Z")),
        FeedEvent(
            uid: "session-3@relais", summary: "Journée nationale", start: utc("20260614T220000Z"), end: utc("20260615T220000Z"),
            allDay: true, lastModified: utc("20260101T120000Z")),
        FeedEvent(
            uid: "session-4@relais", summary: "Visio annulée", start: utc("20260701T120000Z"), end: utc("20260701T130000Z"),
            timeZone: "UTC", status: .cancelled, lastModified: utc("20260101T120000Z")),
    ]

    @Test func feedRoundTripsThroughTheReader() throws {
        let text = CalendarWriter.feed(Self.events, name: "Relais – Pays de Gex", now: utc("20260102T080000Z"))
        let document = try reader().read(text, fileName: "feed.ics")
        #expect(document.properties["X-WR-CALNAME"] == "Relais – Pays de Gex")
        #expect(document.events.map(\.uid) == Self.events.map(\.uid))
        for (read, written) in zip(document.events, Self.events) {
            #expect(read.occurrences.count == 1)
            #expect(read.occurrences[0].start == written.start, "\(written.uid)")
            #expect(read.occurrences[0].end == written.end, "\(written.uid)")
            #expect(read.status == written.status)
            #expect(read.summary == written.summary)
            #expect(read.description == written.description)
            #expect(read.location == written.location)
            #expect(read.categories == written.categories)
            #expect(read.sequence == written.sequence)
            #expect(read.allDay == written.allDay)
            #expect(read.timeZone == written.timeZone)
        }
    }

    @Test func feedIsWellFormedICalendar() throws {
        let text = CalendarWriter.feed(Self.events, name: "Relais", now: utc("20260102T080000Z"))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "lines are folded at 75 octets")
        for expected in [
            "PRODID:-//Relais//Relais//FR", "VERSION:2.0", "METHOD:PUBLISH", "X-WR-CALNAME:Relais", "TZID:Europe/Paris",
            "DTSTART;TZID=Europe/Paris:20260330T090000", "DTEND;VALUE=DATE:20260616", "DTSTART;VALUE=DATE:20260615",
            "DTSTART:20260701T120000Z", "STATUS:CANCELLED", "SEQUENCE:2", "LAST-MODIFIED:20260101T120000Z",
            "DTSTAMP:20260102T080000Z", "CATEGORIES:Prévention\\, dépistage", "CATEGORIES:a\\;b\\\\c",
        ] {
            #expect(lines.contains(expected), "\(expected)")
        }
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 4)
    }

    @Test func emptyFeedIsAValidCalendar() throws {
        let text = CalendarWriter.feed([], name: "Vide", now: testNow)
        let document = try reader().read(text, fileName: "vide.ics")
        #expect(document.events.isEmpty)
        #expect(!text.contains("BEGIN:VTIMEZONE"))
    }
}
