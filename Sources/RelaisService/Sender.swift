// Sender: sends what the outbox holds that is due, and records each outcome.
//
// One pass (`sendDue`): give back the leases of senders that died, then claim a batch (at most
// `[outbox] commit_every` messages, leased and marked in flight in the claim's transaction), write
// each message, hand the batch to its channel's transport (several connections at once: `[email]
// connections`, `[sms] connections`) at no more than the channel's rate, and record sent /
// deferred (retried later, RetrySchedule) / failed (kept with the server's reply) together: one
// transaction per `commit_every` outcomes or per `commit_interval_ms`, whichever comes first
// (group commit, Store+OutboxBatch). A crash leaves the unrecorded part of the batch in flight:
// the next pass retries each of its messages once with the backoff (it may have arrived), or
// fails it if it was interrupted before: at most one batch goes twice per crash, and no message
// more than twice, ever (a message interrupted once goes in a batch of its own: OutboxClaim).

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
    /// At most this many messages per claim, and per transaction of outcomes.
    let commitEvery: Int
    /// Outcomes known for this long are recorded without waiting for `commitEvery` of them.
    let commitInterval: TimeInterval
    let log: Log
    /// This process, as lease owner: "host:pid".
    public let owner: String
    private var lastSend: [Channel: Date] = [:]
    /// Outcomes of handed-over messages whose record failed: recorded before anything else.
    private var unrecorded: [OutboxOutcome] = []
    /// Asked before each message is handed over: true stops the pass (what is in flight finishes
    /// and is recorded; the messages claimed but not handed over stay leased to this sender until
    /// it gives them back, or its lease runs out).
    public var shouldStop: () -> Bool = { false }
    /// Called between messages and while transfers are in flight, so that a long pass still
    /// answers the watchdog.
    public var betweenMessages: () -> Void = {}

    public init(
        store: Store, transports: [Channel: Transport], writer: MessageWriter, retry: RetrySchedule,
        policy: ReminderPolicy, rates: [Channel: Double], lease: TimeInterval, log: Log, commitEvery: Int = 64,
        commitInterval: TimeInterval = 0.2
    ) {
        self.store = store
        self.transports = transports
        self.writer = writer
        self.retry = retry
        self.policy = policy
        self.rates = rates
        self.lease = lease
        self.commitEvery = max(1, commitEvery)
        self.commitInterval = commitInterval
        self.log = log
        self.owner = "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }

    /// How many messages one claim takes: `commitEvery`, fewer when the slowest channel's rate
    /// could not hand them all over within half the lease.
    var claimLimit: Int {
        let slowest = rates.values.filter { $0 > 0 }.min() ?? .infinity
        return max(1, min(commitEvery, Int(min(slowest * lease / 2, Double(Int32.max)))))
    }

    /// Sends everything due at the clock's time, batch after batch, until nothing is due.
    public func sendDue(clock: () -> Date) throws -> SendSummary {
        try recordUnrecorded(now: clock())
        var summary = SendSummary()
        summary.released = try store.releaseLeases(now: clock(), retry: retry, isGone: Sender.isGone)
        if summary.released > 0 {
            log.warning("released messages leased by a sender that stopped", ["outbox.count": String(summary.released)])
        }
        while !shouldStop() {
            let batch = try store.claimDue(
                now: clock(), limit: claimLimit, owner: owner, lease: lease, policy: policy, calendar: writer.calendar)
            if batch.isEmpty {
                // A whole batch may have been settled (past its deadline, opted out) or moved to
                // its channel's next allowed time rather than claimed: go on while anything is due.
                guard let next = try store.nextDue(), next <= clock() else { break }
                continue
            }
            try withoutActuallyEscaping(clock) { clock in
                let recorder = OutcomeRecorder(sender: self, clock: clock)
                for channel in Channel.allCases {
                    let messages = batch.filter { $0.channel == channel }
                    if !messages.isEmpty { send(messages, on: channel, recorder: recorder) }
                }
                do {
                    try recorder.flush()
                } catch {
                    unrecorded += recorder.takeUnrecorded()
                    throw error
                }
                summary.add(recorder.summary)
            }
        }
        return summary
    }

    /// Records the outcomes a failed record left (none most of the time). Throws while it cannot:
    /// nothing is claimed, and nothing given back, before they are recorded.
    public func recordUnrecorded(now: Date) throws {
        guard !unrecorded.isEmpty else { return }
        try store.recordOutcomes(unrecorded, owner: owner, leaseUntil: now.addingTimeInterval(lease))
        log.info("outcomes recorded after a failed record", ["outbox.count": String(unrecorded.count)])
        unrecorded = []
    }

    /// Hands the messages of one channel to its transport, the outcomes to `recorder`.
    private func send(_ claimed: [ClaimedMessage], on channel: Channel, recorder: OutcomeRecorder) {
        guard let transport = transports[channel] else {
            for message in claimed {
                recorder.add(message, .failed(reason: "no transport is configured for \(channel.rawValue)"), size: nil)
            }
            return
        }
        let links: [Int64: MessageLinks]
        do {
            links = try self.links(for: claimed, now: recorder.clock())
        } catch {
            // Not sent without the links its words promise: tried again later, like a busy relay.
            for message in claimed {
                recorder.add(message, .deferred(reason: "its links could not be recorded: \(error)", retryAfter: nil), size: nil)
            }
            return
        }
        var ready: [(claimed: ClaimedMessage, message: OutgoingMessage, size: SMSSize?)] = []
        for message in claimed {
            guard let written = writer.message(for: message, links: links[message.id] ?? MessageLinks()) else {
                let reason = TemplateSet.missingReason(kind: message.kind, language: message.language, channel: message.channel)
                recorder.add(message, .failed(reason: reason), size: nil)
                continue
            }
            let size = channel == .sms ? SMSText.segments(of: written.body) : nil
            ready.append((message, written, size.map { SMSSize(encoding: $0.encoding, segments: $0.segments) }))
        }
        transport.sendBatch(
            ready.map(\.message),
            hooks: SendHooks(
                starting: { [self] _ in
                    guard !shouldStop() else { return false }
                    pace(channel)
                    return true
                },
                finished: { [self] index, outcome in
                    recorder.add(ready[index].claimed, outcome, size: ready[index].size)
                    betweenMessages()
                },
                waiting: { [self] in
                    recorder.recordIfDue()
                    betweenMessages()
                }))
    }

    /// Waits as long as needed to keep the channel under its rate.
    private func pace(_ channel: Channel) {
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
