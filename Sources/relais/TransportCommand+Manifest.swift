// relais transport manifest: a run's passengers for the driver and the CCAS, by stop in pickup
// order, with their needs (wheelchair, companion, one-way), as a text table, CSV (RFC 4180, for
// spreadsheets), JSON, or a printable HTML page; an on-demand run's door-to-door sheet is
// TransportCommand+ManifestOnDemand.swift. The HTML page is self-contained (inline style, no
// script, no external resource) and every value is escaped, so a name such as
// `<b>Léa & "Jo"</b>` prints as written. A CCAS gets its own residents only; the coordinator
// (the driver's copy) gets everyone.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum TransportManifest {
    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["format", "output"]), flags: TransportCommand.scopeFlags.union(["json"]))
        let usage = "relais transport manifest RUN [--format text|csv|html|json] [--output FILE]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        let scope = try TransportCommand.scope(arguments, context)
        let run = try TransportCommand.identifier(arguments.positional.first, what: "run", usage: usage)
        var format = try arguments.value("format") ?? (arguments.flag("json") ? "json" : "text")
        format = format.lowercased()
        guard ["text", "csv", "html", "json"].contains(format) else {
            throw UserError.usage("--format \"\(format)\" is not text, csv, html or json")
        }
        let text: String
        let count: Int
        if let sheet = try context.store().onDemandSheet(run: run, scope: scope) {
            let manifest = TransportManifestOnDemand.manifest(sheet, context)
            count = Set((manifest.pickups + manifest.dropOffs).map(\.booking)).count
            text = TransportManifestOnDemand.render(manifest, format: format)
        } else {
            (text, count) = try fixedStops(run, format: format, scope: scope, context)
        }
        if let path = try arguments.value("output") {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                throw UserError.cannotCreate("--output \(path): cannot be written (\(error.localizedDescription))")
            }
            print("manifest of run \(run) written to \(path) (\(count) passengers)")
        } else {
            print(text, terminator: "")
        }
    }

    /// The sheet of a fixed-stop run, by stop, and its number of passengers.
    private static func fixedStops(_ run: Int64, format: String, scope: ShuttleScope, _ context: Context) throws -> (String, Int) {
        let manifest = try context.store().shuttleManifest(run: run, scope: scope, context: TransportCommand.shuttleContext(context))
        let rows = manifest.passengers.map { row($0, context) }
        switch format {
        case "csv": return (csv(rows), rows.count)
        case "html": return (html(manifest.run, rows, scope: scope, context), rows.count)
        case "json":
            let shape = ManifestJSON(manifest.run, passengers: manifest.passengers, context: TransportCommand.shuttleContext(context))
            return (JSONShape.text(shape, pretty: true) + "\n", rows.count)
        default: return (plain(manifest.run, rows, context), rows.count)
        }
    }

    static let columns = [
        "stop", "pickup", "commune", "place", "booking", "name", "phone", "legs", "wheelchair", "companion", "seats", "appointment",
        "resident_of", "fare", "status", "code_insee", "resident_of_code_insee",
    ]

    /// One passenger as the columns' values.
    private static func row(_ booking: ShuttleBookingListing, _ context: Context) -> [String] {
        [
            String(booking.stop.position), String(context.localTime.short(booking.stop.pickup).suffix(5)),
            TransportCommand.communeName(booking.stop.commune, context), booking.stop.place, String(booking.id),
            booking.name ?? "(forgotten)", booking.phone ?? "", booking.legs.rawValue, booking.wheelchair ? "yes" : "no",
            booking.companion ? "yes" : "no", String(booking.seats),
            booking.appointment.map { String(context.localTime.short($0).suffix(5)) } ?? "",
            TransportCommand.communeName(booking.commune, context),
            FareBands.euros(booking.fareCents), booking.status == .noShow ? "no-show" : booking.status.rawValue,
            booking.stop.commune, booking.commune,
        ]
    }

    // MARK: - Formats

    /// RFC 4180 with commas, formulas neutralised (CSVWriter).
    static func csv(_ rows: [[String]]) -> String {
        ([columns] + rows).map { CSVWriter.record($0, separator: ",") }.joined()
    }

    private static func plain(_ run: ShuttleRunRecord, _ rows: [[String]], _ context: Context) -> String {
        var lines = [
            "Run \(run.id): \(run.label) (\(run.status))",
            "  leaves \(context.localTime.short(run.departure)), arrives \(context.localTime.short(run.arrival).suffix(5)) at \(run.destination), returns at \(context.localTime.short(run.returnDeparture).suffix(5))",
            "  seats \(run.outboundSeats)/\(run.returnSeats) of \(run.vehicle.seats) (out/back), wheelchairs \(run.wheelchairs) of \(run.vehicle.wheelchairPlaces), \(run.waitlisted) waiting",
        ]
        if rows.isEmpty {
            lines.append("No passenger.")
        } else {
            let header = ["STOP", "PICKUP", "PLACE", "BOOKING", "NAME", "PHONE", "LEGS", "NEEDS", "APPOINTMENT"]
            let table = rows.map { row in
                let needs = [row[8] == "yes" ? "wheelchair" : nil, row[9] == "yes" ? "companion" : nil].compactMap { $0 }.joined(
                    separator: ", ")
                return [row[0], row[1], "\(row[2]), \(row[3])", row[4], row[5], row[6], row[7], needs.isEmpty ? "-" : needs, row[11]]
            }
            let widths = header.indices.map { column in ([header] + table).map { $0[column].count }.max() ?? 0 }
            for cells in [header] + table {
                lines.append(
                    cells.enumerated().map { index, cell in
                        index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    private static func html(_ run: ShuttleRunRecord, _ rows: [[String]], scope: ShuttleScope, _ context: Context) -> String {
        let time = { (date: Date) in String(context.localTime.short(date).suffix(5)) }
        let day = LocalDateWording.day(run.departure, language: .french, calendar: context.localTime.calendar)
        var body = ""
        for stop in run.stops {
            let here = rows.filter { $0[0] == String(stop.position) }
            body +=
                "<tr class=\"stop\"><th colspan=\"8\">\(stop.position). \(escape(time(stop.pickup))) \(escape(TransportCommand.communeName(stop.commune, context))), \(escape(stop.place)) (\(here.count))</th></tr>\n"
            for row in here {
                let needs = [row[8] == "yes" ? "fauteuil roulant" : nil, row[9] == "yes" ? "accompagnant" : nil].compactMap { $0 }
                let legs = ["both": "aller-retour", "outbound": "aller seul", "return": "retour seul"][row[7]] ?? row[7]
                body +=
                    "<tr><td class=\"box\"></td><td>\(escape(row[4]))</td><td>\(escape(row[5]))</td><td>\(escape(row[6]))</td>"
                    + "<td>\(escape(legs))</td><td>\(escape(needs.isEmpty ? "-" : needs.joined(separator: ", ")))</td>"
                    + "<td>\(escape(row[11]))</td><td>\(escape(row[12]))</td></tr>\n"
            }
        }
        let audience =
            scope == .coordinator
            ? "Tous les passagers" : "Passagers de \(escape(scope.wording.replacingOccurrences(of: "the CCAS of ", with: "CCAS de ")))"
        return """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <title>Navette \(run.id) – \(escape(day))</title>
            <style>
            body { font-family: sans-serif; font-size: 11pt; margin: 1.5cm; color: #000; }
            h1 { font-size: 16pt; margin: 0 0 .3em; }
            p { margin: .2em 0; }
            table { border-collapse: collapse; width: 100%; margin-top: 1em; }
            th, td { border: 1px solid #444; padding: .25em .4em; text-align: left; vertical-align: top; }
            tr.stop th { background: #e6e6e6; }
            td.box { width: 1.2em; }
            .cancelled { color: #a00; font-weight: bold; }
            @media print { body { margin: 0; } tr { page-break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>\(escape(run.label))</h1>
            <p>Navette n° \(run.id), \(escape(day)) : départ \(escape(time(run.departure))), arrivée \(escape(time(run.arrival))) à \(escape(run.destination)), retour à \(escape(time(run.returnDeparture))).</p>
            \(run.status == "cancelled" ? "<p class=\"cancelled\">Navette annulée.</p>\n" : "")<p>\(audience) : \(rows.count). Places occupées à l'aller \(run.outboundSeats), au retour \(run.returnSeats), sur \(run.vehicle.seats) ; fauteuils \(run.wheelchairs) sur \(run.vehicle.wheelchairPlaces).</p>
            <table>
            <thead><tr><th>✓</th><th>Réservation</th><th>Nom</th><th>Téléphone</th><th>Trajet</th><th>Besoins</th><th>RDV EPS</th><th>Commune</th></tr></thead>
            <tbody>
            \(body)</tbody>
            </table>
            <p>Document confidentiel (données personnelles) : à détruire après le trajet.</p>
            </body>
            </html>

            """
    }
}
