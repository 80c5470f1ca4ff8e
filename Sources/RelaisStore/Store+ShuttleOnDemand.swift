// Store+ShuttleOnDemand: door-to-door (on-demand) shuttle runs in the database: adding one, telling
// whether a run is one, recording where each booking picks its passenger up, and erasing home
// addresses once a run is over (schema step 22, Migrations+OnDemand.swift).
//
// An on-demand run is an ordinary shuttle_run (seats, wheelchair places and quotas are held by the
// same triggers) with a row in shuttle_demand; its one stop row, at the depot when the window opens,
// is only there for the bookings' foreign key and is never shown as a stop.

import Foundation
import RelaisCore

/// An on-demand run added by command: its day, shape, vehicle and destination.
public struct ShuttleDemandRunForm: Sendable {
    public var label: String
    /// Local midnight of the run's day.
    public var day: Date
    public var shape: ShuttleDemandShape
    public var vehicle: ShuttleVehicle
    /// The destination's name, as fixed-stop runs show it.
    public var destination: String
    public var ccasQuota: Int?

    public init(label: String, day: Date, shape: ShuttleDemandShape, vehicle: ShuttleVehicle, destination: String, ccasQuota: Int?) {
        self.label = label
        self.day = day
        self.shape = shape
        self.vehicle = vehicle
        self.destination = destination
        self.ccasQuota = ccasQuota
    }
}

/// What makes a run on-demand, as recorded.
public struct ShuttleDemandRecord: Sendable, Equatable {
    public var windowOpens: Date
    public var windowCloses: Date
    /// INSEE codes.
    public var depot: String
    public var destinationCommune: String
}

/// Where a booking of an on-demand run picks its passenger up, and when the route says.
public struct ShuttlePickupRecord: Sendable, Equatable {
    /// The INSEE code of the commune the passenger is picked up in.
    public var commune: String
    /// The point or the address; nil once the address was erased after the run.
    public var place: ShuttlePickupPlace?
    public var pickupOrder: Int?
    public var pickupAt: Date?
    public var dropoffOrder: Int?
    public var dropoffAt: Date?
    /// While waitlisted as too far: the longest ride the booking would have caused, and its limit.
    public var tooFarRideMinutes: Int? = nil
    public var tooFarLimitMinutes: Int? = nil
}

/// The place of an on-demand run's one stop row (never shown as a stop).
let onDemandStopPlace = "à la demande"

extension Store {
    /// Adds an on-demand run by command; returns its id.
    public func addOnDemandRun(_ form: ShuttleDemandRunForm, context: ShuttleContext) throws -> Int64 {
        let shape = form.shape
        if let problem = shape.problem { throw Refusal.shuttle(.runShape(problem)) }
        let calendar = context.calendar
        let day = ShuttleBookingRules.localDay(of: form.day, calendar: calendar)
        let opens = ShuttleBookingRules.instant(on: day, minute: shape.windowOpens, calendar: calendar)
        let line = ShuttleLine(
            stops: [ShuttleStopPlan(commune: shape.depot, place: onDemandStopPlace, offsetMinutes: 0)], vehicle: form.vehicle,
            arrivalMinutes: shape.arrival - shape.windowOpens, returnMinutes: shape.returnDeparture - shape.windowOpens,
            destination: form.destination, ccasQuota: form.ccasQuota)
        if let problem = line.problem { throw Refusal.shuttle(.runShape(problem)) }
        guard form.vehicle.seats <= maximumOnDemandSeats else {
            throw Refusal.shuttle(.runShape(.onDemandSeats(seats: form.vehicle.seats, maximum: maximumOnDemandSeats)))
        }
        guard opens > context.now else { throw Refusal.shuttle(.departureInPast(departure: opens)) }
        return try database.write { database in
            let run = try insertRun(label: form.label, occurrence: nil, version: nil, departure: opens, line: line, now: context.now, in: database)
            try database.run(
                "INSERT INTO shuttle_demand (run, window_opens_at, window_closes_at, depot, destination_commune) VALUES (?, ?, ?, ?, ?)",
                [
                    .integer(run), .date(opens),
                    .date(opens.addingTimeInterval(Double((shape.windowCloses - shape.windowOpens) * 60))), .text(shape.depot),
                    .text(shape.destinationCommune),
                ])
            return run
        }
    }

    /// What makes `run` on-demand, or nil for a fixed-stop run.
    func demand(of run: Int64, in database: Database) throws -> ShuttleDemandRecord? {
        try database.row("SELECT * FROM shuttle_demand WHERE run = ?", [.integer(run)]).map(Self.demand)
    }

    static func demand(_ row: Row) -> ShuttleDemandRecord {
        ShuttleDemandRecord(
            windowOpens: row.date("window_opens_at")!, windowCloses: row.date("window_closes_at")!, depot: row.string("depot")!,
            destinationCommune: row.string("destination_commune")!)
    }

    /// The stop a booking of an on-demand run refers to (the run's one stop row): a typed stop is refused.
    func onDemandStop(_ typed: String, run: Int64, in database: Database) throws -> ShuttleStopRecord {
        guard typed.trimmingCharacters(in: .whitespaces).isEmpty else { throw Refusal.shuttle(.stopOnOnDemandRun) }
        return Self.stop(try database.row("SELECT * FROM shuttle_stop WHERE run = ? AND position = 1", [.integer(run)])!)
    }

    /// Records where booking `id` picks its passenger up, in `commune` (INSEE code).
    func recordPickup(booking id: Int64, commune: String, place: ShuttlePickupPlace, in database: Database) throws {
        let point: SQLValue
        let door: SQLValue
        switch place {
        case .point(let name): (point, door) = (.text(name), .null)
        case .door(let address): (point, door) = (.null, .text(address))
        }
        try database.run(
            "INSERT INTO shuttle_pickup (booking, commune, place_kind, point, door) VALUES (?, ?, ?, ?, ?)",
            [.integer(id), .text(commune), .text(place.kind), point, door])
    }

    static func pickup(_ row: Row) -> ShuttlePickupRecord? {
        guard let commune = row.string("pickup_commune") else { return nil }
        let place: ShuttlePickupPlace? =
            if let point = row.string("pickup_point") { .point(point) } else { row.string("pickup_door").map { .door($0) } }
        return ShuttlePickupRecord(
            commune: commune, place: place, pickupOrder: row.int("pickup_order"), pickupAt: row.date("planned_pickup_at"),
            dropoffOrder: row.int("dropoff_order"), dropoffAt: row.date("planned_dropoff_at"),
            tooFarRideMinutes: row.int("too_far_ride_minutes"), tooFarLimitMinutes: row.int("too_far_limit_minutes"))
    }

    /// The columns `pickup(_:)` reads, for a query joining `shuttle_pickup k ON k.booking = b.id`.
    static let pickupColumns = """
        k.commune AS pickup_commune, k.point AS pickup_point, k.door AS pickup_door, k.pickup_order, k.pickup_at AS planned_pickup_at,
        k.dropoff_order, k.dropoff_at AS planned_dropoff_at, k.too_far_ride_minutes, k.too_far_limit_minutes
        """

    /// Erases the home addresses of on-demand runs that came back (their return departure more than
    /// `afterReturnHours` ago) or were cancelled: personal data the driver no longer needs. Returns how many.
    @discardableResult
    func eraseDoorsOfFinishedRuns(now: Date, afterReturnHours: Int = 4, in database: Database) throws -> Int {
        try database.run(
            """
            UPDATE shuttle_pickup SET door = NULL, door_erased_at = ?1 WHERE door IS NOT NULL AND booking IN (
                SELECT b.id FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run
                WHERE r.status = 'cancelled' OR r.returns_at < ?2)
            """, [.date(now), .date(now.addingTimeInterval(-Double(afterReturnHours) * 3600))])
    }
}
