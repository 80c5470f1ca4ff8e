// Sender: sends what the outbox holds that is due, and records each outcome.
//
// One pass (`sendDue`): give back the leases of senders that died, then claim a batch (at most
// `[outbox] commit_every` messages, leased in the claim's transaction), write each message, mark
// the batch in flight (one commit) and hand it to its channel's transport (several connections at
// once: `[email] connections`, `[sms] connections`) at no more than the channel's rate, on a thread
// of its own (Sender+HandOver) while this thread claims and writes the next batch. Sent / deferred
// (retried later, RetrySchedule) / failed (kept with the server's reply) are recorded together
// (group commit, Store+OutboxBatch; Sender+Outcomes): most of a batch while the rest arrive, or
// after `commit_interval_ms`, and the batch's last ones in the commit that marks the next batch
// in flight (the first batch of a pass is marked alone). A crash leaves the unrecorded part
// of the one marked batch in flight: the next pass retries each of its messages once with the
// backoff (it may have arrived), or fails it if it was interrupted before; the next batch, claimed
// but not marked, goes back to the queue. So at most one batch goes twice per crash, and no message
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
    /// Outcomes known for this long are recorded without waiting for the rest (Sender+Outcomes).
    let commitInterval: TimeInterval
    let log: Log
    /// This process, as lease owner: "host:pid".
    public let owner: String
    /// The recent hand-overs per channel, for its rate: read and written by the hand-over's thread only.
    var windows: [Channel: RateWindow] = [:]
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

    /// Sends everything due at the clock's time, batch after batch, until nothing is due. While a
    /// batch is handed over (on the pass's hand-over thread: BatchHandOver), this thread claims and
    /// writes the next one, unless this one is slow or holds a retried interruption
    /// (`mayOverlapTheNext`); the next is marked in flight only once this one is recorded, just before
    /// it goes. A batch prepared and not handed over (an error, a stop) is given back.
    public func sendDue(clock: () -> Date) throws -> SendSummary {
        try recordUnrecorded(now: clock())
        var summary = SendSummary()
        summary.released = try store.releaseLeases(now: clock(), retry: retry, isGone: Sender.isGone)
        if summary.released > 0 {
            log.warning("released messages leased by a sender that stopped", ["outbox.count": String(summary.released)])
        }
        var next = shouldStop() ? nil : try prepareBatch(clock: clock)
        defer { if let next { giveBack(next, now: clock()) } }
        guard next != nil else { return summary }
        let handOver = BatchHandOver(sender: self)
        defer { handOver.close() }
        while let prepared = next, !shouldStop() {
            let batch = try prepared.isMarked ? prepared : kept(prepared, marked: store.markInFlight(prepared.toHandOver, owner: owner))
            next = nil
            handOver.start(batch)
            var preparing: (any Error)?
            if batch.mayOverlapTheNext(rates: rates) && !shouldStop() {
                do { next = try prepareBatch(clock: clock) } catch { preparing = error }
            }
            // The batch's last outcomes and the next batch's mark: one commit.
            let recorded = try record(handOver, of: batch, thenMarking: shouldStop() ? nil : next, clock: clock)
            summary.add(recorded.summary)
            if let marked = recorded.next { next = marked }
            if let preparing { throw preparing }
            // Recording may have queued more (an SMS refused for good goes by e-mail): look again.
            if next == nil && !shouldStop() { next = try prepareBatch(clock: clock) }
        }
        return summary
    }

    /// `batch` once the rows `marked` of it are marked in flight, just before it goes: a message
    /// whose lease another sender took over meanwhile (its lease ran out) is left to it, not handed over.
    private func kept(_ batch: PreparedBatch, marked: Set<Int64>) -> PreparedBatch {
        let ids = batch.toHandOver
        var kept = batch
        if marked.count < ids.count {
            log.warning("messages whose lease was taken over before they went left to their new sender", ["outbox.count": String(ids.count - marked.count)])
            kept = batch.keeping(marked)
        }
        kept.isMarked = true
        return kept
    }

    /// Gives back a batch claimed and not handed over; what cannot be given back now goes back to
    /// the queue when its lease runs out.
    private func giveBack(_ batch: PreparedBatch, now: Date) {
        do { try store.giveBack(batch.toHandOver, owner: owner, now: now) } catch {
            log.warning("a claimed batch not handed over waits for its lease to run out", ["error": Redaction.scrub("\(error)")])
        }
    }

    /// Claims the next batch (without the in-flight mark: Store.markInFlight, just before it goes),
    /// records its links and writes its messages; nil when nothing is due.
    private func prepareBatch(clock: () -> Date) throws -> PreparedBatch? {
        while true {
            let claimed = try store.claimDue(
                now: clock(), limit: claimLimit, owner: owner, lease: lease, policy: policy, calendar: writer.calendar,
                inFlight: false)
            if !claimed.isEmpty { return written(claimed, now: clock()) }
            // A whole batch may have been settled (past its deadline, opted out) or moved to
            // its channel's next allowed time rather than claimed: go on while anything is due.
            guard let due = try store.nextDue(), due <= clock() else { return nil }
        }
    }

    /// Records what becomes of `batch` as its hand-over reports it: once its early record's outcomes
    /// are in (PreparedBatch.earlyRecord) or after `commitInterval`, and at its end, in the
    /// transaction that marks `next` in flight (returned marked). A record that fails is kept for the
    /// next pass, and `next` is left unmarked.
    private func record(
        _ handOver: BatchHandOver, of batch: PreparedBatch, thenMarking next: PreparedBatch?, clock: () -> Date
    ) throws -> (summary: SendSummary, next: PreparedBatch?) {
        try withoutActuallyEscaping(clock) { clock in
            let recorder = OutcomeRecorder(sender: self, clock: clock)
            for outcome in batch.settled { recorder.add(outcome.claimed, outcome.outcome, size: nil) }
            let early = batch.earlyRecord
            handOver.wait(
                every: min(max(commitInterval / 2, BatchHandOver.wakeInterval.lowerBound), BatchHandOver.wakeInterval.upperBound),
                received: { arrived in recorder.add(arrived.ready.claimed, arrived.outcome, size: arrived.ready.size, at: arrived.at) },
                meanwhile: { [self] in
                    recorder.recordIfDue(early: early)
                    betweenMessages()
                })
            do {
                let marked = try recorder.flush(thenMarking: next?.toHandOver ?? [])
                return (recorder.summary, next.map { kept($0, marked: marked) })
            } catch {
                unrecorded += recorder.takeUnrecorded()
                throw error
            }
        }
    }

    /// Records the outcomes a failed record left (none most of the time). Throws while it cannot:
    /// nothing is claimed, and nothing given back, before they are recorded.
    public func recordUnrecorded(now: Date) throws {
        guard !unrecorded.isEmpty else { return }
        try store.recordOutcomes(unrecorded, owner: owner, renewing: LeaseRenewal(now: now, lease: lease))
        log.info("outcomes recorded after a failed record", ["outbox.count": String(unrecorded.count)])
        unrecorded = []
    }

    /// Records the links of `claimed` and writes each message for its channel's transport; what
    /// cannot go (no transport, no template, links not recorded) is settled at once.
    private func written(_ claimed: [ClaimedMessage], now: Date) -> PreparedBatch {
        var batch = PreparedBatch()
        let links: [Int64: MessageLinks]
        do {
            links = try self.links(for: claimed, now: now)
        } catch {
            // Not sent without the links its words promise: tried again later, like a busy relay.
            batch.settled = claimed.map { ($0, .deferred(reason: "its links could not be recorded: \(error)", retryAfter: nil)) }
            return batch
        }
        for channel in Channel.allCases {
            let messages = claimed.filter { $0.channel == channel }
            guard !messages.isEmpty else { continue }
            guard let transport = transports[channel] else {
                batch.settled += messages.map { ($0, .failed(reason: "no transport is configured for \(channel.rawValue)")) }
                continue
            }
            var ready: [PreparedBatch.Ready] = []
            for message in messages {
                guard let written = writer.message(for: message, links: links[message.id] ?? MessageLinks()) else {
                    let reason = TemplateSet.missingReason(kind: message.kind, language: message.language, channel: message.channel)
                    batch.settled.append((message, .failed(reason: reason)))
                    continue
                }
                let size = channel == .sms ? SMSText.segments(of: written.body) : nil
                ready.append(.init(claimed: message, message: written, size: size.map { SMSSize(encoding: $0.encoding, segments: $0.segments) }))
            }
            if !ready.isEmpty { batch.channels.append((channel, transport, ready, transport.write(ready.map(\.message)))) }
        }
        return batch
    }

    /// Waits as long as needed to keep the channel under its rate (RateWindow), on the machine's
    /// monotonic clock; false when the sender should stop meanwhile.
    func pace(_ channel: Channel) -> Bool {
        guard let rate = rates[channel], rate > 0 else { return true }
        while let wait = windows[channel]?.wait(at: ProcessInfo.processInfo.systemUptime), wait > 0 {
            guard !shouldStop() else { return false }
            usleep(UInt32(min(wait, 0.5) * 1_000_000))
        }
        // Changed in place: the window is not copied per start.
        windows[channel, default: RateWindow(rate: rate)].started(at: ProcessInfo.processInfo.systemUptime)
        return true
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
