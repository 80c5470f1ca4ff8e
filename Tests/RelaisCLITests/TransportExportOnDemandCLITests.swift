// relais transport export-gtfs with an on-demand run, through the built binary: the run booked by
// six residents (one picked up at home) is published as two zone trips over the territory's
// communes (their boundaries in locations.geojson), with windows from the departure window's
// opening (05:30) to the arrival and back, read back by gtfs_flex_check.py; no passenger's name, phone or
// door address appears in any file, and no placeholder depot stop is published as a pickup.

import Foundation
import Testing

@Suite struct TransportExportOnDemandCLITests {
    @Test func anOnDemandRunIsPublishedAsZoneTripsWithNoPersonalData() throws {
        let (fixture, bookings) = try TransportManifestOnDemandCLITests.booked()
        #expect(bookings.count == 6)
        let directory = fixture.workspace.directory.appendingPathComponent("feed").path
        let result = try fixture.transport([
            "export-gtfs", "--coordinator", directory, "--url", "https://agglo.example/navette", "--destination-commune", "01053",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let check = try GTFSFlexCLITests.check(directory)
        #expect(check.status == 0 && check.output.hasPrefix("OK"), "\(check.output)\(check.errors)")

        let trips = try GTFSFlexCLITests.rows(directory, "trips.txt")
        let tripColumn = try #require(trips.first?.firstIndex(of: "trip_id"))
        let ids = trips.dropFirst().map { $0[tripColumn] }
        #expect(ids.contains("run-\(fixture.run)-out") && ids.contains("run-\(fixture.run)-back"), "\(ids)")
        let times = try GTFSFlexCLITests.rows(directory, "stop_times.txt")
        let header = try #require(times.first)
        let column = { (name: String) in header.firstIndex(of: name)! }
        let outbound = times.dropFirst().filter { $0[column("trip_id")] == "run-\(fixture.run)-out" }
        let zoneCalls = outbound.filter { !$0[column("location_id")].isEmpty }
        #expect(zoneCalls.count == 27, "one zone per commune of the territory: \(outbound)")
        #expect(zoneCalls.allSatisfy { $0[column("start_pickup_drop_off_window")] == "05:30:00" })
        #expect(zoneCalls.allSatisfy { $0[column("end_pickup_drop_off_window")] == "09:00:00" && $0[column("pickup_type")] == "2" })
        let fixed = outbound.filter { !$0[column("stop_id")].isEmpty }
        #expect(fixed.count == 1 && fixed[0][column("arrival_time")] == "09:00:00", "only the destination is a fixed stop: \(fixed)")
        let back = times.dropFirst().filter { $0[column("trip_id")] == "run-\(fixture.run)-back" }
        #expect(back.first?[column("departure_time")] == "11:30:00", "\(back)")
        #expect(
            back.dropFirst().allSatisfy { $0[column("start_pickup_drop_off_window")] == "11:30:00" && $0[column("drop_off_type")] == "2" })

        let locations = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/locations.geojson")))
                as? [String: Any])
        let features = try #require(locations["features"] as? [[String: Any]])
        #expect(features.count == 27 && features.contains { $0["id"] as? String == "zone-01173" })

        let stops = try String(contentsOfFile: "\(directory)/stops.txt", encoding: .utf8)
        #expect(!stops.contains("à la demande"), "the placeholder depot stop is published: \(stops)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        for file in files {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
            for personal in ["Résident", "06 11 22 33", "+336112233", "061122330", "Tilleuls"] {
                #expect(!text.contains(personal), "\(file) holds \(personal)")
            }
        }
    }
}
