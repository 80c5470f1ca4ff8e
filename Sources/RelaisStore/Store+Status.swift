// Store+Status: the outbox's troubles as `relais status` counts them: messages that failed for
// good lately, and messages waiting to be retried after a failed attempt (a message is deferred
// only when a server or gateway refused it for now, or could not be reached: Store+Outbox.swift).

import Foundation

extension Store {
    /// Messages failed since `since` (by their last change), and messages deferred now.
    public func deliveryTroubles(since: Date) throws -> (failed: Int, retrying: Int) {
        let row = try database.row(
            """
            SELECT (SELECT count(*) FROM outbox WHERE state = 'failed' AND updated_at >= ?1) AS failed,
                   (SELECT count(*) FROM outbox WHERE state = 'deferred') AS retrying
            """, [.date(since)])
        return (row?.int("failed") ?? 0, row?.int("retrying") ?? 0)
    }
}
