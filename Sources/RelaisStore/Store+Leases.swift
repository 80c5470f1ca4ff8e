// Store+Leases: which claimed message may have reached the server, and what a crash does to it.
//
// A sender claims a batch (each row `sending`, leased to it) and hands it over through several
// connections at once, recording the outcomes together (Store+OutboxBatch). Every row of the batch
// is marked `in_flight` either in the transaction that claimed it, or (the outbox's sender, which
// claims the next batch while one is handed over) in one commit just before the batch goes
// (`markInFlight`), once the previous batch is recorded; a message interrupted once is claimed
// alone (OutboxClaim), so its mark means it was handed over.
// When a sender is gone (its process died) or its lease ran out:
//
//   sending, in_flight = 0 ──────────────────────────────────▶ queued (never left: no harm)
//   sending, in_flight = 1, interrupted 0 ──interrupt────────▶ deferred, retried with the normal
//                                                               backoff (it may have been delivered)
//   sending, in_flight = 1, interrupted 1 ──interrupt────────▶ failed, "outcome unknown after
//                                                               interrupted sends"
//
// So after a crash at most one unrecorded batch goes twice, and whatever the number of crashes one
// message is handed to a server at most twice. A sender that stops on SIGTERM lets what is in flight
// finish, records it, and gives back the rest of its batch with `returnUnsent`: the rows it marked
// but did not hand over are not counted.

import Foundation
import RelaisCore

extension Store {
    /// Why a message interrupted twice is not sent again.
    public static let outcomeUnknownReason = "outcome unknown after interrupted sends"

    /// Settles the messages leased by senders that are gone (`isGone(owner)`) or whose lease ran
    /// out at `now`: back to the queue if they were not handed over, otherwise counted as
    /// interrupted, retried after `retry`'s delay once, failed the second time. Returns how many
    /// rows were settled.
    @discardableResult
    public func releaseLeases(now: Date, retry: RetrySchedule, isGone: (String) -> Bool) throws -> Int {
        try database.write { database in
            let rows = try database.rows(Self.leasedRowsSQL)
            var settled = 0
            for row in rows {
                let expired = row.date("lease_until").map { $0 <= now } ?? true
                guard expired || isGone(row.string("lease_owner") ?? "") else { continue }
                try interrupt(row, now: now, retry: retry, in: database)
                settled += 1
            }
            return settled
        }
    }

    /// Every leased row, found through outbox_sending (Migrations+OutboxQueue.swift).
    static let leasedRowsSQL = """
        SELECT id, lease_owner, lease_until, in_flight, interrupted, attempts, first_attempt_at, not_after
        FROM outbox WHERE state = 'sending'
        """

    /// Gives back what `owner` claimed and did not hand over (a sender stopping between messages).
    @discardableResult
    public func returnUnsent(owner: String, now: Date) throws -> Int {
        try database.write { database in
            try database.run(
                "UPDATE outbox SET \(Self.givenBack) WHERE state = 'sending' AND lease_owner = ?2", [.date(now), .text(owner)])
        }
    }

    /// Gives back the rows `ids` that `owner` claimed without the in-flight mark and did not hand
    /// over (a batch prepared ahead, when its sender stops or fails); a marked row stays as it is.
    @discardableResult
    public func giveBack(_ ids: [Int64], owner: String, now: Date) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try database.write { database in
            try database.run(
                """
                UPDATE outbox SET \(Self.givenBack)
                WHERE id IN (SELECT value FROM json_each(?3)) AND +state = 'sending' AND in_flight = 0 AND +lease_owner = ?2
                """, [.date(now), .text(owner), .text(Self.jsonArray(ids))])
        }
    }

    /// The SET clause of a claimed row given back unsent (`?1` is now): queued again, and the claim
    /// not counted as an attempt, so that its retries and maximum age are those of what was tried.
    private static let givenBack = """
        state = 'queued', in_flight = 0, lease_owner = NULL, lease_until = NULL, updated_at = ?1,
            attempts = max(attempts - 1, 0), first_attempt_at = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_at END
        """

    /// One row of a gone sender: see the diagram above.
    private func interrupt(_ row: Row, now: Date, retry: RetrySchedule, in database: Database) throws {
        let id = row.int64("id")!
        guard row.int("in_flight") == 1 else {
            try database.run("UPDATE outbox SET \(Self.givenBack) WHERE id = ?2", [.date(now), .integer(id)])
            return
        }
        let interrupted = (row.int("interrupted") ?? 0) + 1
        let next =
            interrupted >= 2
            ? nil
            : retry.nextAttempt(
                after: row.int("attempts") ?? 1, now: now, retryAfter: nil, firstAttempt: row.date("first_attempt_at") ?? now,
                deadline: row.date("not_after") ?? now)
        let (state, reason): (OutboxState, String) =
            next == nil
            ? (.failed, interrupted >= 2 ? Self.outcomeUnknownReason : "gave up: interrupted while sending; may have been delivered")
            : (.deferred, "interrupted while sending; may have been delivered")
        try database.run(
            """
            UPDATE outbox SET state = ?1, reason = ?2, due_at = coalesce(?3, due_at), interrupted = ?4, in_flight = 0,
                lease_owner = NULL, lease_until = NULL, updated_at = ?5
            WHERE id = ?6
            """, [.text(state.rawValue), .text(reason), .date(next), .int(interrupted), .date(now), .integer(id)])
    }
}
