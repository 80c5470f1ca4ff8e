// Store+ShuttlePickupTold: what each passenger of an on-demand run was actually told about their
// pickup, so that a later change is compared with that and not with what the route said at some
// replan nobody heard of.
//
// `told_pickup_at` is written when a `shuttle-pickup` or `shuttle-pickup-changed` message is claimed
// for sending (Store+Outbox): the message is worded then, from the pickup time recorded at that
// moment, so that is the time the passenger reads. Until then it is empty: the passenger was told
// nothing, and the message still waiting will say the current time when it goes. After booking
// closed, each replan (Store+ShuttleOnDemandRoute) compares the new pickup with `told_pickup_at`:
// on a move of 10 minutes or more, a pickup notice still waiting is kept (it is worded when claimed,
// so it says the newest time), and when none waits a `shuttle-pickup-changed` is queued with a
// version none of the booking's change messages had (a move back to a time told before must be
// told again: a key it already used would queue nothing; `shuttle_pickup.change_version` holds the
// latest version queued); a move back within 10 minutes of what they were told cancels a change
// message still waiting. A pickup notice that fails for good
// (recordOutcomes, or given up at a later claim) clears `told_pickup_at`: the next replan queues a
// change message for that passenger, whatever the move, unless a notice is still waiting.

import Foundation
import RelaisCore

extension Store {
    /// The kinds whose sending tells a passenger their pickup time.
    static let pickupTelling: [MessageKind] = [.shuttlePickup, .shuttlePickupChanged]

    /// Records the pickup time a message being sent tells (its kind, as the outbox row holds it, a
    /// pickup notice), in the claim's transaction.
    func recordToldPickup(kind: MessageKind, booking: Int64?, in database: Database) throws {
        guard let booking, Self.pickupTelling.contains(kind) else { return }
        try database.run(
            "UPDATE shuttle_pickup SET told_pickup_at = pickup_at WHERE booking = ? AND pickup_at IS NOT NULL", [.integer(booking)])
    }

    /// A pickup notice that failed for good told nothing: its booking's told time is cleared, in the
    /// transaction of that outcome, so that the next replan tells the passenger again (a no-op for
    /// any other message or state).
    func forgetToldPickup(ifFailed message: Int64, in database: Database) throws {
        try database.run(
            """
            UPDATE shuttle_pickup SET told_pickup_at = NULL WHERE booking = (
                SELECT booking FROM outbox WHERE id = ? AND state = 'failed' AND kind IN (\(Self.sqlList(Self.pickupTelling))))
            """, [.integer(message)])
    }

    /// After booking closed, tells each confirmed passenger whose pickup moved by 10 minutes or more
    /// from the time they were told their new time (see the file's header).
    func tellMovedPickups(_ run: Int64, context: ShuttleContext, in database: Database) throws {
        guard
            let opens = try database.row("SELECT window_opens_at FROM shuttle_demand WHERE run = ?", [.integer(run)])?
                .date("window_opens_at"),
            context.now > context.settings.rules.bookingDeadline(pickup: opens, calendar: context.calendar)
        else { return }
        // Those told a time, and those whose notice failed for good (told nothing sure: told again).
        let rows = try database.rows(
            """
            SELECT k.booking, k.pickup_at, k.told_pickup_at FROM shuttle_pickup k JOIN shuttle_booking b ON b.id = k.booking
            WHERE b.run = ?1 AND b.status = 'confirmed' AND k.pickup_at IS NOT NULL AND (k.told_pickup_at IS NOT NULL
                OR EXISTS (SELECT 1 FROM outbox o WHERE o.booking = k.booking AND o.kind IN (\(Self.sqlList(Self.pickupTelling)))
                    AND o.state = 'failed'))
            """, [.integer(run)])
        for row in rows {
            let booking = row.int64("booking")!
            let told = row.date("told_pickup_at")
            guard told.map({ ShuttlePickupChange.isWorthTelling(from: $0, to: row.date("pickup_at")!) }) ?? true else {
                try cancelWaitingPickupChanges(
                    of: booking, reason: "the pickup time moved back near what they were told", context: context, in: database)
                continue
            }
            // A notice still waiting is worded when it is claimed, from the pickup time of then: it says this one.
            guard try !hasWaitingPickupNotice(booking, in: database) else { continue }
            try queuePickupChange(booking, context: context, in: database)
        }
    }

    /// Whether a pickup notice of `booking` waits to be sent (queued or deferred).
    private func hasWaitingPickupNotice(_ booking: Int64, in database: Database) throws -> Bool {
        try database.row(
            """
            SELECT 1 AS found FROM outbox WHERE booking = ? AND kind IN (\(Self.sqlList(Self.pickupTelling)))
                AND state IN (\(Self.sqlList(OutboxState.waiting)))
            """, [.integer(booking)]) != nil
    }

    /// Queues a change message of `booking` with a version none of its change messages had: one
    /// more than `shuttle_pickup.change_version`, which records it once queued. The versions are
    /// not counted from the outbox: housekeeping prunes old messages and an SMS that failed gets an
    /// e-mail copy of the same kind, so a count could meet an old key (which would queue nothing).
    private func queuePickupChange(_ booking: Int64, context: ShuttleContext, in database: Database) throws {
        let version =
            (try database.row("SELECT change_version FROM shuttle_pickup WHERE booking = ?", [.integer(booking)])?
                .int("change_version") ?? 0) + 1
        guard try queueShuttleMessage(.shuttlePickupChanged, booking: booking, context: context, in: database, version: version)
        else { return }
        try database.run("UPDATE shuttle_pickup SET change_version = ? WHERE booking = ?", [.int(version), .integer(booking)])
    }

    /// Cancels the `shuttle-pickup-changed` messages of a booking still waiting.
    private func cancelWaitingPickupChanges(of booking: Int64, reason: String, context: ShuttleContext, in database: Database) throws {
        try database.run(
            """
            UPDATE outbox SET state = 'cancelled', reason = ?1, updated_at = ?2
            WHERE booking = ?3 AND kind = ?4 AND state IN (\(Self.sqlList(OutboxState.waiting)))
            """,
            [.text(reason), .date(context.now), .integer(booking), .text(MessageKind.shuttlePickupChanged.rawValue)])
    }
}
