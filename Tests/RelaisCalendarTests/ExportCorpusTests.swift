// ExportCorpusTests: calendars exported by Google Calendar, Outlook, Thunderbird, Nextcloud and Apple
// Calendar (ExportSamples, with their quirks) read without a problem, at the right times; and each
// normalisation of LibICalInput, X-WR-TIMEZONE and WindowsZones on its own.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisTestPeers
import Testing

@Suite struct ExportCorpusTests {
    @Test(arguments: ExportSamples.all.map(\.application))
    func everyApplicationsExportReadsWithoutAProblem(application: String) throws {
        let sample = try #require(ExportSamples.all.first { $0.application == application })
        let reading = try reader().readAll(sample.text, fileName: sample.fileName)
        #expect(reading.problems.isEmpty, "\(application): \(reading.problems)")
        #expect(reading.document.events.map(\.uid) == sample.uids, "\(application)")
        for event in reading.document.events {
            #expect(!event.occurrences.isEmpty, "\(application) \(event.uid)")
        }
    }

    @Test func googlesEmptyDescriptionAndLocationAreAbsentAndItsFloatingTimesAreInXWRTimezone() throws {
        let document = try reader().read(ExportSamples.google.text, fileName: "plain-google.ics")
        #expect(document.properties["X-WR-CALNAME"] == "Dépistages mars 2027")
        let weekly = document.events[0]
        #expect(weekly.description == nil && weekly.location == nil)
        #expect(weekly.occurrences.map { wallClock($0.start) } == [
            "2027-03-02 14:00", "2027-03-09 14:00", "2027-03-16 14:00", "2027-03-23 14:00", "2027-03-30 14:00",
        ])
        let floating = document.events[1]
        #expect(floating.location == "Salle des fêtes, Gex")
        #expect(floating.occurrences.map(\.start) == [utc("20270310T080000Z")])
        #expect(document.events[2].allDay)
    }

    @Test func outlooksWindowsZoneIsNamedAsItsOlsonZoneAndItsTimesAreParisTimes() throws {
        let document = try reader().read(ExportSamples.outlook.text, fileName: "outlook.ics")
        let event = try #require(document.events.first)
        #expect(event.timeZone == "Europe/Paris")
        #expect(event.summary == "Vaccination grippe – centre social")
        #expect(event.occurrences.map(\.start) == [
            utc("20270304T080000Z"), utc("20270311T080000Z"), utc("20270318T080000Z"), utc("20270325T080000Z"),
        ])
    }

    @Test func applesDefaultAlarmIsNoAlarmAndItsStructuredLocationIsIgnored() throws {
        let document = try reader().read(ExportSamples.apple.text, fileName: "Santé.ics")
        let event = try #require(document.events.first)
        #expect(event.alarms.isEmpty, "ACTION:NONE (RFC 9074) never triggers")
        #expect(event.location == "Mairie\n12 rue de Genève, 01210 Ferney-Voltaire, France")
        #expect(event.occurrences.map(\.start) == [utc("20270318T130000Z")])
        let thunderbird = try reader().read(ExportSamples.thunderbird.text, fileName: "depistages.ics")
        #expect(thunderbird.events[0].alarms == [CalendarAlarm(trigger: .fromStart(seconds: -86_400), action: "DISPLAY")])
    }

    @Test func aWindowsZoneWithoutItsVTIMEZONEIsReadAsCLDRsOlsonZone() throws {
        let document = try read(event(["DTSTART;TZID=W. Europe Standard Time:20270701T090000"]))
        #expect(document.events[0].timeZone == "Europe/Berlin")
        #expect(document.events[0].occurrences[0].start == utc("20270701T070000Z"))
        let london = try read(event(["DTSTART;TZID=\"GMT Standard Time\":20270701T090000"]))
        #expect(london.events[0].occurrences[0].start == utc("20270701T080000Z"))
        let unknown = readError(calendar(event(["DTSTART;TZID=Mars Standard Time:20270701T090000"])))
        #expect(unknown?.reason.contains("TZID=Mars Standard Time") == true, "\(String(describing: unknown))")
    }

    @Test func xWRTimezoneGivesTheZoneOfFloatingTimesAndAnUnknownOneIsSaidAtItsLine() throws {
        let london = try read(["X-WR-TIMEZONE:Europe/London"] + event(["DTSTART:20270701T090000"]))
        #expect(london.events[0].occurrences[0].start == utc("20270701T080000Z"))
        #expect(london.events[0].timeZone == "Europe/London")
        // A DATE is a day wherever it is read: X-WR-TIMEZONE does not move an all-day event.
        let holiday = try read(["X-WR-TIMEZONE:Etc/GMT"] + event(["DTSTART;VALUE=DATE:20270714"]))
        #expect(wallClock(holiday.events[0].occurrences[0].start) == "2027-07-14 00:00")
        let windows = try read(["X-WR-TIMEZONE:Romance Standard Time"] + event(["DTSTART:20270701T090000"]))
        #expect(windows.events[0].occurrences[0].start == utc("20270701T070000Z"))
        let refusal = try #require(readError(calendar(["X-WR-TIMEZONE:Nowhere/Special"] + event(["DTSTART:20270701T090000"]))))
        #expect(refusal.line == 4 && refusal.reason.contains("X-WR-TIMEZONE"), "\(refusal)")
    }

    // An empty X-RELAIS-* line is a problem, not an absence: ErrorTests.anEmptyRelaisPropertyIsSaidAtItsLineNotReadAsAbsent.
    @Test func emptyTextPropertiesReadAsAbsentButAnEmptyDateOrStatusIsStillAProblem() throws {
        let document = try read(
            event(["DTSTART:20270701T090000Z", "DESCRIPTION:", "LOCATION:", "CATEGORIES:", "COMMENT:", "X-FOO:"]))
        #expect(document.events[0].description == nil && document.events[0].location == nil)
        #expect(document.events[0].categories.isEmpty)
        let status = try #require(readError(calendar(event(["DTSTART:20270701T090000Z", "STATUS:"]))))
        #expect(status.line == 9 && status.reason.contains("STATUS"), "\(status)")
        let start = try #require(readError(calendar(event(["DTSTART:"]))))
        #expect(start.line == 8, "\(start)")
    }
}
