// relais transport runs add --on-demand: a door-to-door run (ShuttleOnDemand.swift), with a
// departure window instead of stops; and what booking, listing and the bookings' lines show of
// on-demand runs (where each passenger is picked up).
//
//   relais transport runs add --coordinator --on-demand --date 2027-03-30 --departure-window 07:00-08:30 \
//       --arrival 09:00 --return 11:30 [--seats 8 --wheelchair-places 1 --depot CODE --destination-commune CODE]
//
// The depot is one of the territory's communes (by INSEE code or name), by default [transport]
// depot; the destination's commune is any INSEE code (it may lie outside the territory), by
// default [transport] destination_commune. Neither is invented when the configuration names none.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum TransportOnDemand {
    /// The options `runs add` takes for an on-demand run, beyond the fixed-stop ones.
    static let runOptions: Set<String> = ["departure-window", "depot", "destination-commune"]

    /// Adds an on-demand run from `runs add --on-demand`'s arguments.
    static func add(_ arguments: Arguments, vehicle: ShuttleVehicle, day: Date, returnText: String, _ context: Context) throws {
        guard arguments.all("stop").isEmpty else {
            throw UserError.usage("--stop: an on-demand run has no stops; give --departure-window HH:MM-HH:MM instead")
        }
        guard let windowText = try arguments.value("departure-window") else {
            throw UserError.usage("runs add --on-demand needs --departure-window, e.g. --departure-window 07:00-08:30")
        }
        guard let window = ShuttleDepartureWindow.minutes(windowText) else {
            throw UserError.usage("--departure-window \"\(windowText)\" is not a window such as 07:00-08:30")
        }
        guard let arrivalText = try arguments.value("arrival") else {
            throw UserError.usage("runs add --on-demand needs --arrival HH:MM, the target arrival at the destination")
        }
        let settings = context.configuration.shuttle
        let depot = try commune(arguments, "depot", default: settings.depot, inTerritory: true, context)
        let destinationCommune = try commune(
            arguments, "destination-commune", default: settings.destinationCommune, inTerritory: false, context)
        guard let destination = try arguments.value("destination") ?? settings.destination(in: context.territory) else {
            throw UserError.usage("runs add needs --destination: \(ShuttleSettings.noDefaultDestination)")
        }
        let shape = ShuttleDemandShape(
            windowOpens: window.opens, windowCloses: window.closes, arrival: try clock(arrivalText, "arrival"),
            returnDeparture: try clock(returnText, "return"), depot: depot, destinationCommune: destinationCommune)
        let form = ShuttleDemandRunForm(
            label: try arguments.value("label") ?? "Navette à la demande vers \(destination)", day: day, shape: shape, vehicle: vehicle,
            destination: destination, ccasQuota: try quota(arguments))
        let id = try context.store().addOnDemandRun(form, context: TransportCommand.shuttleContext(context))
        if arguments.flag("json") { Output.json(["run": id]) } else { print("run \(id) added (on demand)") }
    }

    /// A commune option's INSEE code: a code, or (in the territory) a commune's name; else the default.
    private static func commune(
        _ arguments: Arguments, _ name: String, default fallback: String?, inTerritory: Bool, _ context: Context
    ) throws -> String {
        guard let typed = try arguments.value(name) else {
            guard let fallback else {
                throw UserError.usage(
                    "runs add --on-demand needs --\(name) CODE: [transport] \(name.replacingOccurrences(of: "-", with: "_")) names none")
            }
            return fallback
        }
        if let known = context.territory.commune(named: typed) { return known.code }
        let code: String
        do { code = try ShuttleSettings.communeCode(typed) } catch {
            throw UserError.usage("--\(name): \"\(typed)\" is not an INSEE commune code such as 01173, nor a commune of \(context.territory.name)")
        }
        if inTerritory, context.territory.commune(code: code) == nil {
            throw UserError.usage("--\(name): \(code) is not a commune of \(context.territory.name)")
        }
        return code
    }

    private static func clock(_ text: String, _ name: String) throws -> Int {
        guard let minutes = ShuttleClock.minutes(text) else { throw UserError.usage("--\(name) \"\(text)\" is not a time such as 09:00") }
        return minutes
    }

    private static func quota(_ arguments: Arguments) throws -> Int? {
        guard let text = try arguments.value("quota") else { return nil }
        guard let value = Int(text), value >= 0 else { throw UserError.usage("--quota takes a whole number, not \"\(text)\"") }
        return value
    }

    /// Where a booking picks its passenger up, from `--pickup-point` / `--door`; nil when neither was given.
    static func pickup(_ arguments: Arguments) throws -> ShuttlePickupPlace? {
        try ShuttlePickupPlace.parse(point: try arguments.value("pickup-point"), door: try arguments.value("door"))
    }

    /// "on demand 07:00-08:30 from <depot> to <destination>", for the STOPS column of `runs list`.
    static func describe(_ demand: ShuttleDemandRecord, _ context: Context) -> String {
        let time = { (date: Date) in String(context.localTime.short(date).suffix(5)) }
        let depot = context.territory.communeName(code: demand.depot)
        let destination = context.territory.commune(code: demand.destinationCommune)?.name ?? demand.destinationCommune
        return "on demand \(time(demand.windowOpens))-\(time(demand.windowCloses)) from \(depot) to \(destination)"
    }
}
