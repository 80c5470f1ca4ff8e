// The in-flight mark at hand-over (Store.markInFlight): a sender claims its next batch while one is
// handed over, without the mark, and marks it just before it goes. A crash before the mark gives
// the batch back to the queue as never sent (no attempt counted, no interruption); after the mark,
// the rows count as interrupted (Store+Leases), as a batch claimed with the mark does. A sender that
// stops or fails with a batch claimed and not handed over gives back exactly that batch's unmarked rows.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct InFlightMarkStoreTests {
    let now = Sample.paris.parse("2027-03-27T19:59")!

    func claimed(_ fixture: ShuttleFixture, markInFlight: Bool) throws -> [ClaimedMessage] {
        let claimed = try fixture.store.claimDue(
            now: now, limit: 50, owner: "gone:1", lease: 60, policy: ReminderPolicy(), calendar: Sample.paris.calendar,
            inFlight: markInFlight)
        try #require(claimed.count >= 2, "the fixture's reminders are due")
        return claimed
    }

    func rows(_ fixture: ShuttleFixture, _ ids: [Int64]) throws -> [(state: String, inFlight: Int, interrupted: Int, attempts: Int)] {
        try ids.map { id in
            let row = try #require(
                try fixture.store.database.row("SELECT state, in_flight, interrupted, attempts FROM outbox WHERE id = ?", [.integer(id)]))
            return (row.string("state")!, row.int("in_flight")!, row.int("interrupted")!, row.int("attempts")!)
        }
    }

    @Test func aBatchClaimedWithoutTheMarkGoesBackToTheQueueUncountedWhenItsSenderDies() throws {
        let fixture = try ShuttleFixture(seats: 4)
        for passenger in try fixture.residents(3, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let ids = try claimed(fixture, markInFlight: false).map(\.id)
        #expect(try rows(fixture, ids).allSatisfy { $0.state == "sending" && $0.inFlight == 0 && $0.attempts == 1 })
        let released = try fixture.store.releaseLeases(now: now.addingTimeInterval(1), retry: RetrySchedule(), isGone: { $0 == "gone:1" })
        #expect(released == ids.count)
        #expect(try rows(fixture, ids).allSatisfy { $0.state == "queued" && $0.interrupted == 0 && $0.attempts == 0 })
    }

    @Test func onceMarkedTheBatchCountsAsInterruptedLikeABatchClaimedWithTheMark() throws {
        let unmarked = try ShuttleFixture(seats: 4), marked = try ShuttleFixture(seats: 4)
        var outcomes: [[String]] = []
        for (fixture, markAtClaim) in [(unmarked, false), (marked, true)] {
            for passenger in try fixture.residents(3, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
            let ids = try claimed(fixture, markInFlight: markAtClaim).map(\.id)
            if !markAtClaim {
                // Another sender took the last row over meanwhile: the mark leaves it alone.
                try fixture.store.database.run("UPDATE outbox SET lease_owner = 'other:2' WHERE id = ?", [.integer(ids.last!)])
                #expect(try fixture.store.markInFlight(ids, owner: "gone:1") == Set(ids.dropLast()))
                #expect(try rows(fixture, [ids.last!])[0].inFlight == 0)
                try fixture.store.database.run("UPDATE outbox SET lease_owner = 'gone:1' WHERE id = ?", [.integer(ids.last!)])
                #expect(try fixture.store.markInFlight([ids.last!], owner: "gone:1") == [ids.last!])
            }
            try fixture.store.releaseLeases(now: now.addingTimeInterval(1), retry: RetrySchedule(), isGone: { $0 == "gone:1" })
            outcomes.append(try rows(fixture, ids).map { "\($0.state) in_flight=\($0.inFlight) interrupted=\($0.interrupted) attempts=\($0.attempts)" })
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0].allSatisfy { $0 == "deferred in_flight=0 interrupted=1 attempts=1" }, "\(outcomes[0])")
    }

    @Test func givingBackTakesOnlyTheUnmarkedRowsOfItsOwnerAndUncountsTheirClaim() throws {
        let fixture = try ShuttleFixture(seats: 4)
        for passenger in try fixture.residents(3, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        let ids = try claimed(fixture, markInFlight: false).map(\.id)
        try #require(ids.count >= 3, "one marked, one taken over, at least one to give back")
        // The first went (marked); the last was taken over by another sender.
        #expect(try fixture.store.markInFlight([ids[0]], owner: "gone:1") == [ids[0]])
        try fixture.store.database.run("UPDATE outbox SET lease_owner = 'other:2' WHERE id = ?", [.integer(ids.last!)])
        #expect(try fixture.store.giveBack(ids, owner: "gone:1", now: now.addingTimeInterval(1)) == ids.count - 2)
        let after = try rows(fixture, ids)
        #expect(after[0].state == "sending" && after[0].inFlight == 1)
        #expect(after.dropFirst().dropLast().allSatisfy { $0.state == "queued" && $0.attempts == 0 }, "\(after)")
        #expect(after.last!.state == "sending")
    }

    @Test func aBatchsLastOutcomesAndTheNextBatchsMarkAreOneTransaction() throws {
        let fixture = try ShuttleFixture(seats: 4)
        for passenger in try fixture.residents(3, of: "Cessy") { _ = try fixture.book(passenger, stop: "Cessy") }
        func claim(_ limit: Int) throws -> [Int64] {
            try fixture.store.claimDue(
                now: now, limit: limit, owner: "gone:1", lease: 60, policy: ReminderPolicy(), calendar: Sample.paris.calendar,
                inFlight: false
            ).map(\.id)
        }
        let first = try claim(1), next = try claim(50)
        try #require(first.count == 1 && next.count >= 2, "two batches")
        #expect(try fixture.store.markInFlight(first, owner: "gone:1") == Set(first))
        // The next batch's last row was taken over by another sender meanwhile: not marked.
        try fixture.store.database.run("UPDATE outbox SET lease_owner = 'other:2' WHERE id = ?", [.integer(next.last!)])

        let (recorded, marked) = try fixture.store.recordOutcomes(
            [OutboxOutcome(id: first[0], result: .sent(reply: "250 ok"), at: now)], owner: "gone:1", renewing: nil, thenMarking: next)
        #expect(recorded == 1)
        #expect(marked == Set(next.dropLast()))
        #expect(try rows(fixture, first)[0].state == "sent")
        let after = try rows(fixture, next)
        #expect(after.dropLast().allSatisfy { $0.state == "sending" && $0.inFlight == 1 }, "\(after)")
        #expect(after.last!.inFlight == 0)

        // With no outcome to record, the mark alone.
        try fixture.store.database.run("UPDATE outbox SET lease_owner = 'gone:1' WHERE id = ?", [.integer(next.last!)])
        let alone = try fixture.store.recordOutcomes([], owner: "gone:1", renewing: nil, thenMarking: [next.last!])
        #expect(alone.recorded == 0 && alone.marked == [next.last!])
    }
}
