// The booking form of an on-demand run at the desk, through `relais serve` and curl: the pickup
// point is a select of the territory's points (pays-de-gex.pickup-points.csv) with their addresses,
// no script: a CCAS agent gets its commune's points, a coordinator one optgroup per commune until
// the resident is known; a refused form keeps the chosen point selected and the door address typed.

import Foundation
import Testing

@Suite struct DeskPickupPointsCLITests {
    func onDemandRun(_ site: DeskSite) throws -> Int {
        let added = try site.workspace.relais(
            "transport", "runs", "add", "--coordinator", "--on-demand", "--date", "2027-03-30", "--departure-window", "07:00-08:30",
            "--arrival", "09:00", "--return", "11:30", "--depot", "01173", "--destination-commune", "01053", "--destination",
            "CH Fleyriat", "--json")
        #expect(added.status == 0, "\(added.errors)")
        return try #require((try site.workspace.json(added) as? [String: Any])?["run"] as? Int)
    }

    /// The `<select id="pickup_point">` element of a page.
    func pickupSelect(_ body: String) throws -> String {
        let start = try #require(body.range(of: "<select id=\"pickup_point\" name=\"pickup_point\">"), "no pickup select: \(body)")
        let end = try #require(body.range(of: "</select>", range: start.upperBound..<body.endIndex))
        return String(body[start.lowerBound..<end.upperBound])
    }

    @Test func aCCASAgentChoosesAmongItsCommunesPointsWithTheirAddresses() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let run = try onDemandRun(site)
        let gex = try site.signedIn("agent-gex")
        let select = try pickupSelect(try gex.get("/runs/\(run)").body)
        #expect(
            select.contains("<option value=\"\" selected>") && select.contains("<option value=\"Mairie\">Mairie — Mairie de Gex</option>"))
        #expect(!select.contains("Mairie de Cessy") && !select.contains("<optgroup"), "\(select)")

        // Both a point and a door: refused, the point still chosen and the address still typed, nothing booked.
        let before = try site.bookingRows()
        let refused = try gex.submit(
            "/runs/\(run)/book", from: "/runs/\(run)", [("resident", "1"), ("pickup_point", "Mairie"), ("door", "4 rue des Écoles")])
        #expect(refused.status == 422, "\(refused.status)")
        #expect(try pickupSelect(refused.body).contains("<option value=\"Mairie\" selected>"), "\(refused.body)")
        #expect(refused.body.contains("value=\"4 rue des Écoles\""))
        #expect(try site.bookingRows() == before)
    }

    @Test func theCoordinatorSeesEveryCommuneUntilTheResidentIsKnown() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let run = try onDemandRun(site)
        let coordinator = try site.signedIn("coordination")
        let select = try pickupSelect(try coordinator.get("/runs/\(run)").body)
        #expect(select.contains("<optgroup label=\"Gex\">") && select.contains("<optgroup label=\"Cessy\">"), "\(select)")
        #expect(select.contains("Mairie — Mairie de Cessy"))

        // Once the form names a resident of Gex (here a refused one), only Gex's points are offered.
        let refused = try coordinator.submit(
            "/runs/\(run)/book", from: "/runs/\(run)", [("resident", "1"), ("pickup_point", "Mairie"), ("door", "4 rue des Écoles")])
        #expect(refused.status == 422, "\(refused.status)")
        let narrowed = try pickupSelect(refused.body)
        #expect(
            narrowed.contains("Mairie — Mairie de Gex") && !narrowed.contains("<optgroup") && !narrowed.contains("Cessy"), "\(narrowed)")
    }
}
