// Store+ShuttleBookings: booking a seat, cancelling, promoting the waitlist, and recording
// completed trips and no-shows.
//
// The database decides who gets a seat: a booking is inserted as confirmed, and the triggers of
// schema step 4 refuse it when the run is full on a leg, has no wheelchair place left, or the CCAS
// quota is reached; the booking is then inserted as waitlisted, in the same BEGIN IMMEDIATE
// transaction. Twenty processes booking the last seats therefore confirm exactly the seats there
// are and waitlist the others, and none of them sees an error. A cancellation of a confirmed seat
// promotes, in its own transaction, the waitlisted bookings that now fit, first come first served
// (one that does not fit, say a wheelchair when only a seat is free, is passed over, not blocking
// the others), and queues each promoted passenger's notice. Promotion stops at the booking
// deadline: after it the manifest is the driver's, and only the coordinator gives a seat freed
// late, to the passenger of its choice (Store+ShuttlePromotion.swift).

import Foundation
import RelaisCore

/// What a booking request came to.
public struct ShuttleBookingOutcome: Sendable, Equatable {
    public var id: Int64
    public var run: Int64
    /// `confirmed` or `waitlisted`.
    public var status: ShuttleBookingStatus
    /// Why it waits, when waitlisted.
    public var waitlistReason: ShuttleWaitlistReason?
    /// Its place in the run's waitlist (1: next), when waitlisted.
    public var waitlistPosition: Int?
    public var fare: ShuttleFare
    public var stop: ShuttleStopRecord
    /// When the passenger is picked up (the return departure for a return-only booking).
    public var pickup: Date
    /// The no-show warning, when the resident missed too many runs lately.
    public var warning: String?
    /// On an on-demand run, why the booking waits as too far: the longest ride it would have caused.
    public var tooFar: RouteInfeasibility? = nil
}

/// What a cancellation did.
public struct ShuttleCancellation: Sendable, Equatable {
    /// After the cancellation deadline.
    public var late: Bool
    public var deadline: Date
    /// Waitlisted bookings confirmed in its place.
    public var promoted: Int
}

extension Store {
    // MARK: - Booking

    /// Books a seat for a resident, confirmed or waitlisted; refuses (Refusal) what can never be
    /// right (unknown run, stop or participant, out of scope, outside the booking window, an
    /// appointment the run cannot reach, a wheelchair on a vehicle without a place).
    public func bookShuttle(_ request: ShuttleBookingRequest, scope: ShuttleScope, context: ShuttleContext) throws -> ShuttleBookingOutcome
    {
        try database.write { database in
            _ = try syncShuttleRuns(context: context, in: database)
            let localTime = context.localTime
            let run = try scheduledRun(request.run, in: database)
            guard
                let person = try database.row(
                    "SELECT commune FROM participant WHERE id = ?1 AND (?2 IS NULL OR commune = ?2)",
                    [.integer(request.participant), .string(scope.commune)])
            else {
                throw Refusal.notFound(.resident, id: String(request.participant))
            }
            let demand = try demand(of: request.run, in: database)
            if demand == nil, request.pickup != nil { throw Refusal.shuttle(.pickupOnFixedStopRun) }
            let stop =
                demand == nil
                ? try resolveStop(request.stop, run: request.run, context: context, in: database)
                : try onDemandStop(request.stop, run: request.run, in: database)
            let pickup = request.legs.outbound ? stop.pickup : run.date("returns_at")!
            guard pickup > context.now else { throw Refusal.shuttle(.runLeft) }
            switch context.settings.rules.window(at: context.now, pickup: pickup, calendar: context.calendar) {
            case .closed(let deadline): throw Refusal.shuttle(.bookingClosed(deadline: deadline))
            case .notYetOpen(let opens): throw Refusal.shuttle(.bookingNotYetOpen(opens: opens))
            case .open: break
            }
            var appointment: Date?
            if let typed = request.appointment {
                let resolved = typed.resolved(departure: run.date("departs_at")!, calendar: context.calendar)
                try ShuttleAppointment.check(
                    resolved, arrival: run.date("arrives_at")!, returnDeparture: run.date("returns_at")!,
                    marginMinutes: context.settings.appointmentMarginMinutes)
                appointment = resolved
            }
            let vehicle = ShuttleVehicle(
                seats: run.int("seats")!, wheelchairPlaces: run.int("wheelchair_places")!,
                seatsPerWheelchair: run.int("seats_per_wheelchair")!)
            let seats = vehicle.seats(wheelchair: request.wheelchair, companion: request.companion)
            if request.wheelchair && vehicle.wheelchairPlaces == 0 { throw Refusal.shuttle(.noWheelchairPlace) }
            if seats > vehicle.seats { throw Refusal.shuttle(.tooManySeats(needed: seats, allowed: vehicle.seats)) }
            if let quota = run.int("ccas_quota"), seats > quota { throw Refusal.shuttle(.tooManySeats(needed: seats, allowed: quota)) }
            if let existing = try database.row(
                "SELECT id, status FROM shuttle_booking WHERE run = ? AND participant = ? AND status IN ('confirmed', 'waitlisted')",
                [.integer(request.run), .integer(request.participant)])
            {
                throw Refusal.shuttle(.alreadyBooked(booking: existing.int64("id")!))
            }
            let fare = context.settings.fares.fare(quotient: request.quotient, journeys: request.legs.journeys)
            let since = context.settings.noShowPeriodStart(now: context.now, calendar: context.calendar)
            let noShows =
                try database.row(
                    """
                    SELECT count(*) AS n FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run
                    WHERE b.participant = ? AND b.status = 'no_show' AND r.departs_at >= ?
                    """, [.integer(request.participant), .date(since)])?.int("n") ?? 0
            let warning = context.settings.noShowWarning(noShows: noShows, since: since, localTime: localTime)
            var values: [String: SQLValue] = [
                "run": .integer(request.run), "participant": .integer(request.participant), "commune": .text(person.string("commune")!),
                "stop": .int(stop.position), "outbound": .bool(request.legs.outbound), "inbound": .bool(request.legs.inbound),
                "companion": .bool(request.companion), "wheelchair": .bool(request.wheelchair), "seats": .int(seats),
                "appointment_at": .date(appointment), "quotient": .int(request.quotient), "fare_band": .text(fare.band),
                "fare_cents": .int(fare.cents), "booked_at": .date(context.now), "booked_by": .text(context.actor(in: scope)),
                "warning": .string(warning),
                "status": .text("confirmed"), "confirmed_at": .date(context.now),
            ]
            var status = ShuttleBookingStatus.confirmed
            var reason: ShuttleWaitlistReason?
            do {
                try insert(values, in: database)
            } catch let error as DatabaseError {
                guard let waiting = TriggerRefusal(error)?.waitlistReason else { throw error }
                status = .waitlisted
                reason = waiting
                values["status"] = .text("waitlisted")
                values["confirmed_at"] = .null
                values["waitlist_reason"] = .text(waiting.rawValue)
                try insert(values, in: database)
            }
            let id = database.lastInsertedRowID
            var tooFar: RouteInfeasibility?
            if let demand {
                try requireRouteData(context)
                let commune = person.string("commune")!
                let place = try pickupPlace(request.pickup, commune: commune, context: context)
                try recordPickup(booking: id, commune: commune, place: place, in: database)
                if status == .confirmed {
                    tooFar = try checkOnDemandBooking(id, run: request.run, demand: demand, context: context, in: database)
                    if tooFar != nil { (status, reason) = (.waitlisted, .tooFar) }
                }
            }
            try audit(
                actor: context.actor(in: scope), action: "booking.add",
                detail: "booking=\(id) run=\(request.run) participant=\(request.participant) status=\(status.rawValue)", now: context.now,
                in: database)
            var position: Int?
            if status == .confirmed {
                // An on-demand passenger is told their pickup when the route is known (Store+ShuttleOnDemandNotices).
                let kind: MessageKind = demand == nil ? .shuttleReminder : .shuttlePickup
                try queueShuttleMessage(kind, booking: id, context: context, in: database)
            } else {
                position = try waitlistRank(ofBooking: id, in: database)
                try queueShuttleMessage(.shuttleWaitlisted, booking: id, context: context, in: database)
                try queueShuttleMessage(.shuttleWaitlistDeadline, booking: id, context: context, in: database)
            }
            return ShuttleBookingOutcome(
                id: id, run: request.run, status: status, waitlistReason: reason, waitlistPosition: position, fare: fare, stop: stop,
                pickup: pickup, warning: warning, tooFar: tooFar)
        }
    }

    private func insert(_ values: [String: SQLValue], in database: Database) throws {
        let columns = values.keys.sorted()
        try database.run(
            "INSERT INTO shuttle_booking (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
            columns.map { values[$0]! })
    }

    /// A scheduled run, or the reason it cannot be booked.
    private func scheduledRun(_ id: Int64, in database: Database) throws -> Row {
        guard let run = try database.row("SELECT * FROM shuttle_run WHERE id = ?", [.integer(id)]) else {
            throw Refusal.notFound(.run, id: String(id))
        }
        guard run.string("status") == "scheduled" else { throw Refusal.shuttle(.runCancelled) }
        return run
    }

    /// A stop of the run, by number or commune.
    private func resolveStop(_ typed: String, run: Int64, context: ShuttleContext, in database: Database) throws -> ShuttleStopRecord {
        let stops = try database.rows("SELECT * FROM shuttle_stop WHERE run = ? ORDER BY position", [.integer(run)]).map(Self.stop)
        let choices = stops.map {
            ShuttleStopChoice(number: $0.position, commune: Self.communeName($0.commune, context), place: $0.place, pickup: $0.pickup)
        }
        if let number = Int(typed.trimmingCharacters(in: .whitespaces)), let stop = stops.first(where: { $0.position == number }) {
            return stop
        }
        if let commune = context.territory.commune(named: typed) {
            let matching = stops.filter { $0.commune == commune.code }
            if matching.count == 1 { return matching[0] }
            if matching.count > 1 { throw Refusal.shuttle(.stopAmbiguous(commune: commune.name, stops: choices)) }
        }
        throw Refusal.shuttle(.stopUnknown(typed: typed, stops: choices))
    }

    static func stop(_ row: Row) -> ShuttleStopRecord {
        ShuttleStopRecord(
            position: row.int("position")!, commune: row.string("commune")!, place: row.string("place")!, pickup: row.date("pickup_at")!)
    }

    static func communeName(_ code: String, _ context: ShuttleContext) -> String {
        context.territory.communeName(code: code)
    }

    // MARK: - Cancelling and promoting

    /// Cancels a confirmed or waitlisted booking; a freed seat goes to the waitlist in the same transaction.
    public func cancelShuttleBooking(_ id: Int64, scope: ShuttleScope, reason: String, context: ShuttleContext) throws
        -> ShuttleCancellation
    {
        try database.write { try cancelShuttleBooking(id, scope: scope, reason: reason, context: context, in: $0) }
    }

    /// cancelShuttleBooking inside the caller's transaction (Store+SMSCancelShuttle takes the SMS request in the same one).
    func cancelShuttleBooking(
        _ id: Int64, scope: ShuttleScope, reason: String, context: ShuttleContext, in database: Database
    ) throws -> ShuttleCancellation {
        _ = try syncShuttleRuns(context: context, in: database)
        let booking = try scopedBooking(id, scope: scope, context: context, in: database)
        let status = booking.string("status")!
        guard status == "confirmed" || status == "waitlisted" else {
            throw Refusal.shuttle(.notCancellable(status: ShuttleBookingStatus(rawValue: status) ?? .cancelled))
        }
        let pickup = booking.int("outbound") == 1 ? booking.date("pickup_at")! : booking.date("returns_at")!
        guard pickup > context.now else { throw Refusal.shuttle(.runLeft) }
        let deadline = context.settings.rules.cancellationDeadline(pickup: pickup, calendar: context.calendar)
        let late = status == "confirmed" && context.now > deadline
        try database.run(
            "UPDATE shuttle_booking SET status = 'cancelled', cancelled_at = ?, cancelled_late = ?, cancel_reason = ? WHERE id = ?",
            [.date(context.now), .bool(late), .text(reason), .integer(id)])
        try cancelShuttleMessages(of: id, reason: "booking cancelled", in: database, now: context.now)
        try audit(
            actor: context.actor(in: scope), action: "booking.cancel",
            detail: "booking=\(id) run=\(booking.int64("run")!) late=\(late)",
            now: context.now, in: database)
        let promoted = status == "confirmed" ? try promoteWaitlist(of: booking.int64("run")!, context: context, in: database) : 0
        if status == "confirmed" { try replanOnDemandRun(booking.int64("run")!, context: context, in: database) }
        return ShuttleCancellation(late: late, deadline: deadline, promoted: promoted)
    }

    /// Confirms the waitlisted bookings that now fit, in booking order, while booking is open;
    /// queues each one's promotion notice (once: its outbox key is unique) and pickup reminder.
    func promoteWaitlist(of run: Int64, context: ShuttleContext, in database: Database) throws -> Int {
        let waiting = try database.rows(
            """
            SELECT b.id, b.outbound, b.waitlist_reason, s.pickup_at, r.returns_at FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run
            JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
            WHERE b.run = ? AND b.status = 'waitlisted' AND r.status = 'scheduled' ORDER BY b.id
            """, [.integer(run)])
        var promoted = 0
        let demand = try demand(of: run, in: database)
        for booking in waiting {
            let pickup = booking.int("outbound") == 1 ? booking.date("pickup_at")! : booking.date("returns_at")!
            guard context.now <= context.settings.rules.bookingDeadline(pickup: pickup, calendar: context.calendar) else { continue }
            let id = booking.int64("id")!
            do {
                try database.run(
                    """
                    UPDATE shuttle_booking SET status = 'confirmed', confirmed_at = ?1, promoted_at = ?1, waitlist_reason = NULL
                    WHERE id = ?2 AND status = 'waitlisted'
                    """, [.date(context.now), .integer(id)])
            } catch let error as DatabaseError where TriggerRefusal(error)?.waitlistReason != nil {
                continue
            }
            // On an on-demand run, a seat is not enough: the route must still carry everyone.
            if let demand,
                try !promotable(id, waitingBecause: booking.string("waitlist_reason"), run: run, demand: demand, context: context, in: database)
            {
                continue
            }
            try queueShuttleMessage(.shuttlePromoted, booking: id, context: context, in: database)
            try queueShuttleMessage(demand == nil ? .shuttleReminder : .shuttlePickup, booking: id, context: context, in: database)
            promoted += 1
        }
        return promoted
    }

    // MARK: - After the run

    /// Records bookings as completed or no-show once their run has left: the bookings named, or
    /// every confirmed booking of `run` in scope. Returns how many changed.
    public func settleShuttleBookings(
        _ ids: [Int64], run: Int64?, as outcome: ShuttleBookingStatus, scope: ShuttleScope, context: ShuttleContext
    ) throws -> Int {
        precondition(outcome == .completed || outcome == .noShow)
        return try database.write { database in
            var targets = ids
            if let run {
                guard
                    let departure = try database.row("SELECT departs_at FROM shuttle_run WHERE id = ?", [.integer(run)])?.date("departs_at")
                else {
                    throw Refusal.notFound(.run, id: String(run))
                }
                guard departure <= context.now else { throw Refusal.shuttle(.runNotLeft(run: run, departure: departure)) }
                targets += try database.rows(
                    "SELECT id FROM shuttle_booking WHERE run = ?1 AND status = 'confirmed' AND (?2 IS NULL OR commune = ?2) ORDER BY id",
                    [.integer(run), .string(scope.commune)]
                ).map { $0.int64("id")! }
            }
            for id in targets {
                let booking = try scopedBooking(id, scope: scope, context: context, in: database)
                let status = booking.string("status")!
                guard let current = ShuttleBookingStatus(rawValue: status), [.confirmed, .completed, .noShow].contains(current) else {
                    throw Refusal.shuttle(.notSettleable(booking: id, status: ShuttleBookingStatus(rawValue: status) ?? .cancelled))
                }
                guard booking.date("departs_at")! <= context.now else {
                    throw Refusal.shuttle(.runNotLeft(run: booking.int64("run")!, departure: booking.date("departs_at")!))
                }
                try database.run(
                    "UPDATE shuttle_booking SET status = ?, settled_at = ? WHERE id = ?",
                    [.text(outcome.rawValue), .date(context.now), .integer(id)])
                try audit(
                    actor: context.actor(in: scope), action: "booking.\(outcome.rawValue)", detail: "booking=\(id)", now: context.now,
                    in: database)
            }
            return targets.count
        }
    }

    /// A booking the scope may act on, with its run and stop; the same refusal whether it does not
    /// exist or belongs to another commune's residents.
    func scopedBooking(_ id: Int64, scope: ShuttleScope, context: ShuttleContext, in database: Database) throws -> Row {
        guard
            let booking = try database.row(
                """
                SELECT b.*, r.departs_at, r.returns_at, s.pickup_at FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run
                JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
                WHERE b.id = ?1 AND (?2 IS NULL OR b.commune = ?2)
                """, [.integer(id), .string(scope.commune)])
        else {
            throw Refusal.notFound(.booking, id: String(id))
        }
        return booking
    }
}
