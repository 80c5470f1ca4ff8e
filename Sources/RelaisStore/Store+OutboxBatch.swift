// Store+OutboxBatch: group commit. A sender hands a batch over through several connections and
// records what became of its messages together, a batch of at most `[outbox] commit_every` messages
// in one or two transactions (Sender+Outcomes), instead of one fsync per message. Each outcome is
// recorded by Store+Outbox's sent / deferred / fail, the SMS size with it; a row whose
// lease was lost meanwhile is left to its new owner. A crash before the commit leaves the batch's
// rows in flight (marked by the claim or by markInFlight before they went): Store+Leases retries
// each once and fails it the second time, so after a crash at most one unrecorded batch goes twice,
// and no message more than twice.

import Foundation
import RelaisCore

/// What became of one handed-over message, as the sender records it.
public struct OutboxOutcome: Sendable, Equatable {
    /// The three outcomes of a hand-over.
    public enum Result: Sendable, Equatable {
        /// The server accepted it, with its reply.
        case sent(reply: String)
        /// A temporary problem: it waits until `retryAt`, or fails when there is none.
        case deferred(reason: String, retryAt: Date?)
        /// Refused for good, with the server's reply.
        case failed(reason: String)
    }

    public var id: Int64
    public var result: Result
    /// The size of an SMS as written; nil for an e-mail.
    public var smsSize: SMSSize?
    /// When the outcome was known.
    public var at: Date

    public init(id: Int64, result: Result, smsSize: SMSSize? = nil, at: Date) {
        self.id = id
        self.result = result
        self.smsSize = smsSize
        self.at = at
    }
}

/// How a group commit keeps its sender's other messages leased while their outcomes arrive: each
/// lease that ends before `ifEndingBefore` is pushed on to `until`. A lease renewed less than a
/// second ago is left as it is: a record every few milliseconds no longer rewrites every leased
/// row (and its outbox_sending entry) each time.
public struct LeaseRenewal: Sendable, Equatable {
    public var until: Date
    public var ifEndingBefore: Date

    public init(until: Date, ifEndingBefore: Date) {
        self.until = until
        self.ifEndingBefore = ifEndingBefore
    }

    /// At `now`, for leases of `length` seconds: each lease renewed to `now + length` unless it
    /// already runs to within a second of that (half the lease, for a lease under two seconds).
    public init(now: Date, lease length: TimeInterval) {
        self.init(until: now.addingTimeInterval(length), ifEndingBefore: now.addingTimeInterval(length - min(1, length / 2)))
    }
}

extension Store {
    /// Records `outcomes` of messages leased to `owner`, all in one transaction; returns how many
    /// were this sender's to record (the others' leases were lost and taken over). The owner's other
    /// messages still being sent keep their lease as `renewal` says: a batch whose relay is slow
    /// must not be taken over while its outcomes are still arriving.
    @discardableResult
    public func recordOutcomes(_ outcomes: [OutboxOutcome], owner: String, renewing renewal: LeaseRenewal? = nil) throws -> Int {
        try recordOutcomes(outcomes, owner: owner, renewing: renewal, thenMarking: []).recorded
    }

    /// `recordOutcomes`, then the rows `next` marked in flight (`markInFlight`), in one transaction:
    /// a batch's last outcomes and the mark of the batch that goes after it cost one commit. Returns
    /// how many outcomes were recorded and the rows marked; with neither, no transaction.
    public func recordOutcomes(
        _ outcomes: [OutboxOutcome], owner: String, renewing renewal: LeaseRenewal?, thenMarking next: [Int64]
    ) throws -> (recorded: Int, marked: Set<Int64>) {
        guard !outcomes.isEmpty || !next.isEmpty else { return (0, []) }
        return try database.write { database in
            let recorded = outcomes.isEmpty ? 0 : try recordOutcomes(outcomes, owner: owner, renewing: renewal, in: database)
            return (recorded, try markInFlight(next, owner: owner, in: database))
        }
    }

    /// `recordOutcomes` inside the caller's transaction.
    private func recordOutcomes(_ outcomes: [OutboxOutcome], owner: String, renewing renewal: LeaseRenewal?, in database: Database) throws -> Int {
        if let renewal {
            try database.run(Self.renewLeasesSQL, [.date(renewal.until), .text(owner), .date(renewal.ifEndingBefore)])
        }
        for outcome in outcomes {
            if let size = outcome.smsSize { try recordSMSSize(outcome.id, owner: owner, size: size, in: database) }
        }
        // Every sent message of the batch in one statement (Store+OutboxBatchSQL), the others one by one.
        var recorded = try recordSent(outcomes, owner: owner, in: database)
        for outcome in outcomes {
            let changed: Bool
            switch outcome.result {
            case .sent:
                continue
            case .deferred(let reason, let retryAt):
                changed = try deferred(outcome.id, owner: owner, reason: reason, retryAt: retryAt, now: outcome.at, in: database)
                // With no retry it failed: a pickup notice failed for good told nothing (Store+ShuttlePickupTold).
                if changed { try forgetToldPickup(ifFailed: outcome.id, in: database) }
            case .failed(let reason):
                changed = try fail(outcome.id, owner: owner, reason: reason, now: outcome.at, in: database)
                if changed { try forgetToldPickup(ifFailed: outcome.id, in: database) }
            }
            if changed { recorded += 1 }
        }
        return recorded
    }

    /// The owner's leases ending before ?3 pushed on to ?1, found through outbox_sending (Migrations+OutboxQueue.swift).
    static let renewLeasesSQL = """
        UPDATE outbox SET lease_until = ?1 WHERE state = 'sending' AND lease_owner = ?2 AND lease_until < ?3
        """
}
