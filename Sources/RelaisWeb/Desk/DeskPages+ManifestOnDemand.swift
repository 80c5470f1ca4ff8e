// DeskPages+ManifestOnDemand: the printable manifest page of an on-demand (door-to-door) run: the
// schematic route (the printed sheet's inline SVG: communes by their coordinates, D the depot, A the
// destination, the pickups numbered), then the pickups in the vehicle's order with their times,
// commune, pickup point and its address or the door address, resident, phone and needs, then the
// return's drop-offs, as the route recorded at booking says (Desk's onDemandManifest). Without the
// territory's route data there is no map. Fixed-stop runs keep their page by stop (DeskPages+Runs.swift).

import Foundation
import RelaisCore
import RelaisReports

extension DeskPages {
    /// The page of `sheet`, for the agent's passengers.
    func onDemandManifestPage(_ sheet: OnDemandManifest, _ agent: Agent, _ html: DeskHTML) -> Response {
        let w = html.wording
        func rows(_ calls: [ManifestCall]) -> [[String]] {
            calls.map { call in
                let needs = [call.wheelchair ? w["wheelchair"] : nil, call.companion ? w["companion"] : nil].compactMap { $0 }
                return [
                    String(call.order), html.e(call.time), html.e("\(call.communeName), \(call.placeAndAddress)"), html.e(call.name ?? "—"),
                    html.e(call.phone ?? ""), html.e(needs.joined(separator: ", ")),
                ]
            }
        }
        let headers = ["#", w["pickup"], w["stop"], w["resident"], w["phone"], w["needs"]]
        let scope = agent.commune.map { "\(w["ccas-of"]) \($0.name)" } ?? w["coordinator"]
        let outbound =
            sheet.pickups.isEmpty
            ? "<p>\(html.e(w["no-passengers"]))</p>"
            : html.table(id: "manifest", caption: w["passengers"], headers: headers, rows: rows(sheet.pickups))
        let back =
            sheet.dropOffs.isEmpty
            ? "" : html.table(id: "manifest-return", caption: w["return"], headers: headers, rows: rows(sheet.dropOffs))
        let map =
            sheet.map.isEmpty
            ? ""
            : "<figure id=\"route-map\">\(ManifestSchematic(sheet).svg())<figcaption>\(html.e(w["route-map"]))</figcaption></figure>"
        return html.page(
            "\(w["manifest"]) — \(sheet.label) — \(sheet.day)",
            """
            <p class="no-print">\(html.e(w["print"]))</p>
            <p>\(html.e(scope)) · \(html.e(sheet.destination.name)) · \(html.e(w["arrival"])) \(html.e(sheet.arrival)) · \(html.e(w["return"])) \(html.e(sheet.returnDeparture))</p>
            \(map)
            \(outbound)
            \(back)
            """)
    }
}
