// Sender+HandOver: a batch handed over on a thread of its own. The sender's thread claims and
// writes the next batch (SQLite, templates) while this one goes through its channels' connections
// (libcurl, the kernel's TCP), so that the two share the machine's cores:
//
//   sender's thread:  claim+write N ─ mark N ─ claim+write N+1 ─ wait, record N ─ mark N+1 ─ …
//   hand-over thread:                   └─ hand N over ───────────────┘    └─ hand N+1 over ─ …
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

    /// The messages to hand over: marked in flight just before.
    var handedOver: [Int64] { channels.flatMap { $0.ready.map(\.claimed.id) } }
}

/// One batch handed over on its own thread; `wait` passes its outcomes back to the sender's thread.
/// Unchecked Sendable: the batch's transports (and the sender's `windows` and `shouldStop`) are
/// used by this thread alone from `start` until `wait` returns; meanwhile the sender's thread only
/// calls their `write` (BatchTransport: touches nothing `send` uses) for the next batch. What
/// crosses between the threads goes through `condition`.
final class BatchHandOver: @unchecked Sendable {
    /// What the hand-over thread passes back: a message's outcome and when it was known.
    struct Arrived {
        var ready: PreparedBatch.Ready
        var outcome: DeliveryOutcome
        var at: Date
    }

    /// How often the waiting sender's thread wakes at least (the watchdog, the group commit's interval).
    static let wakeInterval: TimeInterval = 0.1
    private let sender: Sender
    private let batch: PreparedBatch
    private let condition = NSCondition()
    private var arrived: [Arrived] = []
    private var finished = false

    init(sender: Sender, batch: PreparedBatch) {
        self.sender = sender
        self.batch = batch
    }

    /// Hands the batch over on a new thread.
    func start() {
        Thread.detachNewThread { [self] in
            Thread.current.name = "relais hand-over"
            for channel in batch.channels { handOver(channel.ready, channel.written, on: channel.channel, through: channel.transport) }
            condition.lock()
            finished = true
            condition.signal()
            condition.unlock()
        }
    }

    /// Gives `received` each outcome as it arrives and calls `meanwhile` at least every `every`
    /// seconds, on the caller's thread, until the whole batch is handed over and its outcomes given.
    func wait(every: TimeInterval, received: (Arrived) -> Void, meanwhile: () -> Void) {
        while true {
            condition.lock()
            // Signalled only at the batch's end; woken by the time (or spuriously) otherwise.
            let done = finished || (condition.wait(until: Date().addingTimeInterval(every)) && finished)
            let taken = arrived
            arrived = []
            condition.unlock()
            taken.forEach(received)
            meanwhile()
            if done { return }
        }
    }

    /// Hands one channel's messages to its transport at the channel's rate; stops when the sender
    /// should (SIGTERM): what is not handed over stays leased, in flight but unsent, and is given back.
    private func handOver(_ ready: [PreparedBatch.Ready], _ written: WrittenBatch, on channel: Channel, through transport: Transport) {
        transport.sendBatch(
            written,
            hooks: SendHooks(
                starting: { [sender] _ in
                    guard !sender.shouldStop() else { return false }
                    sender.pace(channel)
                    return true
                },
                finished: { [self] index, outcome in
                    condition.lock()
                    arrived.append(Arrived(ready: ready[index], outcome: outcome, at: Date()))
                    condition.unlock()
                }))
    }
}
