// CommuneGeo: where each commune lies, from `Config/territories/NAME.communes-geo.csv`.
//
// `code,name,latitude,longitude` after that header (comments start with `#` and name the source and
// its licence). The positions estimate travel times (scripts/estimate-travel-times) and place the
// communes on the driver's schematic map; they are never shown as addresses. A bad line is refused
// with its line, every bad line at once.

import Foundation

/// A commune's position, in decimal degrees (WGS 84); the driver's sheet's JSON names its code `commune`.
public struct CommunePosition: Sendable, Equatable, Codable {
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

    enum CodingKeys: String, CodingKey {
        case name, latitude, longitude
        case code = "commune"
    }
}

/// The positions of a territory's communes (and of a destination or depot outside it), by INSEE code.
public struct CommuneGeo: Sendable, Equatable {
    /// The file they came from, as messages name it.
    public let fileName: String
    /// Every position, in the file's order.
    public let positions: [CommunePosition]
    private let byCode: [String: Int]

    /// The header line the file starts with (after its comments).
    public static let header = ["code", "name", "latitude", "longitude"]

    public init(fileName: String, positions: [CommunePosition]) {
        self.fileName = fileName
        self.positions = positions
        byCode = Dictionary(positions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of the commune with this INSEE code.
    public func position(code: String) -> CommunePosition? { byCode[code].map { positions[$0] } }

    /// Reads the file; throws every bad line, each with its line.
    public static func parse(_ text: String, fileName: String) throws(FileProblems) -> CommuneGeo {
        var firstLine: [String: Int] = [:]
        let positions = try DataFileTable.items(text, fileName: fileName, header: header, communeColumns: [0]) {
            fields, line throws(DataFileRowProblem) in
            guard !fields[1].isEmpty else { throw DataFileRowProblem("the name of \(fields[0]) is empty") }
            guard let latitude = Double(fields[2]), (-90...90).contains(latitude) else {
                throw DataFileRowProblem("latitude must be decimal degrees from -90 to 90, not \"\(fields[2])\"")
            }
            guard let longitude = Double(fields[3]), (-180...180).contains(longitude) else {
                throw DataFileRowProblem("longitude must be decimal degrees from -180 to 180, not \"\(fields[3])\"")
            }
            if let earlier = firstLine[fields[0]] {
                throw DataFileRowProblem("\(fields[0]) was already given on line \(earlier)")
            }
            firstLine[fields[0]] = line
            return CommunePosition(code: fields[0], name: fields[1], latitude: latitude, longitude: longitude)
        }
        return CommuneGeo(fileName: fileName, positions: positions)
    }
}
