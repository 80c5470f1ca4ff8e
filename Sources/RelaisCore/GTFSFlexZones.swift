// GTFSFlexZones: where the communes are, and the zones of locations.geojson drawn around them.
//
// The points come from the territory's coordinates file, `NAME.communes-geo.csv` next to
// `NAME.conf` (code,name,latitude,longitude; `#` comment lines name its source and licence).
// Relais has no commune boundaries: a commune's zone is a documented approximation, a regular
// octagon around its point whose radius is half the distance to the nearest other commune of the
// file, at most 3 km. Neighbouring zones therefore never overlap, and each covers the centre of its
// commune, but not every street of a large commune: a trip planner reading the feed sees where
// the shuttle serves, and a booking is made by phone with the CCAS, which knows the address.

import Foundation

/// A commune's point.
public struct FlexCommunePoint: Sendable, Equatable {
    public var code: String
    public var name: String
    public var latitude: Double
    public var longitude: Double

    public init(code: String, name: String, latitude: Double, longitude: Double) {
        self.code = code
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
    }
}

public enum GTFSFlexZones {
    /// The most a zone's radius may be, in metres.
    public static let maximumRadius = 3_000.0
    /// Corners of a zone's polygon.
    public static let corners = 8

    /// Reads `code,name,latitude,longitude` lines (a header line and `#` comment lines are skipped);
    /// a bad line is refused with the file's name and the line.
    public static func points(_ text: String, fileName: String) throws(FileProblems) -> [FlexCommunePoint] {
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? "" : String(line)
        }.joined(separator: "\n")
        let records: [CSVRecord]
        do { records = try CSVTable.parse(uncommented) } catch {
            throw FileProblems(fileName: fileName, line: error.line, reason: error.reason)
        }
        var points: [FlexCommunePoint] = []
        for record in records {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.first == "code" { continue }
            guard fields.count == 4, fields[0].count == 5, let latitude = Double(fields[2]), let longitude = Double(fields[3]),
                (-90...90).contains(latitude), (-180...180).contains(longitude)
            else {
                throw FileProblems(
                    fileName: fileName, line: record.line,
                    reason:
                        "expected code,name,latitude,longitude (an INSEE code of 5 characters and degrees), read \"\(fields.joined(separator: ","))\""
                )
            }
            guard !points.contains(where: { $0.code == fields[0] }) else {
                throw FileProblems(fileName: fileName, line: record.line, reason: "commune \(fields[0]) is listed twice")
            }
            points.append(FlexCommunePoint(code: fields[0], name: fields[1], latitude: latitude, longitude: longitude))
        }
        return points
    }

    /// The zone of the commune `code`: its boundary when `boundaries` has it, else an octagon drawn
    /// among `points`; nil when neither has the commune.
    public static func zone(code: String, points: [FlexCommunePoint], boundaries: [String: FlexZone] = [:]) -> FlexZone? {
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
    public static func metres(_ a: FlexCommunePoint, _ b: FlexCommunePoint) -> Double {
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
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
