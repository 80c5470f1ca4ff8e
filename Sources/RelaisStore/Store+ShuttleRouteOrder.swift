// Store+ShuttleRouteOrder: a coordinator's edit of an on-demand run's outbound route (issue 17,
// `relais transport route RUN --order B1,B2,...`). In one BEGIN IMMEDIATE transaction the store
// records the order on each confirmed outbound passenger's pickup (`fixed_order`, schema step 25),
// plans the run from the snapshot the transaction sees (the core's RoutePlanner.fixed works out the
// times of that order and checks every ride limit and the departure window) and records the route as
// a cancellation's replan does, so the existing notice path tells those moved >= 10 minutes after
// booking close. A refused order (not every confirmed outbound passenger once, a ride over its limit,
// a missed arrival) rolls back and leaves the database as it was.
//
// The order lasts while it names every confirmed outbound passenger: a cancellation keeps the others'
// order; a new booking or a promotion brings a passenger without one and the run returns to the optimum.

import Foundation
import RelaisCore

extension Store {
    /// Fixes the outbound pickup order of on-demand run `run` to `order` (booking ids), or with nil
    /// returns it to the planner's optimum; records the new pickup times. Throws `Refusal` otherwise.
    public func fixRouteOrder(run: Int64, order: [Int64]?, context: ShuttleContext) throws {
        try database.write { database in
            guard try database.row("SELECT id FROM shuttle_run WHERE id = ?", [.integer(run)]) != nil else {
                throw Refusal.notFound(.run, id: String(run))
            }
            guard let demand = try demand(of: run, in: database) else { throw Refusal.shuttle(.runNotOnDemand) }
            _ = try clearFixedOrder(run, in: database)
            if let order { try recordFixedOrder(run, order: order, in: database) }
            try audit(
                actor: context.actor(in: .coordinator), action: "run.route-order",
                detail: "run=\(run) order=\(order.map { $0.map(String.init).joined(separator: ",") } ?? "optimum")", now: context.now,
                in: database)
            switch try planOnDemandRun(run, demand: demand, context: context, in: database) {
            case .feasible(let outbound, let back)?:
                try recordRoute(run, outbound: outbound, back: back, context: context, in: database)
            case .infeasible(let why)?:
                guard order != nil else { return }
                let name = try database.row(
                    "SELECT p.name FROM shuttle_booking b LEFT JOIN participant p ON p.id = b.participant WHERE b.id = ?",
                    [.integer(why.booking)])?.string("name")
                throw Refusal.shuttle(
                    .routeOrderInfeasible(
                        booking: why.booking, name: name, rideMinutes: why.rideMinutes, limitMinutes: why.limitMinutes,
                        missesArrival: why.reason == .outsideWindow))
            case nil: return
            }
        }
    }

    /// Writes `order` on the run's confirmed outbound pickups; refuses one that does not name each once.
    private func recordFixedOrder(_ run: Int64, order: [Int64], in database: Database) throws {
        let passengers = try database.rows(
            "SELECT id FROM shuttle_booking WHERE run = ? AND status = 'confirmed' AND outbound = 1 ORDER BY id", [.integer(run)]
        ).map { $0.int64("id")! }
        guard order.count == passengers.count, Set(order) == Set(passengers) else {
            throw Refusal.shuttle(.routeOrderNotPassengers(passengers: passengers))
        }
        for (index, booking) in order.enumerated() {
            try database.run("UPDATE shuttle_pickup SET fixed_order = ? WHERE booking = ?", [.int(index + 1), .integer(booking)])
        }
    }

    /// The coordinator's order of the run's outbound passengers (`rows`: their booking ids and `fixed_order`)
    /// when each has one; when only some have (someone joined since), the order is dropped and nil returned.
    func fixedOrder(_ run: Int64, rows: [Row], in database: Database) throws -> [Int64]? {
        let fixed = rows.compactMap { row in row.int("fixed_order").map { (order: $0, booking: row.int64("id")!) } }
        if fixed.isEmpty { return nil }
        guard fixed.count == rows.count else {
            _ = try clearFixedOrder(run, in: database)
            return nil
        }
        return fixed.sorted { $0.order < $1.order }.map(\.booking)
    }

    /// Drops the run's fixed order; true when there was one.
    func clearFixedOrder(_ run: Int64, in database: Database) throws -> Bool {
        let had =
            try database.row(
                """
                SELECT count(*) AS n FROM shuttle_pickup
                WHERE fixed_order IS NOT NULL AND booking IN (SELECT id FROM shuttle_booking WHERE run = ?)
                """, [.integer(run)])?.int("n") ?? 0
        try database.run(
            "UPDATE shuttle_pickup SET fixed_order = NULL WHERE booking IN (SELECT id FROM shuttle_booking WHERE run = ?)",
            [.integer(run)])
        return had > 0
    }

    /// True when the run's outbound order was fixed by the coordinator.
    public func routeOrderIsFixed(run: Int64) throws -> Bool {
        try database.read { database in
            try database.row(
                """
                SELECT count(*) AS n FROM shuttle_pickup
                WHERE fixed_order IS NOT NULL AND booking IN (SELECT id FROM shuttle_booking WHERE run = ? AND status = 'confirmed')
                """, [.integer(run)])?.int("n") ?? 0 > 0
        }
    }
}
