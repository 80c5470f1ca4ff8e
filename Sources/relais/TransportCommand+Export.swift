// relais transport export-gtfs: the shuttle service published as a GTFS feed with its GTFS-Flex
// parts, so that trip planners can show it (agency.txt, stops.txt, routes.txt, trips.txt,
// stop_times.txt, calendar_dates.txt, feed_info.txt, booking_rules.txt, locations.geojson).
//
// The coordinator exports the scheduled runs of a period (cancelled runs are left out). Positions
// come from the territory's coordinates file, NAME.communes-geo.csv beside NAME.conf: a stop is
// placed at its commune's point (Relais does not know where a car park is), the destination at
// --destination-commune's (default: [transport] destination_commune). The feed is built as a plain
// value (FlexFeed) and written by the core's GTFSFlexWriter; this file only reads the store and files.

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
        let points = try readPoints(context)
        let runs = try context.store().shuttleRuns(from: from, to: to, scope: scope, context: TransportCommand.shuttleContext(context))
            .filter { $0.status == "scheduled" }
        let feed = try FeedBuilder(context: context, points: points, destinationCode: destinationCode, url: url).feed(runs)
        try write(GTFSFlexWriter.files(feed), to: directory)
        print("GTFS-Flex feed of \(runs.count) run\(runs.count == 1 ? "" : "s") written to \(directory)")
    }

    /// The coordinates file beside the territory file, `NAME.communes-geo.csv`.
    static func pointsPath(_ context: Context) -> String {
        let resolved = URL(fileURLWithPath: context.territoryPath).resolvingSymlinksInPath()
        let name = resolved.deletingPathExtension().lastPathComponent
        return resolved.deletingLastPathComponent().appendingPathComponent("\(name).communes-geo.csv").path
    }

    private static func readPoints(_ context: Context) throws -> [FlexCommunePoint] {
        let path = pointsPath(context)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UserError.noInput("the coordinates of the communes, \(path), cannot be read: export-gtfs places stops and zones with it")
        }
        do { return try GTFSFlexZones.points(String(decoding: data, as: UTF8.self), fileName: path) } catch {
            throw UserError.data(error.description)
        }
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

/// Fills a FlexFeed from runs as the store lists them.
private struct FeedBuilder {
    let context: Context
    let points: [FlexCommunePoint]
    let destinationCode: String
    let url: String

    func feed(_ runs: [ShuttleRunRecord]) throws -> FlexFeed {
        guard let destinationPoint = points.first(where: { $0.code == destinationCode }) else {
            throw UserError.data(
                "--destination-commune: \(destinationCode) has no point in \(TransportExport.pointsPath(context))")
        }
        var stops: [FlexStop] = []
        var trips: [FlexTrip] = []
        for run in runs {
            let destination = FlexStop(
                id: "destination-\(Territory.slug(run.destination))", name: run.destination, latitude: destinationPoint.latitude,
                longitude: destinationPoint.longitude)
            let pickups = try run.stops.map { try stop($0, run: run) }
            for stop in [destination] + pickups where !stops.contains(where: { $0.id == stop.id }) { stops.append(stop) }
            trips += legs(run, destination: destination.id, stops: pickups.map(\.id))
        }
        let territory = context.territory
        return FlexFeed(
            agency: FlexAgency(
                id: "organiser", name: territory.organiser, url: url, timeZone: context.configuration.timeZone, language: "fr"),
            stops: stops, zones: [], booking: context.configuration.shuttle.rules,
            bookingMessage: "Réservation auprès du CCAS de votre commune.", trips: trips,
            version: context.localTime.iso8601(context.now))
    }

    /// A fixed stop, placed at its commune's point.
    private func stop(_ stop: ShuttleStopRecord, run: ShuttleRunRecord) throws -> FlexStop {
        guard let point = points.first(where: { $0.code == stop.commune }) else {
            throw UserError.data(
                "commune \(stop.commune) (stop \(stop.position) of run \(run.id)) has no point in \(TransportExport.pointsPath(context))")
        }
        let name = "\(TransportCommand.communeName(stop.commune, context)), \(stop.place)"
        return FlexStop(
            id: "stop-\(stop.commune)-\(Territory.slug(stop.place))", name: name, latitude: point.latitude, longitude: point.longitude)
    }

    /// The outbound and the return of a fixed-stop run. The return's drop-offs mirror the
    /// outbound's distances to the destination (estimates: timepoint 0).
    private func legs(_ run: ShuttleRunRecord, destination: String, stops: [String]) -> [FlexTrip] {
        let calendar = context.localTime.calendar
        let day = calendar.startOfDay(for: run.departure)
        // Wall-clock minutes after the run day's midnight (past 24:00 on the next day).
        let minute = { (date: Date) -> Int in
            let time = calendar.dateComponents([.hour, .minute], from: date)
            let days = calendar.dateComponents([.day], from: day, to: calendar.startOfDay(for: date)).day ?? 0
            return days * 1440 + time.hour! * 60 + time.minute!
        }
        let date = calendar.dateComponents([.year, .month, .day], from: run.departure)
        let service = String(format: "%04d%02d%02d", date.year!, date.month!, date.day!)
        let arrival = minute(run.arrival)
        let back = minute(run.returnDeparture)
        var outbound = zip(stops, run.stops).map { id, stop in
            FlexCall.stop(id: id, minute: minute(stop.pickup), pickup: true, dropOff: false, exact: true)
        }
        outbound.append(.stop(id: destination, minute: arrival, pickup: false, dropOff: true, exact: true))
        var inbound = [FlexCall.stop(id: destination, minute: back, pickup: true, dropOff: false, exact: true)]
        inbound += zip(stops, run.stops).reversed().map { id, stop in
            FlexCall.stop(id: id, minute: back + arrival - minute(stop.pickup), pickup: false, dropOff: true, exact: false)
        }
        return [
            FlexTrip(id: "run-\(run.id)-out", date: service, headsign: run.destination, direction: .outbound, calls: outbound),
            FlexTrip(
                id: "run-\(run.id)-back", date: service,
                headsign: run.stops.first.map { TransportCommand.communeName($0.commune, context) } ?? "",
                direction: .inbound, calls: inbound),
        ]
    }
}
