// Migrations+OutboxQueue: schema step 29, the indexes a sender finds its work through.
//
// Why. SQLite uses a partial index only for a query whose WHERE contains the index's own condition
// (https://sqlite.org/partialindex.html, "Queries Using Partial Indexes": a term that matches it, not one
// that merely implies it). outbox_due (state, due_at) WHERE state IN ('queued', 'deferred', 'sending') was
// used by no query: the claim asks for state IN ('queued', 'deferred'), the leases for state = 'sending'.
// Each claim of a batch therefore read the whole outbox, joined every waiting row to its person and
// session and sorted them to keep 64 (22 ms over 40,000 waiting messages: a campaign's dispatch grew with
// the square of its size), and each group commit and each `nextDue` read the whole outbox again, sent
// rows of the past 400 days included.
//
//   - outbox_waiting (due_at) WHERE state IN ('queued', 'deferred'): the claim's condition, word for word
//     (OutboxState.waiting); the claim reads its batch in order, due_at then id (the rowid the index
//     ends with), and stops after `limit` rows; `nextDue`'s min(due_at) is one seek.
//   - outbox_sending (lease_owner, lease_until) WHERE state = 'sending': a sender's leased rows, for the
//     group commit's lease extension, the leases given back, and those of senders that died.
//   - outbox_due is dropped: kept up to date on every outbox write, read by nothing.

extension Migrations {
    /// 29: the claim's and the leases' own partial indexes in place of one that no query could use.
    static let outboxQueueStep = """
        DROP INDEX outbox_due;
        CREATE INDEX outbox_waiting ON outbox(due_at) WHERE state IN ('queued', 'deferred');
        CREATE INDEX outbox_sending ON outbox(lease_owner, lease_until) WHERE state = 'sending';
        """
}
