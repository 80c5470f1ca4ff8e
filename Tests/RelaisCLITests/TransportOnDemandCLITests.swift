// On-demand (door-to-door) shuttle runs through the built binary: added with a departure window
// instead of stops, booked with a pickup point or a home address, listed with their kind; the home
// address gone from the database file once the booking is cancelled or the trip recorded; fixed-stop
// runs listed as before with their kind.

import Foundation
import Testing

/// A workspace at 1 March 2027 with one on-demand run on Tuesday 30 March 2027 (window 07:00-08:30,
/// arrival 09:00, return 11:30, depot Gex 01173, destination Bourg-en-Bresse 01053) and residents
/// of Gex, Cessy and Mijoux with SMS consent.
struct OnDemandWorkspace {
    let workspace: Workspace
    let run: String

    init(seats: Int = 8, wheelchairPlaces: Int = 1, people: [String] = ["Gex", "Cessy", "Mijoux"], configuration: String = "") throws {
        workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure(configuration)
        let added = try workspace.run(
            Workspace.binary.path,
            workspace.globalArguments + [
                "transport", "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "07:00-08:30",
                "--arrival", "09:00", "--return", "11:30", "--seats", String(seats), "--wheelchair-places", String(wheelchairPlaces),
                "--depot", "01173", "--destination-commune", "01053", "--destination", "CH Fleyriat", "--json",
            ], environment: ["RELAIS_NOW": workspace.now])
        #expect(added.status == 0, "\(added.errors)")
        run = String(try #require((try workspace.json(added) as? [String: Any])?["run"] as? Int))
        var csv = "name,commune,phone,consent,consent_source\n"
        for (index, commune) in people.enumerated() {
            csv += "Résident \(index + 1),\(commune),06 11 22 33 \(String(format: "%02d", index)),sms,test\n"
        }
        let imported = try workspace.relais("participants", "import", workspace.write("people.csv", csv))
        #expect(imported.status == 0, "\(imported.errors)")
    }

    @discardableResult
    func transport(_ arguments: [String], now: String? = nil) throws -> RunResult {
        try workspace.run(
            Workspace.binary.path, workspace.globalArguments + ["transport"] + arguments, environment: ["RELAIS_NOW": now ?? workspace.now])
    }

    /// Books participant `participant` as the CCAS of `ccas` and returns the JSON answer (status 0 expected).
    func book(_ participant: Int, ccas: String, _ more: [String] = []) throws -> [String: Any] {
        let result = try transport(["book", "--ccas", ccas, "--run", run, "--participant", String(participant), "--json"] + more)
        #expect(result.status == 0, "\(result.errors)")
        return try #require(try workspace.json(result) as? [String: Any], "\(result.output)\(result.errors)")
    }

    func bookings() throws -> [[String: Any]] {
        let result = try transport(["bookings", "--coordinator", "--json"])
        return try #require(try workspace.json(result) as? [[String: Any]], "\(result.errors)")
    }

    /// The database file's bytes, and its write-ahead log's if one is left.
    func databaseBytes() throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: workspace.database))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: workspace.database + "-wal")) { data.append(wal) }
        return data
    }

    func expectRefused(_ arguments: [String], mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try workspace.dump()
        let result = try transport(arguments)
        #expect(result.status != 0, "\(arguments) was accepted: \(result.output)", sourceLocation: sourceLocation)
        #expect(result.errors.contains(fragment), "\(arguments): \(result.errors)", sourceLocation: sourceLocation)
        #expect(try workspace.dump() == before, "\(arguments) changed the database", sourceLocation: sourceLocation)
    }
}

@Suite struct TransportOnDemandCLITests {
    @Test func anOnDemandRunIsListedWithItsWindowDepotAndDestinationCommuneAndNoStops() throws {
        let fixture = try OnDemandWorkspace()
        let fixed = try fixture.transport([
            "runs", "add", "--coordinator", "--date", "2027-03-31", "--stop", "07:30 Gex, Mairie", "--arrival", "09:00", "--return",
            "11:30", "--destination", "CH Fleyriat",
        ])
        #expect(fixed.status == 0, "\(fixed.errors)")
        let runs = try #require(try fixture.workspace.json(fixture.transport(["runs", "list", "--ccas", "Gex", "--json"])) as? [[String: Any]])
        #expect(runs.count == 2)
        #expect(runs[0]["kind"] as? String == "on-demand")
        #expect(runs[0]["departure_window"] as? String == "07:00-08:30")
        #expect(runs[0]["depot"] as? String == "01173" && runs[0]["destination_commune"] as? String == "01053")
        #expect(runs[0]["departure"] as? String == "2027-03-30T07:00:00+02:00" && runs[0]["arrival"] as? String == "2027-03-30T09:00:00+02:00")
        #expect((runs[0]["stops"] as? [Any])?.isEmpty == true)
        #expect(runs[1]["kind"] as? String == "fixed-stops")
        #expect(runs[1]["departure_window"] is NSNull && runs[1]["depot"] is NSNull)
        #expect((runs[1]["stops"] as? [Any])?.count == 1)
        let text = try fixture.transport(["runs", "list", "--coordinator"])
        #expect(text.output.contains("on demand 07:00-08:30 from Gex"), "\(text.output)")
    }

    @Test func aBookingPicksUpAtANamedPointTheTownHallOrTheDoorAndSaysSo() throws {
        let fixture = try OnDemandWorkspace()
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "1", "--pickup-point", "Parking de l'agglo"],
            mentioning: "--pickup-point: \"Parking de l'agglo\" is not a pickup point of Gex; its points: Mairie")
        // The territory's pickup points, whatever the case and accents typed: the file's spelling is recorded.
        let atPoint = try fixture.book(1, ccas: "Gex", ["--pickup-point", "MAIRIE"])
        #expect(atPoint["status"] as? String == "confirmed" && atPoint["run_kind"] as? String == "on-demand")
        let point = try #require(atPoint["pickup_place"] as? [String: Any])
        #expect(point["kind"] as? String == "point" && point["place"] as? String == "Mairie")
        #expect(point["commune_code"] as? String == "01173" && point["commune_name"] as? String == "Gex")
        let townHall = try #require(try fixture.book(2, ccas: "Cessy")["pickup_place"] as? [String: Any])
        #expect(townHall["kind"] as? String == "point" && townHall["place"] as? String == "Mairie")
        #expect(townHall["commune_code"] as? String == "01071")
        let door = try #require(try fixture.book(3, ccas: "Mijoux", ["--door", "12 rue de la Valserine"])["pickup_place"] as? [String: Any])
        #expect(door["kind"] as? String == "door" && door["place"] as? String == "12 rue de la Valserine")
        #expect(try fixture.bookings().map { $0["run_kind"] as? String } == ["on-demand", "on-demand", "on-demand"])
        let text = try fixture.transport(["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "1"])
        #expect(text.status != 0 && text.errors.contains("--participant: already booked on this run"), "\(text.errors)")
    }

    @Test func badPickupInputIsRefusedNamingTheOptionAndTheDatabaseUnchanged() throws {
        let fixture = try OnDemandWorkspace()
        let book = ["book", "--ccas", "Gex", "--run", fixture.run, "--participant", "1"]
        try fixture.expectRefused(book + ["--stop", "1"], mentioning: "--stop: the run is on demand (door-to-door)")
        try fixture.expectRefused(book + ["--pickup-point", "Mairie", "--door", "1 rue"], mentioning: "give --pickup-point or --door, not both")
        try fixture.expectRefused(book + ["--door", ""], mentioning: "--door: a home address takes 1 to 200 characters")
        try fixture.expectRefused(book + ["--door", String(repeating: "x", count: 201)], mentioning: "--door")
        try fixture.expectRefused(book + ["--pickup-point", "  "], mentioning: "--pickup-point: a pickup point's name takes 1 to 120")
        let fixed = try fixture.transport([
            "runs", "add", "--coordinator", "--date", "2027-03-31", "--stop", "07:30 Gex, Mairie", "--return", "11:30", "--destination", "X",
            "--json",
        ])
        let fixedRun = String(try #require((try fixture.workspace.json(fixed) as? [String: Any])?["run"] as? Int))
        try fixture.expectRefused(
            ["book", "--ccas", "Gex", "--run", fixedRun, "--participant", "1", "--stop", "1", "--door", "1 rue"],
            mentioning: "--pickup-point: the run has fixed stops: give --stop")
        let add = ["runs", "add", "--coordinator", "--on-demand", "--date", "2027-04-13", "--arrival", "09:00", "--return", "11:30"]
        try fixture.expectRefused(add + ["--depot", "01173", "--destination-commune", "01053"], mentioning: "needs --departure-window")
        try fixture.expectRefused(
            add + ["--departure-window", "08:30-07:00", "--depot", "01173", "--destination-commune", "01053"],
            mentioning: "--departure-window \"08:30-07:00\" is not a window such as 07:00-08:30")
        try fixture.expectRefused(
            add + ["--departure-window", "07:00-09:30", "--depot", "01173", "--destination-commune", "01053"], mentioning: "--arrival")
        try fixture.expectRefused(add + ["--departure-window", "07:00-08:30", "--destination-commune", "01053"], mentioning: "needs --depot CODE")
        try fixture.expectRefused(
            add + ["--departure-window", "07:00-08:30", "--depot", "01053", "--destination-commune", "01053"],
            mentioning: "--depot: 01053 is not a commune of")
        try fixture.expectRefused(
            add + ["--departure-window", "07:00-08:30", "--depot", "Gex", "--destination-commune", "Bourg"],
            mentioning: "--destination-commune: \"Bourg\" is not an INSEE commune code")
        try fixture.expectRefused(
            add + ["--departure-window", "07:00-08:30", "--depot", "Gex", "--destination-commune", "01053", "--stop", "07:30 Gex, Mairie"],
            mentioning: "--stop: an on-demand run has no stops")
    }

    @Test func theHomeAddressIsGoneFromTheDatabaseFileOnceCancelledOrTheTripRecorded() throws {
        let fixture = try OnDemandWorkspace()
        _ = try fixture.book(1, ccas: "Gex", ["--door", "7 chemin des Hirondelles"])
        _ = try fixture.book(2, ccas: "Cessy", ["--door", "19 impasse du Grand Pré"])
        #expect(try fixture.databaseBytes().range(of: Data("7 chemin des Hirondelles".utf8)) != nil)
        let cancelled = try fixture.transport(["cancel", "--ccas", "Gex", "1"])
        #expect(cancelled.status == 0, "\(cancelled.errors)")
        #expect(try fixture.databaseBytes().range(of: Data("7 chemin des Hirondelles".utf8)) == nil)
        #expect(try fixture.databaseBytes().range(of: Data("19 impasse du Grand Pré".utf8)) != nil)
        let completed = try fixture.transport(["complete", "--coordinator", "--run", fixture.run], now: "2027-03-30T12:00")
        #expect(completed.status == 0, "\(completed.errors)")
        #expect(try fixture.databaseBytes().range(of: Data("19 impasse du Grand Pré".utf8)) == nil)
        let places = try fixture.bookings().map { ($0["pickup_place"] as? [String: Any])?["place"] }
        #expect(places.allSatisfy { $0 is NSNull }, "\(places)")
    }

    @Test func onTheShippedMatrixABookingGetsItsPickupTimeAndOneNoRouteCanCarryIsRefusedWithTheRide() throws {
        let fixture = try OnDemandWorkspace()
        let gex = try #require(try fixture.book(1, ccas: "Gex")["pickup_place"] as? [String: Any])
        #expect(gex["pickup_order"] as? Int == 1 && gex["pickup_at"] is String, "\(gex)")
        #expect(gex["dropoff_order"] as? Int == 1 && gex["dropoff_at"] is String, "\(gex)")
        // With a ride limit of 100 minutes, Gex to Bourg-en-Bresse is too far even alone: refused, nothing recorded.
        let strict = try OnDemandWorkspace(configuration: "[transport]\nmax_ride_minutes = 100\n")
        try strict.expectRefused(
            ["book", "--ccas", "Gex", "--run", strict.run, "--participant", "1"],
            mentioning: "--run: too far for this run: someone would ride")
    }
}
