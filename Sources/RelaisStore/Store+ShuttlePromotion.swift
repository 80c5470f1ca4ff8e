// Store+ShuttlePromotion: the coordinator confirms a waitlisted booking of its choice, also after
// the booking deadline, when a seat was freed late (automatic promotion stops at the deadline,
// Store+ShuttleBookings.swift). One BEGIN IMMEDIATE transaction: the core's rule
// (ShuttlePromotionRule), the seat triggers of schema step 4 (a booking that does not fit is
// refused with what is missing, and stays waitlisted), the passenger's notice and pickup reminder
// queued once (their outbox keys are unique), and the audit log.

import Foundation
import RelaisCore

/// What promoting a booking did.
public struct ShuttlePromotion: Sendable, Equatable {
    public var booking: Int64
    public var run: Int64
    /// True when it came after the booking deadline (said so in the audit log).
    public var afterDeadline: Bool
    /// True when the passenger's notice is queued to be sent (false: no consented channel, or no
    /// allowed sending time before the pickup).
    public var noticeQueued: Bool
}

extension Store {
    /// Confirms waitlisted booking `id` of `scope` if it fits, before its pickup, whatever the
    /// booking deadline; throws `Refusal` otherwise (not found, not waitlisted, run cancelled or
    /// left, no seat free) and changes nothing then.
    public func promoteShuttleBooking(_ id: Int64, scope: ShuttleScope, context: ShuttleContext) throws -> ShuttlePromotion {
        try database.write { database in
            _ = try syncShuttleRuns(context: context, in: database)
            guard
                let booking = try database.row(
                    """
                    SELECT b.status, b.run, b.outbound, r.status AS run_status, r.returns_at, s.pickup_at
                    FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
                    WHERE b.id = ?1 AND (?2 IS NULL OR b.commune = ?2)
                    """, [.integer(id), .string(scope.commune)])
            else { throw Refusal.notFound(.booking, id: String(id)) }
            let run = booking.int64("run")!
            let pickup = booking.int("outbound") == 1 ? booking.date("pickup_at")! : booking.date("returns_at")!
            try ShuttlePromotionRule.check(
                status: ShuttleBookingStatus(rawValue: booking.string("status")!) ?? .cancelled,
                runCancelled: booking.string("run_status") == "cancelled", pickup: pickup, now: context.now)
            do {
                try database.run(
                    """
                    UPDATE shuttle_booking SET status = 'confirmed', confirmed_at = ?1, promoted_at = ?1, waitlist_reason = NULL
                    WHERE id = ?2 AND status = 'waitlisted'
                    """, [.date(context.now), .integer(id)])
            } catch let error as DatabaseError {
                guard let missing = TriggerRefusal(error)?.waitlistReason else { throw error }
                throw Refusal.shuttle(.noSeatFree(missing))
            }
            // On an on-demand run the route must still carry everyone (Store+ShuttleOnDemandRoute.swift).
            let demand = try demand(of: run, in: database)
            if let demand, case .infeasible? = try planOnDemandRun(run, demand: demand, context: context, in: database) {
                throw Refusal.shuttle(.noSeatFree(.tooFar))
            }
            try queueShuttleMessage(.shuttlePromoted, booking: id, context: context, in: database)
            try queueShuttleMessage(demand == nil ? .shuttleReminder : .shuttlePickup, booking: id, context: context, in: database)
            try replanOnDemandRun(run, context: context, in: database)
            let late = ShuttlePromotionRule.isLate(
                now: context.now, pickup: pickup, rules: context.settings.rules, calendar: context.calendar)
            try audit(
                actor: context.actor(in: scope), action: "booking.promote", detail: "booking=\(id) run=\(run) after_deadline=\(late)",
                now: context.now, in: database)
            let notice = try database.row(
                "SELECT count(*) AS n FROM outbox WHERE booking = ? AND kind = ? AND state = 'queued'",
                [.integer(id), .text(MessageKind.shuttlePromoted.rawValue)])
            return ShuttlePromotion(booking: id, run: run, afterDeadline: late, noticeQueued: (notice?.int("n") ?? 0) > 0)
        }
    }
}
