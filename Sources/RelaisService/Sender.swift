// Sender: sends what the outbox holds that is due, and records each outcome.
//
// One pass (`sendDue`): give back the leases of senders that died, then claim a batch, write each
// message, hand it to its channel's transport at no more than the channel's rate, and record
// sent / deferred (retried later, RetrySchedule) / failed (kept with the server's reply). A message
// is claimed before it is sent and recorded after; the one about to be handed over is marked in
// flight in the transaction before (Store+Leases.swift). A crash leaves the batch leased: the next
// pass gives back what never left, and retries the message in flight once with the backoff (it
// may have arrived), or fails it if it was interrupted before: at most two copies, ever.

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisStore

/// What a pass sent.
public struct SendSummary: Sendable, Equatable {
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    public var released = 0

    public init() {}
}

/// Sends due messages through one transport per channel.
public final class Sender {
    let store: Store
    let transports: [Channel: Transport]
    let writer: MessageWriter
    let retry: RetrySchedule
    /// The channels' sending windows, checked again when each message is claimed.
    let policy: ReminderPolicy
    let rates: [Channel: Double]
    let lease: TimeInterval
    let log: Log
    /// This process, as lease owner: "host:pid".
    public let owner: String
    private var lastSend: [Channel: Date] = [:]
    /// Asked before each message: true stops the pass (the messages claimed but not sent stay
    /// leased to this sender until it gives them back, or its lease runs out).
    public var shouldStop: () -> Bool = { false }
    /// Called between messages, so that a long pass still answers the watchdog.
    public var betweenMessages: () -> Void = {}

    public init(
        store: Store, transports: [Channel: Transport], writer: MessageWriter, retry: RetrySchedule,
        policy: ReminderPolicy, rates: [Channel: Double], lease: TimeInterval, log: Log
    ) {
        self.store = store
        self.transports = transports
        self.writer = writer
        self.retry = retry
        self.policy = policy
        self.rates = rates
        self.lease = lease
        self.log = log
        self.owner = "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }

    /// Sends everything due at the clock's time, batch after batch, until nothing is due.
    public func sendDue(clock: () -> Date, batchSize: Int = 100) throws -> SendSummary {
        var summary = SendSummary()
        summary.released = try store.releaseLeases(now: clock(), retry: retry, isGone: Sender.isGone)
        if summary.released > 0 {
            log.warning("released messages leased by a sender that stopped", ["outbox.count": String(summary.released)])
        }
        while !shouldStop() {
            let batch = try store.claimDue(
                now: clock(), limit: batchSize, owner: owner, lease: lease, policy: policy, calendar: writer.calendar)
            if batch.isEmpty {
                // A whole batch may have been settled (past its deadline, opted out) or moved to
                // its channel's next allowed time rather than claimed: go on while anything is due.
                guard let next = try store.nextDue(), next <= clock() else { break }
                continue
            }
            for (index, claimed) in batch.enumerated() {
                if shouldStop() { break }
                let next = index + 1 < batch.count ? batch[index + 1].id : nil
                try send(claimed, next: next, clock: clock, into: &summary)
                betweenMessages()
            }
        }
        return summary
    }

    /// Hands `claimed` to its transport and records the outcome, marking `next` as in flight.
    private func send(_ claimed: ClaimedMessage, next: Int64?, clock: () -> Date, into summary: inout SendSummary) throws {
        let outcome: DeliveryOutcome
        if let transport = transports[claimed.channel] {
            if let message = writer.message(for: claimed, links: try links(for: claimed, now: clock())) {
                if claimed.channel == .sms {
                    let size = SMSText.segments(of: message.body)
                    let recorded = try store.recordSMSSize(
                        claimed.id, owner: owner, encoding: size.encoding, segments: size.segments, next: next)
                    guard recorded else {
                        // The lease was lost (the send took too long): another sender holds the message now.
                        log.warning("lease lost before hand-over; not sent by this sender", ["outbox.id": String(claimed.id)])
                        return
                    }
                }
                pace(claimed.channel, clock: clock)
                outcome = transport.send(message)
            } else {
                outcome = .failed(
                    reason: TemplateSet.missingReason(kind: claimed.kind, language: claimed.language, channel: claimed.channel))
            }
        } else {
            outcome = .failed(reason: "no transport is configured for \(claimed.channel.rawValue)")
        }
        let now = clock()
        let id = String(claimed.id)
        switch outcome {
        case .sent(let detail):
            try store.recordSent(claimed.id, owner: owner, reply: detail, now: now, next: next)
            summary.sent += 1
            log.debug("message sent", ["outbox.id": id, "outbox.channel": claimed.channel.rawValue])
        case .deferred(let reason, let retryAfter):
            let retryAt = retry.nextAttempt(
                after: claimed.attempts, now: now, retryAfter: retryAfter, firstAttempt: claimed.firstAttempt, deadline: claimed.deadline)
            try store.recordDeferred(claimed.id, owner: owner, reason: reason, retryAt: retryAt, now: now, next: next)
            if retryAt == nil { summary.failed += 1 } else { summary.deferred += 1 }
            log.warning(
                "message deferred", ["outbox.id": id, "outbox.channel": claimed.channel.rawValue, "reason": Redaction.scrub(reason)])
        case .failed(let reason):
            try store.recordFailed(claimed.id, owner: owner, reason: reason, now: now, next: next)
            summary.failed += 1
            log.error("message failed", ["outbox.id": id, "outbox.channel": claimed.channel.rawValue, "reason": Redaction.scrub(reason)])
        }
    }

    /// Waits as long as needed to keep the channel under its rate.
    private func pace(_ channel: Channel, clock: () -> Date) {
        guard let rate = rates[channel], rate > 0 else { return }
        let interval = 1 / rate
        if let last = lastSend[channel] {
            let wait = interval - Date().timeIntervalSince(last)
            if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
        }
        lastSend[channel] = Date()
    }

    /// True when a lease owner ("host:pid") is a process of this machine that no longer runs.
    public static func isGone(_ owner: String) -> Bool { processAlive(owner) == false }

    /// Whether the process named `host:pid` (a lease owner, the daemon's heartbeat) lives; nil when
    /// it runs on another host or the name is not of that form.
    public static func processAlive(_ owner: String) -> Bool? {
        let parts = owner.split(separator: ":")
        guard parts.count == 2, String(parts[0]) == ProcessInfo.processInfo.hostName, let pid = Int32(parts[1]) else { return nil }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno != ESRCH
    }
}
