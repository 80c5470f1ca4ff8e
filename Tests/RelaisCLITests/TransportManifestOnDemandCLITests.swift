// relais transport manifest on an on-demand run, through the built binary: six residents of six
// Pays de Gex communes booked with `transport book` (one in a wheelchair, one picked up at home),
// then the driver's sheet in text, CSV, JSON and HTML lists the pickups in the order and at the
// times `transport bookings --json` shows for each booking, and the return's drop-offs likewise;
// a CCAS's copy holds its resident only; the HTML page opened in Chromium (manifest_browser.py)
// shows the schematic with every pickup numbered, and its screenshot is kept.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct TransportManifestOnDemandCLITests {
    static let communes = ["Gex", "Cessy", "Divonne-les-Bains", "Ferney-Voltaire", "Saint-Genis-Pouilly", "Thoiry"]

    /// A run with six bookings (window 05:30-08:30: six pickups and the drive to the destination
    /// take more than the fixture run's 90-minute window allows); the workspace with that run as
    /// `run`, and the bookings as `transport bookings --json` lists them.
    static func booked() throws -> (OnDemandWorkspace, [[String: Any]]) {
        let base = try OnDemandWorkspace(seats: 8, wheelchairPlaces: 1, people: communes)
        let added = try base.transport([
            "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "05:30-08:30",
            "--arrival", "09:00", "--return", "11:30", "--seats", "8", "--wheelchair-places", "1", "--depot", "01173",
            "--destination-commune", "01053", "--destination", "CH Fleyriat", "--json",
        ])
        #expect(added.status == 0, "\(added.errors)")
        let run = try #require((try base.workspace.json(added) as? [String: Any])?["run"] as? Int)
        let fixture = OnDemandWorkspace(workspace: base.workspace, run: String(run))
        for (index, commune) in communes.enumerated() {
            let extra: [String] =
                switch index {
                case 1: ["--wheelchair"]
                case 3: ["--door", "7 chemin des Tilleuls"]
                default: []
                }
            #expect(try fixture.book(index + 1, ccas: commune, extra)["status"] as? String == "confirmed")
        }
        return (fixture, try fixture.bookings().filter { $0["run"] as? Int == run })
    }

    /// `HH:MM` of a booking's stored `pickup_at` or `dropoff_at` (local ISO 8601).
    static func clock(_ booking: [String: Any], _ key: String) -> String? {
        ((booking["pickup_place"] as? [String: Any])?[key] as? String).map { String($0.dropFirst(11).prefix(5)) }
    }

    /// (booking, HH:MM) in the vehicle's order for `order` (pickup_order or dropoff_order).
    static func expected(_ bookings: [[String: Any]], order: String, time: String) -> [(Int, String)] {
        bookings.compactMap { booking -> (Int, Int, String)? in
            guard let place = booking["pickup_place"] as? [String: Any], let position = place[order] as? Int,
                let id = booking["id"] as? Int, let at = clock(booking, time)
            else { return nil }
            return (position, id, at)
        }.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
    }

    func manifest(_ fixture: OnDemandWorkspace, _ format: String, scope: [String] = ["--coordinator"]) throws -> String {
        let result = try fixture.transport(["manifest"] + scope + [fixture.run, "--format", format])
        #expect(result.status == 0, "\(result.errors)")
        return result.output
    }

    @Test func everyFormatShowsThePlannedOrderAndTimesOfTheBookings() throws {
        let (fixture, bookings) = try Self.booked()
        let pickups = Self.expected(bookings, order: "pickup_order", time: "pickup_at")
        let dropOffs = Self.expected(bookings, order: "dropoff_order", time: "dropoff_at")
        #expect(pickups.count == 6 && dropOffs.count == 6, "\(bookings)")

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try manifest(fixture, "json").utf8)) as? [String: Any])
        let sheetPickups = try #require(json["pickups"] as? [[String: Any]])
        #expect(sheetPickups.map { $0["booking"] as? Int ?? 0 } == pickups.map(\.0))
        #expect(sheetPickups.map { $0["time"] as? String ?? "" } == pickups.map(\.1))
        #expect(sheetPickups.map { $0["order"] as? Int ?? 0 } == [1, 2, 3, 4, 5, 6])
        let sheetDropOffs = try #require(json["drop_offs"] as? [[String: Any]])
        #expect(sheetDropOffs.map { $0["booking"] as? Int ?? 0 } == dropOffs.map(\.0))
        #expect(sheetDropOffs.map { $0["time"] as? String ?? "" } == dropOffs.map(\.1))
        #expect(sheetPickups.contains { $0["wheelchair"] as? Bool == true && $0["commune_name"] as? String == "Cessy" })
        #expect(sheetPickups.contains { $0["door"] as? Bool == true && $0["place"] as? String == "7 chemin des Tilleuls" })
        let departure = try #require(json["depot_departure"] as? String)
        #expect(departure < pickups[0].1 && departure >= "05:30", "the depot departure \(departure) is not before the first pickup")
        #expect(json["arrival"] as? String == "09:00" && json["return_departure"] as? String == "11:30")

        let csv = try manifest(fixture, "csv").split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
        let outbound = csv.filter { $0.first == "outbound" }
        #expect(outbound.map { $0[6] } == pickups.map { String($0.0) }, "\(csv)")
        #expect(outbound.map { $0[2] } == pickups.map(\.1))
        #expect(csv.filter { $0.first == "return" }.map { $0[2] } == dropOffs.map(\.1))

        let text = try manifest(fixture, "text")
        #expect(text.contains("(door to door)") && text.contains("door: 7 chemin des Tilleuls"), "\(text)")
        let rows = text.split(separator: "\n").drop { !$0.hasPrefix("Pickups:") }.dropFirst(2).prefix(pickups.count)
        #expect(rows.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] } == pickups.map { Substring($0.1) }, "\(text)")

        let html = try manifest(fixture, "html")
        #expect(html.contains("<svg") && html.contains("7 chemin des Tilleuls"))
        var cursor = html.startIndex
        for (_, time) in pickups {
            let found = try #require(html.range(of: time, range: cursor..<html.endIndex), "\(time) missing or out of order")
            cursor = found.upperBound
        }
    }

    /// The pickup point's address comes from pays-de-gex.pickup-points.csv ("Mairie de Cessy"); the
    /// door pickup's address is the home address.
    @Test func everyFormatGivesThePickupPointsAddressBesideItsName() throws {
        let (fixture, _) = try Self.booked()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try manifest(fixture, "json").utf8)) as? [String: Any])
        let calls = (json["pickups"] as? [[String: Any]] ?? []) + (json["drop_offs"] as? [[String: Any]] ?? [])
        let cessy = calls.filter { $0["commune_name"] as? String == "Cessy" }
        #expect(
            cessy.count == 2 && cessy.allSatisfy { $0["place"] as? String == "Mairie" && $0["address"] as? String == "Mairie de Cessy" })
        let door = calls.filter { $0["door"] as? Bool == true }
        #expect(door.count == 2 && door.allSatisfy { $0["address"] as? String == "7 chemin des Tilleuls" }, "\(door)")

        let csv = try manifest(fixture, "csv").split(whereSeparator: \.isNewline).map { $0.split(separator: ",").map(String.init) }
        #expect(csv.first?.last == "address")
        #expect(csv.filter { $0[3] == "Cessy" }.map { $0.last } == ["Mairie de Cessy", "Mairie de Cessy"], "\(csv)")
        #expect(try manifest(fixture, "text").contains("Mairie, Mairie de Cessy"))
        #expect(try manifest(fixture, "html").contains("<td>Mairie, Mairie de Thoiry</td>"))
    }

    @Test func aCCASCopyHoldsItsResidentOnly() throws {
        let (fixture, bookings) = try Self.booked()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try manifest(fixture, "json", scope: ["--ccas", "Thoiry"]).utf8))
                as? [String: Any])
        let mine = bookings.filter { ($0["pickup_place"] as? [String: Any])?["commune_name"] as? String == "Thoiry" }
        #expect((json["pickups"] as? [[String: Any]])?.map { $0["booking"] as? Int } == mine.map { $0["id"] as? Int })
        #expect(!(try manifest(fixture, "text", scope: ["--ccas", "Thoiry"])).contains("7 chemin des Tilleuls"))
    }

    @Test func chromiumShowsTheStoredRouteOnTheMapWithEveryPickupNumbered() throws {
        let (fixture, _) = try Self.booked()
        let directory = fixture.workspace.directory.appendingPathComponent("sheet")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = directory.appendingPathComponent("manifest-\(fixture.run).html")
        try Data(try manifest(fixture, "html").utf8).write(to: page)
        let shots = BrowserFlow.screenshots.appendingPathComponent("manifest-on-demand")
        let result = try Workspace().run(
            python3, [BrowserFlow.folder.appendingPathComponent("manifest_browser.py").path, page.path, "--screenshots", shots.path],
            environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)\(result.errors)")
        #expect(result.status == 0 && object["error"] == nil, "\(object["error"] ?? result.errors)")
        #expect(object["stops"] as? [String] == ["1", "2", "3", "4", "5", "6"])
        #expect(object["inside"] as? [Bool] == Array(repeating: true, count: 6), "a numbered stop is drawn outside the map")
        #expect(object["depot"] as? Bool == true && object["destination"] as? Bool == true)
        #expect(object["pickup_rows"] as? Int == 6)
        for shot in object["screenshots"] as? [String] ?? [] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: shot)).starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(shot) is not a PNG")
            print("on-demand manifest screenshot kept at \(shot)")
        }
    }
}

extension OnDemandWorkspace {
    /// The same workspace working on another of its runs.
    init(workspace: Workspace, run: String) {
        self.workspace = workspace
        self.run = run
    }
}
