// Store+Status: the outbox's troubles as `relais status` counts them: messages that failed for
// good lately, and messages waiting to be retried after a failed attempt (a message is deferred
// only when a server or gateway refused it for now, or could not be reached: Store+Outbox.swift);
// and what waits, as the daemon's status line says it after each pass.

import Foundation
import RelaisCore

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

    /// Messages queued and deferred now, found through outbox_waiting (each waiting row read once):
    /// the daemon says them after every pass that handled messages, and a count by state would read
    /// every message the outbox keeps (a season's worth, hundreds of thousands) each time.
    public func waitingCounts() throws -> (queued: Int, deferred: Int) {
        let row = try database.row(Self.waitingCountsSQL)
        return (row?.int("queued") ?? 0, row?.int("deferred") ?? 0)
    }

    /// The waiting rows' states counted (the IN list as outbox_waiting's condition, so SQLite uses it).
    static let waitingCountsSQL = """
        SELECT coalesce(sum(state = '\(OutboxState.queued.rawValue)'), 0) AS queued,
            coalesce(sum(state = '\(OutboxState.deferred.rawValue)'), 0) AS deferred
        FROM outbox WHERE state IN (\(sqlList(OutboxState.waiting)))
        """
}
