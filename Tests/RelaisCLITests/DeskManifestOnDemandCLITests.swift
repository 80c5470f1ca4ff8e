// The driver's sheet of an on-demand run through `relais serve` and curl, on the desk's page and in
// the JSON API: the coordinator's sheet lists the pickups in the order and at the times
// `transport bookings --json` shows, each pickup point with its address from the territory's
// pickup-points file and the door pickup with its home address, then the return's drop-offs; the
// page draws the schematic route (inline SVG, every pickup numbered); a CCAS's copy holds its
// resident only.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct DeskManifestOnDemandCLITests {
    /// The six-passenger run of TransportManifestOnDemandCLITests served with a coordinator and a
    /// Cessy CCAS account; the bookings as `transport bookings --json` lists them.
    struct Served {
        let fixture: OnDemandWorkspace
        let bookings: [[String: Any]]
        let server: PeerProcess
        let port: UInt16

        init() throws {
            (fixture, bookings) = try TransportManifestOnDemandCLITests.booked()
            let workspace = fixture.workspace
            port = LoopbackPort.random()
            let calendars = workspace.directory.appendingPathComponent("calendars")
            try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
            workspace.configure("[calendars]\ndirectory = \(calendars.path)\n[web]\nport = \(port)\n")
            for (login, scope) in [
                ("agent-cessy", ["--role", "ccas", "--commune", "Cessy"]), ("coordination", ["--role", "coordinator"]),
            ] {
                let added = try workspace.relais(stdin: DeskSite.password + "\n", ["users", "add", login] + scope)
                #expect(added.status == 0, "\(added.errors)")
            }
            server = try startServe(workspace, port: port)
        }

        func signedIn(_ login: String) throws -> DeskClient {
            let client = DeskClient(port: port, workspace: fixture.workspace, name: login)
            #expect(try client.signIn(login, DeskSite.password).status == 303)
            return client
        }

        /// GET `path` of the API with `login`'s bearer token: the status and the body as JSON.
        func api(_ login: String, _ path: String) throws -> (status: Int, body: [String: Any]) {
            let client = DeskClient(port: port, workspace: fixture.workspace, name: "api-\(login)")
            let session = try client.curl([
                "-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#, client.url("/api/v1/session"),
            ])
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(session.body.utf8)) as? [String: Any])?["token"] as? String, "\(session.body)")
            let answer = try client.curl(["-H", "Authorization: Bearer \(token)", client.url(path)])
            return (answer.status, try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any] ?? [:])
        }
    }

    @Test func theDeskSheetFollowsTheStoredRouteAndACCASSeesItsResidentOnly() throws {
        let served = try Served()
        defer { served.server.stop() }
        let (fixture, bookings) = (served.fixture, served.bookings)
        let pickups = TransportManifestOnDemandCLITests.expected(bookings, order: "pickup_order", time: "pickup_at")
        let dropOffs = TransportManifestOnDemandCLITests.expected(bookings, order: "dropoff_order", time: "dropoff_at")
        #expect(pickups.count == 6 && dropOffs.count == 6)

        let page = try served.signedIn("coordination").get("/runs/\(fixture.run)/manifest")
        #expect(page.status == 200, "\(page.body)")
        let body = page.body
        let returnTable = try #require(body.range(of: "id=\"manifest-return\""), "no return table: \(body)")
        var cursor = body.startIndex
        for (_, time) in pickups {
            let found = try #require(body.range(of: "<td>\(time)</td>", range: cursor..<returnTable.lowerBound), "pickup \(time)")
            cursor = found.upperBound
        }
        cursor = returnTable.upperBound
        for (_, time) in dropOffs {
            let found = try #require(body.range(of: "<td>\(time)</td>", range: cursor..<body.endIndex), "drop-off \(time)")
            cursor = found.upperBound
        }
        #expect(body.contains("7 chemin des Tilleuls") && !body.contains("Gex, à la demande"), "the placeholder stop is listed")
        // The pickup points with their addresses from pays-de-gex.pickup-points.csv.
        #expect(body.contains("Cessy, Mairie, Mairie de Cessy") && body.contains("Gex, Mairie, Mairie de Gex"), "\(body)")
        // The schematic route, every pickup numbered, the depot and the destination drawn.
        let map = try #require(body.range(of: "<figure id=\"route-map\"><svg"), "no map: \(body)")
        #expect(map.lowerBound < returnTable.lowerBound)
        for number in 1...6 { #expect(body.contains("<g class=\"stop\" data-label=\"\(number)\">"), "pickup \(number) not drawn") }
        #expect(body.contains("<g class=\"depot\" data-label=\"D\">") && body.contains("<g class=\"destination\" data-label=\"A\">"))

        let cessy = try served.signedIn("agent-cessy").get("/runs/\(fixture.run)/manifest").body
        #expect(cessy.contains("Résident 2") && !cessy.contains("Résident 1") && !cessy.contains("7 chemin des Tilleuls"), "\(cessy)")
    }

    @Test func theAPIManifestOfAnOnDemandRunIsTheDoorToDoorSheet() throws {
        let served = try Served()
        defer { served.server.stop() }
        let (fixture, bookings) = (served.fixture, served.bookings)
        let pickups = TransportManifestOnDemandCLITests.expected(bookings, order: "pickup_order", time: "pickup_at")
        let dropOffs = TransportManifestOnDemandCLITests.expected(bookings, order: "dropoff_order", time: "dropoff_at")

        let answer = try served.api("coordination", "/api/v1/runs/\(fixture.run)/manifest")
        #expect(answer.status == 200, "\(answer.body)")
        #expect((answer.body["run"] as? [String: Any])?["kind"] as? String == "on-demand", "\(answer.body)")
        let sheet = try #require(answer.body["door_to_door"] as? [String: Any], "no door_to_door: \(answer.body)")
        let calls = try #require(sheet["pickups"] as? [[String: Any]])
        #expect(calls.map { $0["booking"] as? Int ?? 0 } == pickups.map(\.0))
        #expect(calls.map { $0["time"] as? String ?? "" } == pickups.map(\.1))
        #expect(calls.map { $0["order"] as? Int ?? 0 } == [1, 2, 3, 4, 5, 6])
        let back = try #require(sheet["drop_offs"] as? [[String: Any]])
        #expect(back.map { $0["booking"] as? Int ?? 0 } == dropOffs.map(\.0))
        #expect(back.map { $0["time"] as? String ?? "" } == dropOffs.map(\.1))
        let cessy = try #require(calls.first { $0["commune_name"] as? String == "Cessy" })
        #expect(cessy["place"] as? String == "Mairie" && cessy["address"] as? String == "Mairie de Cessy", "\(cessy)")
        #expect(cessy["wheelchair"] as? Bool == true && cessy["name"] as? String == "Résident 2", "\(cessy)")
        #expect((cessy["phone"] as? String)?.isEmpty == false, "\(cessy)")
        let door = try #require(calls.first { $0["door"] as? Bool == true })
        #expect(door["place"] as? String == "7 chemin des Tilleuls" && door["address"] as? String == "7 chemin des Tilleuls")
        #expect(sheet["arrival"] as? String == "09:00" && sheet["return_departure"] as? String == "11:30", "\(sheet)")
        // The keys the OpenAPI file documents, and only those (the conformance test's fixture has no on-demand run).
        let document = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Workspace.repository.appendingPathComponent("Sources/RelaisWeb/openapi.json"))) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        func documented(_ name: String) -> Set<String> { Set((schemas[name]?["properties"] as? [String: Any] ?? [:]).keys) }
        func required(_ name: String) -> Set<String> { Set(schemas[name]?["required"] as? [String] ?? []) }
        #expect(documented("Manifest").isSuperset(of: answer.body.keys) && required("Manifest").isSubset(of: answer.body.keys))
        #expect(Set(sheet.keys) == documented("DoorToDoorSheet") && required("DoorToDoorSheet") == documented("DoorToDoorSheet"))
        for call in calls + back { #expect(Set(call.keys) == required("SheetCall") && Set(call.keys) == documented("SheetCall")) }
        let map = try #require(sheet["map"] as? [[String: Any]])
        #expect(Set(map.compactMap { $0["commune"] as? String }).isSuperset(of: ["01173", "01053", "01071"]), "\(map)")

        let mine = try served.api("agent-cessy", "/api/v1/runs/\(fixture.run)/manifest")
        #expect(mine.status == 200, "\(mine.body)")
        let ccasSheet = try #require(mine.body["door_to_door"] as? [String: Any])
        let ccasCalls = ccasSheet["pickups"] as? [[String: Any]] ?? []
        #expect(ccasCalls.map { $0["name"] as? String } == ["Résident 2"], "\(ccasSheet)")
        #expect(ccasCalls.first?["order"] as? Int == calls.firstIndex { $0["commune_name"] as? String == "Cessy" }.map { $0 + 1 })
    }
}

extension DeskManifestOnDemandCLITests {
    /// The desk's page in Chromium (manifest_browser.py --desk): the coordinator signs in, the map
    /// shows the depot, the destination and every pickup numbered inside its box; the screenshot is kept.
    @Test func chromiumShowsTheDeskSheetsMapWithEveryPickupNumbered() throws {
        let served = try Served()
        defer { served.server.stop() }
        let password = served.fixture.workspace.write("desk-password", DeskSite.password + "\n")
        let shots = BrowserFlow.screenshots.appendingPathComponent("desk-manifest-on-demand")
        let result = try Workspace().run(
            python3,
            [
                BrowserFlow.folder.appendingPathComponent("manifest_browser.py").path, "--desk", "http://127.0.0.1:\(served.port)",
                "coordination", password, served.fixture.run, "--screenshots", shots.path,
            ], environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)\(result.errors)")
        #expect(result.status == 0 && object["error"] == nil, "\(object["error"] ?? result.errors)")
        #expect(object["stops"] as? [String] == ["1", "2", "3", "4", "5", "6"])
        #expect(object["inside"] as? [Bool] == Array(repeating: true, count: 6), "a numbered stop is drawn outside the map")
        #expect(object["depot"] as? Bool == true && object["destination"] as? Bool == true)
        #expect(object["pickup_rows"] as? Int == 6)
        let taken = object["screenshots"] as? [String] ?? []
        #expect(!taken.isEmpty)
        for shot in taken {
            #expect(try Data(contentsOf: URL(fileURLWithPath: shot)).starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(shot) is not a PNG")
            print("desk manifest screenshot kept at \(shot)")
        }
    }
}
