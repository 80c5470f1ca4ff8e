// relais transport route: the outbound route of an on-demand (door-to-door) run as recorded —
// each pickup in the vehicle's order with its booking, commune, place, time, time on board and the
// passenger's ride limit — and the coordinator's edit of it: `--order B1,B2,...` fixes the pickup
// order (every confirmed outbound passenger once), `--clear-order` returns to the planner's optimum.
// The store decides and records in one transaction (Store+ShuttleRouteOrder.swift); a refused order
// names the passenger whose ride would be too long or whose arrival would be missed, and changes nothing.

import Foundation
import RelaisCore
import RelaisStore

enum TransportRoute {
    static let usage =
        "relais transport route RUN (--ccas COMMUNE | --coordinator) [--json] [--order BOOKING,BOOKING,... | --clear-order]"

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: TransportCommand.scopeOptions.union(["order"]),
            flags: TransportCommand.scopeFlags.union(["json", "clear-order"]))
        try arguments.expectPositional(atMost: 1, usage: usage)
        let scope = try TransportCommand.scope(arguments, context)
        let run = try TransportCommand.identifier(arguments.positional.first, what: "run", usage: usage)
        let typed = try arguments.value("order")
        if typed != nil && arguments.flag("clear-order") { throw UserError.usage("--order and --clear-order exclude each other") }
        let shuttle = TransportCommand.shuttleContext(context)
        if typed != nil || arguments.flag("clear-order") {
            try TransportCommand.requireCoordinator(scope, "change a route")
            let order = try typed.map(bookings)
            try context.store().fixRouteOrder(run: run, order: order, context: shuttle)
        }
        guard let sheet = try context.store().onDemandSheet(run: run, scope: scope) else {
            throw Refusal.shuttle(.runNotOnDemand)
        }
        let stops = route(sheet, shuttle, context)
        let fixed = try context.store().routeOrderIsFixed(run: run)
        if arguments.flag("json") {
            Output.json(RouteJSON(run: run, fixedOrder: fixed, stops: stops))
            return
        }
        let whose = fixed ? "order fixed by the coordinator" : "the planner's order"
        print("run \(run), outbound, arrival \(context.localTime.short(sheet.arrival)): \(whose)")
        for stop in stops {
            let limit = stop.limitMinutes.map(String.init) ?? "?"
            print(
                "\(stop.order). \(stop.pickup) booking \(stop.booking) \(stop.commune), \(stop.place): "
                    + "on board \(stop.rideMinutes) min (limit \(limit) min)")
        }
        if fixed { print("a cancellation keeps this order; a new booking or a promotion returns the run to the optimum") }
    }

    /// `--order 12,7,9`: booking ids, each a positive whole number.
    private static func bookings(_ text: String) throws -> [Int64] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { word in
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            guard let id = Int64(trimmed), id > 0 else {
                throw UserError.usage("--order: \"\(trimmed)\" is not a booking number; give booking numbers separated by commas")
            }
            return id
        }
    }

    /// The outbound pickups as recorded, in the vehicle's order.
    private static func route(_ sheet: OnDemandSheetRecord, _ shuttle: ShuttleContext, _ context: Context) -> [RouteStopJSON] {
        sheet.passengers.filter { $0.outbound && $0.pickupOrder != nil }.sorted { $0.pickupOrder! < $1.pickupOrder! }.map { passenger in
            let direct = shuttle.travelTimes?.minutes(from: passenger.commune, to: sheet.demand.destinationCommune)
            let place: String =
                switch passenger.place {
                case .point(let name)?: name
                case .door(let address)?: address
                case nil: "(address erased)"
                }
            return RouteStopJSON(
                order: passenger.pickupOrder!, booking: passenger.booking,
                commune: TransportCommand.communeName(passenger.commune, context),
                place: place, pickup: passenger.pickupAt.map { String(context.localTime.short($0).suffix(5)) } ?? "",
                rideMinutes: passenger.rideMinutes ?? 0, limitMinutes: direct.map { shuttle.routeRules.rideLimit(directMinutes: $0) })
        }
    }
}

/// `transport route --json`.
struct RouteJSON: Encodable {
    var run: Int64
    var fixedOrder: Bool
    var stops: [RouteStopJSON]

    enum CodingKeys: String, CodingKey {
        case run, stops
        case fixedOrder = "fixed_order"
    }
}

/// One pickup of `transport route --json`.
struct RouteStopJSON: Encodable {
    var order: Int
    var booking: Int64
    var commune: String
    var place: String
    /// `HH:MM`, local.
    var pickup: String
    var rideMinutes: Int
    var limitMinutes: Int?

    enum CodingKeys: String, CodingKey {
        case order, booking, commune, place, pickup
        case rideMinutes = "ride_minutes"
        case limitMinutes = "limit_minutes"
    }
}
