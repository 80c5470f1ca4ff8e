// GTFSFlexZones: the zones of locations.geojson, one per commune a door-to-door run serves.
//
// A commune's zone is its boundary from `NAME.communes-zones.geojson` (scripts/commune-zones) when
// the territory ships one. Otherwise it is a documented approximation drawn around the commune's
// point (CommuneGeo, `NAME.communes-geo.csv`): a regular octagon whose radius is half the distance
// to the nearest other commune of the file, at most 3 km, so neighbouring zones never overlap and
// each covers the centre of its commune, though not every street of a large one. A trip planner
// reading the feed sees where the shuttle serves; a booking is made by phone with the CCAS.

import Foundation

public enum GTFSFlexZones {
    /// The most a zone's radius may be, in metres.
    public static let maximumRadius = 3_000.0
    /// Corners of a zone's polygon.
    public static let corners = 8

    /// The zone of the commune `code`: its boundary when `boundaries` has it, else an octagon drawn
    /// among `points`; nil when neither has the commune.
    public static func zone(code: String, points: [CommunePosition], boundaries: [String: FlexZone] = [:]) -> FlexZone? {
        if let boundary = boundaries[code] { return FlexZone(id: "zone-\(code)", name: boundary.name, ring: boundary.ring) }
        guard let centre = points.first(where: { $0.code == code }) else { return nil }
        let nearest = points.filter { $0.code != code }.map { metres(centre, $0) }.min() ?? 2 * maximumRadius
        let radius = min(maximumRadius, nearest / 2)
        let latitudeStep = radius / 111_320
        let longitudeStep = radius / (111_320 * cos(centre.latitude * .pi / 180))
        var ring = (0..<corners).map { corner -> FlexPoint in
            let angle = 2 * Double.pi * Double(corner) / Double(corners)
            return FlexPoint(
                longitude: rounded(centre.longitude + longitudeStep * cos(angle)),
                latitude: rounded(centre.latitude + latitudeStep * sin(angle)))
        }
        ring.append(ring[0])
        return FlexZone(id: "zone-\(code)", name: centre.name, ring: ring)
    }

    /// Great-circle distance in metres.
    public static func metres(_ a: CommunePosition, _ b: CommunePosition) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (b.latitude - a.latitude) * radians
        let dLongitude = (b.longitude - a.longitude) * radians
        let h =
            sin(dLatitude / 2) * sin(dLatitude / 2)
            + cos(a.latitude * radians) * cos(b.latitude * radians) * sin(dLongitude / 2) * sin(dLongitude / 2)
        return 2 * 6_371_000 * asin(min(1, sqrt(h)))
    }

    /// The boundaries of `NAME.communes-zones.geojson` (scripts/commune-zones) by INSEE code: a
    /// FeatureCollection of Polygon features whose id is the code; a commune in several pieces
    /// (MultiPolygon) is refused rather than cut down to one.
    public static func boundaries(_ text: String, fileName: String) throws(FileProblems) -> [String: FlexZone] {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let collection = object as? [String: Any], let features = collection["features"] as? [[String: Any]] else {
            throw FileProblems(fileName: fileName, line: 1, reason: "not a GeoJSON FeatureCollection")
        }
        var zones: [String: FlexZone] = [:]
        for (index, feature) in features.enumerated() {
            let geometry = feature["geometry"] as? [String: Any]
            let rings = geometry?["coordinates"] as? [[[Double]]]
            guard let code = feature["id"] as? String, code.count == 5, geometry?["type"] as? String == "Polygon",
                let outer = rings?.first, outer.count >= 4, outer.allSatisfy({ $0.count >= 2 })
            else {
                throw FileProblems(
                    fileName: fileName, line: 1,
                    reason: "feature \(index + 1) is not a Polygon with an INSEE code as id and a ring of 4 positions or more")
            }
            let name = (feature["properties"] as? [String: Any])?["name"] as? String ?? code
            zones[code] = FlexZone(id: code, name: name, ring: outer.map { FlexPoint(longitude: $0[0], latitude: $0[1]) })
        }
        return zones
    }

    /// Six decimals.
    private static func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

    /// locations.geojson: a FeatureCollection of Polygon features with `id` and `stop_name`.
    public static func geoJSON(_ zones: [FlexZone]) -> String {
        let features = zones.map { zone in
            let ring = zone.ring.map { "[\(GTFSFlexWriter.degrees($0.longitude)),\(GTFSFlexWriter.degrees($0.latitude))]" }
            return "    {\"type\":\"Feature\",\"id\":\(quoted(zone.id)),\"properties\":{\"stop_name\":\(quoted(zone.name))},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring.joined(separator: ","))]]}}"
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[\n" + features.joined(separator: ",\n") + "\n]}\n"
    }

    /// A JSON string.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
