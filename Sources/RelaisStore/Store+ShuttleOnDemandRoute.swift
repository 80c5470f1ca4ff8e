// Store+ShuttleOnDemandRoute: the route of an on-demand run, decided by the core (RoutePlanner) and
// recorded here, always inside the caller's BEGIN IMMEDIATE transaction: a booking is confirmed only
// if a feasible route still exists with it, a cancellation or a promotion plans again, and each
// booking's pickup order and time (and drop-off on the return) is written where the manifest and the
// notices read it.
//
// The snapshot the core plans with is the run's confirmed bookings as the transaction sees them;
// because every booking of the run takes the write lock first (BEGIN IMMEDIATE), twenty agents
// booking at once are planned one after the other, each against the bookings confirmed before it,
// and the run can never hold a set of passengers no route can carry within their ride limits.

import Foundation
import RelaisCore

/// What planning an on-demand run came to: both legs' routes, or the first leg no route serves.
enum OnDemandPlan {
    case feasible(outbound: PlannedRoute, back: PlannedRoute)
    case infeasible(RouteInfeasibility)
}

extension Store {
    /// Plans the run's confirmed bookings (or booking `only` alone, whatever its status). Refuses when
    /// the territory's travel times did not load or lack a pair: a run is never booked on seats alone.
    func planOnDemandRun(
        _ run: Int64, demand: ShuttleDemandRecord, context: ShuttleContext, in database: Database, only: Int64? = nil
    ) throws -> OnDemandPlan? {
        guard let times = context.travelTimes else {
            throw Refusal.shuttle(.routeDataUnavailable(reason: context.routeProblem ?? "the territory has no travel times"))
        }
        let rows = try database.rows(
            """
            SELECT b.id, b.outbound, b.inbound, b.wheelchair, k.commune, k.fixed_order
            FROM shuttle_booking b JOIN shuttle_pickup k ON k.booking = b.id
            WHERE b.run = ?1 AND ((?2 IS NULL AND b.status = 'confirmed') OR b.id = ?2) ORDER BY b.id
            """, [.integer(run), only.map { .integer($0) } ?? .null])
        func passengers(_ column: String) -> [RoutePassenger] {
            rows.filter { $0.int(column) == 1 }.map {
                RoutePassenger(booking: $0.int64("id")!, commune: $0.string("commune")!, wheelchair: $0.bool("wheelchair"))
            }
        }
        guard let arrival = try database.row("SELECT arrives_at FROM shuttle_run WHERE id = ?", [.integer(run)])?.date("arrives_at")
        else { return nil }
        // The planner's work doubles with each passenger: a run holding more than an on-demand run may is refused, not planned.
        let most = max(passengers("outbound").count, passengers("inbound").count)
        guard most <= maximumOnDemandSeats else {
            throw Refusal.shuttle(.runShape(.onDemandSeats(seats: most, maximum: maximumOnDemandSeats)))
        }
        let window =
            Int(demand.windowOpens.timeIntervalSince(arrival) / 60)...Int(demand.windowCloses.timeIntervalSince(arrival) / 60)
        let outbound = RouteProblem(
            depot: demand.depot, destination: demand.destinationCommune, passengers: passengers("outbound"), rules: context.routeRules,
            departureWindowMinutes: window)
        let back = RouteProblem(
            depot: demand.depot, destination: demand.destinationCommune, passengers: passengers("inbound"), rules: context.routeRules)
        // A coordinator's order (Store+ShuttleRouteOrder.swift) is followed while it names every outbound passenger.
        let order = only == nil ? try fixedOrder(run, rows: rows.filter { $0.int("outbound") == 1 }, in: database) : nil
        let legs: (RouteOutcome, RouteOutcome)
        do {
            var there: RouteOutcome? = nil
            if let order { there = try RoutePlanner.fixed(outbound, order: order, leg: .outbound, times: times) }
            if there == nil { there = try RoutePlanner.outbound(outbound, times: times) }
            legs = (there!, try RoutePlanner.returnLeg(back, times: times))
        } catch {
            throw Refusal.shuttle(.travelTimeMissing(file: error.fileName, from: error.from, to: error.to))
        }
        switch legs {
        case (.feasible(let there), .feasible(let home)): return .feasible(outbound: there, back: home)
        case (.infeasible(let why), _), (_, .infeasible(let why)): return .infeasible(why)
        case (.tooManyPassengers(let count, let maximum), _), (_, .tooManyPassengers(let count, let maximum)):
            throw Refusal.shuttle(.runShape(.onDemandSeats(seats: count, maximum: maximum)))
        }
    }

    /// Writes each confirmed booking's pickup and drop-off order and time; clears those of the others.
    func recordRoute(_ run: Int64, outbound: PlannedRoute, back: PlannedRoute, context: ShuttleContext, in database: Database) throws {
        guard let times = try database.row("SELECT arrives_at, returns_at FROM shuttle_run WHERE id = ?", [.integer(run)]) else { return }
        let arrival = times.date("arrives_at")!
        let returnDeparture = times.date("returns_at")!
        try database.run(
            """
            UPDATE shuttle_pickup SET pickup_order = NULL, pickup_at = NULL, dropoff_order = NULL, dropoff_at = NULL, ride_minutes = NULL
            WHERE booking IN (SELECT id FROM shuttle_booking WHERE run = ?)
            """, [.integer(run)])
        try database.run(
            """
            UPDATE shuttle_pickup SET too_far_ride_minutes = NULL, too_far_limit_minutes = NULL
            WHERE too_far_ride_minutes IS NOT NULL AND booking IN (SELECT id FROM shuttle_booking WHERE run = ? AND status = 'confirmed')
            """, [.integer(run)])
        for (index, stop) in outbound.stops.enumerated() {
            try database.run(
                "UPDATE shuttle_pickup SET pickup_order = ?, pickup_at = ?, ride_minutes = ? WHERE booking = ?",
                [
                    .int(index + 1), .date(arrival.addingTimeInterval(Double(stop.offsetMinutes * 60))), .int(stop.rideMinutes),
                    .integer(stop.booking),
                ])
        }
        for (index, stop) in back.stops.enumerated() {
            try database.run(
                "UPDATE shuttle_pickup SET dropoff_order = ?, dropoff_at = ? WHERE booking = ?",
                [.int(index + 1), .date(returnDeparture.addingTimeInterval(Double(stop.offsetMinutes * 60))), .integer(stop.booking)])
        }
        try database.run("UPDATE shuttle_demand SET route_computed_at = ? WHERE run = ?", [.date(context.now), .integer(run)])
        try tellMovedPickups(run, context: context, in: database)
    }

    /// After a booking of an on-demand run was inserted confirmed: plans the run with it; when no route
    /// carries everyone, puts it on the waitlist as too far (or refuses it outright when no route
    /// carries its passenger even alone) and returns why. Records the route otherwise.
    func checkOnDemandBooking(
        _ id: Int64, run: Int64, demand: ShuttleDemandRecord, context: ShuttleContext, in database: Database
    ) throws -> RouteInfeasibility? {
        guard let plan = try planOnDemandRun(run, demand: demand, context: context, in: database) else { return nil }
        switch plan {
        case .feasible(let outbound, let back):
            try recordRoute(run, outbound: outbound, back: back, context: context, in: database)
            return nil
        case .infeasible(let why):
            try waitlistTooFar(id, why, in: database)
            if case .infeasible(let alone)? = try planOnDemandRun(run, demand: demand, context: context, in: database, only: id) {
                throw Refusal.shuttle(.tooFarForRun(rideMinutes: alone.rideMinutes, limitMinutes: alone.limitMinutes))
            }
            return why
        }
    }

    /// Puts a booking just confirmed back on the waitlist because no route would carry everyone with it.
    func waitlistTooFar(_ id: Int64, _ why: RouteInfeasibility, in database: Database) throws {
        try database.run(
            "UPDATE shuttle_booking SET status = 'waitlisted', confirmed_at = NULL, waitlist_reason = ? WHERE id = ?",
            [.text(ShuttleWaitlistReason.tooFar.rawValue), .integer(id)])
        try database.run(
            "UPDATE shuttle_pickup SET too_far_ride_minutes = ?, too_far_limit_minutes = ? WHERE booking = ?",
            [.int(why.rideMinutes), .int(why.limitMinutes), .integer(id)])
    }

    /// Plans an on-demand run again after a change (a cancellation, a promotion) and records the route.
    /// A coordinator's order that no longer holds is dropped for the optimum.
    func replanOnDemandRun(_ run: Int64, context: ShuttleContext, in database: Database) throws {
        guard let demand = try demand(of: run, in: database) else { return }
        var plan = try planOnDemandRun(run, demand: demand, context: context, in: database)
        if case .infeasible? = plan, try clearFixedOrder(run, in: database) {
            plan = try planOnDemandRun(run, demand: demand, context: context, in: database)
        }
        guard case .feasible(let outbound, let back)? = plan else { return }
        try recordRoute(run, outbound: outbound, back: back, context: context, in: database)
    }
}
