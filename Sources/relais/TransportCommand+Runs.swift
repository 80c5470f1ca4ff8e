// relais transport runs list|add|cancel|load: the shuttle's departures.
//
// `load` brings a transport calendar in as `relais campaigns load` does, in the same one
// transaction: the shape of each transport event's runs (its X-RELAIS-STOPS and the other shuttle
// properties, with [transport] defaults) is recorded and the runs are made or reshaped (runs
// already booked keep their stops and times, and take the new seats, wheelchair places and quota
// unless their bookings hold more: then the file is refused). `campaigns load` alone also makes
// runs, from the defaults, at the next transport command.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisJSON
import RelaisService
import RelaisStore

enum TransportRuns {
    static func run(_ words: [String], _ context: Context) throws {
        guard let action = words.first else {
            throw UserError.usage("transport runs needs list, add, cancel or load\n\n\(TransportCommand.help)")
        }
        let rest = Array(words.dropFirst())
        switch action {
        case "list": try list(rest, context)
        case "add": try add(rest, context)
        case "cancel": try cancel(rest, context)
        case "load": try load(rest, context)
        default: throw UserError.usage("unknown transport runs action \"\(action)\"\n\n\(TransportCommand.help)")
        }
    }

    // MARK: - list

    private static func list(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["from", "to"]), flags: TransportCommand.scopeFlags.union(["json"]))
        try arguments.expectPositional(atMost: 0, usage: "relais transport runs list [--from DATE] [--to DATE] [--json]")
        let scope = try TransportCommand.scope(arguments, context)
        let from = try context.date(arguments.value("from"), option: "from") ?? context.localTime.calendar.startOfDay(for: context.now)
        let to = try context.date(arguments.value("to"), option: "to")
        let shuttle = TransportCommand.shuttleContext(context)
        let runs = try context.store().shuttleRuns(from: from, to: to, scope: scope, context: shuttle)
        if arguments.flag("json") {
            Output.json(runs.map { RunJSON($0, context: shuttle) })
            return
        }
        if runs.isEmpty {
            print("No run in that period.")
            return
        }
        var header = ["RUN", "DEPARTURE", "STATUS", "SEATS OUT/BACK", "WHEELCHAIRS", "WAITLIST", "BOOK BY"]
        if scope != .coordinator { header.append("YOURS") }
        header.append("STOPS")
        Output.table(
            header,
            runs.map { run in
                let seats = "\(run.outboundSeats)/\(run.returnSeats) of \(run.vehicle.seats)"
                var row = [
                    String(run.id), context.localTime.short(run.departure), run.status, seats,
                    "\(run.wheelchairs)/\(run.vehicle.wheelchairPlaces)", String(run.waitlisted),
                    context.localTime.short(
                        shuttle.settings.rules.bookingDeadline(pickup: run.departure, calendar: context.localTime.calendar)),
                ]
                if scope != .coordinator { row.append("\(run.scopeSeats ?? 0)" + (run.ccasQuota.map { " of \($0)" } ?? "")) }
                row.append(
                    run.demand.map { TransportOnDemand.describe($0, context) }
                        ?? run.stops.map { TransportCommand.describe($0, context) }.joined(separator: "; "))
                return row
            })
    }


    // MARK: - add

    private static func add(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words,
            options: TransportCommand.scopeOptions.union([
                "date", "stop", "arrival", "return", "seats", "wheelchair-places", "seats-per-wheelchair", "destination", "quota", "label",
            ]).union(TransportOnDemand.runOptions),
            flags: TransportCommand.scopeFlags.union(["json", "on-demand"]))
        try arguments.expectPositional(
            atMost: 0, usage: "relais transport runs add --date DATE --stop \"HH:MM Commune, place\"... --return HH:MM")
        try TransportCommand.requireCoordinator(try TransportCommand.scope(arguments, context), "add runs")
        guard let dayText = try arguments.value("date") else { throw UserError.usage("runs add needs --date, e.g. --date 2027-04-13") }
        guard let day = context.localTime.parse(dayText), !dayText.contains(":") else {
            throw UserError.usage("--date \"\(dayText)\" is not a date such as 2027-04-13")
        }
        let onDemand = arguments.flag("on-demand")
        var stops: [ShuttleStopText] = []
        if !onDemand {
            do { stops = try ShuttleStopText.list(arguments.all("stop"), field: "--stop", territory: context.territory) } catch {
                throw UserError.data("\(error.field): \(error.reason)")
            }
        }
        guard let returnText = try arguments.value("return") else {
            throw UserError.usage("runs add needs --return HH:MM, the return departure")
        }
        let settings = context.configuration.shuttle
        var vehicle = settings.vehicle
        vehicle.seats = try number(arguments, "seats") ?? vehicle.seats
        vehicle.wheelchairPlaces = try number(arguments, "wheelchair-places") ?? vehicle.wheelchairPlaces
        vehicle.seatsPerWheelchair = try number(arguments, "seats-per-wheelchair") ?? vehicle.seatsPerWheelchair
        if let problem = vehicle.problem { throw Refusal.shuttle(.runShape(problem)) }
        if onDemand { return try TransportOnDemand.add(arguments, vehicle: vehicle, day: day, returnText: returnText, context) }
        guard let destination = try arguments.value("destination") ?? settings.destination(in: context.territory) else {
            throw UserError.usage("runs add needs --destination: \(ShuttleSettings.noDefaultDestination)")
        }
        let form = ShuttleRunForm(
            label: try arguments.value("label") ?? "Navette vers \(settings.destination(in: context.territory) ?? destination)",
            day: day, stops: stops, arrivalMinute: try clock(arguments, "arrival"), returnMinute: try clock(returnText, "return"),
            vehicle: vehicle, destination: destination, ccasQuota: try number(arguments, "quota"))
        let id = try context.store().addShuttleRun(form, context: TransportCommand.shuttleContext(context))
        if arguments.flag("json") { Output.json(["run": id]) } else { print("run \(id) added") }
    }

    private static func number(_ arguments: Arguments, _ name: String) throws -> Int? {
        guard let text = try arguments.value(name) else { return nil }
        guard let value = Int(text), value >= 0 else { throw UserError.usage("--\(name) takes a whole number, not \"\(text)\"") }
        return value
    }

    private static func clock(_ arguments: Arguments, _ name: String) throws -> Int? {
        try arguments.value(name).map { try clock($0, name) }
    }

    private static func clock(_ text: String, _ name: String) throws -> Int {
        guard let minutes = ShuttleClock.minutes(text) else { throw UserError.usage("--\(name) \"\(text)\" is not a time such as 09:00") }
        return minutes
    }

    // MARK: - cancel

    private static func cancel(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["reason"]), flags: TransportCommand.scopeFlags.union(["json"]))
        let usage = "relais transport runs cancel RUN [--reason TEXT]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        try TransportCommand.requireCoordinator(try TransportCommand.scope(arguments, context), "cancel runs")
        let run = try TransportCommand.identifier(arguments.positional.first, what: "run", usage: usage)
        let cancelled = try context.store().cancelShuttleRun(
            run, reason: try arguments.value("reason") ?? "cancelled by the coordinator", context: TransportCommand.shuttleContext(context))
        if arguments.flag("json") {
            Output.json(["run": run, "bookings_cancelled": cancelled])
        } else {
            print("run \(run) cancelled: \(cancelled) bookings cancelled, their passengers will be told")
        }
    }

    // MARK: - load

    private static func load(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: TransportCommand.scopeOptions, flags: TransportCommand.scopeFlags.union(["json"]))
        try TransportCommand.requireCoordinator(try TransportCommand.scope(arguments, context), "load transport calendars")
        guard !arguments.positional.isEmpty else { throw UserError.usage("transport runs load needs a FILE.ics or DIR") }
        let files: [String]
        do { files = try CalendarLoader.calendarFiles(naming: arguments.positional) } catch let error as TextFileError {
            throw UserError.noInput(error.description)
        }
        var loader = CalendarLoader(
            store: try context.store(), configuration: context.configuration, territory: context.territory,
            calendar: context.localTime.calendar)
        loader.route = context.routeData
        var summaries: [[String: Any]] = []
        for file in files {
            let result: CalendarLoadResult
            do { result = try loader.load(file, now: context.now) } catch let error as CalendarLoadError {
                throw UserError.data(CampaignsCommand.refusal(error).joined(separator: "\nrelais: "))
            }
            let summary = result.shuttle
            summaries.append([
                "file": file, "campaign": result.campaign.campaign, "lines": result.transportEvents, "runs_added": summary.added,
                "runs_moved": summary.moved, "runs_cancelled": summary.cancelled, "runs_kept_for_bookings": summary.keptForBookings,
            ])
            if !arguments.flag("json") {
                var line =
                    "\(file): \(result.transportEvents) transport events, \(summary.added) runs added, \(summary.moved) moved, \(summary.cancelled) cancelled"
                if summary.keptForBookings > 0 {
                    line += "; \(summary.keptForBookings) runs already booked keep their stops and times (their seats follow the calendar)"
                }
                print(line)
            }
        }
        if arguments.flag("json") { Output.json(summaries) }
    }
}
