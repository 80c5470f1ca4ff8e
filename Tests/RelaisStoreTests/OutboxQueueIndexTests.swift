// The sender's statements and the indexes of schema step 29 (Migrations+OutboxQueue.swift), on a real
// SQLite file: the claim reads its batch in order from outbox_waiting (no scan of the outbox, no sort of
// every waiting row), the next due time is a seek, the leases are found through outbox_sending, and the
// group commit finds each sent row by its id. SQLite uses a partial index only for a query with a term
// identical to the index's condition (as an expression, the IN list in the same order): a change of
// either shows here, not as a dispatch that slows down
// with the size of the outbox.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct OutboxQueueIndexTests {
    /// What SQLite says it will do for `sql`, one line per step.
    private func plan(_ sql: String) throws -> [String] {
        let database = TemporaryDatabase()
        let store = try database.open()
        return try store.database.rows("EXPLAIN QUERY PLAN " + sql).compactMap { $0.string("detail") }
    }

    private func readsNoWholeOutbox(_ steps: [String]) -> Bool {
        !steps.contains { $0.hasPrefix("SCAN o ") || $0 == "SCAN o" || $0 == "SCAN outbox" || $0.contains("TEMP B-TREE") }
    }

    @Test func theClaimReadsItsBatchInOrderFromTheWaitingIndex() throws {
        let steps = try plan(Store.dueRowsSQL)
        #expect(steps.first == "SEARCH o USING INDEX outbox_waiting (due_at<?)", "\(steps)")
        #expect(readsNoWholeOutbox(steps), "\(steps)")
    }

    /// The earliest lease end walks outbox_sending's rows (a few batches at most: lease_owner leads it).
    @Test func theNextDueTimeIsASeekInTheWaitingIndexAndTheLeasesAreFoundThroughTheSendingIndex() throws {
        let next = try plan(Store.nextDueSQL)
        #expect(next.contains("SEARCH outbox USING INDEX outbox_waiting"), "\(next)")
        #expect(next.contains("SEARCH outbox USING INDEX outbox_sending"), "\(next)")
        for sql in [Store.renewLeasesSQL, Store.leasedRowsSQL] {
            let steps = try plan(sql)
            #expect(steps.contains { $0.contains("USING INDEX outbox_sending") }, "\(steps)")
            #expect(readsNoWholeOutbox(steps), "\(steps)")
        }
    }

    @Test func theGroupCommitFindsEachSentRowByItsId() throws {
        let steps = try plan(Store.recordSentSQL)
        #expect(steps.contains("SEARCH outbox USING INTEGER PRIMARY KEY (rowid=?)"), "\(steps)")
        #expect(!steps.contains { $0.contains("outbox_sending") }, "not the owner's rows, each with the whole array: \(steps)")
    }

    /// The daemon's status line after each pass: the waiting rows, not every message kept.
    @Test func theWaitingCountsReadTheWaitingIndexAloneAndAgreeWithACountByState() throws {
        let steps = try plan(Store.waitingCountsSQL)
        #expect(steps.contains("SCAN outbox USING INDEX outbox_waiting"), "\(steps)")
        #expect(readsNoWholeOutbox(steps), "\(steps)")
        let fixture = try ShuttleFixture(seats: 4)
        for passenger in try fixture.residents(3, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let claimed = try fixture.store.claimDue(
            now: Sample.paris.parse("2027-03-27T19:59")!, limit: 3, owner: "test:1", lease: 60, policy: ReminderPolicy(),
            calendar: Sample.paris.calendar)
        try #require(claimed.count == 3)
        // One deferred, one sent, one failed: only the first waits.
        let results: [OutboxOutcome.Result] = [
            .deferred(reason: "451 busy", retryAt: Date.distantFuture), .sent(reply: "250 ok"), .failed(reason: "550 no"),
        ]
        try fixture.store.recordOutcomes(
            zip(claimed, results).map { OutboxOutcome(id: $0.id, result: $1, at: Date()) }, owner: "test:1")
        let byState = try fixture.store.outboxCounts()
        let waiting = try fixture.store.waitingCounts()
        #expect(byState[.sent] == 1 && byState[.failed] == 1, "\(byState)")
        #expect(waiting.deferred == 1 && byState[.deferred] == 1)
        #expect(waiting.queued == byState[.queued] ?? 0, "\(byState)")
    }

    @Test func theWaitingIndexIsWrittenWithTheWaitingStatesInTheirOrder() throws {
        let store = try TemporaryDatabase().open()
        let sql = try #require(try store.database.row("SELECT sql FROM sqlite_schema WHERE name = 'outbox_waiting'")?.string("sql"))
        #expect(sql.hasSuffix("WHERE state IN (\(Store.sqlList(OutboxState.waiting)))"), "\(sql)")
    }
}
