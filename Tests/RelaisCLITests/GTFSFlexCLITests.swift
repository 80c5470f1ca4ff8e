// relais transport export-gtfs: the feed written by the built binary, and a door-to-door feed
// written by the core's GTFSFlexWriter from a value, both read back by gtfs_flex_check.py (a
// reader written from the GTFS reference with its Flex fields), and the command's refusals.

import Foundation
import RelaisCore
import Testing

@Suite struct GTFSFlexCLITests {
    /// Points of the communes these tests use (test values, to about 100 m, with no claim beyond).
    static let points = """
        # Test coordinates: commune centres read off a map, for these tests only.
        code,name,latitude,longitude
        01173,Gex,46.3333,6.0578
        01071,Cessy,46.3206,6.0722
        01143,Divonne-les-Bains,46.3575,6.1375
        01160,Ferney-Voltaire,46.2558,6.1081
        01354,Saint-Genis-Pouilly,46.2436,6.0253
        01247,Mijoux,46.3703,6.0050
        01053,Bourg-en-Bresse,46.2052,5.2255

        """

    /// A copy of the territory file with the points beside it; its path.
    static func territory(in workspace: Workspace, points: String? = GTFSFlexCLITests.points) throws -> String {
        let directory = workspace.directory.appendingPathComponent("territory")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let conf = directory.appendingPathComponent("pays-de-gex.conf")
        try FileManager.default.copyItem(at: Workspace.repository.appendingPathComponent("Config/territories/pays-de-gex.conf"), to: conf)
        if let points {
            try points.write(to: directory.appendingPathComponent("pays-de-gex.communes-geo.csv"), atomically: true, encoding: .utf8)
        }
        return conf.path
    }

    /// Runs the reader on a directory.
    static func check(_ directory: String) throws -> RunResult {
        let script = Workspace.repository.appendingPathComponent("Tests/RelaisCLITests/gtfs_flex_check.py").path
        return try Workspace().run("/usr/bin/python3", [script, directory])
    }

    static func export(_ shuttle: TransportWorkspace, territory: String, _ arguments: [String]) throws -> RunResult {
        try shuttle.workspace.run(
            Workspace.binary.path, shuttle.workspace.globalArguments + ["transport", "export-gtfs"] + arguments,
            environment: ["RELAIS_NOW": shuttle.workspace.now, "RELAIS_TERRITORY": territory])
    }

    static func rows(_ directory: String, _ name: String) throws -> [[String]] {
        let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func theFixedStopRunIsExportedAndReadsBackAsValidGTFSFlex() throws {
        let shuttle = try TransportWorkspace()
        let territory = try Self.territory(in: shuttle.workspace)
        let directory = shuttle.workspace.directory.appendingPathComponent("feed").path
        let result = try Self.export(
            shuttle, territory: territory,
            ["--coordinator", directory, "--url", "https://agglo.example/navette", "--destination-commune", "01053"])
        #expect(result.status == 0, "\(result.errors)")
        let checked = try Self.check(directory)
        #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
        #expect(checked.output.contains("trips=2"), "\(checked.output)")
        let times = try Self.rows(directory, "stop_times.txt")
        let outbound = times.filter { $0[0] == "run-\(shuttle.run)-out" }
        #expect(outbound.map { $0[1] } == ["07:30:00", "07:45:00", "09:00:00"])
        #expect(outbound.map { $0[3] } == ["stop-01173-parking-de-l-agglo", "stop-01071-mairie", "destination-ch-fleyriat"])
        // Pickups are booked (type 2) under the day's rule; the destination is a drop-off only.
        #expect(outbound.map { $0[9] } == ["2", "2", "1"])
        #expect(outbound.map { $0[11] } == ["prior-4d", "prior-4d", ""])
        let back = times.filter { $0[0] == "run-\(shuttle.run)-back" }
        #expect(back.map { $0[1] } == ["11:30:00", "12:45:00", "13:00:00"])
        // Tuesday 30 March 2027: Monday 29 is Easter Monday, booking closes Friday 26 at 17:00, four days before.
        let rules = try Self.rows(directory, "booking_rules.txt")
        #expect(rules.dropFirst().map { Array($0.prefix(7)) } == [["prior-4d", "2", "", "4", "17:00:00", "30", "00:00:00"]])
        #expect(try Self.rows(directory, "calendar_dates.txt").dropFirst().map { $0 } == [["day-20270330", "20270330", "1"]])
    }

    @Test func aCancelledRunIsLeftOut() throws {
        let shuttle = try TransportWorkspace()
        let territory = try Self.territory(in: shuttle.workspace)
        let cancelled = try shuttle.transport(["runs", "cancel", "--coordinator", shuttle.run, "--reason", "panne"])
        #expect(cancelled.status == 0, "\(cancelled.errors)")
        let directory = shuttle.workspace.directory.appendingPathComponent("feed").path
        let result = try Self.export(
            shuttle, territory: territory, ["--coordinator", directory, "--url", "https://agglo.example", "--destination-commune", "01053"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try Self.rows(directory, "trips.txt").count == 1)
        #expect(result.output.contains("0 runs"), "\(result.output)")
    }

    @Test func refusalsNameWhatIsMissingAndWriteNothing() throws {
        let shuttle = try TransportWorkspace()
        let territory = try Self.territory(in: shuttle.workspace)
        let directory = shuttle.workspace.directory.appendingPathComponent("feed").path
        let cases: [([String], String)] = [
            (["--ccas", "Gex", directory, "--url", "https://a.example", "--destination-commune", "01053"], "only the coordinator"),
            (["--coordinator", directory, "--destination-commune", "01053"], "--url"),
            (["--coordinator", directory, "--url", "https://a.example"], "--destination-commune"),
            (["--coordinator", directory, "--url", "https://a.example", "--destination-commune", "01999"], "01999 has no point"),
        ]
        for (arguments, fragment) in cases {
            let result = try Self.export(shuttle, territory: territory, arguments)
            #expect(result.status != 0, "\(arguments) was accepted")
            #expect(result.errors.contains(fragment), "\(arguments): \(result.errors)")
            #expect(!FileManager.default.fileExists(atPath: directory), "\(arguments) wrote the feed")
        }
    }

    @Test func aMissingOrBadCoordinatesFileIsRefusedWithItsNameAndLine() throws {
        let shuttle = try TransportWorkspace()
        let arguments = ["--coordinator", "feed", "--url", "https://a.example", "--destination-commune", "01053"]
        let missing = try Self.export(shuttle, territory: try Self.territory(in: shuttle.workspace, points: nil), arguments)
        #expect(missing.status == 66, "\(missing.errors)")
        #expect(missing.errors.contains("pays-de-gex.communes-geo.csv"), "\(missing.errors)")
        let other = try TransportWorkspace()
        let bad = try Self.export(
            other, territory: try Self.territory(in: other.workspace, points: Self.points + "01420,Somewhere,north,6.1\n"), arguments)
        #expect(bad.status == 65, "\(bad.errors)")
        #expect(bad.errors.contains("pays-de-gex.communes-geo.csv") && bad.errors.contains("10"), "\(bad.errors)")
    }

    /// A door-to-door run as the core writes it: zones of the served communes to the destination,
    /// and back.
    static func doorToDoorFeed(rules: ShuttleBookingRules = ShuttleBookingRules()) throws -> FlexFeed {
        let points = try CommuneGeo.parse(Self.points, fileName: "test.csv").positions
        let served = ["01173", "01143", "01160", "01354", "01247"]
        let zones = served.compactMap { GTFSFlexZones.zone(code: $0, points: points) }
        let destination = FlexStop(id: "destination-eps", name: "Centre de santé publique", latitude: 46.2052, longitude: 5.2255)
        let outbound =
            zones.map { FlexCall.zone(id: $0.id, from: 6 * 60 + 30, to: 8 * 60 + 40, pickup: true) }
            + [.stop(id: destination.id, minute: 9 * 60, pickup: false, dropOff: true, exact: true)]
        let back =
            [FlexCall.stop(id: destination.id, minute: 11 * 60 + 30, pickup: true, dropOff: false, exact: true)]
            + zones.map { FlexCall.zone(id: $0.id, from: 11 * 60 + 30, to: 14 * 60, pickup: false) }
        return FlexFeed(
            agency: FlexAgency(id: "organiser", name: "Organiser", url: "https://agglo.example", timeZone: "Europe/Paris", language: "fr"),
            stops: [destination], zones: zones, booking: rules, bookingMessage: "Réservation auprès du CCAS, \"avant 17 h\".",
            trips: [
                FlexTrip(id: "run-1-out", date: "20270330", headsign: "EPS", direction: .outbound, calls: outbound),
                FlexTrip(id: "run-1-back", date: "20270330", headsign: "Pays", direction: .inbound, calls: back),
                FlexTrip(id: "run-2-out", date: "20270405", headsign: "EPS", direction: .outbound, calls: outbound),
            ], version: "test")
    }

    static func write(_ feed: FlexFeed, in workspace: Workspace) throws -> String {
        let directory = workspace.directory.appendingPathComponent("flex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in GTFSFlexWriter.files(feed) {
            try file.text.write(to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    @Test func aDoorToDoorFeedHasZonesWindowsAndExactBookingRulesAndReadsBack() throws {
        let workspace = Workspace()
        let directory = try Self.write(try Self.doorToDoorFeed(), in: workspace)
        let checked = try Self.check(directory)
        #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
        #expect(checked.output.contains("zones=5") && checked.output.contains("trips=3"), "\(checked.output)")
        let times = try Self.rows(directory, "stop_times.txt")
        let gex = try #require(times.first { $0[0] == "run-1-out" && $0[4] == "zone-01173" })
        #expect(Array(gex[7...12]) == ["06:30:00", "08:40:00", "2", "1", "prior-4d", ""])
        let home = try #require(times.first { $0[0] == "run-1-back" && $0[4] == "zone-01247" })
        #expect(Array(home[7...12]) == ["11:30:00", "14:00:00", "1", "2", "", "prior-4d"])
        // Monday 5 April 2027: booking closes on Friday 2 April, three days before.
        #expect(times.first { $0[0] == "run-2-out" }?[11] == "prior-3d")
        let geo = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/locations.geojson")))
        let features = try #require((geo as? [String: Any])?["features"] as? [[String: Any]])
        #expect(features.compactMap { $0["id"] as? String } == ["zone-01173", "zone-01143", "zone-01160", "zone-01354", "zone-01247"])
    }

    @Test func theShippedCommuneBoundariesMakeValidZones() throws {
        for name in ["pays-de-gex", "haut-chablais"] {
            let file = Workspace.repository.appendingPathComponent("Config/territories/\(name).communes-zones.geojson")
            let boundaries = try GTFSFlexZones.boundaries(try String(contentsOf: file, encoding: .utf8), fileName: file.path)
            let conf = try String(
                contentsOf: Workspace.repository.appendingPathComponent("Config/territories/\(name).conf"), encoding: .utf8)
            let territory = try TerritoryFile.parse(conf, fileName: name)
            #expect(Set(boundaries.keys) == Set(territory.communes.map(\.code)), "\(name)")
            var feed = try Self.doorToDoorFeed()
            feed.zones = territory.communes.compactMap { GTFSFlexZones.zone(code: $0.code, points: [], boundaries: boundaries) }
            feed.trips = feed.trips.map { trip in
                var trip = trip
                trip.calls = feed.zones.map { .zone(id: $0.id, from: 6 * 60 + 30, to: 8 * 60 + 40, pickup: true) } + [trip.calls.last!]
                return trip
            }.filter { $0.direction == .outbound }
            let workspace = Workspace()
            let checked = try Self.check(try Self.write(feed, in: workspace))
            #expect(checked.status == 0, "\(name): \(checked.output)\(checked.errors)")
            #expect(checked.output.contains("zones=\(territory.communes.count)"), "\(checked.output)")
        }
    }

    @Test func sameDayAndRealTimeRulesAreWrittenWithTheirOwnFields() throws {
        let workspace = Workspace()
        for (rules, expected) in [
            (
                ShuttleBookingRules(bookingType: .sameDay, priorNoticeDurationMinimum: 120),
                ["booking", "1", "120", "", "", "30", "00:00:00"]
            ),
            (ShuttleBookingRules(bookingType: .realTime, priorNoticeStartDay: nil), ["booking", "0", "", "", "", "", ""]),
        ] {
            let directory = try Self.write(try Self.doorToDoorFeed(rules: rules), in: workspace)
            let checked = try Self.check(directory)
            #expect(checked.status == 0, "\(checked.output)\(checked.errors)")
            #expect(try Self.rows(directory, "booking_rules.txt").dropFirst().map { Array($0.prefix(7)) } == [expected])
        }
    }

    @Test func theReaderRefusesABrokenFeed() throws {
        let workspace = Workspace()
        var feed = try Self.doorToDoorFeed()
        feed.trips[0].calls[0] = .zone(id: "zone-01173", from: 9 * 60, to: 8 * 60, pickup: true)
        feed.trips[1].calls[1] = .zone(id: "zone-99999", from: 11 * 60 + 30, to: 14 * 60, pickup: false)
        feed.zones[1].ring.removeLast()
        let checked = try Self.check(try Self.write(feed, in: workspace))
        #expect(checked.status == 1)
        #expect(checked.output.contains("window 09:00:00-08:00:00 is not ordered"), "\(checked.output)")
        #expect(checked.output.contains("location_id 'zone-99999' is not in locations.geojson"), "\(checked.output)")
        #expect(checked.output.contains("ring is not closed"), "\(checked.output)")
    }
}
