// Group commit and leases (Store+OutboxBatch.swift): recording a batch's outcomes also keeps the
// rest of that batch leased to its sender, so a slow relay's batch is not taken over by another
// sender (which would give back, or count as interrupted, messages still being handed over) while
// its outcomes are still arriving.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct OutcomeLeaseStoreTests {
    let now = Sample.paris.parse("2027-03-27T19:59")!

    /// Three passengers' reminders, due at `now`, claimed by "test:1" with a lease of 60 s.
    func claimedBatch() throws -> (fixture: ShuttleFixture, claimed: [ClaimedMessage]) {
        let fixture = try ShuttleFixture(seats: 4)
        for passenger in try fixture.residents(3, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let claimed = try fixture.store.claimDue(
            now: now, limit: 50, owner: "test:1", lease: 60, policy: ReminderPolicy(), calendar: Sample.paris.calendar)
        try #require(claimed.count >= 3, "the fixture's reminders are due")
        return (fixture, claimed)
    }

    @Test func recordingOutcomesKeepsTheRestOfTheBatchLeasedToItsSender() throws {
        let (fixture, claimed) = try claimedBatch()
        let later = now.addingTimeInterval(50)
        try fixture.store.recordOutcomes(
            [OutboxOutcome(id: claimed[0].id, result: .sent(reply: "250 ok"), at: later)], owner: "test:1",
            renewing: LeaseRenewal(now: later, lease: 60))

        // 70 s after the claim the first lease (60 s) would have run out; the record pushed it on.
        let released = try fixture.store.releaseLeases(now: now.addingTimeInterval(70), retry: RetrySchedule(), isGone: { _ in false })
        #expect(released == 0)
        let states = try fixture.store.database.rows("SELECT id, state FROM outbox WHERE lease_owner = 'test:1'")
        #expect(states.count == claimed.count - 1 && states.allSatisfy { $0.string("state") == "sending" }, "\(states)")
        #expect(try fixture.store.database.row("SELECT state FROM outbox WHERE id = ?", [.integer(claimed[0].id)])?.string("state") == "sent")
        // Past the pushed lease, they are released as the lease rules say.
        #expect(try fixture.store.releaseLeases(now: later.addingTimeInterval(61), retry: RetrySchedule(), isGone: { _ in false }) == claimed.count - 1)
    }

    @Test func aLeaseRenewedLessThanASecondAgoIsNotWrittenAgain() throws {
        let (fixture, claimed) = try claimedBatch()
        func leases() throws -> [Int64] {
            try fixture.store.database.rows("SELECT lease_until FROM outbox WHERE state = 'sending' ORDER BY id").compactMap { $0.int64("lease_until") }
        }
        let claimedUntil = Int64(now.addingTimeInterval(60).timeIntervalSince1970)
        #expect(try leases().allSatisfy { $0 == claimedUntil })

        // Half a second on: every lease runs to within a second of a whole one, nothing written.
        let soon = now.addingTimeInterval(0.5)
        try fixture.store.recordOutcomes(
            [OutboxOutcome(id: claimed[0].id, result: .sent(reply: "250 ok"), at: soon)], owner: "test:1",
            renewing: LeaseRenewal(now: soon, lease: 60))
        #expect(try leases().allSatisfy { $0 == claimedUntil })

        // 20 s on: renewed to a whole lease from then.
        let later = now.addingTimeInterval(20)
        try fixture.store.recordOutcomes(
            [OutboxOutcome(id: claimed[1].id, result: .sent(reply: "250 ok"), at: later)], owner: "test:1",
            renewing: LeaseRenewal(now: later, lease: 60))
        let renewed = try leases()
        #expect(!renewed.isEmpty && renewed.allSatisfy { $0 == Int64(later.addingTimeInterval(60).timeIntervalSince1970) }, "\(renewed)")
    }
}
