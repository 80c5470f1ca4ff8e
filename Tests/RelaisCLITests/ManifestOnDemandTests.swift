// The driver's sheet of a door-to-door run (OnDemandManifest): its text, CSV, JSON and printable
// HTML forms from a value and from a run planned by the core's planner, and the HTML page of the
// planned run opened in Chromium (manifest_browser.py), whose
// schematic must show the depot, the destination and every pickup numbered in order; the
// screenshot is kept and its path printed.

import Foundation
import RelaisCore
import RelaisReports
import RelaisTestPeers
import Testing

@Suite struct ManifestOnDemandTests {
    /// Six passengers from six communes, one in a wheelchair, one picked up at home, one forgotten
    /// name with markup in another; test coordinates as in GTFSFlexCLITests.
    static func sample() -> OnDemandManifest {
        let points = [
            ("01173", "Gex", 46.3333, 6.0578), ("01071", "Cessy", 46.3206, 6.0722), ("01143", "Divonne-les-Bains", 46.3575, 6.1375),
            ("01160", "Ferney-Voltaire", 46.2558, 6.1081), ("01354", "Saint-Genis-Pouilly", 46.2436, 6.0253),
            ("01247", "Mijoux", 46.3703, 6.0050), ("01053", "Bourg-en-Bresse", 46.2052, 5.2255),
        ].map { CommunePosition(code: $0.0, name: $0.1, latitude: $0.2, longitude: $0.3) }
        func name(_ code: String) -> String { points.first { $0.code == code }!.name }
        let order: [(String, String, String, Bool, String?, Bool, Bool, Int)] = [
            ("01247", "07:02", "Mairie", false, "Léa <b>Martin</b> & \"Jo\"", false, false, 118),
            ("01173", "07:19", "12 rue des Acacias", true, "Paul Durand", true, true, 101),
            ("01143", "07:33", "Mairie", false, nil, false, false, 87),
            ("01071", "07:44", "Mairie", false, "Anne Roux", false, false, 76),
            ("01160", "07:56", "Mairie", false, "Karim Benali", false, true, 64),
            ("01354", "08:06", "Mairie", false, "Jeanne Petit", false, false, 54),
        ]
        let pickups = order.enumerated().map { index, row in
            ManifestCall(
                order: index + 1, time: row.1, commune: row.0, communeName: name(row.0), place: row.2, door: row.3,
                booking: Int64(11 + index),
                name: row.4, phone: "+33 6 11 22 33 \(String(format: "%02d", index))", wheelchair: row.5, companion: row.6,
                rideMinutes: row.7,
                address: ["01247": "1 place de la Mairie", "01143": "1 rue de l'Hôtel de Ville"][row.0] ?? (row.3 ? row.2 : nil))
        }
        let dropOffs = pickups.reversed().enumerated().map { index, call in
            var back = call
            back.order = index + 1
            back.time = ["12:35", "12:45", "12:57", "13:08", "13:22", "13:39"][index]
            return back
        }
        return OnDemandManifest(
            run: 7, label: "Navette EPS", day: "mardi 30 mars 2027",
            depot: ManifestPlace(name: "Parking de l'agglo", commune: "01173", communeName: "Gex"),
            destination: ManifestPlace(name: "Centre de santé publique", commune: "01053", communeName: "Bourg-en-Bresse"),
            depotDeparture: "06:50", arrival: "09:00", returnDeparture: "11:30", depotReturn: "13:50", pickups: pickups, dropOffs: dropOffs,
            map: points)
    }

    @Test func theTextSheetListsPickupsInOrderThenTheReturn() {
        let text = Self.sample().text()
        let lines = text.split(separator: "\n").map(String.init)
        let pickupRows = lines.drop { !$0.hasPrefix("Pickups:") }.dropFirst(2).prefix(6)
        #expect(pickupRows.map { String($0.prefix(1)) } == ["1", "2", "3", "4", "5", "6"], "\(text)")
        #expect(pickupRows.first?.contains("07:02  Mijoux") == true, "\(text)")
        #expect(text.contains("door: 12 rue des Acacias") && text.contains("wheelchair, companion"), "\(text)")
        #expect(text.contains("(forgotten)"))
        #expect(text.contains("Mairie, 1 place de la Mairie") && text.contains("Mairie, 1 rue de l'Hôtel de Ville"), "\(text)")
        #expect(text.contains("Return drop-offs:") && text.contains("13:39  Mijoux"), "\(text)")
    }

    /// A phone starting with + is neutralised against formulas, as in every CSV Relais writes (CSVWriter).
    @Test func theCSVHasOneRowPerCallWithTheCommuneCode() {
        let rows = Self.sample().csv().split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        #expect(rows.count == 13, "\(rows)")
        #expect(rows[0] == OnDemandManifest.csvColumns.joined(separator: ","))
        #expect(
            rows[2] == "outbound,2,07:19,Gex,12 rue des Acacias,yes,12,Paul Durand,'+33 6 11 22 33 01,yes,yes,101,01173,12 rue des Acacias",
            "\(rows[2])")
        #expect(rows[1].hasSuffix(",01247,1 place de la Mairie") && rows[4].hasSuffix(",01071,"), "\(rows)")
        #expect(rows[12].hasPrefix("return,6,13:39,Mijoux,"), "\(rows[12])")
    }

    @Test func theJSONReadsBackAsTheSameValue() throws {
        let sample = Self.sample()
        let json = sample.json()
        #expect(try JSONDecoder().decode(OnDemandManifest.self, from: Data(json.utf8)) == sample)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let pickups = try #require(object["pickups"] as? [[String: Any]])
        #expect(pickups.map { $0["commune"] as? String } == ["01247", "01173", "01143", "01071", "01160", "01354"])
        #expect(pickups[1]["door"] as? Bool == true && pickups[1]["ride_minutes"] as? Int == 101)
        // Every key written: an absent name or address is null, not missing.
        #expect(
            pickups[2]["name"] is NSNull && pickups[3]["address"] is NSNull && pickups[0]["address"] as? String == "1 place de la Mairie")
        #expect((object["drop_offs"] as? [Any])?.count == 6 && object["depot_departure"] as? String == "06:50")
    }

    @Test func theHTMLPageEscapesEveryValueAndDrawsTheNumberedStops() {
        let html = Self.sample().html()
        #expect(html.contains("Léa &lt;b&gt;Martin&lt;/b&gt; &amp; &quot;Jo&quot;"))
        #expect(!html.contains("<b>Martin"))
        #expect(!html.contains("<script"))
        #expect(html.contains("Domicile : 12 rue des Acacias"))
        for number in 1...6 { #expect(html.contains("data-label=\"\(number)\"")) }
        #expect(html.contains("class=\"depot\"") && html.contains("class=\"destination\""))
        // Bourg-en-Bresse is far west of the stops: drawn at the edge with its direction and distance.
        #expect(html.contains("← Bourg-en-Bresse ("), "\(html)")
    }

    @Test func anEmptyReturnSaysSo() {
        var sample = Self.sample()
        sample.dropOffs = []
        #expect(sample.html().contains("<section id=\"deposes\"><h2>Déposes (retour)</h2>\n<p>Aucun passager.</p>"))
        #expect(sample.text().contains("Return drop-offs:\nNo passenger."))
    }

    /// Six passengers from six communes of Pays de Gex (one in a wheelchair, one at home), planned by
    /// the core's planner from the shipped coordinates file, with a test matrix estimated from it
    /// (great-circle km x 1.3 at 50 km/h, test values only).
    static func planned() throws -> (OnDemandManifest, PlannedRoute, PlannedRoute) {
        let file = Workspace.repository.appendingPathComponent("Config/territories/pays-de-gex.communes-geo.csv")
        let points = try CommuneGeo.parse(try String(contentsOf: file, encoding: .utf8), fileName: file.path).positions
        let codes = ["01173", "01053", "01247", "01143", "01160", "01354", "01419", "01109"]
        let used = codes.compactMap { code in points.first { $0.code == code } }
        #expect(used.count == codes.count, "the shipped coordinates lack one of \(codes)")
        var triples: [(String, String, Int)] = []
        for (i, a) in used.enumerated() {
            for b in used[(i + 1)...] {
                triples.append((a.code, b.code, Int((GTFSFlexZones.metres(a, b) / 1000 * 1.3 / 50 * 60).rounded())))
            }
        }
        let times = TravelTimes(minutes: triples)
        let riders = [
            RoutePassenger(booking: 21, commune: "01247", wheelchair: true), RoutePassenger(booking: 22, commune: "01143"),
            RoutePassenger(booking: 23, commune: "01160"), RoutePassenger(booking: 24, commune: "01354"),
            RoutePassenger(booking: 25, commune: "01419"), RoutePassenger(booking: 26, commune: "01109"),
        ]
        let problem = RouteProblem(
            depot: "01173", destination: "01053", passengers: riders, rules: RouteRules(maxRideMinutes: 240))
        guard case .feasible(let outbound) = try RoutePlanner.plan(problem, leg: .outbound, times: times),
            case .feasible(let back) = try RoutePlanner.plan(problem, leg: .return, times: times)
        else { throw ManifestTestError() }
        let passengers = riders.map { rider in
            ManifestPassenger(
                booking: rider.booking, name: "Passager \(rider.booking)", phone: "06 00 00 00 \(rider.booking)",
                place: rider.booking == 22 ? "3 chemin des Vignes" : "Mairie", door: rider.booking == 22, wheelchair: rider.wheelchair,
                companion: rider.booking == 23)
        }
        let name = { (code: String) in points.first { $0.code == code }?.name ?? code }
        let manifest = OnDemandManifest(
            run: 9, label: "Navette EPS", day: "mardi 30 mars 2027",
            depot: ManifestPlace(name: "Parking de l'agglo", commune: "01173", communeName: name("01173")),
            destination: ManifestPlace(name: "Centre de santé publique", commune: "01053", communeName: name("01053")), outbound: outbound,
            return: back, anchors: ManifestAnchors(arrivalMinute: 9 * 60, returnMinute: 11 * 60 + 30), passengers: passengers,
            communeName: name,
            map: points)
        return (manifest, outbound, back)
    }

    struct ManifestTestError: Error {}

    @Test func theSheetOfAPlannedRunFollowsTheRouteOrderAndTimes() throws {
        let (manifest, outbound, back) = try Self.planned()
        #expect(manifest.pickups.map(\.booking) == outbound.stops.map(\.booking))
        #expect(manifest.pickups.map(\.time) == outbound.stops.map { ShuttleClock.text(9 * 60 + $0.offsetMinutes) })
        #expect(manifest.pickups.map(\.rideMinutes) == outbound.stops.map(\.rideMinutes))
        #expect(manifest.dropOffs.map(\.booking) == back.stops.map(\.booking))
        #expect(manifest.dropOffs.map(\.time) == back.stops.map { ShuttleClock.text(11 * 60 + 30 + $0.offsetMinutes) })
        #expect(manifest.depotDeparture == ShuttleClock.text(9 * 60 + outbound.depotOffsetMinutes))
        #expect(manifest.pickups.first { $0.booking == 22 }?.door == true)
        #expect(manifest.pickups.first { $0.booking == 21 }?.wheelchair == true)
        #expect(Set(manifest.map.map(\.code)) == ["01173", "01053", "01247", "01143", "01160", "01354", "01419", "01109"])
    }

    @Test func aCCASCopyKeepsItsPassengersPlaceInTheVehiclesOrder() throws {
        let (full, outbound, back) = try Self.planned()
        let mine = full.pickups.filter { $0.booking == 24 }.map {
            ManifestPassenger(
                booking: $0.booking, name: $0.name, phone: $0.phone, place: $0.place, door: false, wheelchair: false, companion: false)
        }
        let copy = OnDemandManifest(
            run: 9, label: full.label, day: full.day, depot: full.depot, destination: full.destination, outbound: outbound, return: back,
            anchors: ManifestAnchors(arrivalMinute: 9 * 60, returnMinute: 11 * 60 + 30), passengers: mine, communeName: { $0 },
            map: full.map)
        let position = try #require(outbound.stops.firstIndex { $0.booking == 24 })
        #expect(copy.pickups.map(\.order) == [position + 1])
        #expect(copy.dropOffs.count == 1)
    }

    @Test func chromiumShowsTheSchematicWithEveryPickupNumbered() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-manifest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = directory.appendingPathComponent("manifest-7.html")
        try Self.planned().0.html().write(to: page, atomically: true, encoding: .utf8)
        let result = try Workspace().run(
            python3,
            [
                BrowserFlow.folder.appendingPathComponent("manifest_browser.py").path, page.path, "--screenshots",
                directory.appendingPathComponent("screenshots").path,
            ], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)\(result.errors)")
        #expect(result.status == 0 && object["error"] == nil, "\(object["error"] ?? result.errors)")
        #expect(object["stops"] as? [String] == ["1", "2", "3", "4", "5", "6"])
        #expect(object["inside"] as? [Bool] == Array(repeating: true, count: 6), "a numbered stop is drawn outside the map")
        #expect(object["depot"] as? Bool == true && object["destination"] as? Bool == true)
        #expect(object["pickup_rows"] as? Int == 6)
        let shots = object["screenshots"] as? [String] ?? []
        #expect(shots.count == 1)
        for shot in shots {
            #expect(try Data(contentsOf: URL(fileURLWithPath: shot)).starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(shot) is not a PNG")
            print("manifest screenshot kept at \(shot)")
        }
    }
}
