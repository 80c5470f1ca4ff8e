// The calendar's door-to-door shuttle through the built binary: `campaigns load` of an .ics whose
// transport event says X-RELAIS-PICKUP:on-demand makes an on-demand run (window, arrival, return,
// depot and destination commune as `runs add --on-demand` gives them), which `transport book
// --pickup-point` / `--door` books and `transport manifest` prints as the door-to-door sheet; a
// moved event moves the booked run's window and planned pickups; an unknown X-RELAIS-PICKUP, or
// X-RELAIS-STOPS with on-demand, is refused naming the file's line, the database unchanged.

import Foundation
import Testing

@Suite struct TransportCalendarOnDemandCLITests {
    static func shuttle(
        start: String = "070000", window: String = "07:00-08:30", arrival: String = "09:00", back: String = "11:30", extra: String = ""
    ) -> String {
        """
        UID:porte-a-porte@test
        DTSTAMP:20261101T000000Z
        DTSTART;TZID=Europe/Paris:20270330T\(start)
        DTEND;TZID=Europe/Paris:20270330T130000
        SUMMARY:Navette EPS à la demande
        CATEGORIES:transport
        X-RELAIS-CAPACITY:8
        X-RELAIS-PICKUP:on-demand
        X-RELAIS-DEPARTURE-WINDOW:\(window)
        X-RELAIS-ARRIVAL:\(arrival)
        X-RELAIS-RETURN:\(back)
        X-RELAIS-VEHICLE:wheelchair-places=1
        X-RELAIS-DEPOT:Gex
        X-RELAIS-DESTINATION-COMMUNE:01053
        X-RELAIS-DESTINATION:CH Fleyriat
        """ + (extra.isEmpty ? "" : "\n" + extra)
    }

    /// A workspace at 1 March 2027 with the calendar loaded and residents of Gex and Cessy; the run made.
    static func loaded() throws -> (OnDemandWorkspace, String) {
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        let file = workspace.write("navettes.ics", calendar(campaign: "navettes-2027", fa: "7,11", shuttle()))
        let loaded = try workspace.relais("campaigns", "load", file)
        #expect(loaded.status == 0, "\(loaded.output)\(loaded.errors)")
        let imported = try workspace.relais(
            "participants", "import",
            workspace.write("people.csv", "name,commune,phone,consent,consent_source\nRésident 1,Gex,06 11 22 33 00,sms,test\nRésident 2,Cessy,06 11 22 33 01,sms,test\n"))
        #expect(imported.status == 0, "\(imported.errors)")
        let runs = try #require(try workspace.json(workspace.relais("transport", "runs", "list", "--coordinator", "--json")) as? [[String: Any]])
        #expect(runs.count == 1, "\(runs)")
        let run = try #require(runs.first?["id"] as? Int)
        return (OnDemandWorkspace(workspace: workspace, run: String(run)), file)
    }

    @Test func aCalendarOnDemandEventMakesARunThatBooksAPickupPointAndPrintsTheDoorToDoorSheet() throws {
        let (fixture, _) = try Self.loaded()
        let runs = try #require(try fixture.workspace.json(fixture.transport(["runs", "list", "--coordinator", "--json"])) as? [[String: Any]])
        let run = try #require(runs.first)
        #expect(run["kind"] as? String == "on-demand" && run["departure_window"] as? String == "07:00-08:30", "\(run)")
        #expect(run["depot"] as? String == "01173" && run["destination_commune"] as? String == "01053")
        #expect(run["arrival"] as? String == "2027-03-30T09:00:00+02:00" && run["return_departure"] as? String == "2027-03-30T11:30:00+02:00")
        #expect(run["wheelchair_places"] as? Int == 1 && (run["stops"] as? [Any])?.isEmpty == true)

        let gex = try fixture.book(1, ccas: "Gex", ["--pickup-point", "Mairie"])
        #expect(gex["status"] as? String == "confirmed" && gex["run_kind"] as? String == "on-demand", "\(gex)")
        #expect((gex["pickup_place"] as? [String: Any])?["pickup_order"] is Int, "\(gex)")
        #expect(try fixture.book(2, ccas: "Cessy", ["--door", "4 rue des Vergers"])["status"] as? String == "confirmed")

        let sheet = try fixture.transport(["manifest", "--coordinator", fixture.run, "--format", "text"])
        #expect(sheet.status == 0, "\(sheet.errors)")
        #expect(sheet.output.contains("(door to door)") && sheet.output.contains("door: 4 rue des Vergers"), "\(sheet.output)")
        #expect(sheet.output.contains("Mairie"), "\(sheet.output)")
    }

    @Test func aMovedEventMovesTheBookedRunsWindowAndPlannedPickups() throws {
        let (fixture, file) = try Self.loaded()
        _ = try fixture.book(1, ccas: "Gex", ["--pickup-point", "Mairie"])
        let before = try #require(fixture.bookings().first?["pickup_place"] as? [String: Any])
        let pickup = try #require(before["pickup_at"] as? String)
        fixture.workspace.write(
            "navettes.ics",
            calendar(campaign: "navettes-2027", fa: "7,11", Self.shuttle(start: "063000", window: "06:30-08:00", arrival: "08:30", back: "11:00", extra: "SEQUENCE:1")))
        let reloaded = try fixture.workspace.relais("campaigns", "load", file)
        #expect(reloaded.status == 0, "\(reloaded.output)\(reloaded.errors)")
        let runs = try #require(try fixture.workspace.json(fixture.transport(["runs", "list", "--coordinator", "--json"])) as? [[String: Any]])
        #expect(runs.first?["departure_window"] as? String == "06:30-08:00", "\(runs)")
        #expect(runs.first?["arrival"] as? String == "2027-03-30T08:30:00+02:00", "\(runs)")
        #expect(runs.first?["return_departure"] as? String == "2027-03-30T11:00:00+02:00", "\(runs)")
        let after = try #require(fixture.bookings().first?["pickup_place"] as? [String: Any])
        let moved = try #require(after["pickup_at"] as? String)
        let format = ISO8601DateFormatter()
        let shift = try #require(format.date(from: moved)).timeIntervalSince(try #require(format.date(from: pickup)))
        #expect(shift == -30 * 60, "\(pickup) -> \(moved)")
    }

    @Test func aChangedLineReplansABookedRunWhenARouteStillCarriesItsPassengersElseKeepsIt() throws {
        let (fixture, file) = try Self.loaded()
        _ = try fixture.book(1, ccas: "Gex", ["--pickup-point", "Mairie"])
        let pickup = try #require((fixture.bookings().first?["pickup_place"] as? [String: Any])?["pickup_at"] as? String)
        let write = { (text: String) -> Void in _ = fixture.workspace.write("navettes.ics", calendar(campaign: "navettes-2027", fa: "7,11", text)) }
        write(Self.shuttle(arrival: "09:30", back: "12:00"))
        let later = try fixture.transport(["runs", "load", "--coordinator", file])
        #expect(later.status == 0 && later.output.contains("0 cancelled") && !later.output.contains("keep"), "\(later.output)\(later.errors)")
        var runs = try #require(try fixture.workspace.json(fixture.transport(["runs", "list", "--coordinator", "--json"])) as? [[String: Any]])
        #expect(runs.first?["arrival"] as? String == "2027-03-30T09:30:00+02:00", "\(runs)")
        #expect(runs.first?["return_departure"] as? String == "2027-03-30T12:00:00+02:00", "\(runs)")
        let replanned = try #require((fixture.bookings().first?["pickup_place"] as? [String: Any])?["pickup_at"] as? String)
        #expect(replanned > pickup, "the pickup \(pickup) was not planned again for the later arrival: \(replanned)")

        // No route reaches the destination 25 minutes after leaving the depot: the run keeps its times.
        write(Self.shuttle(window: "07:00-07:05", arrival: "07:30", back: "12:00"))
        let kept = try fixture.transport(["runs", "load", "--coordinator", file])
        #expect(kept.status == 0 && kept.output.contains("1 runs already booked keep"), "\(kept.output)\(kept.errors)")
        runs = try #require(try fixture.workspace.json(fixture.transport(["runs", "list", "--coordinator", "--json"])) as? [[String: Any]])
        #expect(runs.first?["arrival"] as? String == "2027-03-30T09:30:00+02:00", "\(runs)")
        #expect(runs.first?["departure_window"] as? String == "07:00-08:30", "\(runs)")
        #expect((try fixture.bookings().first?["pickup_place"] as? [String: Any])?["pickup_at"] as? String == replanned)
    }

    @Test(arguments: [
        ("X-RELAIS-PICKUP:on-demand", "X-RELAIS-PICKUP:taxi", "X-RELAIS-PICKUP: \"taxi\" is not a kind of pickup"),
        ("X-RELAIS-DEPARTURE-WINDOW:07:00-08:30", "X-RELAIS-STOPS:07:00 Gex\\, Mairie", "X-RELAIS-STOPS: an on-demand run"),
    ])
    func aBadPickupPropertyIsRefusedNamingTheLineAndNothingChanges(from: String, to: String, message: String) throws {
        let (fixture, file) = try Self.loaded()
        let before = try fixture.workspace.dump()
        fixture.workspace.write(
            "navettes.ics", calendar(campaign: "navettes-2027", fa: "7,11", Self.shuttle().replacingOccurrences(of: from, with: to)))
        let refused = try fixture.workspace.relais("campaigns", "load", file)
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.errors.contains("navettes.ics:6: event porte-a-porte@test: \(message)"), "\(refused.errors)")
        #expect(try fixture.workspace.dump() == before)
    }
}
