// Store+ShuttleLineDemand: door-to-door runs made from the calendar (X-RELAIS-PICKUP:on-demand,
// ShuttleCalendarOnDemand.swift): the line's demand recorded with the line (schema step 24), each
// run made or reshaped from it given its shuttle_demand row, and a moved occurrence moving its
// on-demand run's window and planned route with it.
//
// A booked on-demand run takes its line's new window, arrival, return, depot and destination
// commune when its confirmed bookings still fit them: the route is planned again in the load's
// transaction and recorded (passengers told of pickups moved by 10 minutes or more); when no route
// carries them all, or the route data did not load, the run keeps its times (a savepoint undoes
// the attempt), as a booked fixed-stop run keeps its stops. When the occurrence moves, the whole run moves: every time shifts by the same amount, so
// the planned route stays the route (the travel times do not change), its pickup and drop-off
// times shift with it, and passengers already told their pickup time are told the new one when it
// moved by 10 minutes or more (`shuttle-pickup-changed`, as after any replanning).

import Foundation
import RelaisCore

extension Store {
    /// Records the demand of a calendar line (or removes the one it had) in the load's transaction.
    func recordLineDemand(of event: String, line: ShuttleLine, in database: Database) throws {
        try database.run("DELETE FROM shuttle_line_demand WHERE event = ?", [.text(event)])
        guard let demand = line.demand else { return }
        try database.run(
            "INSERT INTO shuttle_line_demand (event, window_minutes, depot, destination_commune) VALUES (?, ?, ?, ?)",
            [.text(event), .int(demand.windowMinutes), .text(demand.depot), .text(demand.destinationCommune)])
    }

    /// The demand recorded with an event's line, or nil for a fixed-stop line.
    func lineDemand(of event: String, in database: Database) throws -> ShuttleLineDemand? {
        try database.row("SELECT * FROM shuttle_line_demand WHERE event = ?", [.text(event)]).map {
            ShuttleLineDemand(
                windowMinutes: $0.int("window_minutes")!, depot: $0.string("depot")!, destinationCommune: $0.string("destination_commune")!)
        }
    }

    /// Makes `run` (leaving at `departure`, its window's opening) on-demand when its line is.
    func recordRunDemand(_ run: Int64, departure: Date, line: ShuttleLine, in database: Database) throws {
        guard let demand = line.demand else { return }
        try database.run(
            "INSERT INTO shuttle_demand (run, window_opens_at, window_closes_at, depot, destination_commune) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(run), .date(departure), .date(departure.addingTimeInterval(Double(demand.windowMinutes * 60))),
                .text(demand.depot), .text(demand.destinationCommune),
            ])
    }

    /// Moves an on-demand run's window and planned route by `seconds` (its occurrence moved), and
    /// tells the passengers whose told pickup time moved enough. Nothing for a fixed-stop run.
    func shiftDemand(of run: Int64, by seconds: Int64, context: ShuttleContext, in database: Database) throws {
        guard try demand(of: run, in: database) != nil else { return }
        try database.run(
            "UPDATE shuttle_demand SET window_opens_at = window_opens_at + ?1, window_closes_at = window_closes_at + ?1 WHERE run = ?2",
            [.integer(seconds), .integer(run)])
        try database.run(
            """
            UPDATE shuttle_pickup SET pickup_at = pickup_at + ?1, dropoff_at = dropoff_at + ?1
            WHERE booking IN (SELECT id FROM shuttle_booking WHERE run = ?2)
            """, [.integer(seconds), .integer(run)])
        try tellMovedPickups(run, context: context, in: database)
    }

    /// Gives booked on-demand run `run` (leaving at `departure`) the shape of its new on-demand line
    /// when a route still carries its confirmed bookings; returns false (the run unchanged) otherwise.
    func refitBookedDemandRun(_ run: Int64, departure: Date, line: ShuttleLine, context: ShuttleContext, in database: Database) throws
        -> Bool
    {
        guard let lineDemand = line.demand, try demand(of: run, in: database) != nil else { return false }
        let times = line.times(departure: departure)
        let demand = ShuttleDemandRecord(
            windowOpens: departure, windowCloses: departure.addingTimeInterval(Double(lineDemand.windowMinutes * 60)),
            depot: lineDemand.depot, destinationCommune: lineDemand.destinationCommune)
        let current = try database.row(
            "SELECT r.arrives_at, r.returns_at, r.destination, d.* FROM shuttle_run r JOIN shuttle_demand d ON d.run = r.id WHERE r.id = ?",
            [.integer(run)])
        if let current, current.date("arrives_at") == times.arrival, current.date("returns_at") == times.returnDeparture,
            current.string("destination") == line.destination, Self.demand(current) == demand
        {
            return true
        }
        try database.execute("SAVEPOINT refit_demand_run")
        try database.run(
            "UPDATE shuttle_run SET arrives_at = ?, returns_at = ?, destination = ?, version = version + 1 WHERE id = ?",
            [.date(times.arrival), .date(times.returnDeparture), .text(line.destination), .integer(run)])
        try database.run(
            "UPDATE shuttle_demand SET window_opens_at = ?, window_closes_at = ?, depot = ?, destination_commune = ? WHERE run = ?",
            [.date(demand.windowOpens), .date(demand.windowCloses), .text(demand.depot), .text(demand.destinationCommune), .integer(run)])
        try database.run("UPDATE shuttle_stop SET commune = ? WHERE run = ? AND position = 1", [.text(demand.depot), .integer(run)])
        // No route carrying them, or a refusal (no route data, a missing travel time), keeps the run as it was;
        // any other error (the disk, the database) fails the load.
        let plan: OnDemandPlan?
        do { plan = try planOnDemandRun(run, demand: demand, context: context, in: database) } catch is Refusal { plan = nil }
        guard case .feasible(let outbound, let back)? = plan else {
            try database.execute("ROLLBACK TO refit_demand_run")
            try database.execute("RELEASE refit_demand_run")
            return false
        }
        try recordRoute(run, outbound: outbound, back: back, context: context, in: database)
        try database.execute("RELEASE refit_demand_run")
        return true
    }
}
