// relais transport export-gtfs: the shuttle service published as a GTFS feed with its GTFS-Flex
// parts, so that trip planners can show it (agency.txt, stops.txt, routes.txt, trips.txt,
// stop_times.txt, calendar_dates.txt, feed_info.txt, booking_rules.txt, locations.geojson).
//
// The coordinator exports the scheduled runs of a period (cancelled runs are left out). Positions
// come from the territory's coordinates file, NAME.communes-geo.csv beside NAME.conf (CommuneGeo,
// taken from the route data the context loads, or read alone when the route data did not load): a
// fixed stop is placed at its commune's point (Relais does not know where a car park is), the
// destination at --destination-commune's (default: [transport] destination_commune). An on-demand
// run is published as zone trips over the territory's communes, each zone the commune's boundary
// from NAME.communes-zones.geojson when the territory ships it (an octagon around its point
// otherwise), with no passenger data. This file reads the store and the files and reduces each run
// to minutes of its day (FlexRun); the core builds the trips (GTFSFlexFeed+Runs) and writes them.

import Foundation
import RelaisCore
import RelaisStore

enum TransportExport {
    static let usage =
        "relais transport export-gtfs DIR --coordinator [--destination-commune CODE] [--url URL] [--from DATE] [--to DATE]"

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["from", "to", "url", "destination-commune"]),
            flags: TransportCommand.scopeFlags)
        try arguments.expectPositional(atMost: 1, usage: usage)
        guard let directory = arguments.positional.first else { throw UserError.usage("usage: \(usage)") }
        let scope = try TransportCommand.scope(arguments, context)
        try TransportCommand.requireCoordinator(scope, "export the service")
        guard let url = try arguments.value("url") ?? context.configuration.web.publicURL, url.hasPrefix("http") else {
            throw UserError.usage(
                "--url: the feed needs the organiser's web address (agency_url): give --url https://… or set [web] public_url")
        }
        guard let destinationCode = try arguments.value("destination-commune") ?? context.configuration.shuttle.destinationCommune else {
            throw UserError.usage(
                "--destination-commune: give the INSEE code of the destination's commune (the feed places the stop there), or set [transport] destination_commune"
            )
        }
        let from = try context.date(arguments.value("from"), option: "from") ?? context.localTime.calendar.startOfDay(for: context.now)
        let to = try context.date(arguments.value("to"), option: "to")
        let geo = try readPoints(context)
        let runs = try context.store().shuttleRuns(from: from, to: to, scope: scope, context: TransportCommand.shuttleContext(context))
            .filter { $0.status == "scheduled" }
        let zones = runs.contains { $0.demand != nil } ? try readZones(context, geo: geo) : []
        let reducer = FlexRunReducer(context: context, geo: geo, zones: zones, destinationCode: destinationCode)
        let territory = context.territory
        let feed = FlexFeed(
            agency: FlexAgency(
                id: "organiser", name: territory.organiser, url: url, timeZone: context.configuration.timeZone, language: "fr"),
            runs: try runs.map(reducer.run), booking: context.configuration.shuttle.rules,
            bookingMessage: "Réservation auprès du CCAS de votre commune.", version: context.localTime.iso8601(context.now))
        try write(GTFSFlexWriter.files(feed), to: directory)
        print("GTFS-Flex feed of \(runs.count) run\(runs.count == 1 ? "" : "s") written to \(directory)")
    }

    /// The coordinates file beside the territory file, `NAME.communes-geo.csv`.
    static func pointsPath(_ context: Context) -> String {
        let resolved = URL(fileURLWithPath: context.territoryPath).resolvingSymlinksInPath()
        let name = resolved.deletingPathExtension().lastPathComponent
        return resolved.deletingLastPathComponent().appendingPathComponent("\(name).communes-geo.csv").path
    }

    /// The communes' points: those of the route data the context loads once and checks whole; when it
    /// did not load (a territory with coordinates but no travel times, whose fixed-stop runs still
    /// export), the coordinates file alone, refused with its name and line.
    private static func readPoints(_ context: Context) throws -> CommuneGeo {
        if let geo = context.routeData.data?.geo { return geo }
        let path = pointsPath(context)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError.noInput("the coordinates of the communes, \(path), cannot be read: export-gtfs places stops and zones with it")
        }
        do { return try CommuneGeo.parse(String(decoding: data, as: UTF8.self), fileName: path) } catch {
            throw UserError.data(error.description)
        }
    }

    /// The zones of the territory's communes, for on-demand runs: each commune's boundary from
    /// NAME.communes-zones.geojson beside the territory file when there is one, else its octagon.
    private static func readZones(_ context: Context, geo: CommuneGeo) throws -> [FlexZone] {
        let path = String(pointsPath(context).dropLast("communes-geo.csv".count)) + "communes-zones.geojson"
        var boundaries: [String: FlexZone] = [:]
        if let data = FileManager.default.contents(atPath: path) {
            do { boundaries = try GTFSFlexZones.boundaries(String(decoding: data, as: UTF8.self), fileName: path) } catch {
                throw UserError.data(error.description)
            }
        }
        let zones = context.territory.communes.compactMap {
            GTFSFlexZones.zone(code: $0.code, points: geo.positions, boundaries: boundaries)
        }
        guard !zones.isEmpty else {
            throw UserError.data("no commune of the territory has a zone in \(path) or a point in \(pointsPath(context))")
        }
        return zones
    }

    /// Writes the files into `directory`, made when missing.
    private static func write(_ files: [(name: String, text: String)], to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(file.name), options: .atomic)
            }
        } catch {
            throw UserError.cannotCreate("\(directory): the feed cannot be written (\(error.localizedDescription))")
        }
    }
}

/// Reduces a run as the store lists it to what the feed publishes, in minutes of its day.
private struct FlexRunReducer {
    let context: Context
    let geo: CommuneGeo
    let zones: [FlexZone]
    let destinationCode: String

    func run(_ run: ShuttleRunRecord) throws -> FlexRun {
        guard let destinationPoint = geo.position(code: destinationCode) else {
            throw UserError.data("--destination-commune: \(destinationCode) has no point in \(geo.fileName)")
        }
        let destination = FlexStop(
            id: "destination-\(Territory.slug(run.destination))", name: run.destination, latitude: destinationPoint.latitude,
            longitude: destinationPoint.longitude)
        let calendar = context.localTime.calendar
        let day = calendar.startOfDay(for: run.departure)
        let date = calendar.dateComponents([.year, .month, .day], from: run.departure)
        let pickups: FlexRun.Pickups
        let headsign: String
        if let demand = run.demand {
            pickups = .zones(zones, opens: minute(demand.windowOpens, day))
            headsign = context.territory.name
        } else {
            pickups = .stops(try run.stops.map { FlexTimedStop(stop: try stop($0, run: run), minute: minute($0.pickup, day)) })
            headsign = run.stops.first.map { TransportCommand.communeName($0.commune, context) } ?? ""
        }
        return FlexRun(
            id: run.id, date: String(format: "%04d%02d%02d", date.year!, date.month!, date.day!), destination: destination,
            returnHeadsign: headsign, arrival: minute(run.arrival, day), returnDeparture: minute(run.returnDeparture, day),
            pickups: pickups)
    }

    /// Wall-clock minutes after the run day's midnight (past 24:00 on the next day).
    private func minute(_ date: Date, _ day: Date) -> Int {
        let calendar = context.localTime.calendar
        let time = calendar.dateComponents([.hour, .minute], from: date)
        let days = calendar.dateComponents([.day], from: day, to: calendar.startOfDay(for: date)).day ?? 0
        return days * 1440 + time.hour! * 60 + time.minute!
    }

    /// A fixed stop, placed at its commune's point.
    private func stop(_ stop: ShuttleStopRecord, run: ShuttleRunRecord) throws -> FlexStop {
        guard let point = geo.position(code: stop.commune) else {
            throw UserError.data("commune \(stop.commune) (stop \(stop.position) of run \(run.id)) has no point in \(geo.fileName)")
        }
        let name = "\(TransportCommand.communeName(stop.commune, context)), \(stop.place)"
        return FlexStop(
            id: "stop-\(stop.commune)-\(Territory.slug(stop.place))", name: name, latitude: point.latitude, longitude: point.longitude)
    }
}
