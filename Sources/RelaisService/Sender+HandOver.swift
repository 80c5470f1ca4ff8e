// Sender+HandOver: batches handed over on a thread of their own, one per sending pass. The sender's
// thread claims and writes the next batch (SQLite, templates, MIME) while one goes through its
// channels' connections (libcurl, the kernel's TCP), so that the two share the machine's cores:
//
//   sender's thread:  claim+write N ─ mark N ─ claim+write N+1 ─ wait, record N + mark N+1 ─ …
//   hand-over thread:                   └─ hand N over ───────────────┘                └─ hand N+1 over ─ …
//
// (N's last outcomes and N+1's mark are one commit: Store.recordOutcomes(_:owner:renewing:thenMarking:).)
//
// Only the sender's thread touches the store: the hand-over thread passes each outcome back with
// the time it was known, and the sender's thread records them (Sender+Outcomes), answers the
// watchdog and keeps the group commit's interval while it waits.

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisStore

/// A claimed batch whose links are recorded and whose messages are written.
struct PreparedBatch {
    /// A written message, ready for its transport.
    struct Ready {
        var claimed: ClaimedMessage
        var message: OutgoingMessage
        /// The SMS's size as written; nil for an e-mail.
        var size: SMSSize?
    }
    typealias Settled = (claimed: ClaimedMessage, outcome: DeliveryOutcome)

    /// The written messages of each channel with a transport, in `Channel.allCases` order, and what
    /// the transport wrote ahead of them (an e-mail's text).
    var channels: [(channel: Channel, transport: Transport, ready: [Ready], written: WrittenBatch)] = []
    /// Outcomes known before any hand-over: no transport, no template, links not recorded.
    var settled: [Settled] = []
    /// Whether the messages to hand over are marked in flight (Store.markInFlight), the last thing
    /// before they go: alone, or with the previous batch's last outcomes.
    var isMarked = false

    /// The messages to hand over: marked in flight just before.
    var toHandOver: [Int64] { channels.flatMap { $0.ready.map(\.claimed.id) } }

    /// How many of its outcomes are recorded while the rest still arrive: three quarters of a batch
    /// of 16 or more. The sender's thread waits then, and the commit that marks the next batch, which
    /// the connections wait for, is left the last quarter. A smaller batch has no early record
    /// (`Int.max`): all its outcomes go with the next batch's mark (a commit more would cost more
    /// than it saves).
    var earlyRecord: Int {
        let count = channels.reduce(0) { $0 + $1.ready.count }
        return count >= 16 ? count * 3 / 4 : .max
    }

    /// Whether the next batch may be claimed while this one is handed over: not when a channel's
    /// rate keeps this one from going within a second (the next claim's decisions would wait that
    /// long), nor when it holds a message interrupted before (claimed alone, OutboxClaim: its outcome
    /// is recorded as soon as it has gone, as a second interruption would fail it).
    func mayOverlapTheNext(rates: [Channel: Double]) -> Bool {
        !channels.contains { channel in
            let paced = rates[channel.channel].map { $0 > 0 && Double(channel.ready.count) > $0 } ?? false
            return paced || channel.ready.contains { $0.claimed.interrupted > 0 }
        }
    }

    /// The batch with only the messages `ids` to hand over (written again for their transport).
    func keeping(_ ids: Set<Int64>) -> PreparedBatch {
        var batch = PreparedBatch(settled: settled)
        for channel in channels {
            let ready = channel.ready.filter { ids.contains($0.claimed.id) }
            if !ready.isEmpty { batch.channels.append((channel.channel, channel.transport, ready, channel.transport.write(ready.map(\.message)))) }
        }
        return batch
    }
}

/// The thread a sending pass hands its batches over on, one batch at a time; `wait` passes each
/// batch's outcomes back to the sender's thread. One thread for the pass, not one per batch: a
/// thread's id comes from the machine's process ids, and a sender's lease names its process id, so a
/// thread per batch would bring a dead sender's id back sooner (Sender.isGone).
/// Unchecked Sendable: a batch's transports (and the sender's `windows`) are used by this thread
/// alone from `start` until `wait` returns; meanwhile the sender's thread only calls their `write`
/// (BatchTransport: touches nothing `send` uses) for the next batch. `shouldStop`, asked from both
/// threads, is set between passes only and reads an atomic flag (SignalWatcher). What crosses
/// between the threads goes through `condition`.
final class BatchHandOver: @unchecked Sendable {
    /// What the hand-over thread passes back: a message's outcome and when it was known.
    struct Arrived {
        var ready: PreparedBatch.Ready
        var outcome: DeliveryOutcome
        var at: Date
    }

    /// How often the waiting sender's thread wakes at least (the watchdog, the group commit's
    /// interval), and at most (a tiny `commit_interval_ms` does not make it spin).
    static let wakeInterval: ClosedRange<TimeInterval> = 0.01...0.1
    private let sender: Sender
    private let condition = NSCondition()
    /// The batch given by `start`, until the thread takes it.
    private var batch: PreparedBatch?
    private var arrived: [Arrived] = []
    /// How many outcomes of the batch have arrived, and at which count the waiting sender's thread
    /// is woken before the batch's end (PreparedBatch.earlyRecord).
    private var arrivals = 0
    private var wakeAt = 0
    private var finished = true
    private var closed = false

    /// Starts the thread, waiting for a batch.
    init(sender: Sender) {
        self.sender = sender
        Thread.detachNewThread { [self] in
            Thread.current.name = "relais hand-over"
            while let batch = nextBatch() {
                for channel in batch.channels { handOver(channel.ready, channel.written, on: channel.channel, through: channel.transport) }
                condition.lock()
                finished = true
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Hands `batch` over on the thread; `wait` for it before the next.
    func start(_ batch: PreparedBatch) {
        condition.lock()
        precondition(finished && !closed, "one batch at a time")
        self.batch = batch
        finished = false
        arrivals = 0
        wakeAt = batch.earlyRecord
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the thread once its batch is handed over.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch to hand over, waiting for it; nil once closed.
    private func nextBatch() -> PreparedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batch == nil && !closed { condition.wait() }
        defer { batch = nil }
        return batch
    }

    /// Gives `received` each outcome as it arrives and calls `meanwhile` at least every `every`
    /// seconds, on the caller's thread, until the whole batch is handed over and its outcomes given
    /// (not after the last ones: the caller records them with the next batch's mark).
    func wait(every: TimeInterval, received: (Arrived) -> Void, meanwhile: () -> Void) {
        while true {
            condition.lock()
            // Signalled at the batch's end and once its early record's outcomes are in (start);
            // woken by the time (or spuriously) otherwise.
            let done = finished || (condition.wait(until: Date().addingTimeInterval(every)) && finished)
            let taken = arrived
            arrived = []
            condition.unlock()
            taken.forEach(received)
            if done { return }
            meanwhile()
        }
    }

    /// Hands one channel's messages to its transport at the channel's rate; stops when the sender
    /// should (SIGTERM): what is not handed over stays leased, in flight but unsent, and is given back.
    private func handOver(_ ready: [PreparedBatch.Ready], _ written: WrittenBatch, on channel: Channel, through transport: Transport) {
        transport.sendBatch(
            written,
            hooks: SendHooks(
                starting: { [sender] _ in !sender.shouldStop() && sender.pace(channel) },
                finished: { [self] index, outcome in
                    condition.lock()
                    arrived.append(Arrived(ready: ready[index], outcome: outcome, at: Date()))
                    arrivals += 1
                    if arrivals == wakeAt { condition.broadcast() }
                    condition.unlock()
                }))
    }
}
