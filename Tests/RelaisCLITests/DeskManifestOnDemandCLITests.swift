// The desk's manifest page of an on-demand run through `relais serve` and curl: the coordinator's
// page lists the pickups in the order and at the times `transport bookings --json` shows, then the
// return's drop-offs; a CCAS's page holds its resident only.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct DeskManifestOnDemandCLITests {
    @Test func theDeskSheetFollowsTheStoredRouteAndACCASSeesItsResidentOnly() throws {
        let (fixture, bookings) = try TransportManifestOnDemandCLITests.booked()
        let workspace = fixture.workspace
        let port = LoopbackPort.random()
        let calendars = workspace.directory.appendingPathComponent("calendars")
        try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
        workspace.configure("[calendars]\ndirectory = \(calendars.path)\n[web]\nport = \(port)\n")
        for (login, scope) in [("agent-cessy", ["--role", "ccas", "--commune", "Cessy"]), ("coordination", ["--role", "coordinator"])] {
            let added = try workspace.relais(stdin: DeskSite.password + "\n", ["users", "add", login] + scope)
            #expect(added.status == 0, "\(added.errors)")
        }
        let server = try startServe(workspace, port: port)
        defer { server.stop() }
        func signedIn(_ login: String) throws -> DeskClient {
            let client = DeskClient(port: port, workspace: workspace, name: login)
            #expect(try client.signIn(login, DeskSite.password).status == 303)
            return client
        }
        let pickups = TransportManifestOnDemandCLITests.expected(bookings, order: "pickup_order", time: "pickup_at")
        let dropOffs = TransportManifestOnDemandCLITests.expected(bookings, order: "dropoff_order", time: "dropoff_at")
        #expect(pickups.count == 6 && dropOffs.count == 6)

        let page = try signedIn("coordination").get("/runs/\(fixture.run)/manifest")
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

        let cessy = try signedIn("agent-cessy").get("/runs/\(fixture.run)/manifest").body
        #expect(cessy.contains("Résident 2") && !cessy.contains("Résident 1") && !cessy.contains("7 chemin des Tilleuls"), "\(cessy)")
    }
}
