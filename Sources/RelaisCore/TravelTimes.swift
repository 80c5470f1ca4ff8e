// TravelTimes: the minutes a vehicle takes between two communes, as the territory's data gives them.
//
// `Config/territories/NAME.travel-times.csv` holds one row per unordered pair of INSEE codes,
// `from,to,minutes`, after a `from,to,minutes` header; lines starting with `#` are comments (the
// shipped files name their method and sources there). Times are symmetric: a row serves both ways.
// Within one commune the time is a constant (`[transport] same_commune_minutes`), never a row. The
// coordinator replaces any estimated row with a measured time; a bad line is refused with its line,
// every bad line at once, and a pair the file lacks is refused where a route needs it
// (MissingTravelTime).

import Foundation

/// Minutes between communes, by INSEE code, both ways.
public struct TravelTimes: Sendable, Equatable {
    /// The file the times came from, as its messages name it.
    public let fileName: String
    /// The minutes between two places of the same commune.
    public var sameCommuneMinutes: Int
    private var pairs: [String: Int]

    /// The default of `[transport] same_commune_minutes`.
    public static let defaultSameCommuneMinutes = 5
    /// The header line the file starts with (after its comments).
    public static let header = ["from", "to", "minutes"]
    /// The longest time a row may give: ten hours is a typing mistake on any territory.
    public static let maximumMinutes = 600

    /// Times from `(from, to, minutes)` triples; a later triple for the same pair replaces an earlier one.
    public init(
        fileName: String = "travel times", sameCommuneMinutes: Int = TravelTimes.defaultSameCommuneMinutes,
        minutes triples: [(String, String, Int)] = []
    ) {
        self.fileName = fileName
        self.sameCommuneMinutes = sameCommuneMinutes
        pairs = [:]
        for (from, to, minutes) in triples { pairs[Self.key(from, to)] = minutes }
    }

    /// The minutes between `from` and `to` (either way), the constant within one commune, nil when the
    /// file has no row for the pair.
    public func minutes(from: String, to: String) -> Int? {
        from == to ? sameCommuneMinutes : pairs[Self.key(from, to)]
    }

    /// Every commune code some row names.
    public var communes: Set<String> {
        Set(pairs.keys.flatMap { $0.split(separator: "-").map(String.init) })
    }

    /// The number of pairs the file gives.
    public var pairCount: Int { pairs.count }

    private static func key(_ a: String, _ b: String) -> String { a < b ? "\(a)-\(b)" : "\(b)-\(a)" }
}

/// A pair of communes a route needs and the travel times lack.
public struct MissingTravelTime: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file that lacks the row.
    public var fileName: String
    public var from: String
    public var to: String
    /// What needed it: "booking 12", "the depot", "the destination".
    public var neededFor: String

    public init(fileName: String, from: String, to: String, neededFor: String) {
        self.fileName = fileName
        self.from = from
        self.to = to
        self.neededFor = neededFor
    }

    /// `FILE: no travel time between A and B (needed for booking 12)`.
    public var description: String { "\(fileName): no travel time between \(from) and \(to) (needed for \(neededFor))" }
}

// MARK: - Reading the file

extension TravelTimes {
    /// Reads `from,to,minutes` rows; throws every bad line of the file, each with its line.
    public static func parse(
        _ text: String, fileName: String, sameCommuneMinutes: Int = TravelTimes.defaultSameCommuneMinutes
    ) throws(FileProblems) -> TravelTimes {
        var times = TravelTimes(fileName: fileName, sameCommuneMinutes: sameCommuneMinutes)
        var firstLine: [String: Int] = [:]
        let rows = try DataFileTable.items(text, fileName: fileName, header: header, communeColumns: [0, 1]) {
            fields, line throws(DataFileRowProblem) in
            let (from, to) = (fields[0], fields[1])
            guard from != to else {
                throw DataFileRowProblem("\(from) to itself: within one commune the time is [transport] same_commune_minutes")
            }
            guard let minutes = Int(fields[2]), (0...maximumMinutes).contains(minutes) else {
                throw DataFileRowProblem("minutes must be a whole number from 0 to \(maximumMinutes), not \"\(fields[2])\"")
            }
            let pair = key(from, to)
            if let earlier = firstLine[pair] {
                throw DataFileRowProblem("\(from) and \(to) were already given on line \(earlier): one row per pair, either way")
            }
            firstLine[pair] = line
            return (pair, minutes)
        }
        for (pair, minutes) in rows { times.pairs[pair] = minutes }
        return times
    }
}
