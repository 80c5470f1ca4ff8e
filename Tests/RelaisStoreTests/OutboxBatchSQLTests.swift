// Store+OutboxBatchSQL: the claim's one lease statement and the outcomes' one `sent` statement per
// batch write the rows, and the values, that the one-row statements they replace wrote.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct OutboxBatchSQLTests {
    static let columns =
        "state, sent_at, reply, reason, in_flight, lease_owner, lease_until, updated_at, attempts, first_attempt_at, due_at"

    func claimed(_ fixture: ShuttleFixture, now: Date, limit: Int) throws -> [ClaimedMessage] {
        try fixture.store.claimDue(
            now: now, limit: limit, owner: "test:1", lease: 60, policy: ReminderPolicy(), calendar: Sample.paris.calendar)
    }

    func values(_ fixture: ShuttleFixture, _ id: Int64) throws -> [String] {
        let row = try #require(try fixture.store.database.row("SELECT \(Self.columns) FROM outbox WHERE id = ?", [.integer(id)]))
        return Self.columns.split(separator: ",").map { column in
            let name = column.trimmingCharacters(in: .whitespaces)
            return row.string(name) ?? row.int64(name).map(String.init) ?? "NULL"
        }
    }

    @Test func theClaimLeasesExactlyTheMessagesItReturnsInOneStatement() throws {
        let fixture = try ShuttleFixture(seats: 6)
        for passenger in try fixture.residents(5, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let now = try #require(Sample.paris.parse("2027-03-27T19:59"))
        let due = try fixture.store.database.rows(
            "SELECT id FROM outbox WHERE state IN ('queued', 'deferred') AND due_at <= ?", [.date(now)]
        ).compactMap { $0.int64("id") }
        try #require(due.count >= 3, "the fixture's reminders are due")
        let claimed = try claimed(fixture, now: now, limit: 2)
        #expect(claimed.count == 2)
        let leased = try fixture.store.database.rows("SELECT id FROM outbox WHERE state = 'sending'").compactMap { $0.int64("id") }
        #expect(Set(leased) == Set(claimed.map(\.id)))
        let at = String(Int64(now.timeIntervalSince1970.rounded()))
        let until = String(Int64(now.addingTimeInterval(60).timeIntervalSince1970.rounded()))
        for message in claimed {
            let row = try values(fixture, message.id)
            // state, sent_at, reply, reason, in_flight, lease_owner, lease_until, updated_at, attempts, first_attempt_at
            #expect(Array(row[0...9]) == ["sending", "NULL", "NULL", row[3], "1", "test:1", until, at, "1", at], "\(row)")
            #expect(message.attempts == 1)
        }
        for id in Set(due).subtracting(claimed.map(\.id)) {
            #expect(try values(fixture, id)[0] != "sending")
        }
    }

    /// The one-row `sent` statement the batch statement replaced (the store's before issue 16), kept
    /// here as the oracle the batch statement is compared with.
    static func sentOneRow(_ id: Int64, owner: String, reply: String, now: Date, in database: Database) throws -> Bool {
        try database.run(
            """
            UPDATE outbox SET state = 'sent', sent_at = ?1, reply = ?2, reason = NULL, in_flight = 0, lease_owner = NULL,
                lease_until = NULL, updated_at = ?1
            WHERE id = ?3 AND state = 'sending' AND lease_owner = ?4
            """, [.date(now), .text(reply), .integer(id), .text(owner)]) == 1
    }

    @Test func oneSentStatementWritesWhatOneStatementPerRowWrote() throws {
        let fixture = try ShuttleFixture(seats: 8)
        for passenger in try fixture.residents(6, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let now = try #require(Sample.paris.parse("2027-03-27T19:59"))
        let claimed = try claimed(fixture, now: now, limit: 50)
        try #require(claimed.count >= 4, "the fixture's reminders are due")
        // One message's lease was taken over by another sender: neither way records it.
        try fixture.store.database.run("UPDATE outbox SET lease_owner = 'other:2' WHERE id = ?", [.integer(claimed[0].id)])
        let later = now.addingTimeInterval(5)
        let half = claimed.count / 2
        let byRow = Array(claimed[1..<half + 1]), batched = [claimed[0]] + Array(claimed[(half + 1)...])
        let rowCount = try fixture.store.database.write { database in
            try byRow.filter { try Self.sentOneRow($0.id, owner: "test:1", reply: "250 2.0.0 Ok: quoté", now: later, in: database) }.count
        }
        let outcomes = batched.map { OutboxOutcome(id: $0.id, result: .sent(reply: "250 2.0.0 Ok: quoté"), at: later) }
        let batchCount = try fixture.store.database.write { database in try fixture.store.recordSent(outcomes, owner: "test:1", in: database) }
        #expect(rowCount == byRow.count)
        #expect(batchCount == batched.count - 1)
        let expected = try values(fixture, byRow[0].id)
        #expect(expected[0] == "sent" && expected[2] == "250 2.0.0 Ok: quoté")
        for message in byRow + batched.dropFirst() { #expect(try values(fixture, message.id) == expected) }
        #expect(try values(fixture, claimed[0].id)[0] == "sending")
    }

    @Test func recordOutcomesCountsSentAndOtherOutcomesTogether() throws {
        let fixture = try ShuttleFixture(seats: 6)
        for passenger in try fixture.residents(4, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let now = try #require(Sample.paris.parse("2027-03-27T19:59"))
        let claimed = try claimed(fixture, now: now, limit: 3)
        try #require(claimed.count == 3, "the fixture's reminders are due")
        let later = now.addingTimeInterval(5)
        let recorded = try fixture.store.recordOutcomes(
            [
                OutboxOutcome(id: claimed[0].id, result: .sent(reply: "250 ok"), at: later),
                OutboxOutcome(id: claimed[1].id, result: .failed(reason: "550 no such user"), at: later),
                OutboxOutcome(id: claimed[2].id, result: .deferred(reason: "421 busy", retryAt: later.addingTimeInterval(300)), at: later),
            ], owner: "test:1")
        #expect(recorded == 3)
        #expect(try claimed.map { try values(fixture, $0.id)[0] } == ["sent", "failed", "deferred"])
    }

    /// Without NUL: SQLite's json_extract, like binding the text before, stops at one (SMTP replies hold none).
    @Test func aReplyOfAnyTextWithoutNULIsRecordedAsTheServerGaveIt() throws {
        let fixture = try ShuttleFixture(seats: 6)
        for passenger in try fixture.residents(4, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let now = try #require(Sample.paris.parse("2027-03-27T19:59"))
        let replies = ["250 \"ok\" \\ queued", "250-first\r\n250 second\ttab \u{1}\u{1F}\u{7F}", "250 reçu 🚐 {\"id\":1}"]
        let claimed = try claimed(fixture, now: now, limit: replies.count)
        try #require(claimed.count == replies.count, "the fixture's reminders are due")
        let outcomes = zip(claimed, replies).map { OutboxOutcome(id: $0.id, result: .sent(reply: $1), at: now) }
        #expect(try fixture.store.recordOutcomes(outcomes, owner: "test:1") == replies.count)
        #expect(try claimed.map { try values(fixture, $0.id)[2] } == replies)
    }
}
