// Store+ShuttlePickupTold: what each passenger of an on-demand run was actually told about their
// pickup, so that a later change is compared with that and not with what the route said at some
// replan nobody heard of.
//
// `told_pickup_at` is written when a `shuttle-pickup` or `shuttle-pickup-changed` message is claimed
// for sending (Store+Outbox): the message is worded then, from the pickup time recorded at that
// moment, so that is the time the passenger reads. Until then it is empty: the passenger was told
// nothing, and the message still waiting will say the current time when it goes. After booking
// closed, each replan (Store+ShuttleOnDemandRoute) compares the new pickup with `told_pickup_at`:
// a move of 10 minutes or more queues `shuttle-pickup-changed` (one per new time; an older one
// still waiting is cancelled, since it would say the same); a move back within 10 minutes of what
// they were told cancels a change message still waiting.

import Foundation
import RelaisCore

extension Store {
    /// The kinds whose sending tells a passenger their pickup time.
    static let pickupTellingKinds: Set<String> = [MessageKind.shuttlePickup.rawValue, MessageKind.shuttlePickupChanged.rawValue]

    /// Records the pickup time a message being sent tells (its kind a pickup notice), in the claim's transaction.
    func recordToldPickup(kind: String?, booking: Int64?, in database: Database) throws {
        guard let kind, let booking, Self.pickupTellingKinds.contains(kind) else { return }
        try database.run(
            "UPDATE shuttle_pickup SET told_pickup_at = pickup_at WHERE booking = ? AND pickup_at IS NOT NULL", [.integer(booking)])
    }

    /// After booking closed, tells each confirmed passenger whose pickup moved by 10 minutes or more
    /// from the time they were told their new time, once per new time (see the file's header).
    func tellMovedPickups(_ run: Int64, context: ShuttleContext, in database: Database) throws {
        guard let opens = try database.row("SELECT window_opens_at FROM shuttle_demand WHERE run = ?", [.integer(run)])?
            .date("window_opens_at"),
            context.now > context.settings.rules.bookingDeadline(pickup: opens, calendar: context.calendar)
        else { return }
        let rows = try database.rows(
            """
            SELECT k.booking, k.pickup_at, k.told_pickup_at FROM shuttle_pickup k JOIN shuttle_booking b ON b.id = k.booking
            WHERE b.run = ? AND b.status = 'confirmed' AND k.pickup_at IS NOT NULL AND k.told_pickup_at IS NOT NULL
            """, [.integer(run)])
        for row in rows {
            let booking = row.int64("booking")!
            let pickup = row.date("pickup_at")!
            let worth = ShuttlePickupChange.isWorthTelling(from: row.date("told_pickup_at")!, to: pickup)
            let version = Int(pickup.timeIntervalSince1970 / 60)
            try cancelWaitingPickupChanges(
                of: booking, except: worth ? version : nil, reason: "the pickup time moved again", context: context, in: database)
            if worth { try queueShuttleMessage(.shuttlePickupChanged, booking: booking, context: context, in: database, version: version) }
        }
    }

    /// Cancels the `shuttle-pickup-changed` messages of a booking still waiting, but the one for `version`.
    private func cancelWaitingPickupChanges(
        of booking: Int64, except version: Int?, reason: String, context: ShuttleContext, in database: Database
    ) throws {
        let kind = MessageKind.shuttlePickupChanged.rawValue
        try database.run(
            """
            UPDATE outbox SET state = 'cancelled', reason = ?1, updated_at = ?2
            WHERE booking = ?3 AND kind = ?4 AND state IN (\(Self.sqlList(OutboxState.waiting)))
                AND (?5 IS NULL OR key NOT LIKE '%:v' || ?5)
            """, [.text(reason), .date(context.now), .integer(booking), .text(kind), version.map { .int($0) } ?? .null])
    }
}
