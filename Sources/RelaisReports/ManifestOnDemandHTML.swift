// ManifestOnDemandHTML: the driver's sheet of a door-to-door run as a printable page (A4, inline
// style, no script, no external resource, every value escaped), with a schematic route: an inline
// SVG of the communes placed by their coordinates, the depot (D), the destination (A), and the
// pickups numbered in order joined by the outbound line (the return's drop-offs dashed).
//
// The schematic is fitted to the depot and the stops. A destination far outside them (the hospital
// 110 km away) would squash every stop into a corner: it is drawn at the edge of the map, in its
// direction, with its distance, as a road sign would.

//
// It lives with the other HTML renderers, out of the core: `relais transport manifest --format html`
// prints the page and the desk's manifest page draws the same schematic (ManifestSchematic).

import Foundation
import RelaisCore

extension OnDemandManifest {
    /// The printable page, in French (the driver's language).
    public func html() -> String {
        let e = HTMLText.escape
        var page = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>Feuille de route, navette \(run)</title>
            <style>
            @page { size: A4; margin: 12mm; }
            body { font-family: sans-serif; font-size: 11pt; margin: 0 auto; max-width: 186mm; color: #000; }
            h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
            p { margin: 1mm 0; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
            td.box { width: 6mm; }
            svg { width: 100%; height: auto; border: 1px solid #999; }
            .porte { font-style: italic; }
            </style></head><body>
            <h1>Feuille de route : \(e(label))</h1>
            <p>Navette \(run), \(e(day)), porte à porte.</p>
            <p>Départ du dépôt (\(e(depot.name)), \(e(depot.communeName))) à <strong>\(e(depotDeparture))</strong> ;
            arrivée à \(e(destination.name)) à <strong>\(e(arrival))</strong> ;
            retour à <strong>\(e(returnDeparture))</strong>, au dépôt vers \(e(depotReturn)).</p>

            """
        page +=
            "<figure id=\"schema\">\n" + ManifestSchematic(self).svg() + "\n<figcaption>Schéma du trajet (pas à l'échelle "
            + "pour la destination si elle est loin) : D dépôt, A destination, 1, 2… prises en charge.</figcaption></figure>\n"
        page += table(id: "prises-en-charge", title: "Prises en charge (aller)", calls: pickups)
        page += table(id: "deposes", title: "Déposes (retour)", calls: dropOffs)
        return page + "</body></html>\n"
    }

    private func table(id: String, title: String, calls: [ManifestCall]) -> String {
        let e = HTMLText.escape
        var html = "<section id=\"\(id)\"><h2>\(e(title))</h2>\n"
        guard !calls.isEmpty else { return html + "<p>Aucun passager.</p></section>\n" }
        html +=
            "<table><thead><tr><th></th><th>#</th><th>Heure</th><th>Commune</th><th>Lieu</th><th>Passager</th>"
            + "<th>Téléphone</th><th>Besoins</th><th>À bord</th></tr></thead><tbody>\n"
        for call in calls {
            let place = call.door ? "<span class=\"porte\">Domicile : \(e(call.place))</span>" : e(call.placeAndAddress)
            html +=
                "<tr><td class=\"box\"></td><td>\(call.order)</td><td>\(e(call.time))</td><td>\(e(call.communeName))</td>"
                + "<td>\(place)</td><td>\(e(call.name ?? "(effacé)"))</td><td>\(e(call.phone ?? ""))</td>"
                + "<td>\(e(call.needs.isEmpty ? "-" : call.needs.joined(separator: ", ")))</td><td>\(call.rideMinutes) min</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }
}

/// The inline SVG of a manifest's route (the printed page's and the desk's).
public struct ManifestSchematic: Sendable {
    let manifest: OnDemandManifest
    static let width = 640.0
    static let height = 400.0
    static let margin = 48.0

    public init(_ manifest: OnDemandManifest) { self.manifest = manifest }

    /// Plane coordinates of a point: longitude shrunk by the cosine of the mean latitude, y downwards.
    private func plane(_ point: CommunePosition, meanLatitude: Double) -> (x: Double, y: Double) {
        (point.longitude * cos(meanLatitude * .pi / 180), -point.latitude)
    }

    /// The `<svg>` element, every value escaped; empty of shapes when no commune of the route has a position.
    public func svg() -> String {
        let e = HTMLText.escape
        let points = Dictionary(manifest.map.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let local = ([manifest.depot.commune] + (manifest.pickups + manifest.dropOffs).map(\.commune)).compactMap { points[$0] }
        guard !local.isEmpty else { return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\"></svg>" }
        let meanLatitude = local.map(\.latitude).reduce(0, +) / Double(local.count)
        let planar = local.map { plane($0, meanLatitude: meanLatitude) }
        let (minX, maxX) = (planar.map(\.x).min()!, planar.map(\.x).max()!)
        let (minY, maxY) = (planar.map(\.y).min()!, planar.map(\.y).max()!)
        let span = max(maxX - minX, maxY - minY, 0.01)
        let scale = min(
            (Self.width - 2 * Self.margin) / max(maxX - minX, span / 4), (Self.height - 2 * Self.margin) / max(maxY - minY, span / 4))
        let centre = ((minX + maxX) / 2, (minY + maxY) / 2)
        func place(_ point: CommunePosition) -> (x: Double, y: Double) {
            let p = plane(point, meanLatitude: meanLatitude)
            return (Self.width / 2 + (p.x - centre.0) * scale, Self.height / 2 + (p.y - centre.1) * scale)
        }
        var positions: [String: (x: Double, y: Double)] = [:]
        for point in local { positions[point.code] = place(point) }
        var body: [String] = []
        var farLabel: String?
        if let target = points[manifest.destination.commune] {
            var spot = place(target)
            let (dx, dy) = (spot.x - Self.width / 2, spot.y - Self.height / 2)
            let limit = min((Self.width / 2 - Self.margin / 2) / max(abs(dx), 1), (Self.height / 2 - Self.margin / 2) / max(abs(dy), 1))
            if limit < 1 {
                spot = (Self.width / 2 + dx * limit, Self.height / 2 + dy * limit)
                let kilometres = Int((distance(target, local[0]) / 1000).rounded())
                let arrow = abs(dx) > abs(dy) ? (dx < 0 ? "←" : "→") : (dy < 0 ? "↑" : "↓")
                farLabel = "\(arrow) \(target.name) (\(kilometres) km)"
            }
            positions[manifest.destination.commune] = spot
        }
        let depot = positions[manifest.depot.commune]
        let destination = positions[manifest.destination.commune]
        // The communes, with their names.
        for point in local where point.code != manifest.destination.commune {
            guard let p = positions[point.code] else { continue }
            body.append(
                "<g class=\"commune\" data-code=\"\(e(point.code))\"><circle cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"3\" fill=\"#999\"/>"
                    + "<text x=\"\(f(p.x + 6))\" y=\"\(f(p.y + 14))\" font-size=\"10\" fill=\"#444\">\(e(point.name))</text></g>")
        }
        // The return, dashed, then the outbound, solid.
        let back = [destination] + manifest.dropOffs.map { positions[$0.commune] } + [depot]
        body.append(polyline(back.compactMap { $0 }, dashed: true))
        let out = [depot] + manifest.pickups.map { positions[$0.commune] } + [destination]
        body.append(polyline(out.compactMap { $0 }, dashed: false))
        if let depot {
            // Left of its commune's point, whose pickups are numbered above it.
            body.append(marker("depot", "D", at: (depot.x - 18, depot.y), square: true, title: "Dépôt : \(manifest.depot.name)"))
        }
        if let destination {
            body.append(marker("destination", "A", at: destination, square: true, title: "Destination : \(manifest.destination.name)"))
            let label = farLabel ?? manifest.destination.name
            let anchor = destination.x > Self.width / 2 ? "end" : "start"
            let x = destination.x + (anchor == "end" ? -14 : 14)
            body.append("<text x=\"\(f(x))\" y=\"\(f(destination.y - 12))\" font-size=\"11\" text-anchor=\"\(anchor)\">\(e(label))</text>")
        }
        // Numbered pickups; several in one commune sit side by side.
        var seen: [String: Int] = [:]
        for call in manifest.pickups {
            guard let p = positions[call.commune] else { continue }
            let shift = Double(seen[call.commune, default: 0]) * 20
            seen[call.commune, default: 0] += 1
            body.append(
                marker(
                    "stop", String(call.order), at: (p.x + shift, p.y - 14), square: false,
                    title: "\(call.order). \(call.time) \(call.communeName)"))
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" "
            + "aria-label=\"Schéma du trajet\">\n" + body.joined(separator: "\n") + "\n</svg>"
    }

    private func polyline(_ points: [(x: Double, y: Double)], dashed: Bool) -> String {
        let list = points.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
        let style = dashed ? "stroke=\"#777\" stroke-dasharray=\"6 4\"" : "stroke=\"#000\""
        return "<polyline class=\"\(dashed ? "return" : "outbound")\" points=\"\(list)\" fill=\"none\" \(style) stroke-width=\"2\"/>"
    }

    private func marker(_ kind: String, _ label: String, at p: (x: Double, y: Double), square: Bool, title: String) -> String {
        let e = HTMLText.escape
        let shape =
            square
            ? "<rect x=\"\(f(p.x - 9))\" y=\"\(f(p.y - 9))\" width=\"18\" height=\"18\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>"
            : "<circle cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"9\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>"
        return "<g class=\"\(kind)\" data-label=\"\(e(label))\"><title>\(e(title))</title>\(shape)"
            + "<text x=\"\(f(p.x))\" y=\"\(f(p.y + 4))\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\">\(e(label))</text></g>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Great-circle metres.
    private func distance(_ a: CommunePosition, _ b: CommunePosition) -> Double { GTFSFlexZones.metres(a, b) }
}
