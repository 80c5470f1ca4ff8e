// Store+OutboxBatchSQL: the two writes a dispatched message costs, made once per batch instead of
// once per message (issue 16): the claim leases every message it sends in one UPDATE, and the
// outcomes record every `sent` message of a group commit in one UPDATE. The ids (and for `sent`, each
// message's reply and time) are bound once as JSON and read back with json_each. The rows written,
// the values, the conditions (a sent record only while the row is still `sending` and leased to the
// recording sender) and the transactions are those of the one-row statements they replace
// (OutboxBatchSQLTests compares them); deferrals and failures, rare, stay one statement per row.

import Foundation
import RelaisCore

extension Store {
    /// Leases the rows `ids` to `owner` until `until`, and marks them in flight unless the caller
    /// will (`inFlight` false: `markInFlight`), inside the claim's transaction: one statement for the batch.
    func leaseClaimed(_ ids: [Int64], owner: String, until: Date, now: Date, inFlight: Bool, in database: Database) throws {
        guard !ids.isEmpty else { return }
        try database.run(
            """
            UPDATE outbox SET state = 'sending', lease_owner = ?1, lease_until = ?2, attempts = attempts + 1,
                first_attempt_at = coalesce(first_attempt_at, ?3), updated_at = ?3, in_flight = ?5
            WHERE id IN (SELECT value FROM json_each(?4))
            """, [.text(owner), .date(until), .date(now), .text(Self.jsonArray(ids)), .bool(inFlight)])
    }

    /// Marks the rows `ids`, claimed by `owner` without the mark, in flight: committed just before
    /// they are handed over, so that a crash counts them as interrupted (Store+Leases) only once they
    /// may have gone. A row whose lease was lost meanwhile is left to its new owner: returns the rows
    /// marked, the ones to hand over. One statement; each row found by its id (the unary `+`, as in
    /// recordSentSQL).
    public func markInFlight(_ ids: [Int64], owner: String) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try database.write { database in try markInFlight(ids, owner: owner, in: database) }
    }

    /// `markInFlight` inside the caller's transaction.
    func markInFlight(_ ids: [Int64], owner: String, in database: Database) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(
            try database.rows(
                """
                UPDATE outbox SET in_flight = 1
                WHERE id IN (SELECT value FROM json_each(?1)) AND +state = 'sending' AND +lease_owner = ?2
                RETURNING id
                """, [.text(Self.jsonArray(ids)), .text(owner)]
            ).compactMap { $0.int64("id") })
    }

    /// Records the `sent` outcomes among `outcomes` of rows still leased to `owner`, inside the
    /// caller's transaction: one statement for all of them. Returns how many rows it changed. Each
    /// row is found by its id; the unary `+` keeps SQLite from reading outbox_sending (Migrations+
    /// OutboxQueue.swift) for the owner's rows and then the whole JSON array again for each of them.
    func recordSent(_ outcomes: [OutboxOutcome], owner: String, in database: Database) throws -> Int {
        let sent: [String] = outcomes.compactMap { outcome in
            guard case .sent(let reply) = outcome.result else { return nil }
            // `at` in seconds, as `SQLValue.date` binds it.
            let at = Int64(outcome.at.timeIntervalSince1970.rounded())
            return "{\"id\":\(outcome.id),\"reply\":\(JSONText.quoted(reply)),\"at\":\(at)}"
        }
        guard !sent.isEmpty else { return 0 }
        return try database.run(Self.recordSentSQL, [.text("[" + sent.joined(separator: ",") + "]"), .text(owner)])
    }

    /// ?1 the sent rows as JSON, ?2 the owner.
    static let recordSentSQL = """
        UPDATE outbox SET state = 'sent', sent_at = j.at, reply = j.reply, reason = NULL, in_flight = 0,
            lease_owner = NULL, lease_until = NULL, updated_at = j.at
        FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.reply') AS reply,
                json_extract(value, '$.at') AS at
            FROM json_each(?1)) AS j
        WHERE outbox.id = j.id AND +outbox.state = 'sending' AND +outbox.lease_owner = ?2
        """

    /// `[1,2,3]`.
    static func jsonArray(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }
}
