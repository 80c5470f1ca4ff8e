// Store+ShuttleListings: what the transport commands show: runs with their seats, bookings, a
// run's waitlist and its manifest. A CCAS sees only its own residents' bookings (by the commune
// recorded on each booking); seat counts of a run are not personal and are shown to all.
//
// These are reads and never write: runs are brought in step with the calendar where the calendar
// changes (a calendar load's transaction), in every booking's transaction, and by `relais serve`
// at start and with each heartbeat (Daemon), not when someone looks at them.

import Foundation
import RelaisCore

/// A booking as listed. Name and phone are shown to the CCAS that made it and on manifests; they
/// are nil once the person was forgotten.
public struct ShuttleBookingListing: Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    public var runDeparture: Date
    public var participant: Int64?
    public var name: String?
    public var phone: String?
    /// The resident's commune's INSEE code.
    public var commune: String
    public var stop: ShuttleStopRecord
    public var legs: ShuttleLegs
    public var companion: Bool
    public var wheelchair: Bool
    public var seats: Int
    public var appointment: Date?
    public var quotient: Int?
    public var fareBand: String
    public var fareCents: Int
    public var status: ShuttleBookingStatus
    public var waitlistReason: ShuttleWaitlistReason?
    public var bookedAt: Date
    public var bookedBy: String
    public var promoted: Bool
    public var cancelledLate: Bool
    public var warning: String?
    /// On an on-demand run: where the passenger is picked up, and when the route says; nil on a fixed-stop run.
    public var pickup: ShuttlePickupRecord? = nil

    /// The kind of the booking's run.
    public var runKind: ShuttleRunKind { pickup == nil ? .fixedStops : .onDemand }
}

extension Store {
    /// Runs leaving in [from, to), by departure, with seats taken (and the scope's own seats for a CCAS).
    public func shuttleRuns(from: Date?, to: Date?, scope: ShuttleScope, context: ShuttleContext) throws -> [ShuttleRunRecord] {
        return try database.read { database in
            try database.rows(
                Self.runQuery
                    + " WHERE (?2 IS NULL OR r.departs_at >= ?2) AND (?3 IS NULL OR r.departs_at < ?3) ORDER BY r.departs_at, r.id",
                [.string(scope.commune), .date(from), .date(to)]
            ).map { try run($0, in: database) }
        }
    }

    /// One run, or nil.
    public func shuttleRun(_ id: Int64, scope: ShuttleScope, context: ShuttleContext) throws -> ShuttleRunRecord? {
        return try database.read { database in
            try database.row(Self.runQuery + " WHERE r.id = ?2", [.string(scope.commune), .integer(id)]).map { try run($0, in: database) }
        }
    }

    private static let runQuery = """
        SELECT r.*,
            (SELECT coalesce(sum(seats), 0) FROM shuttle_booking b WHERE b.run = r.id AND b.outbound = 1 AND b.status IN \(seatHoldingStatuses)) AS outbound_seats,
            (SELECT coalesce(sum(seats), 0) FROM shuttle_booking b WHERE b.run = r.id AND b.inbound = 1 AND b.status IN \(seatHoldingStatuses)) AS return_seats,
            (SELECT count(*) FROM shuttle_booking b WHERE b.run = r.id AND b.wheelchair = 1 AND b.status IN \(seatHoldingStatuses)) AS wheelchairs,
            (SELECT count(*) FROM shuttle_booking b WHERE b.run = r.id AND b.status = 'waitlisted') AS waitlisted,
            CASE WHEN ?1 IS NULL THEN NULL ELSE (SELECT coalesce(sum(seats), 0) FROM shuttle_booking b
                WHERE b.run = r.id AND b.commune = ?1 AND b.status IN \(seatHoldingStatuses)) END AS scope_seats,
            d.window_opens_at, d.window_closes_at, d.depot, d.destination_commune
        FROM shuttle_run r LEFT JOIN shuttle_demand d ON d.run = r.id
        """

    private func run(_ row: Row, in database: Database) throws -> ShuttleRunRecord {
        let id = row.int64("id")!
        return ShuttleRunRecord(
            id: id, occurrence: row.int64("occurrence"), label: row.string("label")!, departure: row.date("departs_at")!,
            arrival: row.date("arrives_at")!, returnDeparture: row.date("returns_at")!, destination: row.string("destination")!,
            vehicle: ShuttleVehicle(
                seats: row.int("seats")!, wheelchairPlaces: row.int("wheelchair_places")!,
                seatsPerWheelchair: row.int("seats_per_wheelchair")!),
            ccasQuota: row.int("ccas_quota"), status: row.string("status")!, version: row.int("version") ?? 1,
            stops: try database.rows("SELECT * FROM shuttle_stop WHERE run = ? ORDER BY position", [.integer(id)]).map(Self.stop),
            outboundSeats: row.int("outbound_seats") ?? 0, returnSeats: row.int("return_seats") ?? 0,
            wheelchairs: row.int("wheelchairs") ?? 0,
            waitlisted: row.int("waitlisted") ?? 0, scopeSeats: row["scope_seats"] == .null ? nil : row.int("scope_seats"),
            demand: row.date("window_opens_at") == nil ? nil : Self.demand(row))
    }

    /// Bookings in scope, by run departure then booking; optionally one booking, one run, one person, some statuses.
    public func shuttleBookings(
        id: Int64? = nil, run: Int64? = nil, participant: Int64? = nil, statuses: [ShuttleBookingStatus]? = nil, scope: ShuttleScope,
        context: ShuttleContext
    ) throws -> [ShuttleBookingListing] {
        let statusList = (statuses ?? ShuttleBookingStatus.allCases).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try database.read { database in
            try database.rows(
                """
                SELECT b.*, r.departs_at, r.returns_at, s.commune AS stop_commune, s.place, s.pickup_at, p.name, p.phone,
                    \(Self.pickupColumns)
                FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
                LEFT JOIN participant p ON p.id = b.participant LEFT JOIN shuttle_pickup k ON k.booking = b.id
                WHERE (?1 IS NULL OR b.commune = ?1) AND (?2 IS NULL OR b.run = ?2) AND (?3 IS NULL OR b.participant = ?3)
                    AND (?4 IS NULL OR b.id = ?4) AND b.status IN (\(statusList))
                ORDER BY r.departs_at, b.run, b.id
                """,
                [
                    .string(scope.commune), run.map { .integer($0) } ?? .null, participant.map { .integer($0) } ?? .null,
                    id.map { .integer($0) } ?? .null,
                ]
            ).map(Self.booking)
        }
    }

    /// The waitlist of a run in the order seats will be offered, with each booking's place in the
    /// whole waitlist (a CCAS sees its own residents' places only).
    public func shuttleWaitlist(run: Int64, scope: ShuttleScope, context: ShuttleContext) throws -> [(
        position: Int, booking: ShuttleBookingListing
    )] {
        guard try shuttleRun(run, scope: scope, context: context) != nil else {
            throw Refusal.notFound(.run, id: String(run))
        }
        let everyone = try shuttleBookings(run: run, statuses: [.waitlisted], scope: .coordinator, context: context)
        return everyone.enumerated().compactMap { index, booking in
            guard scope.commune == nil || booking.commune == scope.commune else { return nil }
            return (index + 1, booking)
        }
    }

    /// A run's passengers in pickup order (stop, then booking), with their needs; a CCAS gets its own residents only.
    public func shuttleManifest(run: Int64, scope: ShuttleScope, context: ShuttleContext) throws -> (
        run: ShuttleRunRecord, passengers: [ShuttleBookingListing]
    ) {
        guard let record = try shuttleRun(run, scope: scope, context: context) else {
            throw Refusal.notFound(.run, id: String(run))
        }
        let passengers = try shuttleBookings(run: run, statuses: [.confirmed, .completed, .noShow], scope: scope, context: context)
            .sorted { ($0.stop.position, $0.id) < ($1.stop.position, $1.id) }
        return (record, passengers)
    }

    private static func booking(_ row: Row) -> ShuttleBookingListing {
        let outbound = row.int("outbound") == 1
        let inbound = row.int("inbound") == 1
        return ShuttleBookingListing(
            id: row.int64("id")!, run: row.int64("run")!, runDeparture: row.date("departs_at")!, participant: row.int64("participant"),
            name: row.string("name"), phone: row.string("phone"), commune: row.string("commune")!,
            stop: ShuttleStopRecord(
                position: row.int("stop")!, commune: row.string("stop_commune")!, place: row.string("place")!,
                pickup: row.date("pickup_at")!),
            legs: outbound && inbound ? .both : outbound ? .outbound : .return, companion: row.bool("companion"),
            wheelchair: row.bool("wheelchair"), seats: row.int("seats")!, appointment: row.date("appointment_at"),
            quotient: row.int("quotient"),
            fareBand: row.string("fare_band")!, fareCents: row.int("fare_cents")!,
            status: ShuttleBookingStatus(rawValue: row.string("status")!) ?? .cancelled, waitlistReason: row.string("waitlist_reason").flatMap(ShuttleWaitlistReason.init(rawValue:)),
            bookedAt: row.date("booked_at")!, bookedBy: row.string("booked_by")!, promoted: row.int("promoted_at") != nil,
            cancelledLate: row.bool("cancelled_late"), warning: row.string("warning"), pickup: Self.pickup(row))
    }
}
