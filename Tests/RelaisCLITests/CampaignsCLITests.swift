import Foundation
import Testing

@Suite struct CampaignsCLITests {
    @Test func theSeasonsCalendarsLoadAndReloadUnchanged() throws {
        let workspace = Workspace()
        let campaigns = Workspace.repository.appendingPathComponent("Campaigns").path
        let first = try workspace.relais("campaigns", "load", campaigns)
        #expect(first.status == 0, "\(first.errors)")
        let files = try FileManager.default.contentsOfDirectory(atPath: campaigns).filter { $0.hasSuffix(".ics") }
        #expect(files.count >= 9)
        #expect(first.output.split(separator: "\n").count == files.count)
        let second = try workspace.relais("campaigns", "load", campaigns)
        #expect(second.status == 0)
        #expect(second.output.split(separator: "\n").allSatisfy { $0.contains(": unchanged") }, "\(second.output)")
        let list = try workspace.json(workspace.relais("campaigns", "list", "--json")) as? [[String: Any]]
        #expect(list?.count == files.count)
        #expect(list?.allSatisfy { ($0["occurrences"] as? Int ?? 0) > 0 } == true)
    }

    @Test func occurrencesAreListedInLocalTimeWithTheirOffset() throws {
        let workspace = Workspace()
        let file = workspace.write(
            "test.ics",
            calendar(event(uid: "weekly@test", start: "20261019T090000", end: "20261019T110000", extra: "RRULE:FREQ=WEEKLY;COUNT=3")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let result = try workspace.relais("events", "list", "--from", "2026-10-01", "--json")
        let occurrences = try #require(try workspace.json(result) as? [[String: Any]])
        #expect(
            occurrences.map { $0["start"] as? String } == [
                "2026-10-19T09:00:00+02:00", "2026-10-26T09:00:00+01:00", "2026-11-02T09:00:00+01:00",
            ])
        #expect(occurrences.allSatisfy { $0["uid"] as? String == "weekly@test" && $0["campaign"] as? String == "test-2027" })
        #expect(occurrences.allSatisfy { $0["status"] as? String == "scheduled" && $0["summary"] as? String == "Dépistage Mars bleu" })
        #expect(occurrences.first?["end"] as? String == "2026-10-19T11:00:00+02:00")
    }

    @Test func reloadingMarksMovedAndCancelledOccurrences() throws {
        let workspace = Workspace()
        let a = event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")
        let b = event(uid: "b@test", start: "20270331T090000", end: "20270331T120000")
        let file = workspace.write("test.ics", calendar(a, b))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)

        let unchanged = try workspace.relais("campaigns", "load", file)
        #expect(unchanged.output.contains("test-2027: unchanged"))

        let movedA = event(uid: "a@test", start: "20270330T140000", end: "20270330T170000", extra: "SEQUENCE:1")
        let cancelledB = b + "\nSTATUS:CANCELLED\nSEQUENCE:1"
        workspace.write("test.ics", calendar(movedA, cancelledB))
        let reload = try workspace.relais("campaigns", "load", file)
        #expect(reload.status == 0)
        #expect(reload.output.contains("1 moved") && reload.output.contains("1 cancelled"), "\(reload.output)")
        let occurrences = try #require(
            try workspace.json(workspace.relais("events", "list", "--from", "2027-03-01", "--json")) as? [[String: Any]])
        let byUID = Dictionary(uniqueKeysWithValues: occurrences.map { ($0["uid"] as! String, $0) })
        #expect(byUID["a@test"]?["status"] as? String == "moved")
        #expect(byUID["a@test"]?["start"] as? String == "2027-03-30T14:00:00+02:00")
        #expect(byUID["a@test"]?["previous_start"] as? String == "2027-03-30T09:00:00+02:00")
        #expect(byUID["b@test"]?["status"] as? String == "cancelled")
    }

    @Test func aMalformedReloadLeavesTheDatabaseExactlyAsBefore() throws {
        let workspace = Workspace()
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let before = try workspace.dump()
        let broken = calendar(
            event(uid: "a@test", start: "20270330T140000", end: "20270330T170000"),
            event(uid: "b@test", start: "20270331T090000", end: "20270331T120000", extra: "RRULE:FREQ=SOMETIMES"))
        workspace.write("test.ics", broken)
        let result = try workspace.relais("campaigns", "load", file)
        #expect(result.status != 0)
        #expect(result.errors.contains("test.ics:"), "\(result.errors)")
        #expect(try workspace.dump() == before)
    }

    @Test func theCalendarFeedIsValidICalendarThatReloads() throws {
        let workspace = Workspace()
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let feed = try workspace.relais("calendar", "export", "--from", "2027-03-01")
        #expect(feed.status == 0)
        #expect(feed.output.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.output.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris"))
        #expect(feed.output.components(separatedBy: "BEGIN:VEVENT").count == 2)
        #expect(feed.output.contains("SUMMARY:Dépistage Mars bleu"))
    }
}
