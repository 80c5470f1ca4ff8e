// RouteData: a territory's data for on-demand routes, read from the files beside its territory file
// and checked against each other before any run uses them.
//
// `Config/territories/NAME.conf` has three siblings found by NAME (the front resolves a link such
// as default.conf first): NAME.communes-geo.csv (CommuneGeo), NAME.travel-times.csv (TravelTimes) and
// NAME.pickup-points.csv (PickupPoints). Each file refuses its own bad lines; ``check`` then refuses
// what only the three together show: a commune of the territory, the depot or the destination
// without a position, a pair of them without a travel time (the coordinator then adds the row, so
// that no booking meets the gap), a territory commune without a pickup point.

import Foundation

/// The positions, travel times and pickup points of a territory.
public struct RouteData: Sendable, Equatable {
    public var geo: CommuneGeo
    public var times: TravelTimes
    public var pickups: PickupPoints

    public init(geo: CommuneGeo, times: TravelTimes, pickups: PickupPoints) {
        self.geo = geo
        self.times = times
        self.pickups = pickups
    }

    /// The three files beside a territory file: `dir/NAME.conf` gives `dir/NAME.communes-geo.csv`,
    /// `dir/NAME.travel-times.csv` and `dir/NAME.pickup-points.csv`.
    public static func fileNames(territoryFile: String) -> (geo: String, times: String, pickups: String) {
        let stem = territoryFile.hasSuffix(".conf") ? String(territoryFile.dropLast(5)) : territoryFile
        return ("\(stem).communes-geo.csv", "\(stem).travel-times.csv", "\(stem).pickup-points.csv")
    }

    /// Reads the three texts and checks them together (see the file's header); throws every problem.
    public static func parse(
        geo geoText: String, times timesText: String, pickups pickupsText: String,
        names: (geo: String, times: String, pickups: String), territory: Territory, settings: ShuttleSettings
    ) throws(FileProblems) -> RouteData {
        var problems: [FileError] = []
        var geo: CommuneGeo?
        var times: TravelTimes?
        var pickups: PickupPoints?
        do { geo = try CommuneGeo.parse(geoText, fileName: names.geo) } catch { problems += error.problems }
        do {
            times = try TravelTimes.parse(timesText, fileName: names.times, sameCommuneMinutes: settings.sameCommuneMinutes)
        } catch { problems += error.problems }
        do { pickups = try PickupPoints.parse(pickupsText, fileName: names.pickups) } catch { problems += error.problems }
        guard let geo, let times, let pickups else { throw FileProblems(problems) }
        let data = RouteData(geo: geo, times: times, pickups: pickups)
        try data.check(territory: territory, settings: settings)
        return data
    }

    /// The codes every run may need: the territory's communes, then the depot and the destination commune when set.
    public static func neededCodes(territory: Territory, settings: ShuttleSettings) -> [String] {
        var codes = territory.communes.map(\.code)
        for code in [settings.depot, settings.destinationCommune].compactMap({ $0 }) where !codes.contains(code) { codes.append(code) }
        return codes
    }

    /// Refuses a needed commune without a position, a pair of them without a time, a territory commune
    /// without a pickup point (each named in the file that lacks it, line 0).
    public func check(territory: Territory, settings: ShuttleSettings) throws(FileProblems) {
        let codes = Self.neededCodes(territory: territory, settings: settings)
        let name = { (code: String) in "\(code) (\(territory.commune(code: code)?.name ?? geo.position(code: code)?.name ?? "?"))" }
        var problems: [FileError] = []
        for code in codes where geo.position(code: code) == nil {
            problems.append(FileError(fileName: geo.fileName, line: 0, reason: "no position for \(name(code))"))
        }
        for (index, from) in codes.enumerated() {
            for to in codes[(index + 1)...] where times.minutes(from: from, to: to) == nil {
                problems.append(FileError(fileName: times.fileName, line: 0, reason: "no travel time between \(name(from)) and \(name(to))"))
            }
        }
        for commune in territory.communes where pickups.defaultPoint(inCommune: commune.code) == nil {
            problems.append(FileError(fileName: pickups.fileName, line: 0, reason: "no pickup point in \(name(commune.code))"))
        }
        guard problems.isEmpty else { throw FileProblems(problems) }
    }
}
