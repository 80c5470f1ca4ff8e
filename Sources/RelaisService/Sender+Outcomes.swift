// Sender+Outcomes: the outcomes of a batch (at most `[outbox] commit_every` messages), gathered as
// they arrive and recorded together (group commit): three quarters of a large batch while the rest
// arrive (PreparedBatch.earlyRecord), or whatever waits once the oldest unrecorded outcome is
// `commit_interval_ms` old, and the rest at the end of the batch, in the commit that marks the next.
// A record that fails mid-batch (a busy or full disk) keeps its outcomes for the next try; when the
// batch's last record fails, the sender keeps them (Sender.unrecorded) and records them before
// anything else: before its next pass, and before giving back what it did not hand over. Until then
// they stay leased to it, so no other sender takes them as unsent.

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisStore

extension SendSummary {
    /// Adds what another part of the pass did.
    mutating func add(_ other: SendSummary) {
        sent += other.sent
        deferred += other.deferred
        failed += other.failed
        released += other.released
    }
}

/// The outcomes of one batch not yet recorded. The sender's thread, one batch.
final class OutcomeRecorder {
    private let sender: Sender
    /// The outbox clock the batch is recorded at.
    let clock: () -> Date
    private var pending: [OutboxOutcome] = []
    /// When the oldest pending outcome arrived (the machine's time, not the outbox clock).
    private var oldest: Date?
    private(set) var summary = SendSummary()

    init(sender: Sender, clock: @escaping () -> Date) {
        self.sender = sender
        self.clock = clock
    }

    /// Notes what became of `claimed` (a written SMS's `size` with it), known at `arrived` (the
    /// machine's time), and logs it; recorded by `recordIfDue` or `flush`.
    func add(_ claimed: ClaimedMessage, _ outcome: DeliveryOutcome, size: SMSSize?, at arrived: Date = Date()) {
        let now = clock()
        // Built only when a line is written: a sent message writes none unless debugging.
        func fields(_ more: [String: String] = [:]) -> [String: String] {
            ["outbox.id": String(claimed.id), "outbox.channel": claimed.channel.rawValue].merging(more) { $1 }
        }
        let result: OutboxOutcome.Result
        switch outcome {
        case .sent(let detail):
            result = .sent(reply: detail)
            summary.sent += 1
            sender.log.debug("message sent", fields())
        case .deferred(let reason, let retryAfter):
            let retryAt = sender.retry.nextAttempt(
                after: claimed.attempts, now: now, retryAfter: retryAfter, firstAttempt: claimed.firstAttempt,
                deadline: claimed.deadline)
            result = .deferred(reason: reason, retryAt: retryAt)
            if retryAt == nil { summary.failed += 1 } else { summary.deferred += 1 }
            sender.log.warning("message deferred", fields(["reason": Redaction.scrub(reason)]))
        case .failed(let reason):
            result = .failed(reason: reason)
            summary.failed += 1
            sender.log.error("message failed", fields(["reason": Redaction.scrub(reason)]))
        }
        pending.append(OutboxOutcome(id: claimed.id, result: result, smsSize: size, at: now))
        if oldest == nil { oldest = arrived }
    }

    /// Records the pending outcomes once `early` of them wait (PreparedBatch.earlyRecord) or the
    /// oldest has waited `commitInterval`. Not called after a batch's last outcomes: those go with
    /// the next batch's mark.
    func recordIfDue(early: Int) {
        guard let oldest, pending.count >= early || Date().timeIntervalSince(oldest) >= sender.commitInterval else { return }
        recordNow()
    }

    /// Records what is pending; a failure is logged and the outcomes kept for the next try.
    private func recordNow() {
        do { try flush() } catch {
            sender.log.warning("outcomes not recorded yet", ["error": Redaction.scrub("\(error)")])
        }
    }

    /// Records every pending outcome and marks the rows `next` in flight, in one transaction (none
    /// when there is neither); returns the rows marked.
    @discardableResult
    func flush(thenMarking next: [Int64] = []) throws -> Set<Int64> {
        let marked = try sender.store.recordOutcomes(pending, owner: sender.owner, renewing: renewal, thenMarking: next).marked
        pending = []
        oldest = nil
        return marked
    }

    /// The sender's other leases, renewed with each record.
    private var renewal: LeaseRenewal { LeaseRenewal(now: clock(), lease: sender.lease) }

    /// The outcomes not recorded, taken out of the recorder (its last record failed).
    func takeUnrecorded() -> [OutboxOutcome] {
        defer { pending = []; oldest = nil }
        return pending
    }
}
