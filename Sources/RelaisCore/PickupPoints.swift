// PickupPoints: the named places where an on-demand shuttle picks people up, from
// `Config/territories/NAME.pickup-points.csv`.
//
// `commune,name,address` after that header (comments start with `#`): the commune's INSEE code, the
// point's name as passengers read it ("Mairie"), and its address. A commune may have several points;
// its first is the one a booking gets when it names none (the town hall in the shipped files). For
// the route a point counts as its commune (TravelTimes). A bad line is refused with its line, every
// bad line at once.

import Foundation

/// A place where the shuttle picks people up.
public struct PickupPoint: Sendable, Equatable {
    /// The INSEE code of its commune.
    public var commune: String
    public var name: String
    public var address: String

    public init(commune: String, name: String, address: String) {
        self.commune = commune
        self.name = name
        self.address = address
    }
}

/// The pickup points of a territory, by commune.
public struct PickupPoints: Sendable, Equatable {
    /// The file they came from, as messages name it.
    public let fileName: String
    /// Every point, in the file's order.
    public let points: [PickupPoint]

    /// The header line the file starts with (after its comments).
    public static let header = ["commune", "name", "address"]

    public init(fileName: String, points: [PickupPoint]) {
        self.fileName = fileName
        self.points = points
    }

    /// The points of a commune, its default first.
    public func points(inCommune code: String) -> [PickupPoint] { points.filter { $0.commune == code } }

    /// The point a booking in this commune gets when it names none.
    public func defaultPoint(inCommune code: String) -> PickupPoint? { points.first { $0.commune == code } }

    /// The point of this commune with this name (case and accents do not matter).
    public func point(inCommune code: String, named name: String) -> PickupPoint? {
        let wanted = Territory.slug(name)
        return points.first { $0.commune == code && Territory.slug($0.name) == wanted }
    }

    /// Reads the file; throws every bad line, each with its line.
    public static func parse(_ text: String, fileName: String) throws(FileProblems) -> PickupPoints {
        var firstLine: [String: Int] = [:]
        let points = try DataFileTable.items(text, fileName: fileName, header: header, communeColumns: [0]) {
            fields, line throws(DataFileRowProblem) in
            guard !fields[1].isEmpty else { throw DataFileRowProblem("the point's name is empty") }
            guard !fields[2].isEmpty else { throw DataFileRowProblem("the address of \(fields[1]) is empty") }
            let key = "\(fields[0])\u{0}\(Territory.slug(fields[1]))"
            if let earlier = firstLine[key] {
                throw DataFileRowProblem("\(fields[0]) already has a point \(fields[1]) on line \(earlier)")
            }
            firstLine[key] = line
            return PickupPoint(commune: fields[0], name: fields[1], address: fields[2])
        }
        return PickupPoints(fileName: fileName, points: points)
    }
}
